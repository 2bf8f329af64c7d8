package scenarios

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestFactorsPartitionTheRegimeKeys: every key a regime can set belongs to
// exactly one factor, or is one of the few that no factor sets.
func TestFactorsPartitionTheRegimeKeys(t *testing.T) {
	var keys []string
	eachField(reflect.ValueOf(&RegimeSpec{}).Elem(), func(key string, _ reflect.Value) {
		if key != "base" && key != "description" && key != "levels" {
			keys = append(keys, key)
		}
	})
	for _, k := range keys {
		n := 0
		for _, f := range Factors {
			if slices.Contains(f.Keys, k) {
				n++
			}
		}
		if slices.Contains(NotFactorKeys, k) {
			n++
		}
		if n != 1 {
			t.Errorf("regime key %s belongs to %d factors (or NotFactorKeys); want exactly one", k, n)
		}
	}
	for _, f := range Factors {
		for _, k := range f.Keys {
			if !slices.Contains(keys, k) {
				t.Errorf("factor %s lists %s, which is no regime key", f.Name, k)
			}
		}
	}
}

// TestBuiltinLevelsAreComplete: each built-in level sets every key of its
// factor and no other, so that a regime's levels decide all its keys.
func TestBuiltinLevelsAreComplete(t *testing.T) {
	levels := builtinFactors()
	for _, f := range Factors {
		if len(levels[f.Name]) < 2 {
			t.Errorf("factor %s has %d built-in levels; want at least two", f.Name, len(levels[f.Name]))
		}
		for _, l := range levels[f.Name] {
			eachField(reflect.ValueOf(l.spec).Elem(), func(key string, v reflect.Value) {
				set := v.Kind() == reflect.Pointer && !v.IsNil()
				if key == "description" || key == "base" {
					return
				}
				switch mine := slices.Contains(f.Keys, key); {
				case mine && !set:
					t.Errorf("level %s.%s does not set %s", f.Name, l.name, key)
				case !mine && set:
					t.Errorf("level %s.%s sets %s, a key of another factor", f.Name, l.name, key)
				}
			})
		}
	}
}

// TestBuiltinRegimesArePoints: each built-in regime names one level of
// every factor and sets no key of its own: any difference between two of
// them is a difference of levels.
func TestBuiltinRegimesArePoints(t *testing.T) {
	for _, name := range BuiltinRegimes {
		spec := builtinRegimes()[name]
		if spec == nil || spec.Levels == nil {
			t.Fatalf("built-in regime %q has no levels", name)
		}
		for _, f := range Factors {
			if spec.Levels.Of(f.Name) == "" {
				t.Errorf("built-in regime %s names no level of %s", name, f.Name)
			}
		}
		eachField(reflect.ValueOf(spec).Elem(), func(key string, v reflect.Value) {
			if key != "levels" && v.Kind() == reflect.Pointer && !v.IsNil() {
				t.Errorf("built-in regime %s sets %s itself; a built-in regime is levels only", name, key)
			}
		})
	}
}

// TestLevelsResolve: a regime takes its levels' keys, its base's levels
// unless it names its own, and explicit keys over all of them.
func TestLevelsResolve(t *testing.T) {
	s := mustLoad(t, "classroom")
	for _, kv := range []string{
		"regimes.honest.base=malfunctioning", "regimes.honest.levels.integrity=strong",
		"regimes.odd.base=closed", "regimes.odd.patrol=0.3",
		"factors.reliability.failing.outage_days=30",
		"factors.reliability.partial.outage_start=0.02",
		"regimes.partly.base=malfunctioning", "regimes.partly.levels.reliability=partial",
	} {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	get := func(regime string) *RegimeSpec {
		spec, _, err := resolveRegime(regime, builtinRegimes(), s.File.Regimes, s.factorLevels())
		if err != nil {
			t.Fatal(err)
		}
		return spec
	}
	if h := get("honest"); *h.Oversight != 0.9 || *h.OutageStart != 0.05 || *h.Accuracy != 0.2 {
		t.Errorf("honest: oversight %v, outage_start %v, accuracy %v; want strong integrity, the rest malfunctioning", *h.Oversight, *h.OutageStart, *h.Accuracy)
	}
	if m := get("malfunctioning"); *m.OutageDays != 30 {
		t.Errorf("a level's key changed under [factors]: malfunctioning's outage_days %v; want 30", *m.OutageDays)
	}
	if o := get("odd"); *o.Patrol != 0.3 || *o.IrregularHazard != 1.5 {
		t.Errorf("odd: patrol %v, irregular_hazard %v; want the explicit 0.3 and closed's 1.5", *o.Patrol, *o.IrregularHazard)
	}
	if p := get("partly"); *p.OutageStart != 0.02 || *p.OutageDays != 1 {
		t.Errorf("a new level: outage_start %v, outage_days %v; want 0.02 and the engine's default 1", *p.OutageStart, *p.OutageDays)
	}
	if got := s.LevelNames("reliability"); !slices.Equal(got, []string{"reliable", "failing", "partial"}) {
		t.Errorf("reliability levels %v", got)
	}
}

func TestFactorErrors(t *testing.T) {
	tests := []struct{ set, want string }{
		{"factors.reliability.failing.patrol=0.3", "patrol is not a key of factor reliability: it belongs to factor enforcement"},
		{"factors.mood.calm.patrol=0.3", `unknown factor "mood"`},
		{"regimes.x.levels.integrity=saintly", `factor integrity has no level "saintly"`},
		{"posts.0.schedule.0.levels.reliability=perfect", `factor reliability has no level "perfect"`},
	}
	for _, tt := range tests {
		s := mustLoad(t, "classroom")
		if strings.HasPrefix(tt.set, "posts.") {
			s.File.Posts[0].Schedule = []WindowSpec{{From: 10}}
		}
		err := s.Set(tt.set)
		if err == nil {
			err = s.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--set %s: %v; want an error containing %q", tt.set, err, tt.want)
		}
	}
}

// TestWindowsByLevel: a schedule window naming levels holds under every
// regime at those levels, and only there.
func TestWindowsByLevel(t *testing.T) {
	s := mustLoad(t, "classroom")
	s.File.Posts[0].Schedule = []WindowSpec{{From: 10, Levels: &Levels{Reliability: "failing"}, PolicySpec: PolicySpec{OutageStart: ptr(0.2)}}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	for regime, want := range map[string]int{"open": 0, "closed": 0, "malfunctioning": 1, "hbm": 0} {
		cfg, err := s.Config(regime)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(cfg.Posts[0].Schedule); got != want {
			t.Errorf("%s: %d windows; want %d", regime, got, want)
		}
	}
	lv, _ := s.RegimeLevels("closed")
	cfg, err := s.ConfigAt("closed-failing", lv.With("reliability", "failing"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Posts[0].Schedule) != 1 || cfg.Posts[0].Policy.Admission.String() != "documented" {
		t.Errorf("closed, failing: %d windows, admission %v; want 1 and documented", len(cfg.Posts[0].Schedule), cfg.Posts[0].Policy.Admission)
	}
}

func mustLoad(t *testing.T, name string) *Scenario {
	t.Helper()
	s, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDeviations(t *testing.T) {
	s := mustLoad(t, "south-sudan")
	for _, kv := range []string{"regimes.closed.patrol=0.2", "regimes.plain.base=hbm"} {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		regime string
		want   []string
	}{
		{"open", nil},
		{"malfunctioning", nil},
		{"plain", nil},
		{"closed", []string{"patrol"}},
		// The agency regime stands at hbm's levels but sets outages and
		// capacity of its own: it is not the point its levels name.
		{"agency", []string{"admission", "capacity_factor", "outage_start", "outage_days", "failing_capacity"}},
	}
	for _, tt := range tests {
		got, err := s.Deviations(tt.regime)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Deviations(%s) = %v; want %v", tt.regime, got, tt.want)
		}
	}
}

// TestByName: a schedule window or programme that names a built-in
// regime in `regimes` holds under it but not at its point of the factor
// space under another name (the claim check's cells), unless its levels
// also select that point; ByName lists it.
func TestByName(t *testing.T) {
	for _, tt := range []struct {
		name, set string
		want      map[string][]string // regime → ByName
	}{
		{"no windows", "", nil},
		{"a window naming closed", `{regimes = ["closed"], admission = "nobody"}`,
			map[string][]string{"closed": {"schedule window 1 of post P"}}},
		{"a window naming closed and hbm", `{regimes = ["closed", "hbm"], refusal = 0.5}`,
			map[string][]string{"closed": {"schedule window 1 of post P"}, "hbm": {"schedule window 1 of post P"}}},
		{"a window naming closed, at closed's admission", `{regimes = ["closed"], levels = { admission = "closed" }, refusal = 0.5}`, nil},
		{"a window naming closed, at failing posts", `{regimes = ["closed"], levels = { reliability = "failing" }, refusal = 0.5}`,
			map[string][]string{"closed": {"schedule window 1 of post P"}}},
		{"a window for every regime", `{from = 10, refusal = 0.5}`, nil},
		{"a window by levels only", `{levels = { integrity = "weak" }, refusal = 0.5}`, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustLoad(t, "sahel")
			if tt.set != "" {
				post := s.File.Posts[len(s.File.Posts)-1].Name
				if err := s.Set("posts." + post + ".schedule=[" + tt.set + "]"); err != nil {
					t.Fatal(err)
				}
				for r, names := range tt.want {
					for i := range names {
						tt.want[r][i] = strings.Replace(names[i], "post P", "post "+post, 1)
					}
				}
			}
			for _, r := range BuiltinRegimes {
				got, err := s.ByName(r)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, tt.want[r]) {
					t.Errorf("ByName(%s) = %q; want %q", r, got, tt.want[r])
				}
			}
		})
	}
	// Programmes, as windows: agadez's training acts under its own
	// trained regime only; named for closed, it acts under closed alone.
	s := mustLoad(t, "agadez")
	if got, _ := s.ByName("trained"); len(got) != 1 || !strings.HasPrefix(got[0], "programme ") {
		t.Errorf("agadez: ByName(trained) = %q; want its programme", got)
	}
	if err := s.Set("programmes.0.regimes=[\"closed\"]"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ByName("closed"); len(got) != 1 || !strings.HasPrefix(got[0], "programme ") {
		t.Errorf("agadez, its programme for closed: ByName(closed) = %q; want the programme", got)
	}
}
