package gsa

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sensitivity"
	"github.com/borderwork/borderwork/sim"
)

func classroom(t *testing.T, days, reps int) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days, s.File.Replicates = days, reps
	return s
}

func keyNamed(t *testing.T, keys []Key, name string) Key {
	t.Helper()
	i := slices.IndexFunc(keys, func(k Key) bool { return k.Name == name })
	if i < 0 {
		t.Fatalf("no key %s", name)
	}
	return keys[i]
}

// TestDefaultRule pins the documented rule on classroom's keys: the value
// ± half of it, clamped to the valid range, whole numbers for integer
// keys; settings, schedule days and zeros fixed, each with its reason.
func TestDefaultRule(t *testing.T) {
	keys, err := Space(classroom(t, 30, 2), nil, DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key    string
		varied bool
		lo, hi float64
		fixed  string
		note   string
	}{
		{"origins.Village.documented", true, 0.15, 0.45, "", "±50% of 0.3"},
		{"factors.information.accurate.accuracy", true, 0.6, 1, "", "clamped to its valid range (a share in [0, 1]); at least 0.6, halfway to poor's 0.2, so that the levels keep their order"},
		{"factors.information.poor.accuracy", true, 0.1, 0.3, "", "±50% of 0.2"},
		{"factors.integrity.strong.oversight", true, 0.65, 1, "", "at least 0.65, halfway to weak's 0.4"},
		{"factors.integrity.weak.oversight", true, 0.2, 0.6, "", "±50% of 0.4"},
		{"factors.enforcement.none.irregular_hazard", true, 0.5, 1.25, "", "at most 1.25, halfway to patrolled's 1.5"},
		{"factors.enforcement.patrolled.irregular_hazard", true, 1.25, 2.25, "", "at least 1.25, halfway to none's 1"},
		{"factors.reliability.failing.document_check", true, 0.5, 1, "", "clamped to its valid range"}, // as reliable's: no order to keep
		{"migrants.trapped_after_days", false, 0, 0, fixedByDefinition, "defines the outputs trapped/stranded"},
		{"centres.Town.reach", true, 2, 4, "", "±50% of 3"},
		{"factors.reliability.reliable.outage_days", true, 1, 1.5, "", "clamped"},
		{"harm_weights.death", true, 50, 150, "", ""},
		{"seed", false, 0, 0, fixedBySetting, "not an assumption"},
		{"days", false, 0, 0, fixedBySetting, ""},
		{"factors.enforcement.none.patrol", false, 0, 0, fixedAtZero, "switches its mechanism off"},
		{"origins.Village.initial", false, 0, 0, fixedAtZero, ""},
	}
	for _, tt := range tests {
		k := keyNamed(t, keys, tt.key)
		if k.Varied != tt.varied || k.Lo != tt.lo || k.Hi != tt.hi || k.Fixed != tt.fixed || !strings.Contains(k.Note, tt.note) {
			t.Errorf("%s: varied %v [%v, %v] fixed %q note %q; want %v [%v, %v] %q, a note with %q", tt.key, k.Varied, k.Lo, k.Hi, k.Fixed, k.Note, tt.varied, tt.lo, tt.hi, tt.fixed, tt.note)
		}
	}
	for _, k := range keys {
		if k.Varied && (k.Lo >= k.Hi || (k.Integer && (k.Lo != math.Trunc(k.Lo) || k.Hi != math.Trunc(k.Hi)))) {
			t.Errorf("%s: range [%v, %v]", k.Name, k.Lo, k.Hi)
		}
		if !k.Varied && (k.Fixed == "" || k.Note == "") {
			t.Errorf("%s is fixed without a reason: %+v", k.Name, k)
		}
	}

	// A smaller share gives narrower ranges, and an integer key at least
	// its neighbours.
	narrow, err := Space(classroom(t, 30, 2), nil, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if k := keyNamed(t, narrow, "origins.Village.documented"); k.Lo != 0.297 || k.Hi != 0.303 {
		t.Errorf("±1%%: documented [%v, %v]; want [0.297, 0.303]", k.Lo, k.Hi)
	}
	if k := keyNamed(t, narrow, "centres.Town.reach"); k.Lo != 2 || k.Hi != 4 || !strings.Contains(k.Note, "± 1") {
		t.Errorf("±1%%: reach [%v, %v] %q; want [2, 4], the nearest whole numbers", k.Lo, k.Hi, k.Note)
	}
}

// TestDefaultRangesKeepLevelsInOrder: in every bundled scenario, the
// default ranges of a factor's levels do not cross, so that no point of
// a design has a level on the wrong side of its sibling (strong
// oversight below weak, patrolled paths safer than unpatrolled ones); a
// range given explicitly may cross.
func TestDefaultRangesKeepLevelsInOrder(t *testing.T) {
	checked := 0
	for _, name := range scenarios.Names() {
		s, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		keys, err := Space(s, nil, DefaultShare)
		if err != nil {
			t.Fatal(err)
		}
		sibs := siblings(s.NumericKeys())
		for _, k := range keys {
			for _, sb := range sibs[k.Name] {
				parts := strings.SplitN(k.Name, ".", 4) // factors, FACTOR, LEVEL, KEY
				other := keyNamed(t, keys, "factors."+parts[1]+"."+sb.Level+"."+parts[3])
				lo, hi := k.Value, k.Value
				if k.Varied {
					lo, hi = k.Lo, k.Hi
				}
				olo, ohi := other.Value, other.Value
				if other.Varied {
					olo, ohi = other.Lo, other.Hi
				}
				switch {
				case k.Value < other.Value && hi > olo, k.Value > other.Value && lo < ohi:
					t.Errorf("%s: %s [%v, %v] crosses %s [%v, %v]", name, k.Name, lo, hi, other.Name, olo, ohi)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no sibling levels checked")
	}
	e, _ := ParseEntry("factors.integrity.strong.oversight=0.3:1")
	keys, err := Space(classroom(t, 30, 2), []Entry{e}, DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	if k := keyNamed(t, keys, "factors.integrity.strong.oversight"); k.Lo != 0.3 {
		t.Errorf("an explicit range: %+v; want [0.3, 1] as given", k)
	}
}

// TestOutputDefinitionFixed: migrants.trapped_after_days defines the
// outputs trapped and stranded, so it is fixed by default and through a
// pattern, and varied when named, by the default rule or over a range.
func TestOutputDefinitionFixed(t *testing.T) {
	s := classroom(t, 30, 2)
	for _, tt := range []struct {
		args   []string
		varied bool
		lo, hi float64
	}{
		{nil, false, 0, 0},
		{[]string{"migrants.*"}, false, 0, 0},
		{[]string{"migrants.trapped_after_days"}, true, 7, 21},
		{[]string{"migrants.trapped_after_days=10:20"}, true, 10, 20},
	} {
		var entries []Entry
		for _, a := range tt.args {
			e, err := ParseEntry(a)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, e)
		}
		keys, err := Space(s, entries, DefaultShare)
		if err != nil {
			t.Fatal(err)
		}
		k := keyNamed(t, keys, "migrants.trapped_after_days")
		if k.Varied != tt.varied || k.Lo != tt.lo || k.Hi != tt.hi || (!k.Varied && k.Fixed != fixedByDefinition) {
			t.Errorf("%v: %+v; want varied %v [%v, %v]", tt.args, k, tt.varied, tt.lo, tt.hi)
		}
	}
}

// TestDefaultRuleNewerKeys: the default rule on the keys of phases,
// programmes, Flee cases and real maps: coordinates and the days that
// order a phase or a programme stay fixed with their reason; the
// programme's money and reach and a Flee case's conflicts are varied.
func TestDefaultRuleNewerKeys(t *testing.T) {
	tests := []struct {
		scenario, key string
		varied        bool
		lo, hi        float64
		fixed         string
	}{
		{"agadez2016", "locations.Agadez.lat", false, 0, 0, fixedCoordinate},
		{"agadez2016", "people_per_agent", false, 0, 0, fixedBySetting},
		{"agadez2016", "phases.0.to", false, 0, 0, fixedBySchedule},
		{"agadez2016", "harm_weights.stranded_day", true, 0.05, 0.15, ""},
		{"mauritania", "programmes.eu-iom-posts.end", false, 0, 0, fixedBySchedule},
		{"mauritania", "programmes.eu-iom-posts.budget", true, 870000, 2610000, ""},
		{"mauritania", "programmes.eu-iom-posts.equipment.document_check", true, 0.4, 1, ""},
		{"mali2012", "locations.Kidal.conflict.0.intensity", true, 0.5, 1.5, ""},
		{"mali2012", "locations.Kidal.conflict.0.from", false, 0, 0, fixedBySchedule},
	}
	spaces := map[string][]Key{}
	for _, tt := range tests {
		if spaces[tt.scenario] == nil {
			s, err := scenarios.Load(tt.scenario)
			if err != nil {
				t.Fatal(err)
			}
			if spaces[tt.scenario], err = Space(s, nil, DefaultShare); err != nil {
				t.Fatal(err)
			}
		}
		k := keyNamed(t, spaces[tt.scenario], tt.key)
		if k.Varied != tt.varied || k.Lo != tt.lo || k.Hi != tt.hi || k.Fixed != tt.fixed || k.Note == "" {
			t.Errorf("%s: %s: varied %v [%v, %v] fixed %q note %q; want %v [%v, %v] %q", tt.scenario, tt.key, k.Varied, k.Lo, k.Hi, k.Fixed, k.Note, tt.varied, tt.lo, tt.hi, tt.fixed)
		}
	}
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"locations.Agadez.lat", "locations.Agadez.lon=7:8"} {
		e, err := ParseEntry(arg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Space(s, []Entry{e}, DefaultShare); err == nil || !strings.Contains(err.Error(), "never reads it") {
			t.Errorf("--params %s: %v; want an error saying the model never reads it", arg, err)
		}
	}
}

func TestParseEntry(t *testing.T) {
	tests := []struct {
		arg  string
		want Entry
		err  string
	}{
		{"abuse.*", Entry{Pattern: "abuse.*"}, ""},
		{"-harm_weights.*", Entry{Pattern: "harm_weights.*", Exclude: true}, ""},
		{"abuse.queue_effect=0:2", Entry{Pattern: "abuse.queue_effect", HasRange: true, Lo: 0, Hi: 2}, ""},
		{"posts.Post.capacity=5:40:log", Entry{Pattern: "posts.Post.capacity", HasRange: true, Lo: 5, Hi: 40, Dist: sensitivity.LogUniform}, ""},
		{"x=1:2:uniform", Entry{Pattern: "x", HasRange: true, Lo: 1, Hi: 2}, ""},
		{"", Entry{}, "want KEY"},
		{"x=1", Entry{}, "lo:hi"},
		{"x=a:b", Entry{}, "numbers"},
		{"x=1:2:cubic", Entry{}, "log or uniform"},
		{"-x=1:2", Entry{}, "no range"},
		{"abuse.[", Entry{}, "bad pattern"},
	}
	for _, tt := range tests {
		got, err := ParseEntry(tt.arg)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "--params "+tt.arg) {
				t.Errorf("ParseEntry(%q) = %v; want an error naming it and saying %q", tt.arg, err, tt.err)
			}
			continue
		}
		got.Source = ""
		if err != nil || got != tt.want {
			t.Errorf("ParseEntry(%q) = %+v, %v; want %+v", tt.arg, got, err, tt.want)
		}
		if back, err := ParseEntry(got.String()); err != nil || back.Pattern != got.Pattern || back.Lo != got.Lo || back.Hi != got.Hi || back.Dist != got.Dist || back.Exclude != got.Exclude {
			t.Errorf("ParseEntry(%q).String() = %q does not read back", tt.arg, got.String())
		}
	}
}

func TestSpaceEntries(t *testing.T) {
	s := classroom(t, 30, 2)
	parse := func(args ...string) []Entry {
		var out []Entry
		for _, a := range args {
			e, err := ParseEntry(a)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, e)
		}
		return out
	}
	keys, err := Space(s, parse("abuse.*", "-abuse.official_*", "abuse.queue_effect=0:2:uniform", "posts.Post.refusal=0:0.2", "origins.Village.initial=0:100"), DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	var varied []string
	for _, k := range keys {
		if k.Varied {
			varied = append(varied, k.Name)
		}
	}
	if len(varied) != 18 || varied[0] != "origins.Village.initial" || !slices.Contains(varied, "abuse.trip_violence") || slices.Contains(varied, "abuse.official_extortion") || varied[len(varied)-1] != "posts.Post.refusal" {
		t.Errorf("varied %v; want initial, the abuse keys but officials' two, and the post's refusal last", varied)
	}
	if k := keyNamed(t, keys, "abuse.official_violence"); k.Fixed != fixedByRequest {
		t.Errorf("abuse.official_violence: %+v; want fixed on request", k)
	}
	if k := keyNamed(t, keys, "abuse.queue_effect"); k.Lo != 0 || k.Hi != 2 || !strings.Contains(k.Note, "--params abuse.queue_effect=0:2") {
		t.Errorf("abuse.queue_effect: %+v", k)
	}
	if k := keyNamed(t, keys, "posts.Post.refusal"); !k.Unset || k.Group != scenarios.GroupScenario {
		t.Errorf("posts.Post.refusal: %+v; want a key the file leaves out", k)
	}
	if k := keyNamed(t, keys, "migrants.give_up_days"); k.Varied || k.Fixed != fixedNotChosen {
		t.Errorf("migrants.give_up_days: %+v; want not chosen", k)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"abuse.queue_efect"}, "did you mean abuse.queue_effect"},
		{[]string{"nothing.*"}, "no numeric key"},
		{[]string{"posts.Post.refusal"}, "give its range"},
		{[]string{"abuse.trip_violence=0:2"}, "a probability"},
		{[]string{"migrants.trapped_after_days=7.5:20"}, "whole numbers"},
		{[]string{"abuse.queue_effect=0:1:log"}, "log-uniform"},
		{[]string{"seed"}, "not an assumption"},
		{[]string{"-abuse.*"}, "no parameter to vary"},
	} {
		if _, err := Space(s, parse(tt.args...), DefaultShare); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Space(%v) = %v; want an error saying %q", tt.args, err, tt.want)
		}
	}
}

func TestReadParamFile(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "params.toml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := write("# ranges\n[[param]]\nkey = \"abuse.*\"\n\n[[param]]\nkey = \"posts.Post.capacity\"\nlo = 5\nhi = 40\ndist = \"loguniform\"\n\n[[param]]\nkey = \"abuse.bribe\"\nfixed = true\n")
	entries, err := ReadParamFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.String())
	}
	if want := []string{"abuse.*", "posts.Post.capacity=5:40:log", "-abuse.bribe"}; !slices.Equal(got, want) {
		t.Errorf("entries %v; want %v", got, want)
	}
	if entries[1].Source != p+":5" {
		t.Errorf("source %q; want the file and the line of its [[param]]", entries[1].Source)
	}
	for _, tt := range []struct{ text, want string }{
		{"[[param]]\nkey = \"a\"\nlo = 1\n", ":1: param \"a\": give both lo and hi"},
		{"[[param]]\nkey = \"a\"\n\n[[param]]\nkey = \"b\"\nlo = 1\nhi = 2\nfixed = true\n", ":4: param \"b\": a fixed key takes no range"},
		{"[[param]]\nkey = \"a\"\nlow = 1\n", "unknown key param.low"},
		{"[[param]]\nkey = \n", ":2:"},
		{"# nothing\n", "no [[param]]"},
		{"[[param]]\nkey = \"a\"\nlo = 1\nhi = 2\ndist = \"normal\"\n", "unknown distribution"},
		{"[[param]]\nkey = \"a\"\nhigh = 1\n", "params.toml:3: unknown key param.high; did you mean hi?"},
		// An unknown key is named with its line, in whichever table.
		{"[[param]]\nkey = \"a\"\n\n[[param]]\nkey = \"b\"\nlo = 1\nhi = 2\nrange = 3\n", "params.toml:8: unknown key param.range"},
		{"x = 1\n[[param]]\nkey = \"a\"\n", "params.toml:1: unknown key x"},
		{"[[param]]\nkey = \"a\"\n[param.sub]\nx = 1\n", "params.toml:3: unknown key param.sub"},
		// Keys are case-sensitive, as in scenario files.
		{"[[param]]\nKey = \"abuse.bribe\"\nLO = 1\nHi = 500\n", "params.toml:2: param.Key: keys are case-sensitive: write key"},
		{"[[param]]\nkey = \"abuse.bribe\"\nLO = 1\nhi = 500\n", "params.toml:3: param.LO: keys are case-sensitive: write lo"},
		{"[[param]]\nkey = \"a\"\n\n[[param]]\nkey = \"abuse.bribe\"\nKey = \"abuse.fee\"\n", "params.toml:6: param.Key: keys are case-sensitive: write key (key is also given, on line 5)"},
		{"[[Param]]\nkey = \"a\"\n", "params.toml:1: [[Param]]: keys are case-sensitive: write [[param]]"},
		{strings.Repeat("#", infile.ParamsLimit+1), "params.toml: the file is larger than 1 MiB, the most a parameter file may hold"},
		// A value of the wrong type, in an author's words, not Go's.
		{"[[param]]\nkey = \"abuse.bribe\"\nlo = \"a\"\nhi = 2\n", `params.toml:3: param.lo: want a number, got the text "a"`},
		{"[[param]]\nkey = \"abuse.bribe\"\nlo = 1\nhi = [2]\n", "params.toml:4: param.hi: want a number, got the list [2]"},
		// What the parser cannot read, in a file's author's words, with
		// the key on its line, as a scenario's is.
		{"[[param]]\nkey = \"abuse.bribe\"\nlo = 1o\nhi = 2\n", "params.toml:3: param.lo: 1o is not a value TOML reads: write a number in digits"},
		{"[[param]]\nkey = \"abuse.bribe\"\nlo = \u201c1\u201d\n", "params.toml:3: param.lo: \u201c1\u201d is in curly quotes"},
		{"[[param]]\nkey = \"abuse.bribe\"\nlo = 1\nlo = 2\n", "params.toml:4: param.lo: given twice"},
	} {
		if _, err := ReadParamFile(write(tt.text)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadParamFile(%q) = %v; want an error containing %q", tt.text, err, tt.want)
		}
	}
}

// TestParamFileInlineTables: [[param]] tables written as an inline array
// (param = [{...}, {...}], which TOML allows) are each recorded with the
// line of their '{', as headers are with theirs: parameters.csv records
// it and messages name it. They were recorded as FILE:0.
func TestParamFileInlineTables(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"one line", `param = [{key = "abuse.bribe", lo = 1, hi = 2}, {key = "abuse.*"}]` + "\n", []string{":1", ":1"}},
		{"a line each", "# ranges\nparam = [\n  {key = \"abuse.bribe\", lo = 1, hi = 2}, # {not one}\n  {key = \"a]{b\"},\n\n  {key = 'posts.*', fixed = true},\n]\n", []string{":3", ":4", ":6"}},
		{"quoted name", "\"param\" = [\n{key = \"abuse.*\"}]\n", []string{":2"}},
	} {
		got, err := sourceLines(t, dir, tt.text)
		if err != nil {
			t.Errorf("%s: ReadParamFile = %v", tt.name, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: sources %v; want %v", tt.name, got, tt.want)
		}
	}
	p := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(p, []byte("param = [\n  {key = \"abuse.*\"},\n  {key = \"abuse.bribe\", lo = 1},\n]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadParamFile(p); err == nil || !strings.Contains(err.Error(), p+":3: param \"abuse.bribe\": give both lo and hi") {
		t.Errorf("ReadParamFile = %v; want the inline table's line", err)
	}
}

// sourceLines writes text as params.toml in dir and reads it, returning
// each entry's Source without the file's path: ":LINE".
func sourceLines(t *testing.T, dir, text string) ([]string, error) {
	t.Helper()
	p := filepath.Join(dir, "params.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, err := ReadParamFile(p)
	var lines []string
	for _, e := range entries {
		lines = append(lines, strings.TrimPrefix(e.Source, p))
	}
	return lines, err
}

// TestParamFileAsSaved: a parameter file saved by Notepad or Excel (a
// byte-order mark, CRLF line ends) or with its headers written
// [[ param ]], as TOML allows, gives each table the line of its own
// [[param]] header, as the plain file does: parameters.csv records it
// ("range given by FILE:LINE") and messages name it.
func TestParamFileAsSaved(t *testing.T) {
	plain := "[[param]]\nkey = \"posts.Post.capacity\"\nlo = 5\nhi = 40\n\n[[param]] # the second\nkey = \"abuse.bribe\"\nlo = 1\nhi = 2\n"
	dir := t.TempDir()
	for _, tt := range []struct{ name, text string }{
		{"plain", plain},
		{"byte-order mark", "\ufeff" + plain},
		{"CRLF", strings.ReplaceAll(plain, "\n", "\r\n")},
		{"byte-order mark and CRLF", "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n")},
		{"[[ param ]]", strings.ReplaceAll(plain, "[[param]]", "[[ param ]]")},
		{`[[ "param" ]]`, strings.ReplaceAll(plain, "[[param]]", `[[ "param" ]]`)},
	} {
		got, err := sourceLines(t, dir, tt.text)
		if err != nil {
			t.Errorf("%s: ReadParamFile = %v", tt.name, err)
			continue
		}
		if want := []string{":1", ":6"}; !slices.Equal(got, want) {
			t.Errorf("%s: sources %v; want %v, the lines of the [[param]] headers", tt.name, got, want)
		}
		// An error in the first table names its line.
		bad := strings.Replace(tt.text, "hi = 40", "", 1)
		if _, err := sourceLines(t, dir, bad); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "params.toml")+`:1: param "posts.Post.capacity": give both lo and hi`) {
			t.Errorf("%s: ReadParamFile without hi = %v; want an error at line 1", tt.name, err)
		}
	}
}

// TestParamFileValueBeforeItsComment: a value of the wrong type is
// quoted as written, without the comment after it, as a scenario's is.
func TestParamFileValueBeforeItsComment(t *testing.T) {
	name := filepath.Join(t.TempDir(), "params.toml")
	os.WriteFile(name, []byte("[[param]]\nkey = \"abuse.bribe\"\nlo = \"a\" # the lowest\nhi = 2\n"), 0o644)
	_, err := ReadParamFile(name)
	if want := name + `:3: param.lo: want a number, got the text "a"`; err == nil || err.Error() != want {
		t.Errorf("ReadParamFile = %v; want %s", err, want)
	}
}

// TestParamFileNotAFile: a device such as /dev/zero is refused before
// it is read.
func TestParamFileNotAFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	_, err := ReadParamFile("/dev/zero")
	if want := "--params-file: /dev/zero: is not a regular file (a pipe, a device or a socket)"; err == nil || err.Error() != want || !errors.Is(err, runs.ErrBadInput) {
		t.Errorf("ReadParamFile(/dev/zero) = %v; want %s", err, want)
	}
}

// TestEffectsAreTheClaims: an effect output at a point is the claim
// check's estimate of that effect (claim.Analyse) on the point's runs.
func TestEffectsAreTheClaims(t *testing.T) {
	s := classroom(t, 40, 3)
	e, _ := ParseEntry("abuse.queue_effect")
	st, err := New(s, "", Spec{Method: Morris, Trajectories: 2, Entries: []Entry{e}, Effects: []string{"claim", "closure×malfunction"}, Metrics: []string{"harms"}})
	if err != nil {
		t.Fatal(err)
	}
	// The runs of point 1, as Write runs them.
	per := len(st.Arms) * s.File.Replicates
	var jobs []int
	for k := per; k < 2*per; k++ {
		jobs = append(jobs, k)
	}
	var rows []output.SummaryRow
	err = st.X.Execute(context.Background(), jobs, 2, func(r experiment.Simulated) error {
		rows = append(rows, output.SummaryOf(r.Run, r.Days))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := claim.Analyse(claim.StandardDesign(false), nil, rows, claim.DefaultSESOI(), claim.DefaultChainShare, 1)
	if err != nil {
		t.Fatal(err)
	}
	reps := s.File.Replicates
	y := make([][]float64, reps)
	for r := range y {
		y[r] = make([]float64, len(st.Outputs))
	}
	for _, row := range rows {
		st.extract.add(y[row.Run.Replicate], slices.Index(st.Arms, row.Run.Regime), row.Totals)
	}
	if len(st.Outputs) != 5*len(claim.Harms()) {
		t.Fatalf("%d outputs; want 5 effects × %d harms", len(st.Outputs), len(claim.Harms()))
	}
	nonzero := 0
	for o, out := range st.Outputs {
		var mean float64
		for r := range y {
			mean += y[r][o] / float64(reps)
		}
		est, ok := a.Estimate(out.Effect, out.Metric)
		if !ok {
			t.Fatalf("claim.Analyse has no estimate of %s", out.Title())
		}
		if math.Abs(mean-est.Mean) > 1e-9*math.Max(1, math.Abs(est.Mean)) {
			t.Errorf("%s: %v; claim.Analyse says %v", out.Title(), mean, est.Mean)
		}
		if est.Mean != 0 {
			nonzero++
		}
	}
	if nonzero < len(st.Outputs)/2 {
		t.Errorf("only %d of %d effects are not 0: the test compares too little", nonzero, len(st.Outputs))
	}
}

// TestSlugsAreUnique: every output names its figure files differently.
func TestSlugsAreUnique(t *testing.T) {
	var ids []string
	for _, split := range []bool{false, true} {
		for _, e := range ClaimEffects(split) {
			if !slices.Contains(ids, e.ID) {
				ids = append(ids, e.ID)
			}
		}
	}
	metrics, _ := resolveMetrics([]string{"all"})
	seen := map[string]Output{}
	outs := outputsOf(metrics, nil, ids)
	outs = append(outs, outputsOf(metrics, scenarios.BuiltinRegimes, nil)...)
	for _, o := range outs {
		if prev, ok := seen[o.Slug()]; ok {
			t.Errorf("%s and %s share the file name %s", prev.Title(), o.Title(), o.Slug())
		}
		seen[o.Slug()] = o
		if strings.Trim(o.Slug(), "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("%s: file name %q", o.Title(), o.Slug())
		}
	}
}

// TestScreen picks a Morris folder's leaders with their ranges.
func TestScreen(t *testing.T) {
	s := classroom(t, 60, 2)
	var entries []Entry
	for _, a := range []string{"origins.Village.inflow", "harm_weights.death", "harm_weights.kidnap", "abuse.official_extortion"} {
		e, _ := ParseEntry(a)
		entries = append(entries, e)
	}
	st, err := New(s, "classroom", Spec{Method: Morris, Trajectories: 4, Entries: entries, Regimes: []string{"malfunctioning"}, Metrics: []string{"abuse_events"}, Resamples: 50})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "m")
	if _, err := st.Write(context.Background(), dir, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sc, err := Screen(context.Background(), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Entries
	// Harm weights change no run, so the two that move abuse lead.
	if len(got) != 2 || got[0].Pattern != "origins.Village.inflow" || got[1].Pattern != "abuse.official_extortion" || len(sc.LeftOut) != 0 {
		t.Fatalf("Screen = %+v; want origins.Village.inflow and abuse.official_extortion, in the design's order", sc)
	}
	if k := keyNamed(t, st.Keys, "origins.Village.inflow"); got[0].Lo != k.Lo || got[0].Hi != k.Hi || !got[0].HasRange {
		t.Errorf("screened range [%v, %v]; want the folder's [%v, %v]", got[0].Lo, got[0].Hi, k.Lo, k.Hi)
	}
	if _, err := Screen(context.Background(), dir, 0); err == nil {
		t.Error("Screen with top 0 succeeded")
	}
	// A folder that is not there is said not to exist, as plot and
	// reproduce say it, not "not a borderwork output folder".
	missing := filepath.Join(t.TempDir(), "none")
	if _, err := Screen(context.Background(), missing, 2); !errors.Is(err, runs.ErrBadInput) || err.Error() != "--screen: "+missing+" does not exist" {
		t.Errorf("Screen of a missing folder = %v; want bad input: --screen: %s does not exist", err, missing)
	}

	// With --top 1 the other, 2nd on the one output, is left fixed, and
	// said to be: in LeftOut and in its key's note.
	sc, err = Screen(context.Background(), dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Kept) != 1 || len(sc.LeftOut) != 1 || sc.LeftOut[0].Place != 2 || sc.LeftOut[0].Name == sc.Kept[0] ||
		!slices.Contains([]string{"origins.Village.inflow", "abuse.official_extortion"}, sc.LeftOut[0].Name) {
		t.Fatalf("Screen --top 1 = %+v; want one kept and the other left out as 2nd", sc)
	}
	keys, err := Space(s, sc.Entries, DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	k := keyNamed(t, keys, sc.LeftOut[0].Name)
	if k.Varied || k.Fixed != fixedByScreen || !strings.Contains(k.Note, "--top 1, though 2nd on abuse events under malfunctioning") {
		t.Errorf("the key left out: %+v; want fixed, its note saying it was 2nd on abuse events under malfunctioning", k)
	}
	if k := keyNamed(t, keys, "harm_weights.death"); k.Fixed != fixedNotChosen {
		t.Errorf("a key that led nothing: %+v; want not chosen", k)
	}

	// A table too big to check at once is checked until Ctrl-C: here one
	// grown by 8 MiB of lines, with the command already interrupted.
	if err := appendLines(filepath.Join(dir, morrisCSV), 8<<20); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Screen(ctx, dir, 2); !errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("Screen, interrupted while checking a big table: %v; want ErrInterrupted", err)
	}
	if _, err := Screen(context.Background(), dir, 2); err == nil || errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("Screen of a grown table: %v; want it refused", err)
	}
}

// TestScreenOrder: Screen keeps each output's leaders, then each one's
// 2nd, and so on, within a place by the highest µ* relative to the
// output's leader, and reports the top three it could not keep. Keeping
// the global top by that ratio instead dropped P1, 2nd on output 0, for
// P4, which is only 3rd on output 1 (classroom's document_check, 2nd on
// trapped person-days under closure, dropped for links.3.days).
func TestScreenOrder(t *testing.T) {
	rows := []screenRow{
		{out: 0, param: 0, rank: 1, star: 100, above: true},
		{out: 0, param: 6, rank: 2, star: 95, above: false}, // noise: no place
		{out: 0, param: 1, rank: 3, star: 45, above: true},
		{out: 0, param: 5, rank: 4, star: 30, above: true},
		{out: 0, param: 7, rank: 5, star: 0.5, above: true}, // negligible: no place, but above noise, so before P6
		{out: 1, param: 2, rank: 1, star: 10, above: true},
		{out: 1, param: 3, rank: 2, star: 9, above: true},
		{out: 1, param: 4, rank: 3, star: 8, above: true},
		{out: 1, param: 5, rank: 4, star: 1, above: true},
	}
	order, place, where := screenOrder(8, 2, rows)
	if want := []int{0, 2, 3, 1, 4, 5, 7, 6}; !slices.Equal(order, want) {
		t.Errorf("order %v; want %v", order, want)
	}
	if want := []int{1, 2, 1, 2, 3, 3, 0, 0}; !slices.Equal(place, want) {
		t.Errorf("places %v; want %v", place, want)
	}
	if where[1] != 0 || where[4] != 1 || where[5] != 0 {
		t.Errorf("where %v; want P1 and P5 on output 0, P4 on output 1", where)
	}
}

// TestUnclearPlaces: a parameter among the top three by µ* on an output
// whose µ* lies above its own noise level there, but whose interval does
// not (above false), is placed by that rank, best over the outputs, so
// that Screen names it rather than drop it silently; one at or below its
// noise level, negligible, or below the top three is not (referee 8, M4).
func TestUnclearPlaces(t *testing.T) {
	rows := []screenRow{
		{out: 0, param: 0, rank: 1, star: 100, noise: 5, above: true}, // clear: Screen places it
		{out: 0, param: 6, rank: 2, star: 95, noise: 50},              // wide: 2nd
		{out: 0, param: 1, rank: 3, star: 45, noise: 50},              // noisy: its µ* is noise
		{out: 0, param: 7, rank: 4, star: 40, noise: 1},               // wide, but 4th here
		{out: 1, param: 2, rank: 1, star: 10, noise: 1, above: true},
		{out: 1, param: 3, rank: 2, star: 9, noise: 1}, // wide: 2nd, on output 1
		{out: 1, param: 7, rank: 3, star: 8, noise: 1}, // wide: 3rd
		{out: 1, param: 4, rank: 4, star: 0.05, noise: 0.01},
		{out: 1, param: 5, rank: 3, star: 0.05, noise: 0.01}, // negligible: under 1% of the leader's 10
	}
	place, where := unclearPlaces(8, rows)
	if want := []int{0, 0, 0, 2, 0, 0, 2, 3}; !slices.Equal(place, want) {
		t.Errorf("places %v; want %v", place, want)
	}
	if where[6] != 0 || where[3] != 1 || where[7] != 1 {
		t.Errorf("where %v; want P6 on output 0, P3 and P7 on output 1", where)
	}
	if got, want := unclearOrder(place, where), []int{6, 3, 7}; !slices.Equal(got, want) {
		t.Errorf("order %v; want %v (by place, then output)", got, want)
	}
}

// TestAnalyseOneOutputAtATime: analysing the outputs one by one (to bound
// the bootstrap's memory) gives what analysing them together does.
func TestAnalyseOneOutputAtATime(t *testing.T) {
	params := []sensitivity.Param{{Name: "a", Lo: 0, Hi: 1}, {Name: "b", Lo: 0, Hi: 2}, {Name: "c", Lo: 1, Hi: 3}}
	f := func(x []float64, r, o int) float64 {
		return float64(o+1)*x[0] + x[1]*x[2] + 0.1*float64(r)*x[o%3] + math.Sin(float64(r+o))
	}
	morris, err := sensitivity.NewMorris(params, sensitivity.MorrisSettings{Trajectories: 6, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	sobol, err := sensitivity.NewSobol(params, sensitivity.SobolSettings{N: 16, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []sensitivity.Design{morris, sobol} {
		y := make([][][]float64, d.Len())
		for p := range y {
			x := d.Point(p, nil)
			for r := range 3 {
				y[p] = append(y[p], []float64{f(x, r, 0), f(x, r, 1), f(x, r, 2)})
			}
		}
		info := &Info{Resamples: 200, Level: 0.9}
		got, err := analyse(info, d, y, 2)
		if err != nil {
			t.Fatal(err)
		}
		b := sensitivity.Bootstrap{Resamples: 200, Level: 0.9, Workers: 2}
		switch d := d.(type) {
		case *sensitivity.MorrisDesign:
			want, _ := d.AnalyzeReplicates(y, b)
			paired, _ := d.PairedNoiseFloor(y)
			if !reflect.DeepEqual(got.Morris, want) || !reflect.DeepEqual(got.Paired, paired) {
				t.Errorf("Morris: one output at a time differs from all together")
			}
		case *sensitivity.SobolDesign:
			want, _ := d.AnalyzeReplicates(y, b)
			paired, _ := d.PairedNoiseTotal(y)
			if !reflect.DeepEqual(got.Sobol, want) || !reflect.DeepEqual(got.Paired, paired) {
				t.Errorf("Sobol': one output at a time differs from all together")
			}
		}
	}
}

// TestFactorLevelsRerunFromTheFolder: a varied factor level changes the
// regimes that take their value from it in the scenario as loaded, and
// in the resolved scenario.toml a folder holds, which keeps regimes as
// their levels: every regime's configuration at the other end of the
// level's range is the same from either file, with the level set alone
// or with its followers too (as points set them, for folders whose
// scenario.toml wrote regimes in full).
func TestFactorLevelsRerunFromTheFolder(t *testing.T) {
	for _, name := range []string{"classroom", "sahel", "mauritania", "agadez2016"} {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			keys, err := Space(s, nil, DefaultShare)
			if err != nil {
				t.Fatal(err)
			}
			if err := addFollowers(s, keys); err != nil {
				t.Fatal(err)
			}
			data, err := s.Encode()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "scenario.toml")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			resolved, err := scenarios.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			configs := func(s *scenarios.Scenario) []*sim.Config {
				var out []*sim.Config
				for _, r := range s.RegimeNames() {
					cfg, err := s.Config(r)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, cfg)
				}
				return out
			}
			factors, followed := 0, 0
			for _, k := range keys {
				if !k.Varied || k.Group != scenarios.GroupFactor {
					continue
				}
				factors++
				v := k.Hi
				if v == k.Value {
					v = k.Lo
				}
				set := func(s *scenarios.Scenario, followers bool) *scenarios.Scenario {
					c := s.Clone()
					names := []string{k.Name}
					if followers {
						names = append(names, k.Followers...)
					}
					for _, n := range names {
						if err := c.SetNumber("test", n, v); err != nil {
							t.Fatal(err)
						}
					}
					return c
				}
				want := configs(set(s, false))
				if !reflect.DeepEqual(configs(set(s, true)), want) {
					t.Errorf("%s: setting its followers changes the scenario as loaded", k.Name)
				}
				if !reflect.DeepEqual(configs(set(resolved, false)), want) {
					t.Errorf("%s=%v: a regime differs between the scenario as loaded and the folder's", k.Name, v)
				}
				if !reflect.DeepEqual(configs(set(resolved, true)), want) {
					t.Errorf("%s=%v: a regime differs between the scenario as loaded and the folder's with its followers set (%v)", k.Name, v, k.Followers)
				}
				if len(k.Followers) > 0 {
					followed++
				}
			}
			// The test compares something: levels that regimes follow.
			if factors == 0 || followed == 0 {
				t.Errorf("%d factor keys varied, %d followed", factors, followed)
			}
		})
	}
}

// TestPointCache: the cache builds a point's scenario once while it is
// kept, drops the oldest beyond its limit, and gives the configurations
// a point built afresh has, from any number of goroutines.
func TestPointCache(t *testing.T) {
	s := classroom(t, 30, 2)
	e, _ := ParseEntry("factors.reliability.failing.outage_days")
	f, _ := ParseEntry("abuse.queue_effect")
	st, err := New(s, "", Spec{Method: Morris, Trajectories: 30, Entries: []Entry{e, f}, Regimes: []string{"malfunctioning", "closed"}})
	if err != nil {
		t.Fatal(err)
	}
	c := newPointCache(st)
	c.limit = 4
	a, err := c.at(1)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := c.at(1); b != a {
		t.Error("point 1 was built twice while kept")
	}
	for p := 2; p <= 5; p++ {
		c.at(p)
	}
	if b, _ := c.at(1); b == a {
		t.Error("point 1 is still kept beyond the limit")
	}
	var wg sync.WaitGroup
	got := make([][]*sim.Config, 40)
	for p := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ps, err := c.at(p % 8)
			if err != nil {
				t.Error(err)
				return
			}
			for _, arm := range st.Arms {
				cfg, err := c.configure(ps, arm)
				if err != nil {
					t.Error(err)
					return
				}
				got[p] = append(got[p], cfg)
			}
		}()
	}
	wg.Wait()
	for p := range got {
		fresh, err := st.withValues(st.Design.Point(p%8, nil), "test")
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.configs(fresh)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[p], want) {
			t.Errorf("point %d: the cached configurations differ from those built afresh", p%8)
		}
	}
	if reflect.DeepEqual(got[0], got[1]) {
		t.Error("points 0 and 1 have the same configurations: the test compares too little")
	}
}

// TestNum: three significant figures, thousands separated, the decimals
// read from the exponent (no logarithm), powers of ten included.
func TestNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {math.NaN(), "-"}, {1, "1"}, {10, "10"}, {100, "100"}, {0.001, "0.001"},
		{12.345, "12.3"}, {0.0012345, "0.00123"}, {999.4, "999"}, {99.96, "100"}, {0.09996, "0.1"},
		{-0.0328290764, "-0.0328"}, {1.4530349603934631, "1.45"}, {-11608.875, "-11,609"}, {12383.85, "12,384"},
	} {
		if got := Num(tt.v); got != tt.want {
			t.Errorf("Num(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

// TestOlderDefaultRuleStillChecks: a folder written before the default
// rule kept factor levels in order and fixed the outputs' definition
// records the older ranges; its manifest still checks against its
// scenario (so it merges, resumes and reproduces), and a range neither
// rule gives does not.
func TestOlderDefaultRuleStillChecks(t *testing.T) {
	s := classroom(t, 30, 2)
	st := &Study{Scenario: s}
	var old []Key
	for _, n := range s.NumericKeys() {
		k := Key{Name: n.Key, Group: n.Group, Value: n.Value, Integer: n.Integer, Valid: n.Valid}
		if n.Role == scenarios.RoleDefinition {
			n.Role = ""
		}
		old = append(old, byRule(k, n, DefaultShare, nil))
	}
	if k := keyNamed(t, old, "factors.integrity.strong.oversight"); k.Lo != 0.45 {
		t.Fatalf("the older rule: %+v; want [0.45, 1]", k)
	}
	if k := keyNamed(t, old, "migrants.trapped_after_days"); !k.Varied {
		t.Fatalf("the older rule: %+v; want varied", k)
	}
	if err := st.keysConsistent(&Info{Keys: old, Share: DefaultShare}, nil); err != nil {
		t.Errorf("a folder of the older rule: %v", err)
	}
	now, err := Space(s, nil, DefaultShare)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.keysConsistent(&Info{Keys: now, Share: DefaultShare}, nil); err != nil {
		t.Errorf("a folder of the rule now: %v", err)
	}
	i := slices.IndexFunc(now, func(k Key) bool { return k.Name == "factors.integrity.strong.oversight" })
	now[i].Lo = 0.5
	if err := st.keysConsistent(&Info{Keys: now, Share: DefaultShare}, nil); err == nil || !strings.Contains(err.Error(), "strong.oversight") {
		t.Errorf("a range neither rule gives: %v; want refused", err)
	}
}

// appendLines appends about n bytes of short lines to the file at path.
func appendLines(path string, n int) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	line := []byte("x,x,x,x,x,x,x,x,x,x,x,x,x,x,x\n")
	for written := 0; written < n; written += len(line) {
		if _, err := f.Write(line); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
