package experiment

import (
	"context"
	"errors"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
)

func TestSpread(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		values       []float64
		bands        string
		mean, lo, hi float64
	}{
		{nil, output.BandsPercentile, nan, nan, nan},
		{[]float64{4}, output.BandsPercentile, 4, nan, nan},
		// Counts with one large value: the t-interval of the mean goes
		// below 0, the percentiles do not.
		{[]float64{0, 0, 30}, output.BandsPercentile, 10, 0, 28.5},
		{[]float64{0, 0, 30}, output.BandsReplicates, 10, nan, nan},
		{[]float64{1, 2, 3, 4, 5}, output.BandsPercentile, 3, 1.1, 4.9},
		// Mean 3, sd √2, n 2: 3 ± t(0.975, 1) × √2/√2 = 3 ± 12.7062...
		{[]float64{2, 4}, output.BandsCI, 3, 3 - 12.706204736174707, 3 + 12.706204736174707},
	} {
		m, lo, hi := spread(tc.values, tc.bands)
		same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
		if !same(m, tc.mean) || !same(lo, tc.lo) || !same(hi, tc.hi) {
			t.Errorf("spread(%v, %s) = %v, %v, %v; want %v, %v, %v", tc.values, tc.bands, m, lo, hi, tc.mean, tc.lo, tc.hi)
		}
	}
	ci := output.Describe([]float64{0, 0, 30})
	if ci.Lo >= 0 {
		t.Fatalf("the t-interval of 0, 0, 30 starts at %v; the case above needs it below 0", ci.Lo)
	}
}

// TestCountBandsCutAtZero: with --bands ci, the bands and error bars of
// run and compare figures, all counts, stop at 0 where the t-interval of
// the mean reaches below it (compare sahel --bands ci drew bands of
// migrants trapped down to −200), and their captions say so, as the
// claim's cells_* figures do.
func TestCountBandsCutAtZero(t *testing.T) {
	values := []float64{0, 0, 30} // TestSpread: its t-interval starts below 0
	if b := bar("x", values, output.BandsCI); b.Lo != 0 || b.Hi != output.Describe(values).Hi || b.Mean != 10 {
		t.Errorf("bar of %v with ci: mean %v, interval [%v, %v]; want 10, [0, %v]", values, b.Mean, b.Lo, b.Hi, output.Describe(values).Hi)
	}
	x, err := (&Plan{Command: "compare", Scenario: loadSmall(t, 2, 30), Regimes: []string{"open", "malfunctioning"}, Reps: 2}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Write(context.Background(), x, out, Options{Workers: 2, Formats: []string{}}); err != nil {
		t.Fatal(err)
	}
	bands, err := readBands(filepath.Join(out, "timeseries.csv"), "abuse_events", output.BandsCI, palette.RegimeStyle)
	if err != nil {
		t.Fatal(err)
	}
	below := 0 // days whose uncut interval reaches below 0
	for _, b := range bands {
		for i, lo := range b.Lo {
			if lo < 0 {
				t.Errorf("%s, day %v: band from %v", b.Label, b.X[i], lo)
			}
			if lo == 0 && b.Mean[i] > 0 {
				below++
			}
		}
	}
	if below == 0 {
		t.Errorf("no day's band was cut at 0; the test needs one")
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	m.FigureOptions = &output.FigureOptions{Bands: output.BandsCI}
	for _, what := range []string{"bands", "error bars"} {
		if got, want := (Source{Dir: out, Manifest: m}).caption(what).Spread, what+": 95% confidence intervals of the mean, cut at 0"; got != want {
			t.Errorf("caption of %s with ci: %q, want %q", what, got, want)
		}
	}
}

func TestCheckFigureOptions(t *testing.T) {
	regimes := []string{"open", "closed"}
	for _, tc := range []struct {
		o    output.FigureOptions
		want string // "" for no error
	}{
		{output.DefaultFigureOptions(), ""},
		{output.FigureOptions{Bands: "ci", Size: "single", Metrics: []string{"deaths"}, Regimes: []string{"open"}}, ""},
		{output.FigureOptions{Bands: "percentil", Size: "double"}, "did you mean percentile?"},
		{output.FigureOptions{Bands: "ci", Size: "singel"}, "did you mean single?"},
		{output.FigureOptions{Bands: "ci", Size: "double", Metrics: []string{"abused_migrant"}}, "did you mean abused_migrants?"},
		{output.FigureOptions{Bands: "ci", Size: "double", Regimes: []string{"closd"}}, "did you mean closed?"},
	} {
		err := CheckFigureOptions(tc.o, regimes)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.o, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v; want an error with %q", tc.o, err, tc.want)
		}
	}
}

const small = "../cmd/borderwork/testdata/small.toml"

func loadSmall(t *testing.T, reps, days int) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(small)
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = reps, days
	return s
}

// TestUnaffectedRegimesRunOnce: a sweep of a malfunctioning key leaves
// open's configuration alone, so open is simulated once per replicate;
// its rows at every point are those a compare of open gives, replicate by
// replicate.
func TestUnaffectedRegimesRunOnce(t *testing.T) {
	s := loadSmall(t, 3, 30)
	p, err := NewSweep(s, small, []string{"open", "malfunctioning"}, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2,0.4"}})
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if got := x.Reused(); !slices.Equal(got, []string{"open"}) {
		t.Fatalf("Reused = %v, want [open]", got)
	}
	if x.Sweep.Reused == nil || !slices.Equal(x.Sweep.Reused, []string{"open"}) {
		t.Errorf("the sweep's manifest section lists %v as reused", x.Sweep.Reused)
	}
	// 3 points × 2 regimes × 3 replicates = 18 runs; open's 9 are 3.
	if got := x.Simulations(x.AllJobs()); got != 12 {
		t.Errorf("Simulations = %d, want 12", got)
	}
	var sweepRows []output.SummaryRow
	if err := x.Execute(context.Background(), x.AllJobs(), 3, func(r Simulated) error {
		sweepRows = append(sweepRows, output.SummaryOf(r.Run, r.Days))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cp := &Plan{Command: "compare", Scenario: loadSmall(t, 3, 30), Regimes: []string{"open"}, Reps: 3}
	cx, err := cp.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if len(cx.Reused()) != 0 {
		t.Errorf("a compare (one point) reuses %v", cx.Reused())
	}
	var want []output.SummaryRow
	if err := cx.Execute(context.Background(), cx.AllJobs(), 1, func(r Simulated) error {
		want = append(want, output.SummaryOf(r.Run, r.Days))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range sweepRows {
		if r.Run.Regime != "open" {
			continue
		}
		n++
		if w := want[r.Run.Replicate]; !slices.Equal(r.Totals, w.Totals) || r.Run.Seed != w.Run.Seed {
			t.Errorf("open, replicate %d at %v: totals differ from a run of its own", r.Run.Replicate, r.Run.Params)
		}
	}
	if n != 9 {
		t.Errorf("%d rows of open, want 9", n)
	}
	// A key that changes every regime reuses nothing.
	p2, err := NewSweep(loadSmall(t, 2, 30), small, []string{"open", "closed"}, SweepSpec{Vary: []string{"migrants.trapped_after_days=7,14"}})
	if err != nil {
		t.Fatal(err)
	}
	x2, err := p2.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if got := x2.Reused(); len(got) != 0 || x2.Sweep.Reused != nil {
		t.Errorf("a key every regime reads: Reused = %v", got)
	}
}

// TestEveryFigureLaysOut draws every figure that compare (with
// --by-location) and sweeps of each shape write, with each band choice,
// at every size in every format, and requires that no text overlaps,
// leaves the canvas or runs across the edge of the data area.
func TestEveryFigureLaysOut(t *testing.T) {
	if testing.Short() {
		t.Skip("draws every figure in every format and size")
	}
	dir := t.TempDir()
	type folder struct {
		name  string
		plan  *Plan
		bands []string
	}
	sweep := func(regimes []string, spec SweepSpec) *Plan {
		p, err := NewSweep(loadSmall(t, 2, 20), small, regimes, spec)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	folders := []folder{
		{"compare", &Plan{Command: "compare", Scenario: loadSmall(t, 3, 30), Regimes: []string{"open", "closed", "malfunctioning", "hbm", "strict"}, Reps: 3, ByLocation: true},
			output.BandChoices},
		{"flee", &Plan{Command: "compare", Scenario: loadFleeSmall(t), Arg: "flee-small.toml", Regimes: []string{"open", "closed", "malfunctioning", "hbm"}, Reps: 2, ByLocation: true}, output.BandChoices},
		{"grid1", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05:0.4:3"}}), output.BandChoices},
		{"grid2", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2", "posts.Gate.capacity=5:25:3"}}), []string{output.BandsPercentile}},
		{"lhs2", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Design: "lhs", Samples: 12, Vary: []string{"regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21"}}), []string{output.BandsPercentile}},
		{"lhs3", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Design: "lhs", Samples: 8, Vary: []string{"regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21", "posts.Gate.capacity=5:25"}}), []string{output.BandsPercentile}},
		// Log axes, for ranges drawn log-uniformly.
		{"lhs1log", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Design: "lhs", Samples: 8, Vary: []string{"regimes.malfunctioning.outage_start=0.001:0.4:log"}}), output.BandChoices},
		{"lhs2log", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Design: "lhs", Samples: 12, Vary: []string{"regimes.malfunctioning.outage_start=0.001:0.4:log", "posts.Gate.capacity=1:100:log"}}), []string{output.BandsPercentile}},
		{"lhs3log", sweep([]string{"closed", "malfunctioning"}, SweepSpec{Design: "lhs", Samples: 8, Vary: []string{"regimes.malfunctioning.outage_start=0.001:0.4:log", "migrants.trapped_after_days=7:21", "posts.Gate.capacity=5:25"}}), []string{output.BandsPercentile}},
	}
	for _, f := range folders {
		x, err := f.plan.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, f.name)
		if _, err := Write(context.Background(), x, out, Options{Workers: 2}); err != nil {
			t.Fatal(err)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		k, _ := KindOf(m.Command)
		for _, bands := range f.bands {
			for _, size := range []string{"double", "single"} {
				m.FigureOptions = &output.FigureOptions{Bands: bands, Size: size}
				drawn := 0
				for _, fig := range k.Figures {
					ds, err := fig.Draw(Source{Dir: out, Manifest: m})
					if err != nil {
						t.Fatalf("%s %s: %v", f.name, fig.Name, err)
					}
					for _, d := range ds {
						if d.Fig == nil { // nothing to show, no file: nothing to lay out
							continue
						}
						drawn++
						sz, _ := figures.SizeNamed(size)
						d.Fig.SetSize(sz)
						for _, format := range []string{"png", "svg", "pdf"} {
							l, err := d.Fig.Layout(format)
							if err != nil {
								t.Fatal(err)
							}
							for _, p := range l.Problems() {
								t.Errorf("%s, %s, bands %s, %s, %s: %s", f.name, d.Name, bands, size, format, p)
							}
						}
					}
				}
				if drawn == 0 {
					t.Errorf("%s: no figures drawn", f.name)
				}
			}
		}
	}
}

// TestSweepAxesNameUnits: a sweep's figures label each varied key's axis
// with the key, as --vary writes it, and its unit from the scenario
// format (scenarios.Scenario.KeyUnit).
func TestSweepAxesNameUnits(t *testing.T) {
	for _, tc := range []struct {
		spec SweepSpec
		want []string
	}{
		{SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05:0.4:3"}},
			[]string{"regimes.malfunctioning.outage_start (probability per day)"}},
		{SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2", "posts.Gate.capacity=5:25:3"}},
			[]string{"regimes.malfunctioning.outage_start (probability per day)", "posts.Gate.capacity (migrants per day)"}},
		{SweepSpec{Design: "lhs", Samples: 6, Vary: []string{"regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21"}},
			[]string{"regimes.malfunctioning.outage_start (probability per day)", "migrants.trapped_after_days (days)"}},
		// A range drawn log-uniformly is drawn on a log axis, in every
		// figure: its linear label is never seen.
		{SweepSpec{Design: "lhs", Samples: 6, Vary: []string{"regimes.malfunctioning.outage_start=0.001:0.4:log", "migrants.trapped_after_days=7:21"}},
			[]string{"regimes.malfunctioning.outage_start (probability per day; logarithmic scale)", "migrants.trapped_after_days (days)", "!regimes.malfunctioning.outage_start (probability per day)"}},
		{SweepSpec{Design: "lhs", Samples: 6, Vary: []string{"regimes.malfunctioning.outage_start=0.001:0.4:log", "migrants.trapped_after_days=7:21", "posts.Gate.capacity=5:25"}},
			[]string{"regimes.malfunctioning.outage_start (probability per day; logarithmic scale)", "!regimes.malfunctioning.outage_start (probability per day)"}},
	} {
		p, err := NewSweep(loadSmall(t, 2, 20), small, []string{"closed", "malfunctioning"}, tc.spec)
		if err != nil {
			t.Fatal(err)
		}
		x, err := p.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "sweep")
		if _, err := Write(context.Background(), x, out, Options{Workers: 2}); err != nil {
			t.Fatal(err)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		k, _ := KindOf(m.Command)
		seen := map[string]bool{}
		drawn := 0
		for _, fig := range k.Figures {
			ds, err := fig.Draw(Source{Dir: out, Manifest: m})
			if err != nil {
				t.Fatalf("%v: %s: %v", tc.spec.Vary, fig.Name, err)
			}
			for _, d := range ds {
				if d.Fig == nil {
					continue
				}
				drawn++
				l, err := d.Fig.Layout("svg")
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range l.Text {
					seen[b.Text] = true
				}
			}
		}
		if drawn == 0 {
			t.Fatalf("%v: no figures drawn", tc.spec.Vary)
		}
		for _, w := range tc.want {
			if never, ok := strings.CutPrefix(w, "!"); ok {
				if seen[never] {
					t.Errorf("%v: an axis reads %q", tc.spec.Vary, never)
				}
				continue
			}
			if !seen[w] {
				t.Errorf("%v: no axis reads %q", tc.spec.Vary, w)
			}
		}
	}
}

// TestShareGridLogBins: the share map of a Latin hypercube bins a key
// drawn log-uniformly equally on its logarithms, as the design draws it,
// so that each column holds about as many points (binned evenly, a range
// of 0.001 to 0.4 put 22 of 27 points in its first column). The cells
// span the points drawn, not the range given, so a column may hold one
// more or fewer than its stratum's third.
func TestShareGridLogBins(t *testing.T) {
	factors := []design.Factor{{Lo: 0.001, Hi: 0.4, Log: true}, {Lo: 5, Hi: 25}}
	pts := design.LatinHypercube(factors, 27, 9) // a 3×3 map
	s := &sweepSource{info: &output.SweepInfo{Points: pts}, log: []bool{true, false}}
	ma, mb := make([]float64, len(pts)), make([]float64, len(pts))
	for i := range ma {
		ma[i] = float64(i % 2)
	}
	x, _, _, n := s.shareGrid(ma, mb)
	for c := range 3 {
		column := n[0][c] + n[1][c] + n[2][c]
		if column < 8 || column > 10 {
			t.Errorf("column %d holds %d points; want 9 ± 1", c, column)
		}
	}
	if !(x[1] > x[0] && math.Abs((x[2]-x[1])-(x[1]-x[0])) < 1e-12) || math.Abs(math.Exp(x[1])-math.Sqrt(0.001*0.4)) > 0.01 {
		t.Errorf("column centres %v; want equal steps of logarithms, the middle one about log √(0.001·0.4)", x)
	}
}

// TestCaptionsSayWhatIsDrawn: every figure of compare and sweep folders
// says in its caption what its lines, bars, markers or colours are (the
// mean of the replicates, counted) and what its bands or error bars show,
// by band choice: the spread of the replicates or the confidence interval
// of the mean, never an ambiguous interval "across replicates".
func TestCaptionsSayWhatIsDrawn(t *testing.T) {
	dir := t.TempDir()
	sweep := func(spec SweepSpec) *Plan {
		p, err := NewSweep(loadSmall(t, 2, 20), small, []string{"closed", "malfunctioning"}, spec)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	const (
		pct      = "middle 95% of replicates (2.5th to 97.5th percentile)"
		ci       = "95% confidence intervals of the mean"
		ciCut    = ci + ", cut at 0" // counts, never negative
		pooledAt = "lines: mean over the replicates and the other keys' values"
	)
	for _, tc := range []struct {
		name  string
		plan  *Plan
		bands string
		want  map[string]string // figure name -> what its caption says after the seed
	}{
		{"compare", &Plan{Command: "compare", Scenario: loadSmall(t, 3, 30), Regimes: []string{"open", "closed"}, Reps: 3, ByLocation: true}, output.BandsPercentile,
			map[string]string{
				"trapped":           "lines: mean of 3 replicates · bands: " + pct,
				"abuse":             "lines: mean of 3 replicates · bands: " + pct,
				"outcomes":          "bars: mean of 3 replicates · error bars: " + pct,
				"abuse_by_location": "bars: mean of 3 replicates · error bars: " + pct, // nothing trapped at any location in 30 days: no trapped_by_location
			}},
		{"compare", nil, output.BandsCI, map[string]string{
			"trapped":  "lines: mean of 3 replicates · bands: " + ciCut,
			"outcomes": "bars: mean of 3 replicates · error bars: " + ciCut,
		}},
		{"compare", nil, output.BandsReplicates, map[string]string{
			"trapped":  "lines: mean of 3 replicates · thin lines: single replicates",
			"outcomes": "bars: mean of 3 replicates · dots: single replicates",
		}},
		{"grid1", sweep(SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05:0.4:3"}}), output.BandsCI, map[string]string{
			"trapped_person_days_vs_regimes_malfunctioning_outage_start": "lines: mean of 2 replicates per point · bands: " + ciCut,
		}},
		{"grid2", sweep(SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2", "posts.Gate.capacity=5,25"}}), output.BandsPercentile, map[string]string{
			"trapped_person_days_malfunctioning":              "colours: mean of 2 replicates per cell · the colour scale is this map's own, not shared with the other regimes'",
			"trapped_person_days_malfunctioning_minus_closed": "colours: difference of the means of 2 replicates per cell",
		}},
		{"grid3", sweep(SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2", "posts.Gate.capacity=5,25", "migrants.trapped_after_days=7,14"}}), output.BandsPercentile, map[string]string{
			"deaths_vs_posts_gate_capacity": "2 replicates per point · " + pooledAt + " · bands: middle 95% of those runs (2.5th to 97.5th percentile)",
		}},
		{"grid3", nil, output.BandsCI, map[string]string{
			"deaths_vs_posts_gate_capacity": "2 replicates per point · " + pooledAt + " · bands: 95% confidence intervals of that mean, cut at 0",
		}},
		{"lhs2", sweep(SweepSpec{Design: "lhs", Samples: 6, Vary: []string{"regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21"}}), output.BandsPercentile, map[string]string{
			"trapped_person_days_malfunctioning":                    "colours: mean of 2 replicates per point · Latin hypercube of 6 points; the colour scale is this map's own, not shared with the other regimes'",
			"trapped_person_days_malfunctioning_above_closed_share": "2 replicates per point · Latin hypercube",
		}},
		{"lhs3", sweep(SweepSpec{Design: "lhs", Samples: 6, Vary: []string{"regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21", "posts.Gate.capacity=5:25"}}), output.BandsPercentile, map[string]string{
			"deaths_vs_posts_gate_capacity": "markers: mean of 2 replicates per point · Latin hypercube",
		}},
	} {
		out := filepath.Join(dir, tc.name)
		if tc.plan != nil {
			x, err := tc.plan.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Write(context.Background(), x, out, Options{Workers: 2}); err != nil {
				t.Fatal(err)
			}
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		m.FigureOptions = &output.FigureOptions{Bands: tc.bands, Size: "double"}
		k, _ := KindOf(m.Command)
		captions := map[string]string{}
		for _, fig := range k.Figures {
			ds, err := fig.Draw(Source{Dir: out, Manifest: m})
			if err != nil {
				t.Fatalf("%s %s: %v", tc.name, fig.Name, err)
			}
			for _, d := range ds {
				if d.Fig == nil {
					continue
				}
				c := d.Fig.Caption()
				captions[d.Name] = c
				if strings.Contains(c, "across replicates") {
					t.Errorf("%s, bands %s, %s: caption %q", tc.name, tc.bands, d.Name, c)
				}
			}
		}
		for name, want := range tc.want {
			got, ok := captions[name]
			if !ok {
				t.Errorf("%s: no figure %s among %v", tc.name, name, slices.Sorted(maps.Keys(captions)))
				continue
			}
			if after, _ := strings.CutPrefix(got, "scenario small · seed "+strconv.FormatInt(m.Seed, 10)+" · "); !strings.HasPrefix(after, want) {
				t.Errorf("%s, bands %s, %s: caption %q, want it to go on %q after the seed", tc.name, tc.bands, name, got, want)
			}
		}
	}
}

// TestNoLocationFigureOfNothing: when locations.csv counts nothing of a
// column anywhere, under any regime, the location figure is not drawn
// (it once drew one empty row, captioned as if the others had been left
// out for having none), no file of it is written, and report.md says in
// its place that nothing was counted at any of the locations.
func TestNoLocationFigureOfNothing(t *testing.T) {
	// Two days: nobody waits long enough to count as trapped.
	x, err := (&Plan{Command: "compare", Scenario: loadSmall(t, 2, 2), Regimes: []string{"open", "closed"}, Reps: 2, ByLocation: true}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Write(context.Background(), x, out, Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	_, _, sums, err := readLocationSums(filepath.Join(out, "locations.csv"), "trapped")
	if err != nil {
		t.Fatal(err)
	}
	for _, byLoc := range sums {
		for _, reps := range byLoc {
			if slices.ContainsFunc(reps, func(v float64) bool { return v != 0 }) {
				t.Fatalf("the test needs no trapped person-days anywhere; locations.csv has some")
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "figures", "trapped_by_location.svg")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("figures/trapped_by_location.svg: %v; want no such file", err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Figures {
		if strings.Contains(f.File, "trapped_by_location") {
			t.Errorf("the manifest lists %s", f.File)
		}
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "*Trapped person-days by location: no figure, as no trapped person-days were counted at any of the 4 locations under any regime.*"
	if !strings.Contains(string(report), want) {
		t.Errorf("report.md does not say %q:\n%s", want, report)
	}
	if strings.Contains(string(report), "figures/trapped_by_location") {
		t.Errorf("report.md links figures/trapped_by_location")
	}
	// With one regime (run), the report names it rather than "any regime".
	x, err = (&Plan{Command: "run", Scenario: loadSmall(t, 2, 2), Regimes: []string{"closed"}, Reps: 2, ByLocation: true}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(t.TempDir(), "one")
	if _, err := Write(context.Background(), x, one, Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	report, err = os.ReadFile(filepath.Join(one, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "no trapped person-days were counted at any of the 4 locations under closed.*"; !strings.Contains(string(report), want) {
		t.Errorf("run's report.md does not say %q:\n%s", want, report)
	}
}

// TestSweepLinesMarkedAtFewValues: a sweep's lines through a few values
// of its key mark each value run, on the lines of the regimes the key
// changes only, and the figure's caption and report.md's say so; through
// more than maxMarked values they are not marked, and neither says it.
func TestSweepLinesMarkedAtFewValues(t *testing.T) {
	const name = "trapped_person_days_vs_regimes_malfunctioning_outage_start"
	for _, tc := range []struct {
		values int
		marked bool
	}{{3, true}, {maxMarked, true}, {maxMarked + 1, false}} {
		p, err := NewSweep(loadSmall(t, 1, 10), small, []string{"closed", "malfunctioning"},
			SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05:0.4:" + strconv.Itoa(tc.values)}})
		if err != nil {
			t.Fatal(err)
		}
		x, err := p.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "sweep")
		if _, err := Write(context.Background(), x, out, Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
			t.Fatal(err)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := drawSweepLines(Source{Dir: out, Manifest: m})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ds, func(d Drawn) bool { return d.Name == name })
		if i < 0 {
			t.Fatalf("%d values: no figure %s", tc.values, name)
		}
		if got := strings.Contains(ds[i].Fig.Caption(), markedText); got != tc.marked {
			t.Errorf("%d values: caption %q says %q: %v, want %v", tc.values, ds[i].Fig.Caption(), markedText, got, tc.marked)
		}
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		const phrase = "(a marker at each value run on the line of malfunctioning)"
		if got := strings.Contains(string(report), phrase); got != tc.marked {
			t.Errorf("%d values: report.md says %q: %v, want %v", tc.values, phrase, got, tc.marked)
		}
	}
	b, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Through " + strconv.Itoa(maxMarked) + " values of the key or fewer"; !strings.Contains(strings.Join(strings.Fields(string(b)), " "), want) {
		t.Errorf("docs/OUTPUTS.md does not say %q", want)
	}
}
