package scenarios

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// problem is an error Validate should report: on the line of the edited
// file that holds at, or, with at empty, as msg says in full (an
// override's problem, which names the override, not a line).
type problem struct{ at, msg string }

// TestRegimeErrors: every problem with a regime's name, base, levels or
// the lists that name regimes is reported once, at the key at fault and
// its line (an override's, naming the override), with the regime meant
// when the name is close to one; a regime built on a broken one is not
// reported again.
func TestRegimeErrors(t *testing.T) {
	const weakish = `factor integrity has no level "weakish" (levels: strong, weak)`
	builtins := "open, closed, malfunctioning, hbm"
	tests := []struct {
		name     string
		file     string // testdata/FILE.toml
		old, new string // replace old by new in the file
		sets     []string
		want     []problem
	}{
		// Finding 1: a level a factor does not have.
		{name: "bad level, with a base", file: "tiny", old: "patrol = 0.2",
			new:  "patrol = 0.2\n\n[regimes.x]\nbase = \"closed\"\nrefusal = 0.1\n\n[regimes.x.levels]\nintegrity = \"weakish\"",
			want: []problem{{`integrity = "weakish"`, "regimes.x.levels.integrity: " + weakish}}},
		{name: "bad level, no base, inline", file: "tiny", old: "patrol = 0.2",
			new: "patrol = 0.2\n\n[regimes.x]\nlevels = { admission = \"closed\", reliability = \"shaky\" }",
			want: []problem{{`levels = { admission`,
				`regimes.x.levels.reliability: factor reliability has no level "shaky" (levels: reliable, failing)`}}},
		{name: "built on a regime with a bad level", file: "tiny", old: "patrol = 0.2",
			new:  "patrol = 0.2\n\n[regimes.x]\nbase = \"y\"\n\n[regimes.y]\nlevels = { integrity = \"weakish\" }",
			want: []problem{{`levels = { integrity`, "regimes.y.levels.integrity: " + weakish}}},
		{name: "built on a regime with an unknown base", file: "tiny", old: "patrol = 0.2",
			new: "patrol = 0.2\n\n[regimes.x]\nbase = \"y\"\n\n[regimes.y]\nbase = \"zz\"",
			want: []problem{{`base = "zz"`,
				`regimes.y.base: unknown regime "zz" (regimes: ` + builtins + `, strict, x, y)`}}},
		{name: "leading into a cycle", file: "tiny", old: "patrol = 0.2",
			new: "patrol = 0.2\n\n[regimes.z]\nbase=\"a\"\n\n[regimes.a]\nbase = \"b\"\n\n[regimes.b]\nbase = \"a\"",
			want: []problem{{`base = "b"`, "regimes.a.base: regimes form a cycle: a -> b -> a"},
				{`base = "a"`, "regimes.b.base: regimes form a cycle: b -> a -> b"}}},
		{name: "a level by override", file: "tiny", sets: []string{"regimes.x.levels.integrity=weakish"},
			want: []problem{{"", "--set regimes.x.levels.integrity=weakish: regimes.x.levels.integrity: " + weakish}}},
		{name: "a level of a base by override", file: "tiny", sets: []string{"regimes.y.levels.integrity=weakish", "regimes.x.base=y"},
			want: []problem{{"", "--set regimes.y.levels.integrity=weakish: regimes.y.levels.integrity: " + weakish}}},
		{name: "a base by override", file: "tiny", sets: []string{"regimes.strict.base=closd"},
			want: []problem{{"", `--set regimes.strict.base=closd: regimes.strict.base: unknown regime "closd" (regimes: ` + builtins + `, strict); did you mean closed?`}}},
		{name: "a cycle by override", file: "tiny", sets: []string{"regimes.x.base=strict", "regimes.strict.base=x"},
			want: []problem{{"", "--set regimes.strict.base=x: regimes.strict.base: regimes form a cycle: strict -> x -> strict"},
				{"", "--set regimes.x.base=strict: regimes.x.base: regimes form a cycle: x -> strict -> x"}}},

		// Finding 5: a name --regimes could not choose.
		{name: "trailing space", file: "tiny", old: "[regimes.strict]", new: "[regimes.\"hbm \"]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes."hbm "]`, `regimes.hbm : a regime name must not start or end with a space, got "hbm "`}}},
		{name: "leading space", file: "tiny", old: "[regimes.strict]", new: "[regimes.\" x\"]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes." x"]`, `regimes. x: a regime name must not start or end with a space, got " x"`}}},
		// A blank name is refused as every other blank name is.
		{name: "name of spaces", file: "tiny", old: "[regimes.strict]", new: "[regimes.\"  \"]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes."  "]`, `regimes.  : must not be empty or only spaces, got "  "`}}},
		{name: "empty name", file: "tiny", old: "[regimes.strict]", new: "[regimes.\"\"]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes.""]`, `regimes.: must not be empty or only spaces, got ""`}}},
		{name: "comma", file: "tiny", old: "[regimes.strict]", new: "[regimes.\"a,b\"]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes."a,b"]`, `regimes.a,b: a regime name must not hold a comma (--regimes lists names separated by commas), got "a,b"`}}},
		// A dot ends the name in --set regimes.NAME.KEY: the keys of
		// [regimes."x.y"] could be given to no --set, --vary or --params,
		// though check --keys listed them, and sensitivity's default
		// parameters failed on them (audit hostile).
		{name: "dot", file: "tiny", old: "[regimes.strict]", new: "[regimes.\"x.y\"]\nbase = \"closed\"\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes."x.y"]`, `regimes.x.y: a regime name must not hold a dot (--set, --vary and --params name its keys regimes.x.y.KEY, where a dot ends the name), got "x.y"`}}},

		// A factor's level: the same rules for its name, and a level
		// named one letter off a level the factor has, in another case
		// in a file or close by an override, would be a new level that
		// no regime stands at, the one meant left as it was (audit
		// hostile); a new level something names is a level.
		{name: "level with a dot", file: "tiny", old: "[regimes.strict]", new: "[factors.enforcement.\"x.y\"]\npatrol = 0.3\n\n[regimes.strict]",
			want: []problem{{`[factors.enforcement."x.y"]`, `factors.enforcement.x.y: a level name must not hold a dot or a comma (--set, --vary and --params name its keys factors.enforcement.x.y.KEY, and --params lists keys separated by commas), got "x.y"`}}},
		{name: "level with a comma", file: "tiny", old: "[regimes.strict]", new: "[factors.enforcement.\"a,b\"]\npatrol = 0.3\n\n[regimes.strict]",
			want: []problem{{`[factors.enforcement."a,b"]`, `factors.enforcement.a,b: a level name must not hold a dot or a comma (--set, --vary and --params name its keys factors.enforcement.a,b.KEY, and --params lists keys separated by commas), got "a,b"`}}},
		{name: "level with a line break", file: "tiny", old: "[regimes.strict]", new: "[factors.enforcement.\"a\\nb\"]\npatrol = 0.3\n\n[regimes.strict]",
			want: []problem{{`[factors.enforcement."a\nb"]`, `factors.enforcement.a\nb: must be text without line breaks or other control characters, got "a\nb"`}}},
		{name: "level of spaces", file: "tiny", old: "[regimes.strict]", new: "[factors.enforcement.\" \"]\npatrol = 0.3\n\n[regimes.strict]",
			want: []problem{{`[factors.enforcement." "]`, `factors.enforcement. : must not be empty or only spaces, got " "`}}},
		{name: "level in another case", file: "tiny", old: "[regimes.strict]", new: "[factors.enforcement.Patrolled]\npatrol = 0.9\n\n[regimes.strict]",
			want: []problem{{`[factors.enforcement.Patrolled]`, `factors.enforcement.Patrolled: level names are case-sensitive: this defines a new level "Patrolled" of factor enforcement beside "patrolled"`}}},
		{name: "level in another case by override", file: "tiny", sets: []string{"factors.enforcement.Patrolled.patrol=0.9"},
			want: []problem{{"", `--set factors.enforcement.Patrolled.patrol=0.9: factors.enforcement.Patrolled: level names are case-sensitive: this defines a new level "Patrolled" of factor enforcement beside "patrolled"`}}},
		{name: "a level misspelt by override", file: "tiny", sets: []string{"factors.enforcement.patroled.patrol=0.9"},
			want: []problem{{"", `--set factors.enforcement.patroled.patrol=0.9: factors.enforcement.patroled: factor enforcement has no level "patroled" (levels: none, patrolled); did you mean patrolled? A new name defines a new level only where a regime, schedule window, phase or programme stands at it`}}},
		{name: "a close new level a regime stands at", file: "tiny", sets: []string{"factors.enforcement.patroled.patrol=0.9", "regimes.strict.levels.enforcement=patroled"}},
		{name: "a new level far from every level", file: "tiny", sets: []string{"factors.enforcement.tight.patrol=0.9"}},
		{name: "a built-in level by override", file: "tiny", sets: []string{"factors.enforcement.patrolled.patrol=0.9"}},

		// "all" reads as every regime in plot --regime and sweep
		// --figure-regimes: no regime may take the name.
		{name: "a regime named all", file: "tiny", old: "[regimes.strict]", new: "[regimes.all]\nrefusal = 0.1\n\n[regimes.strict]",
			want: []problem{{`[regimes.all]`, `regimes.all: "all" is reserved: plot --regime and sweep --figure-regimes read it as every regime; give the regime another name`}}},
		{name: "a regime named all by override", file: "tiny", sets: []string{"regimes.all.base=closed"},
			want: []problem{{"", `--set regimes.all.base=closed: regimes.all: "all" is reserved: plot --regime and sweep --figure-regimes read it as every regime; give the regime another name`}}},

		// A regime's name misspelt in an override would define a new
		// regime from the engine's defaults and leave the one meant as it
		// was: without a base or levels, a new name close to a regime's is
		// refused; with one, or far from every regime, it defines a regime.
		{name: "a regime misspelt by override", file: "tiny", sets: []string{"regimes.malfunction.outage_days=30"},
			want: []problem{{"", `--set regimes.malfunction.outage_days=30: regimes.malfunction: no regime "malfunction" (regimes: ` + builtins + `, strict); did you mean malfunctioning? A new name defines a new regime only with a base or levels: regimes.malfunction.base=REGIME`}}},
		{name: "a regime misspelt by override, one letter", file: "tiny", sets: []string{"regimes.hmb.rescue=0.9"},
			want: []problem{{"", `--set regimes.hmb.rescue=0.9: regimes.hmb: no regime "hmb" (regimes: ` + builtins + `, strict); did you mean hbm? A new name defines a new regime only with a base or levels: regimes.hmb.base=REGIME`}}},
		{name: "a close new name with a base", file: "tiny", sets: []string{"regimes.malfunction.outage_days=30", "regimes.malfunction.base=malfunctioning"}},
		{name: "a close new name with levels", file: "tiny", sets: []string{"regimes.open2.levels.integrity=weak"}},
		{name: "a new name far from every regime", file: "tiny", sets: []string{"regimes.lax.refusal=0.1"}},
		// So would [regimes.malfunction] written in the file.
		{name: "a regime misspelt in the file", file: "tiny", old: "[regimes.strict]", new: "[regimes.malfunction]\noutage_days = 30\n\n[regimes.strict]",
			want: []problem{{`[regimes.malfunction]`, `regimes.malfunction: did you mean [regimes.malfunctioning]? This defines a new regime "malfunction" from the engine's defaults (regimes: ` + builtins + `, strict); a new regime whose name is so close to another's is taken for a misspelling unless it has a base or levels (base = "malfunctioning")`}}},
		{name: "a regime misspelt in the file, one letter", file: "tiny", old: "[regimes.strict]", new: "[regimes.strikt]\npatrol = 0.3\n\n[regimes.strict]",
			want: []problem{{`[regimes.strikt]`, `regimes.strikt: did you mean [regimes.strict]? This defines a new regime "strikt" from the engine's defaults (regimes: ` + builtins + `, strict); a new regime whose name is so close to another's is taken for a misspelling unless it has a base or levels (base = "strict")`}}},
		{name: "a close new name in the file with a base", file: "tiny", old: "[regimes.strict]", new: "[regimes.malfunction]\nbase = \"malfunctioning\"\noutage_days = 30\n\n[regimes.strict]"},
		{name: "a close new name in the file with levels", file: "tiny", old: "[regimes.strict]", new: "[regimes.open2]\nlevels = { integrity = \"weak\" }\n\n[regimes.strict]"},
		{name: "a new name in the file far from every regime", file: "tiny", old: "[regimes.strict]", new: "[regimes.lax]\nrefusal = 0.1\n\n[regimes.strict]"},

		// Finding 9: the regime meant, wherever a file names one.
		{name: "base in another case", file: "tiny", old: `base = "closed"`, new: `base = "Closed"`,
			want: []problem{{`base = "Closed"`, `regimes.strict.base: unknown regime "Closed" (regimes: ` + builtins + `, strict); did you mean closed?`}}},
		{name: "default_regimes", file: "tiny", old: "replicates = 2", new: "replicates = 2\ndefault_regimes = [\"Open\", \"strict\"]",
			want: []problem{{"default_regimes", `default_regimes.0: unknown regime "Open" (regimes: ` + builtins + `, strict); did you mean open?`}}},
		{name: "schedule", file: "tiny", old: `regimes = ["open"]`, new: `regimes = ["opne"]`,
			want: []problem{{`regimes = ["opne"]`, `posts.Gate.schedule.0.regimes.0: unknown regime "opne" (regimes: ` + builtins + `, strict); did you mean open?`}}},
		{name: "programme", file: "programme", old: "regimes = [\"decreed\"]\n\n[programmes.training]", new: "regimes = [\"decred\"]\n\n[programmes.training]",
			want: []problem{{`regimes = ["decred"]`, `programmes.build.regimes.0: unknown regime "decred" (regimes: ` + builtins + `, decreed); did you mean decreed?`}}},
		{name: "no hint when none is close", file: "tiny", old: `regimes = ["open"]`, new: `regimes = ["lax"]`,
			want: []problem{{`regimes = ["lax"]`, `posts.Gate.schedule.0.regimes.0: unknown regime "lax" (regimes: ` + builtins + `, strict)`}}},
		// An empty default_regimes is refused, not read as every regime.
		{name: "empty default_regimes", file: "tiny", old: "replicates = 2", new: "replicates = 2\ndefault_regimes = []",
			want: []problem{{"default_regimes", "default_regimes: list at least one regime, or leave default_regimes out to run every regime"}}},
		{name: "empty default_regimes by override", file: "tiny", sets: []string{"default_regimes=[]"},
			want: []problem{{"", "--set default_regimes=[]: default_regimes: list at least one regime, or leave default_regimes out to run every regime"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/" + tt.file + ".toml")
			if err != nil {
				t.Fatal(err)
			}
			data := string(raw)
			if tt.old != "" {
				if strings.Count(data, tt.old) != 1 {
					t.Fatalf("%q is not in %s.toml once", tt.old, tt.file)
				}
				data = strings.Replace(data, tt.old, tt.new, 1)
			}
			s, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{})
			if err != nil {
				t.Fatal(err)
			}
			for _, kv := range tt.sets {
				if err := s.Set(kv); err != nil {
					t.Fatalf("--set %s: %v", kv, err)
				}
			}
			var want []string
			for _, p := range tt.want {
				if p.at == "" {
					want = append(want, p.msg)
					continue
				}
				i := strings.Index(data, p.at)
				if i < 0 {
					t.Fatalf("%q is not in the edited file", p.at)
				}
				want = append(want, fmt.Sprintf("bad.toml:%d: %s", strings.Count(data[:i], "\n")+1, p.msg))
			}
			var got []string
			errs, _ := s.Validate().(Errors)
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// TestMovedBuiltinRegime: a built-in regime the file moves to other
// levels no longer takes the built-in description, which describes the
// point it left ("Everyone is admitted" on an open regime that admits
// the documented only), nor does a regime built on it; the file's own
// description, other keys and levels equal to the built-in's keep it.
func TestMovedBuiltinRegime(t *testing.T) {
	open := builtinRegimes()["open"].Description
	tests := []struct {
		sets []string
		want map[string]string // regime -> its description
	}{
		{nil, map[string]string{"open": open}},
		{[]string{"regimes.open.patrol=0.1"}, map[string]string{"open": open}},
		{[]string{"regimes.open.levels.admission=open", "regimes.open.levels.protection=none"}, map[string]string{"open": open}},
		{[]string{"regimes.open.levels.admission=closed"}, map[string]string{"open": ""}},
		{[]string{"regimes.open.levels.admission=closed", "regimes.y.base=open"}, map[string]string{"open": "", "y": ""}},
		{[]string{"regimes.open.levels.admission=closed", "regimes.open.description=Open to the documented only."},
			map[string]string{"open": "Open to the documented only."}},
		{[]string{"regimes.y.base=open"}, map[string]string{"y": open}},
	}
	for _, tt := range tests {
		s := loadTiny(t)
		for _, kv := range tt.sets {
			if err := s.Set(kv); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%v: %v", tt.sets, err)
		}
		enc, err := s.Encode()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(enc, "resolved.toml", "resolved.toml", fstest.MapFS{})
		if err != nil {
			t.Fatalf("%v: the resolved scenario: %v", tt.sets, err)
		}
		for name, want := range tt.want {
			for _, sc := range []struct {
				what string
				s    *Scenario
			}{{"as loaded", s}, {"resolved", back}} {
				v, err := sc.s.Value("regimes." + name + ".description")
				if err != nil {
					t.Fatal(err)
				}
				if got, _ := v.(string); got != want {
					t.Errorf("%v: %s, regime %s is described as %q; want %q", tt.sets, sc.what, name, got, want)
				}
			}
		}
	}
}

// TestManyRegimes: a regime may be built on MaxBases others, one the base
// of the next, and no more, refused at its base; thousands of regimes
// validate and configure in a moment. A pasted chain of 6,000 regimes
// took the classroom server an hour to check, each regime resolved
// along its whole chain, and 4,000 regimes on one base took it four
// minutes, Config listing every regime to find each (audit hostile).
func TestManyRegimes(t *testing.T) {
	raw, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString(string(raw) + "\n[regimes.r0]\nbase = \"closed\"\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "\n[regimes.r%d]\nbase = \"r%d\"\n", i, i-1)
		}
		return b.String()
	}
	// r63 is built on r62, ..., r0 and closed: 64 regimes.
	s, err := Parse([]byte(chain(MaxBases)), "chain.toml", "chain.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("a chain of %d bases: %v", MaxBases, err)
	}
	text := chain(MaxBases + 1)
	s, err = Parse([]byte(text), "chain.toml", "chain.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(text[:strings.Index(text, `base = "r63"`)], "\n") + 1
	want := fmt.Sprintf("chain.toml:%d: regimes.r64.base: regime r64 is built on more than 64 others, one the base of the next (r64 -> r63 -> r62 -> ...); a regime builds on a few at most", line)
	if err := s.Validate(); err == nil || err.Error() != want {
		t.Errorf("a chain of %d bases: %v; want %s", MaxBases+1, err, want)
	}

	start := time.Now()
	s, err = Parse([]byte(chain(3000)), "chain.toml", "chain.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	var errs Errors
	if err := s.Validate(); !errors.As(err, &errs) || len(errs) != 3000-MaxBases {
		t.Errorf("a chain of 3000: %d problems, %v; want one for each regime past the %d", len(errs), err, MaxBases)
	}
	var b strings.Builder
	b.WriteString(string(raw))
	for i := range 3000 {
		fmt.Fprintf(&b, "\n[regimes.x%d]\nbase = \"open\"\n", i)
	}
	s, err = Parse([]byte(b.String()), "flat.toml", "flat.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, r := range s.RegimeNames() {
		if _, err := s.Config(r); err != nil {
			t.Fatalf("Config(%s): %v", r, err)
		}
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("3,000 regimes took %v to validate and configure; want a moment", d)
	}
}
