package scenarios

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/borderwork/borderwork/sim"
)

func loadProgramme(t *testing.T, sets ...string) *Scenario {
	t.Helper()
	s, err := Load("testdata/programme.toml")
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

// policyOn is the policy the engine gives post p on day d: the last
// window of its schedule that holds that day, else its own policy.
func policyOn(cfg *sim.Config, post string, d int) sim.PostPolicy {
	for _, p := range cfg.Posts {
		if p.Name != post {
			continue
		}
		pol := p.Policy
		for _, w := range p.Schedule {
			if d >= w.From && d < w.To {
				pol = w.Policy
			}
		}
		return pol
	}
	panic("no post " + post)
}

func switched(t *testing.T, s *Scenario, regime string, on Channel) *sim.Config {
	t.Helper()
	cfg, err := s.ConfigSwitched(regime, ProgrammeSwitch{On: on})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestProgrammeStocks: training builds up while the programme runs and
// wears off with staff turnover after it; training of trainers reaches
// more officers for the same money; equipment is delivered, then wears
// out; works go on until the money for each post is spent.
func TestProgrammeStocks(t *testing.T) {
	s := loadProgramme(t)
	p := s.File.Programmes[0].withDefaults(s.postNames())
	st := p.trajectory(s.File.Days)
	start, end := p.Start, *p.End
	for _, c := range []struct {
		what  string
		stock []float64
		wears bool
	}{{"trained", st.trained, true}, {"trained in human rights", st.rights, true}, {"equipped", st.equipped, true}, {"built", st.built, false}} {
		if c.stock[start] != 0 {
			t.Errorf("%s: %g on the first day; want 0 before the programme", c.what, c.stock[start])
		}
		for d := start + 1; d <= end; d++ {
			if c.stock[d] < c.stock[d-1] && c.what == "built" {
				t.Fatalf("%s: falls from %g to %g on day %d, during the programme", c.what, c.stock[d-1], c.stock[d], d)
			}
		}
		if !(c.stock[end] > 0.05) {
			t.Errorf("%s: %g at the end of the programme; want it built up", c.what, c.stock[end])
		}
		last := c.stock[len(c.stock)-1]
		switch {
		case c.wears && !(last < c.stock[end] && last > 0):
			t.Errorf("%s: %g at the end of the programme, %g at the end of the run; want it wearing off, not gone", c.what, c.stock[end], last)
		case !c.wears && last != c.stock[end]:
			t.Errorf("%s: %g at the end of the programme, %g at the end of the run; want it kept", c.what, c.stock[end], last)
		}
	}
	// After the programme, trained staff leave at the turnover rate.
	if got, want := st.trained[end+100]/st.trained[end], math.Pow(1-*p.Turnover/365, 100); math.Abs(got-want) > 1e-9 {
		t.Errorf("trained staff kept over 100 days after the programme: %g; want %g (turnover %g a year)", got, want, *p.Turnover)
	}
	// Training of trainers: the same money reaches more officers.
	without := p
	tr := *p.Training
	tr.Trainers = ptr(0.0)
	without.Training = &tr
	if a, b := without.trajectory(s.File.Days).trained[end], st.trained[end]; !(b > a) {
		t.Errorf("trained at the end with training of trainers %g, without %g; want more with", b, a)
	}
	// Works: 0.35 × 900000 = 315000 for three posts at 100000 each funds
	// every post fully, done after 90 days.
	if st.built[start+89] >= 1 || st.built[start+90] != 1 {
		t.Errorf("works done %g on day %d and %g the day after; want them finished after 90 days", st.built[start+89], start+89, st.built[start+90])
	}
}

// TestProgrammeMovesPosts: a programme moves a post's keys over time,
// each channel its own keys, from wherever the regime and the post's own
// schedule put them, and only under the regimes it acts under.
func TestProgrammeMovesPosts(t *testing.T) {
	s := loadProgramme(t)
	full, none := switched(t, s, "decreed", AllChannels), switched(t, s, "decreed", 0)
	repair, tight := switched(t, s, "decreed", Repair), switched(t, s, "decreed", Tightening)
	base := policyOn(none, "West", 100)
	if base.Oversight != 0.4 || base.DocumentCheck != 0.4 || base.OutageStart != 0.05 {
		t.Fatalf("without the programme West has oversight %g, document checks %g, outages starting %g; want the weak and failing levels 0.4, 0.4, 0.05",
			base.Oversight, base.DocumentCheck, base.OutageStart)
	}
	if got := policyOn(full, "West", 29); got != base {
		t.Errorf("before the programme West's policy is %+v; want %+v", got, base)
	}
	mid, end, after := policyOn(full, "West", 100), policyOn(full, "West", 199), policyOn(full, "West", 399)
	for _, c := range []struct {
		key                   string
		base, mid, end, after float64
		up                    bool
	}{
		{"oversight", base.Oversight, mid.Oversight, end.Oversight, after.Oversight, true},
		{"document_check", base.DocumentCheck, mid.DocumentCheck, end.DocumentCheck, after.DocumentCheck, true},
		{"outage_start", base.OutageStart, mid.OutageStart, end.OutageStart, after.OutageStart, false},
		{"refusal", base.Refusal, mid.Refusal, end.Refusal, after.Refusal, false},
	} {
		sign := 1.0
		if !c.up {
			sign = -1
		}
		if !(sign*(c.mid-c.base) > 0 && sign*(c.end-c.mid) > 0) {
			t.Errorf("%s: %g without the programme, %g on day 100, %g on day 199; want it moving %s over the programme", c.key, c.base, c.mid, c.end, map[bool]string{true: "up", false: "down"}[c.up])
		}
		if !(sign*(c.after-c.base) > 0 && sign*(c.end-c.after) > 0) {
			t.Errorf("%s: %g at the end of the programme, %g at the end of the run, %g without it; want it wearing off, not gone", c.key, c.end, c.after, c.base)
		}
	}
	if !(mid.CapacityFactor > 1) {
		t.Errorf("capacity factor on day 100 %g; want it raised by works and equipment", mid.CapacityFactor)
	}
	// The file's own window (capacity halved on days 200-249) still holds,
	// and the programme acts on top of it.
	if w := policyOn(full, "West", 220); !(w.CapacityFactor > 0.5 && w.CapacityFactor < policyOn(full, "West", 199).CapacityFactor) {
		t.Errorf("capacity factor on day 220 %g; want the file's 0.5 raised by the programme", w.CapacityFactor)
	}
	// Each channel moves its own keys only.
	r, g := policyOn(repair, "West", 150), policyOn(tight, "West", 150)
	if r.DocumentCheck != base.DocumentCheck || !(r.Oversight > base.Oversight) {
		t.Errorf("repair alone: document checks %g, oversight %g; want %g and more than %g", r.DocumentCheck, r.Oversight, base.DocumentCheck, base.Oversight)
	}
	if g.Oversight != base.Oversight || g.CapacityFactor != base.CapacityFactor || !(g.DocumentCheck > base.DocumentCheck) {
		t.Errorf("tightening alone: oversight %g, capacity %g, document checks %g; want %g, %g and more than %g",
			g.Oversight, g.CapacityFactor, g.DocumentCheck, base.Oversight, base.CapacityFactor, base.DocumentCheck)
	}
	// Under a regime the programme does not act under, posts keep their
	// policy.
	closed := switched(t, s, "closed", AllChannels)
	for d := range s.File.Days {
		if a, b := policyOn(closed, "West", d), policyOn(switched(t, s, "closed", 0), "West", d); a != b {
			t.Fatalf("under closed, day %d: the programme changed West's policy", d)
		}
	}
}

// TestNewPosts: a post a programme builds admits nobody and has no
// officials until its works are done, then works as its regime says; it
// is never built where the programme does not act, or without its repair
// channel.
func TestNewPosts(t *testing.T) {
	s := loadProgramme(t)
	full := switched(t, s, "decreed", AllChannels)
	opens := 30 + 90
	if p := policyOn(full, "New", opens-1); p.Admission != sim.AdmitNobody || p.Oversight != 1 {
		t.Errorf("New the day before its works are done: admission %s, oversight %g; want nobody, 1", p.Admission, p.Oversight)
	}
	if p := policyOn(full, "New", opens); p.Admission != sim.AdmitDocumented {
		t.Errorf("New the day its works are done: admission %s; want documented (the regime's)", p.Admission)
	}
	for _, c := range []struct {
		regime string
		on     Channel
	}{{"decreed", Tightening}, {"decreed", 0}, {"closed", AllChannels}} {
		if p := policyOn(switched(t, s, c.regime, c.on), "New", s.File.Days-1); p.Admission != sim.AdmitNobody {
			t.Errorf("under %s with channels %b, New admits %s on the last day; want nobody: never built", c.regime, c.on, p.Admission)
		}
	}
	under := loadProgramme(t, "programmes.build.construction.share=0.2") // 60000 a post for works costing 100000
	if p := policyOn(switched(t, under, "decreed", AllChannels), "New", s.File.Days-1); p.Admission != sim.AdmitNobody {
		t.Errorf("with too little money New admits %s on the last day; want nobody", p.Admission)
	}
}

// TestProgrammeBudget: a programme without money changes nothing; its
// keys are numbers that --set and --vary address.
func TestProgrammeBudget(t *testing.T) {
	s := loadProgramme(t, "programmes.build.budget=0", "programmes.build.construction.new_posts=[]")
	a, b := switched(t, s, "decreed", AllChannels), switched(t, s, "decreed", 0)
	for _, post := range []string{"West", "East", "New"} {
		for d := range s.File.Days {
			if policyOn(a, post, d) != policyOn(b, post, d) {
				t.Fatalf("%s, day %d: a programme without money changed the policy", post, d)
			}
		}
	}
	for _, c := range []struct {
		key     string
		integer bool
	}{{"programmes.build.budget", false}, {"programmes.build.start", true}, {"programmes.build.end", true},
		{"programmes.build.training.share", false}, {"programmes.build.construction.build_days", true}} {
		numeric, integer, err := s.KeyKind(c.key)
		if err != nil || !numeric || integer != c.integer {
			t.Errorf("KeyKind(%s) = %v, %v, %v; want numeric, integer %v", c.key, numeric, integer, err, c.integer)
		}
	}
	budget, spent, err := loadProgramme(t, "days=120").ProgrammeCost("build")
	if err != nil || budget != 900000 || spent != 450000 {
		t.Errorf("cost in a run of 120 days: %g, %g, %v; want 900000 spent half by then (450000)", budget, spent, err)
	}
}

// TestProgrammeErrors: mistakes in a programme are one line naming the
// file, the line and the key.
func TestProgrammeErrors(t *testing.T) {
	raw, err := os.ReadFile("testdata/programme.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	tests := []struct{ old, new, want, at string }{ // at: the text on the line the error names, if not new
		{`end = 210`, `end = 20`, "programmes.build.end: must come after start (30), got 20", ""},
		{`end = 210`, `# no end`, "programmes.build: give end, the first day after the programme", "[[programmes]]"},
		{`posts = ["West", "East", "New"]`, `posts = ["West", "Wset", "New"]`, `programmes.build.posts.1: unknown post "Wset" (posts: West, East, New)`, ""},
		{`share = 0.35`, `share = 0.9`, "programmes.build.construction.share: the components' shares of the budget add up to 1.5; they must not exceed 1", ""},
		{`new_posts = ["New"]`, `new_posts = ["Old"]`, `programmes.build.construction.new_posts.0: post "Old" is not among the programme's posts`, ""},
		{`budget = 900000`, `budget = -1`, "programmes.build.budget: must be a number in [0, 1000000000000], got -1", ""},
		// Accepted, it printed a summary of 309 digits (audit hostile7).
		{`budget = 900000`, `budget = 1e308`, "programmes.build.budget: must be a number in [0, 1000000000000], got 1e+308", ""},
		{`budget = 900000`, `budget = 1000000000001`, "programmes.build.budget: must be a number in [0, 1000000000000], got 1.000000000001e+12", ""},
		{`trainers = 0.2`, `trainers = 2`, "programmes.build.training.trainers: must be a share in [0, 1], got 2", ""},
		{"regimes = [\"decreed\"]\n\n[programmes.training]", "regimes = [\"decred\"]\n\n[programmes.training]", `programmes.build.regimes.0: unknown regime "decred"`, ""},
		{`build_days = 90`, `build_days = 0`, "programmes.build.construction.build_days: must be a number of days in [1, 65535], got 0", ""},
		{`share = 0.1`, `cost_per_trainee = 900`, "programmes.build.human_rights: give share, the share of the budget spent on human_rights", "[programmes.human_rights]"},
		{`share = 0.1`, `sahre = 0.1`, "programmes.human_rights.sahre: unknown key; did you mean share?", ""},
		// Rises the engine refused only when a run started, naming no
		// key (audit hostile7, finding 4).
		{"[programmes.equipment]\nshare = 0.2", "[programmes.equipment]\nshare = 0.2\ncapacity = 1e300", "programmes.build.equipment.capacity: raises post West's capacity_factor (its own times the programme's rise) to 1.675925925925926e+297 under regime decreed; it may be at most 1e+06", "capacity = 1e300"},
		// A life under a day wore away more than there was: the stock
		// changed sign from day to day (audit edge, finding 4).
		{"[programmes.equipment]\nshare = 0.2", "[programmes.equipment]\nshare = 0.2\nlifetime = 0.0008", "programmes.build.equipment.lifetime: must be at least a day (1/365 of a year, 0.00274), got 0.0008", "lifetime = 0.0008"},
		{`capacity_factor = 0.5`, `capacity_factor = 1000000`, "programmes.build.equipment.capacity: raises post West's capacity_factor (its own times the programme's rise) to 1.6014780431336486e+06 under regime decreed; it may be at most 1e+06", "[programmes.equipment]"},
	}
	for _, tt := range tests {
		if strings.Count(src, tt.old) != 1 {
			t.Fatalf("%q is not in programme.toml once", tt.old)
		}
		data := strings.Replace(src, tt.old, tt.new, 1)
		at := tt.new
		if tt.at != "" {
			at = tt.at
		}
		line := strings.Count(data[:strings.Index(data, at)], "\n") + 1
		s, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{})
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			t.Errorf("%s → %s: no error", tt.old, tt.new)
			continue
		}
		first := strings.Split(err.Error(), "\n")[0]
		if !strings.Contains(first, tt.want) || !strings.HasPrefix(first, "bad.toml:") {
			t.Errorf("%s → %s: %q; want bad.toml:LINE: %s", tt.old, tt.new, first, tt.want)
		}
		if want := fmt.Sprintf("bad.toml:%d: ", line); !strings.HasPrefix(first, want) {
			t.Errorf("%s → %s: %q; want it on line %d", tt.old, tt.new, first, line)
		}
	}
	s := loadProgramme(t)
	if err := s.Set("programmes.build.start=-5"); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), "--set programmes.build.start=-5: programmes.build.start: must be a number of days") {
		t.Errorf("a start out of range set with --set: %v", err)
	}
}
