package programme

import (
	"context"
	"math"
	"path/filepath"
	"sync"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

func loadToy(t *testing.T, sets ...string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(filepath.Join("testdata", "toy.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range sets {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// window is what a run recorded over days [from, to): the share of days
// West's post failed (East never fails), and officials' extortion per
// migrant processed at a counter.
type window struct{ failing, extortion float64 }

func over(days []sim.DayRecord, from, to int) window {
	var w window
	for d := from; d < to; d++ {
		w.failing += float64(days[d].PostsFailing)
	}
	w.failing /= float64(to - from)
	a, b := &days[from-1], &days[to-1]
	turns := float64(b.Admitted + b.Refused - a.Admitted - a.Refused)
	w.extortion = float64(b.Abuse[sim.Extortion][sim.ByOfficial]-a.Abuse[sim.Extortion][sim.ByOfficial]) / turns
	return w
}

// paired is the mean of with − without over replicates, with its 95%
// interval.
func paired(with, without []float64) output.Stat {
	d := make([]float64, len(with))
	for i := range d {
		d[i] = with[i] - without[i]
	}
	return output.Describe(d)
}

// TestTrainingOverTime: training lowers the post's outages and officials'
// extortion while the programme runs, more as it goes on, and its effect
// wears off after it ends as trained officers leave; before it starts,
// nothing differs.
func TestTrainingOverTime(t *testing.T) {
	s := loadToy(t)
	const reps = 24
	start, end := 60, 240
	late, after := [2]int{end - 90, end}, [2]int{s.File.Days - 150, s.File.Days}
	var failLate, failAfter, extLate, extAfter [2][]float64 // [without, with]
	for on := range 2 {
		cfg, err := s.ConfigSwitched("malfunctioning", scenarios.ProgrammeSwitch{Programme: "train", On: scenarios.Channel(on) * scenarios.AllChannels})
		if err != nil {
			t.Fatal(err)
		}
		var before []sim.DayRecord
		for rep := range reps {
			res, err := sim.Run(cfg, sim.ReplicateSeed(uint64(s.File.Seed), rep))
			if err != nil {
				t.Fatal(err)
			}
			if rep == 0 {
				before = res.Days[:start]
			}
			l, a := over(res.Days, late[0], late[1]), over(res.Days, after[0], after[1])
			failLate[on], failAfter[on] = append(failLate[on], l.failing), append(failAfter[on], a.failing)
			extLate[on], extAfter[on] = append(extLate[on], l.extortion), append(extAfter[on], a.extortion)
		}
		if on == 1 {
			without, _ := s.ConfigSwitched("malfunctioning", scenarios.ProgrammeSwitch{Programme: "train", On: 0})
			res, _ := sim.Run(without, sim.ReplicateSeed(uint64(s.File.Seed), 0))
			for d := range start {
				if res.Days[d] != before[d] {
					t.Fatalf("day %d, before the programme starts: the records with and without it differ", d)
				}
			}
		}
	}
	for _, c := range []struct {
		what                  string
		late, after, zeroLate output.Stat
	}{
		{"share of days failing", paired(failLate[1], failLate[0]), paired(failAfter[1], failAfter[0]), output.Stat{}},
		{"extortion per migrant at the counter", paired(extLate[1], extLate[0]), paired(extAfter[1], extAfter[0]), output.Stat{}},
	} {
		t.Logf("%s: with minus without training, days %d-%d: %.4f [%.4f, %.4f]; days %d-%d: %.4f [%.4f, %.4f]",
			c.what, late[0], late[1], c.late.Mean, c.late.Lo, c.late.Hi, after[0], after[1], c.after.Mean, c.after.Lo, c.after.Hi)
		if !(c.late.Hi < 0) {
			t.Errorf("%s at the end of the programme: training changed it by %.4f [%.4f, %.4f]; want it lower", c.what, c.late.Mean, c.late.Lo, c.late.Hi)
		}
		if !(c.after.Mean > c.late.Mean) {
			t.Errorf("%s: training lowered it by %.4f at the end of the programme and %.4f long after; want its effect wearing off", c.what, -c.late.Mean, -c.after.Mean)
		}
		// The decay: the gap between the two effects, paired by replicate.
		var late, after []float64
		switch c.what {
		case "share of days failing":
			late, after = diff(failLate[1], failLate[0]), diff(failAfter[1], failAfter[0])
		default:
			late, after = diff(extLate[1], extLate[0]), diff(extAfter[1], extAfter[0])
		}
		if d := output.Describe(diff(after, late)); !(d.Lo > 0) {
			t.Errorf("%s: the effect long after the programme minus at its end: %.4f [%.4f, %.4f]; want it above 0 (wearing off)", c.what, d.Mean, d.Lo, d.Hi)
		}
	}
}

func diff(a, b []float64) []float64 {
	d := make([]float64, len(a))
	for i := range d {
		d[i] = a[i] - b[i]
	}
	return d
}

var (
	toyOnce     sync.Once
	toyAnalysis *Outcome
	toyErr      error
)

// analyseToy runs the analysis on the toy world once for the tests that
// read it.
func analyseToy(t *testing.T) *Outcome {
	t.Helper()
	toyOnce.Do(func() {
		s, err := scenarios.Load(filepath.Join("testdata", "toy.toml"))
		if err != nil {
			toyErr = err
			return
		}
		toyAnalysis, toyErr = Run(context.Background(), s, "", Options{}, filepath.Join(t.TempDir(), "out"), 2, nil, nil)
	})
	if toyErr != nil {
		t.Fatal(toyErr)
	}
	return toyAnalysis
}

// TestEquipmentRaisesRefusals: document readers make the post that admits
// only the documented refuse more of the undocumented, through the
// tightening channel alone, and no more of the documented.
func TestEquipmentRaisesRefusals(t *testing.T) {
	a := analyseToy(t)
	undoc, _ := a.Find("malfunctioning", Tightening, "refused", "undocumented")
	doc, _ := a.Find("malfunctioning", Tightening, "refused", "documented")
	rep, _ := a.Find("malfunctioning", Repairing, "refused", "undocumented")
	t.Logf("refusals of the undocumented through tightening %s; of the documented %s", FormatInterval(undoc), FormatInterval(doc))
	if !(undoc.Lo > 0) {
		t.Errorf("tightening changed refusals of the undocumented by %s; want more", FormatInterval(undoc))
	}
	if doc.Mean != 0 && !(doc.Lo <= 0 && doc.Hi >= 0) {
		t.Errorf("tightening changed refusals of the documented by %s; want no change", FormatInterval(doc))
	}
	if math.Abs(rep.Mean) >= undoc.Mean {
		t.Errorf("refusals of the undocumented: repair %s, tightening %s; want tightening's part the larger", FormatInterval(rep), FormatInterval(undoc))
	}
}

// TestDecompositionAddsUp: where the two channels act on different
// migrants at different posts, the channels' parts add up to the whole
// effect within replicate noise (the interaction's interval holds 0), each
// channel does what it claims where it acts, and the parts with the
// interaction add up exactly.
func TestDecompositionAddsUp(t *testing.T) {
	a := analyseToy(t)
	for _, m := range Metrics {
		for _, g := range Groups() {
			tot, ok := a.Find("malfunctioning", Total, m.Name, g)
			if !ok {
				continue
			}
			r, _ := a.Find("malfunctioning", Repairing, m.Name, g)
			tg, _ := a.Find("malfunctioning", Tightening, m.Name, g)
			in, _ := a.Find("malfunctioning", Interaction, m.Name, g)
			if math.Abs(tot.Mean-(r.Mean+tg.Mean+in.Mean)) > 1e-6*math.Max(1, math.Abs(tot.Mean)) {
				t.Errorf("%s, %s: total %g but repair %g + tightening %g + interaction %g = %g", m.Name, g, tot.Mean, r.Mean, tg.Mean, in.Mean, r.Mean+tg.Mean+in.Mean)
			}
			// Within replicate noise, across the whole family of metrics and
			// groups (Bonferroni), so that one test in twenty does not fail
			// by chance.
			if half := bonferroni(len(Metrics)*len(Groups()), in.N) * in.SD / math.Sqrt(float64(in.N)); math.Abs(in.Mean) > half {
				t.Errorf("%s, %s: interaction %s, beyond ±%.3g; want 0 within replicate noise where the channels act apart", m.Name, g, FormatInterval(in), half)
			}
		}
	}
	// Repair (training at the failing post) lowers abuse there; tightening
	// (document checks at the other) changes nothing for the documented.
	if e, _ := a.Find("malfunctioning", Repairing, "abuse_events", All); !(e.Hi < 0) {
		t.Errorf("repair changed abuse events by %s; want fewer", FormatInterval(e))
	}
	if e, _ := a.Find("malfunctioning", Tightening, "trapped_person_days", "documented"); e.Mean != 0 && !(e.Lo <= 0 && e.Hi >= 0) {
		t.Errorf("tightening changed trapped person-days of the documented by %s; want no change", FormatInterval(e))
	}
	// Spending is counted: the harms the programme averts have a cost.
	if e, _ := a.Find("malfunctioning", Total, "abuse_events", All); !(e.CostPerAverted > 0 && e.CostLo <= e.CostPerAverted && e.CostPerAverted <= e.CostHi) {
		t.Errorf("cost per abuse event averted %g [%g, %g]; want a positive cost within its interval", e.CostPerAverted, e.CostLo, e.CostHi)
	}
}

// bonferroni is the t quantile of a two-sided 95% interval corrected for
// k tests, with n replicates.
func bonferroni(k, n int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(1 - 0.025/float64(k))
}

// TestInteractionWhereChannelsMeet: where both channels act on the same
// migrants (training that ends bribed passages and document readers, at
// one post closed to the undocumented), the parts do not add up, and the
// interaction says by how much.
func TestInteractionWhereChannelsMeet(t *testing.T) {
	s := loadToy(t, "posts.East.oversight=0.4", "programmes.train.posts=West,East", "replicates=8")
	a, err := Run(context.Background(), s, "", Options{}, filepath.Join(t.TempDir(), "out"), 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := a.Find("malfunctioning", Interaction, "trapped_person_days", "undocumented")
	if !(in.Lo > 0 || in.Hi < 0) {
		t.Errorf("interaction on trapped person-days of the undocumented where the channels meet: %s; want it told apart from 0", FormatInterval(in))
	}
}
