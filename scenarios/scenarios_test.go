package scenarios

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/borderwork/borderwork/sim"
)

func loadTiny(t *testing.T) *Scenario {
	t.Helper()
	s, err := Load("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBundledScenarios: every bundled scenario loads, validates and runs
// under every one of its regimes with conservation holding.
func TestBundledScenarios(t *testing.T) {
	for _, name := range Names() {
		s, err := Load(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.File.Name != name {
			t.Errorf("bundled file %s.toml calls itself %q", name, s.File.Name)
		}
		for _, regime := range s.RegimeNames() {
			cfg, err := s.Config(regime)
			if err != nil {
				t.Fatalf("%s/%s: %v", name, regime, err)
			}
			res, err := sim.Run(cfg, sim.ReplicateSeed(uint64(s.File.Seed), 0))
			if err != nil {
				t.Fatalf("%s/%s: %v", name, regime, err)
			}
			for _, r := range res.Days {
				total := 0
				for _, n := range r.States {
					total += n
				}
				if total != r.Created {
					t.Fatalf("%s/%s day %d: %d in states, %d created", name, regime, r.Day, total, r.Created)
				}
			}
		}
	}
}

func TestDefaultIsBundled(t *testing.T) {
	s, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if s.File.Name != Default || s.Source != "bundled:"+Default {
		t.Errorf("Load(\"\") = %q from %q; want the bundled %q", s.File.Name, s.Source, Default)
	}
}

// TestEveryNumberHasARule walks the file's types: a numeric key without a
// range rule would escape validation.
func TestEveryNumberHasARule(t *testing.T) {
	var walk func(rt reflect.Type, table string)
	seen := map[reflect.Type]bool{}
	walk = func(rt reflect.Type, table string) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := range rt.NumField() {
			sf := rt.Field(i)
			if sf.Anonymous {
				for j := range sf.Type.NumField() {
					checkRule(t, rt.Name(), sf.Type.Field(j))
				}
				continue
			}
			checkRule(t, rt.Name(), sf)
			walk(sf.Type, sf.Type.Name())
		}
	}
	walk(reflect.TypeOf(File{}), "File")
}

func checkRule(t *testing.T, table string, sf reflect.StructField) {
	ft := sf.Type
	for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
		ft = ft.Elem()
	}
	switch ft.Kind() {
	case reflect.Int, reflect.Int64, reflect.Float64:
		if _, ok := ruleFor(table, tomlKey(sf)); !ok {
			t.Errorf("%s.%s has no range rule", table, tomlKey(sf))
		}
	}
}

// TestBadInput: each kind of bad input is an error that names the file,
// the line and the key.
func TestBadInput(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(tiny)
	tests := []struct {
		name     string
		old, new string // replace old by new in tiny.toml
		want     []string
	}{
		{"syntax", `days = 60`, `days = = 60`, []string{"bad.toml:4:"}},
		{"unknown key", `capacity = 20`, `capcity = 20`, []string{"bad.toml:50:", "posts.capcity", "unknown key", "did you mean capacity?"}},
		{"unknown top key", `replicates = 2`, `replicate = 2`, []string{"bad.toml:5:", "replicate", "did you mean replicates?"}},
		{"key cut short", `max_smugglers = 10`, "max_smugglers = 10\nmax_smug = 3", []string{"bad.toml:63:", "markets.max_smug", "unknown key; did you mean max_smugglers?"}},
		{"top-level key below an array of tables", "max_smugglers = 10\n", "max_smugglers = 10 # the most\ndefault_regimes = [\"open\"]\n", []string{"bad.toml:63:", "markets.default_regimes", "unknown key; default_regimes is a top-level key, but below [[markets]] it belongs to that table: write it above the first [table] or [[array]] of the file"}},
		{"top-level key below a table", "patrol = 0.2", "patrol = 0.2\nreplicates = 3", []string{"bad.toml:68:", "regimes.strict.replicates", "replicates is a top-level key, but below [regimes.strict] it belongs"}},
		// A key of another table: the tables it belongs to.
		{"key of another table", "max_smugglers = 10\n", "max_smugglers = 10\nprice = 800\n", []string{"bad.toml:63:", "markets.price", "unknown key; price is a key of [smuggling]: write it there"}},
		{"regime key in a table", "max_smugglers = 10\n", "max_smugglers = 10\n[information]\naccuracy = 0.5\n", []string{"bad.toml:64:", "information.accuracy", "unknown key; accuracy is a key of [regimes.NAME]: write it there"}},
		{"key of several tables", "max_smugglers = 10\n", "max_smugglers = 10\n[migrants]\noutage_days = 5\n", []string{"bad.toml:64:", "migrants.outage_days", "unknown key; outage_days is a key of [[posts]], [[posts.schedule]] and [regimes.NAME]: write it in one of them"}},
		{"a close key here beats a key elsewhere", "max_smugglers = 10\n", "max_smugglers = 10\nsmuggler = 3\n", []string{"bad.toml:63:", "markets.smuggler", "unknown key; did you mean smugglers?"}},
		{"wrong type", `days = 60`, `days = "sixty"`, []string{"bad.toml:4:", "days", `want a whole number, got the text "sixty"`}},
		// One value where a list is wanted: the list to write.
		{"one value for a list", `destinations = ["Goal"]`, `destinations = "Goal"`, []string{"bad.toml:45:", "origins.Home.destinations", `want a list, got the text "Goal": a list of one is written in brackets, ["Goal"]`}},
		{"one number for a list", `destinations = ["Goal"]`, "destinations = [\"Goal\"]\ndestination_weights = 2 # one", []string{"bad.toml:46:", "origins.Home.destination_weights", `want a list, got the whole number 2: a list of one is written in brackets, [2]`}},
		{"wrong type in a list", `capacity = 20`, `capacity = "lots"`, []string{"bad.toml:50:", "posts.Gate.capacity", `want a number, got the text "lots"`}},
		{"post capacity the engine cannot count", `capacity = 20`, `capacity = 1e19`, []string{"bad.toml:50:", "posts.Gate.capacity", "a number in [0, 1000000000]", "1e+19"}},
		{"post capacity above the range", `capacity = 20`, `capacity = 1000000001`, []string{"bad.toml:50:", "posts.Gate.capacity", "a number in [0, 1000000000]"}},
		{"a table given twice", `capacity = 20`, "capacity = 20\n[posts]\nname = \"x\"", []string{"bad.toml:51:", "posts: given twice; a key or a [table] may be given only once"}},
		{"a key given twice", `days = 60`, "days = 60\ndays = 61", []string{"bad.toml:5:", "days: given twice"}},
		{"a date for a number", `seed = 1`, `seed = 1979-05-27`, []string{"bad.toml:3:", "seed", "want a whole number, got the date or time 1979-05-27"}},
		{"a list of tables for a number", `seed = 1`, "[[seed]]\nx = 1\n[other]", []string{"bad.toml:3:", "want a whole number, got a list of tables ([[...]])"}},
		{"true for a number", `capacity = 20`, `capacity = true # on`, []string{"bad.toml:50:", "posts.Gate.capacity", "want a number, got the value true"}},
		{"number for text", `name = "Goal"`, `name = 7`, []string{"bad.toml:19:", "name", "want text (in quotes), got the whole number 7"}},
		{"probability", `hazard = 0.002`, `hazard = 1.5`, []string{"bad.toml:40:", "links.2.hazard", "probability in [0, 1]", "1.5"}},
		{"negative days", `days = 2`, `days = -2`, []string{"bad.toml:26:", "links.0.days", "more than zero"}},
		{"link days beyond the engine's", `days = 2`, `days = 65535.5`, []string{"bad.toml:26:", "links.0.days", "must be more than zero and at most 65535, got 65535.5"}},
		{"negative seed", `seed = 1`, `seed = -1`, []string{"bad.toml:3:", "seed", "got -1"}},
		{"unknown location", `to = "Gate"`, `to = "Gat"`, []string{"bad.toml:25:", "links.0.to", `unknown location "Gat"; did you mean Gate?`}},
		{"unknown location with a combining accent", `to = "Gate"`, "to = \"Gate\u0301\"", []string{"bad.toml:25:", "links.0.to", "did you mean Gate? (this name holds a combining accent, U+0301, after a letter: type the accented letter itself, as one character)"}},
		{"unknown country", "country = \"B\"", "country = \"C\"", []string{"bad.toml:21:", "locations.Goal.country", `unknown country "C"`}},
		{"duplicate name", `name = "Goal"`, `name = "Home"`, []string{"bad.toml:19:", "locations.Home.name", `duplicate location name "Home"`}},
		{"admission", `force = "failing"`, `force = "broken"`, []string{"bad.toml:56:", "force", "functioning or failing"}},
		{"unknown base", `base = "closed"`, `base = "shut"`, []string{"bad.toml", "regimes.strict.base", `unknown regime "shut"`}},
		{"unknown regime in schedule", `regimes = ["open"]`, `regimes = ["opne"]`, []string{"bad.toml:55:", "posts.Gate.schedule.0.regimes.0", `unknown regime "opne"`}},
		{"market without path", "to = \"Goal\"\nsmugglers", "to = \"Gate\"\nsmugglers", []string{"bad.toml:60:", "markets.Home.to", "no irregular link"}},
		{"unreachable", "from = \"Home\"\nto = \"Goal\"\nkind", "from = \"Gate\"\nto = \"Gate2\"\nkind", []string{"links.2.to"}},
		{"latitude", "country = \"B\"", "country = \"B\"\nlat = 95\nlon = 3", []string{"bad.toml:22:", "locations.Goal.lat", "a latitude in decimal degrees, in [-90, 90]", "95"}},
		{"longitude", "country = \"B\"", "country = \"B\"\nlat = 5\nlon = -181", []string{"bad.toml:23:", "locations.Goal.lon", "a longitude in decimal degrees, in [-180, 180]", "-181"}},
		{"lat without lon", "country = \"B\"", "country = \"B\"\nlat = 5", []string{"bad.toml:18:", "locations.Goal.lon", "give both lat and lon, or neither"}},
		{"lon without lat", "country = \"B\"", "country = \"B\"\nlon = 5", []string{"locations.Goal.lat", "give both lat and lon, or neither"}},
		{"unknown kind", `kind = "border"`, `kind = "post"`, []string{"bad.toml:", "locations.Gate.kind", `must be one of origin, hub, border, centre, destination; got "post"`}},
		// A share or a probability written as a percentage: what to write.
		{"a percentage for a probability", "hazard = 0.0001", "hazard = 2.5", []string{"bad.toml:27:", "links.0.hazard", "must be a probability in [0, 1], got 2.5, a percentage? For 2.5% write 0.025"}},
		{"a percentage for a share", "max_smugglers = 10\n", "max_smugglers = 10\n\n[information]\nexperience_weight = 60\n", []string{"bad.toml:65:", "information.experience_weight", "must be a share in [0, 1], got 60, a percentage? For 60% write 0.6"}},
		// A place no link reaches: its post, hub or centre does nothing.
		{"a hub on no link", "[[links]]\nfrom = \"Home\"\nto = \"Gate\"", "[[locations]]\nname = \"Oasis\"\nkind = \"hub\"\ncountry = \"A\"\n\n[[links]]\nfrom = \"Home\"\nto = \"Gate\"", []string{"bad.toml:24:", "locations.Oasis.name", `no link joins hub "Oasis" to another location, so no migrant can reach it; add a [[links]] entry from or to it`}},
		{"a post on no link", "[[markets]]", "[[locations]]\nname = \"Far\"\nkind = \"border\"\ncountry = \"B\"\n\n[[posts]]\nname = \"Far\"\nlocation = \"Far\"\ncapacity = 5\n\n[[markets]]", []string{"bad.toml:59:", "locations.Far.name", `no link joins border "Far"`}},
		// A text key left out: the key to give, not an unknown name "".
		{"a location without its kind", "name = \"Gate\"\nkind = \"border\"\n", "name = \"Gate\"\n", []string{"bad.toml:13:", "locations.Gate.kind", "give kind, one of origin, hub, border, centre, destination"}},
		{"a location with an empty kind", "name = \"Gate\"\nkind = \"border\"\n", "name = \"Gate\"\nkind = \"\"\n", []string{"bad.toml:15:", "locations.Gate.kind", `must be one of origin, hub, border, centre, destination; got ""`}},
		{"a location without its country", "kind = \"destination\"\ncountry = \"B\"\n", "kind = \"destination\"\n", []string{"bad.toml:18:", "locations.Goal.country", "give country, the country the location lies in (countries: A, B)"}},
		{"a location without its name", "name = \"Goal\"\nkind", "kind", []string{"bad.toml:18:", "locations.2.name", "give name, the location's name, by which links, origins and posts refer to it"}},
		{"a post without its name", "[[posts]]\nname = \"Gate\"\n", "[[posts]]\n", []string{"bad.toml:47:", "posts.Gate.name", "give name, the post's name, which messages and outputs use"}},
		{"a link without its from", "from = \"Gate\"\nto = \"Goal\"", "to = \"Goal\"", []string{"bad.toml:29:", "links.1.from", "give from, the name of a location"}},
		{"a market without its location", "location = \"Home\"\nto = \"Goal\"", "to = \"Goal\"", []string{"markets.0.location", "give location, the name of a location"}},
		// A kind misspelt, or in Flee's words: the kind meant.
		{"a misspelt kind", `kind = "border"`, `kind = "boarder"`, []string{"bad.toml:15:", "locations.Gate.kind", `got "boarder"; did you mean border?`}},
		{"a Flee camp", `kind = "destination"`, `kind = "camp"`, []string{"bad.toml:20:", "locations.Goal.kind", `got "camp"; a Flee camp is a destination here`}},
		{"a Flee town", `kind = "border"`, `kind = "town"`, []string{"bad.toml:15:", "locations.Gate.kind", `got "town"; a Flee town is a hub here`}},
		{"a Flee conflict zone", `kind = "origin"`, `kind = "conflict_zone"`, []string{"bad.toml:10:", "locations.Home.kind", `got "conflict_zone"; a Flee conflict zone is an origin here, with conflict steps under rules = "flee"`}},
		// A post's rule misspelt, or named by a level of the admission factor.
		{"a misspelt admission", "capacity = 20", "capacity = 20\nadmission = \"documents\"", []string{"bad.toml:51:", "posts.Gate.admission", `admission must be one of everyone, documented, nobody; got "documents"; did you mean documented?`}},
		{"a level for an admission", "capacity = 20", "capacity = 20\nadmission = \"closed\"", []string{"bad.toml:51:", "posts.Gate.admission", `got "closed"; open, closed and shut are levels of the admission factor, for a regime's levels (levels = { admission = "closed" }); a post's rule is everyone, documented or nobody`}},
		{"a misspelt link kind", `kind = "irregular"`, `kind = "irregualr"`, []string{"bad.toml:38:", "links.2.kind", `must be road or irregular, got "irregualr"; did you mean irregular?`}},
		{"wrong kind of location", "[[origins]]\nlocation = \"Home\"", "[[origins]]\nlocation = \"Gate\"", []string{"origins.Gate.location", `"Gate" is a border; want an origin`}},
		// Checks the engine repeats: the loader's own names the line.
		{"fewer places for smugglers than smugglers", "max_smugglers = 10", "max_smugglers = 1", []string{"bad.toml:62:", "markets.Home.max_smugglers", "must be at least 1 and at least smugglers (2), got 1"}},
		{"two centres at one place", "[[markets]]", "[[locations]]\nname = \"Camp\"\nkind = \"centre\"\ncountry = \"A\"\n\n[[links]]\nfrom = \"Home\"\nto = \"Camp\"\ndays = 1\n\n[[centres]]\nlocation = \"Camp\"\ncapacity = 10\n\n[[centres]]\nlocation = \"Camp\"\ncapacity = 10\n\n[[markets]]", []string{"bad.toml:73:", "centres.Camp.location", `"Camp" already has a centre`}},
		{"evacuation and return above 1", "[[markets]]", "[[locations]]\nname = \"Camp\"\nkind = \"centre\"\ncountry = \"A\"\n\n[[links]]\nfrom = \"Home\"\nto = \"Camp\"\ndays = 1\n\n[[centres]]\nlocation = \"Camp\"\ncapacity = 10\nevacuation = 0.6\nreturn_uptake = 0.6\n\n[[markets]]", []string{"bad.toml:71:", "centres.Camp.evacuation", "evacuation + return_uptake must not exceed 1, got 1.2"}},
		{"a price outside its range", "max_smugglers = 10\n", "max_smugglers = 10\n\n[smuggling]\nprice = 1e9\n", []string{"bad.toml:65:", "smuggling.price", "must lie between price_min"}},
		{"an inflow schedule out of order", "[{from = 0, rate = 10}, {from = 30, rate = 0}]", "[{from = 30, rate = 10}, {from = 0, rate = 0}]", []string{"bad.toml:44:", "origins.Home.inflow_schedule.1.from", "steps must be in increasing order of day"}},
		{"destination weights all zero", `destinations = ["Goal"]`, "destinations = [\"Goal\"]\ndestination_weights = [0]", []string{"bad.toml:46:", "origins.Home.destination_weights", "weights must not all be zero"}},
		{"a post's schedule ending as it starts", "to = 20", "to = 10", []string{"bad.toml:54:", "posts.Gate.schedule.0.to", "must come after from (10), got 10"}},
	}
	for _, tt := range tests {
		if !strings.Contains(src, tt.old) {
			t.Fatalf("%s: %q is not in tiny.toml", tt.name, tt.old)
		}
		data := strings.Replace(src, tt.old, tt.new, 1)
		s, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{})
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: error %v does not wrap ErrInvalid", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q; want it to contain %q", tt.name, err, w)
			}
		}
	}
}

// TestBlankPlaceOnNoLink: a place without a name is reported once, as
// a name to give, and not again as a place no link reaches.
func TestBlankPlaceOnNoLink(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(string(tiny), "[[links]]", "[[locations]]\nkind = \"hub\"\ncountry = \"A\"\n\n[[links]]", 1)
	s, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	want := `bad.toml:23: locations.3.name: give name, the location's name, by which links, origins and posts refer to it`
	if err := s.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v; want %s", err, want)
	}
}

// TestUnknownKeyNotElsewhere: a key of the table an unknown key is
// written in (inflow in a step of inflow_schedule), or of many tables
// (to), gets no hint of where to write it: the hint would mislead.
func TestUnknownKeyNotElsewhere(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ new, want string }{
		{"{from = 0, inflow = 10}", "bad.toml:44: origins.inflow_schedule.inflow: unknown key"},
		{"{from = 0, rate = 10, to = 30}", "bad.toml:44: origins.inflow_schedule.to: unknown key"},
	} {
		data := strings.Replace(string(tiny), "{from = 0, rate = 10}", tt.new, 1)
		if _, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{}); err == nil || err.Error() != tt.want {
			t.Errorf("%s: Parse() = %v; want %s", tt.new, err, tt.want)
		}
	}
}

func TestUnreachableDestination(t *testing.T) {
	s := loadTiny(t)
	s.File.Links = s.File.Links[:1] // only Home-Gate: Goal is cut off
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), `destination "Goal" cannot be reached from "Home"`) {
		t.Errorf("Validate() = %v; want the unreachable destination named", err)
	}
}

func TestSet(t *testing.T) {
	tests := []struct {
		kv    string
		check func(f *File) bool
	}{
		{"days=90", func(f *File) bool { return f.Days == 90 }},
		{"migrants.trapped_after_days=10", func(f *File) bool { return f.Migrants.TrappedAfterDays == 10 }},
		{"posts.Gate.capacity=35.5", func(f *File) bool { return *f.Posts[0].Capacity == 35.5 }},
		{"posts.0.admission=nobody", func(f *File) bool { return *f.Posts[0].Admission == sim.AdmitNobody }},
		{"origins.Home.documented=0.5", func(f *File) bool { return *f.Origins[0].Documented == 0.5 }},
		{"links.2.hazard=0.01", func(f *File) bool { return f.Links[2].Hazard == 0.01 }},
		{"regimes.malfunctioning.outage_start=0.2", func(f *File) bool { return *f.Regimes["malfunctioning"].OutageStart == 0.2 }},
		{"regimes.mine.base=hbm", func(f *File) bool { return f.Regimes["mine"].Base == "hbm" }},
		{"default_regimes=open,closed", func(f *File) bool { return reflect.DeepEqual(f.DefaultRegimes, []string{"open", "closed"}) }},
		{`title="A what-if"`, func(f *File) bool { return f.Title == "A what-if" }},
	}
	for _, tt := range tests {
		s := loadTiny(t)
		if err := s.Set(tt.kv); err != nil {
			t.Errorf("Set(%q) = %v", tt.kv, err)
			continue
		}
		if !tt.check(s.File) {
			t.Errorf("Set(%q) did not take effect", tt.kv)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("Set(%q) then Validate() = %v", tt.kv, err)
		}
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct{ kv, want string }{
		{"days", "want KEY=VALUE"},
		{"dayz=3", `unknown key "dayz" in the top level; did you mean days?`},
		// A key cut short is too many edits from the whole for a typo, but
		// begins only it.
		{"migrants.trapped_after=5", `unknown key "trapped_after" in migrants; did you mean trapped_after_days?`},
		// A key of another table is named by its whole path, as check
		// --keys gives it: a regime's, or the elements that have it.
		{"outage_days=30", `unknown key "outage_days" in the top level; did you mean regimes.NAME.outage_days (NAME one of open, closed, malfunctioning, hbm, strict)?`},
		{"abuse.capacity=5", `unknown key "capacity" in abuse; did you mean posts.Gate.capacity?`},
		{"hazard=0.1", `unknown key "hazard" in the top level; did you mean links.0.hazard, links.1.hazard or links.2.hazard?`},
		{"days=soon", `want a whole number, got the text "soon"`},
		{"seed=99999999999999999999999", `want a smaller whole number (at most 9223372036854775807), got "99999999999999999999999"`},
		{"seed=9223372036854775808", `want a smaller whole number (at most 9223372036854775807), got "9223372036854775808"`},
		{"seed=-99999999999999999999999", `want a larger whole number (at least -9223372036854775808), got "-99999999999999999999999"`},
		{"seed=0x7fffffffffffffffff", `want a smaller whole number (at most 9223372036854775807), got "0x7fffffffffffffffff"`},
		{"days=1_000_000_000_000_000_000_000", `want a smaller whole number (at most ` + strconv.Itoa(math.MaxInt) + `), got "1_000_000_000_000_000_000_000"`},
		{"posts.0.capacity=\"5\"", `want a number, got the text "5"`},
		{"regimes.closed.patrol=high", `want a number, got the text "high"`},
		{"regimes.closed.patrol=0,5", `want a number, got the text "0,5": write a decimal with a point (0.5), not a comma`},
		{"abuse.bribe=-1,25", `got the text "-1,25": write a decimal with a point (-1.25), not a comma`},
		{"posts.Nowhere.capacity=3", `posts has no element "Nowhere" (names: Gate; or an index from 0 to 0)`},
		{"posts.gate.capacity=3", `posts has no element "gate"; did you mean Gate? Names are case-sensitive (names: Gate; or an index from 0 to 0)`},
		{"origins.home.inflow=10", `origins has no element "home"; did you mean Home? Names are case-sensitive (names: Home; or an index from 0 to 0)`},
		{"locations.Gaol.capacity=3", `locations has no element "Gaol"; did you mean Goal? (names: Home, Gate, Goal; or an index from 0 to 2)`},
		{"centres.Home.capacity=3", `centres has no element "Home" (it is empty)`},
		{"migrants.trapped_after_dayz=3", "did you mean trapped_after_days?"},
		{"posts.0.admission=sometimes", "admission must be one of"},
		{`origins.0.inflow_csv="in.csv"`, "origins.0.inflow_csv: a file of inflows is read with the scenario, not from an override"},
		{`origins=[{location="Home", inflow_csv="in.csv", destinations=["Goal"]}]`, "origins.0.inflow_csv: a file of inflows is read with the scenario"},
		// One table for a list of them was read as a list of it alone.
		{`posts={name="x"}`, `posts is a list of tables, not one table: to replace them all give a list in brackets, posts=[{...}, {...}]; to change one, set its key, posts.NAME.KEY or posts.INDEX.KEY`},
		{`locations={}`, `locations is a list of tables, not one table`},
		{`links={days=1}`, `links is a list of tables, not one table: to replace them all give a list in brackets, links=[{...}, {...}]; to change one, set its key, links.INDEX.KEY`},
	}
	for _, tt := range tests {
		s := loadTiny(t)
		err := s.Set(tt.kv)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("Set(%q) = %v; want an invalid-input error containing %q", tt.kv, err, tt.want)
		}
	}
	// Many keys of that name: the first three, and how many more.
	sahel, err := Load("sahel")
	if err != nil {
		t.Fatal(err)
	}
	if err := sahel.Set("hazard=0.1"); err == nil || !strings.HasSuffix(err.Error(), "; did you mean links.0.hazard, links.1.hazard, links.2.hazard or 7 more (borderwork check --keys lists them)?") {
		t.Errorf("sahel: Set(%q) = %v; want the first three links' hazard and 7 more", "hazard=0.1", err)
	}
	// Out of range is caught by Validate, which names the override.
	s := loadTiny(t)
	if err := s.Set("regimes.closed.patrol=2"); err != nil {
		t.Fatal(err)
	}
	err = s.Validate()
	if err == nil || !strings.Contains(err.Error(), "--set regimes.closed.patrol=2: regimes.closed.patrol: must be a probability") {
		t.Errorf("Validate() after an out-of-range --set = %v", err)
	}
	// A problem on a line of the file that an override caused names the
	// override; one the file has without overrides does not.
	classroom, err := Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	if err := classroom.Set("locations.Town.kind=destination"); err != nil {
		t.Fatal(err)
	}
	err = classroom.Validate()
	if want := "the file is valid without --set locations.Town.kind=destination"; err == nil || !strings.HasPrefix(err.Error(), "classroom:") || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Validate() after --set locations.Town.kind=destination = %v; want a line of classroom ending %q", err, want)
	}
	// A problem of what a flag changed (--days, set on File after the
	// overrides) is not put down to an override.
	flagged := loadTiny(t)
	if err := flagged.Set("abuse.bribe=1"); err != nil {
		t.Fatal(err)
	}
	flagged.File.Days = sim.MaxDays + 1
	if err := flagged.Validate(); err == nil || !strings.Contains(err.Error(), "days") || strings.Contains(err.Error(), "valid without") {
		t.Errorf("Validate() with days beyond the most, and --set abuse.bribe=1 = %v; want the days named, no override", err)
	}
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := Parse([]byte(strings.Replace(string(tiny), "replicates = 2", "replicates = 0", 1)), "bad.toml", "bad.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Set("days=30"); err != nil {
		t.Fatal(err)
	}
	if err := bad.Validate(); err == nil || !strings.HasPrefix(err.Error(), "bad.toml:5: replicates") || strings.Contains(err.Error(), "valid without") {
		t.Errorf("Validate() of a file with its own problem, and --set days=30 = %v; want its line, no override named", err)
	}
	// A table the override creates starts as a file's would: [flee] from
	// its defaults, so that the one error is the one a file gives (its
	// other keys were 0, and each named as an error).
	s = loadTiny(t)
	if err := s.Set("flee.documented=0.5"); err != nil {
		t.Fatal(err)
	}
	err = s.Validate()
	if want := `--set flee.documented=0.5: flee: is read by the Flee rule set only; set rules = "flee" or remove it`; err == nil || err.Error() != want {
		t.Errorf("Validate() after --set flee.documented=0.5 = %v; want %q", err, want)
	}
}

// TestSetWholeTableOfRegimes: regimes and factor levels that an
// override of a whole table adds are the scenario's to run, in lexical
// order after the file's; those it drops are gone.
func TestSetWholeTableOfRegimes(t *testing.T) {
	s := loadTiny(t)
	if err := s.Set(`regimes={zeta={base="closed"}, alpha={base="open"}}`); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(BuiltinRegimes), "alpha", "zeta")
	if got := s.RegimeNames(); !slices.Equal(got, want) {
		t.Errorf("RegimeNames() = %v; want %v", got, want)
	}
	if _, err := s.Config("alpha"); err != nil {
		t.Errorf("Config(alpha) after the override: %v", err)
	}
}

// TestSetTableByValue: an override giving a plain value to a table, or to
// a list of tables, says so in the scenario's terms, not the decoder's Go
// types; an inline table or array still goes to the decoder.
func TestSetTableByValue(t *testing.T) {
	for _, tt := range []struct{ kv, want string }{
		{"posts.0=3", "posts.0 is a table, not a value: set one of its keys, posts.0.KEY (such as posts.0.capacity)"},
		{"regimes.closed=high", "regimes.closed is a table, not a value: set one of its keys, regimes.closed.KEY"},
		{"posts=3", "posts is a list of tables, not a value: set a key of one of them, posts.NAME.KEY or posts.INDEX.KEY"},
		{"posts.0=[1]", "posts.0 is a table, not a value"},
	} {
		s := loadTiny(t)
		err := s.Set(tt.kv)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) || strings.Contains(err.Error(), "scenarios.") {
			t.Errorf("Set(%q) = %v; want an invalid-input error containing %q", tt.kv, err, tt.want)
		}
	}
	s := loadTiny(t)
	if err := s.Set("posts.0={capacity=5}"); err != nil && strings.Contains(err.Error(), "not a value") {
		t.Errorf("Set of an inline table = %v; want it decoded", err)
	}
}

// TestEncodeRoundTrip: the resolved scenario, read back, gives the same
// configurations and encodes to the same bytes.
func TestEncodeRoundTrip(t *testing.T) {
	for _, name := range encodeScenarios() {
		s, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Set("regimes.malfunctioning.outage_days=9"); err != nil {
			t.Fatal(err)
		}
		enc, err := s.Encode()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(enc, "resolved.toml", "resolved.toml", fstest.MapFS{})
		if err != nil {
			t.Fatalf("%s: resolved scenario does not parse: %v", name, err)
		}
		if err := back.Validate(); err != nil {
			t.Fatalf("%s: resolved scenario does not validate: %v", name, err)
		}
		for _, r := range s.RegimeNames() {
			a, _ := s.Config(r)
			b, err := back.Config(r)
			if err != nil {
				t.Fatalf("%s/%s: %v", name, r, err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s/%s: the resolved scenario builds a different configuration", name, r)
			}
		}
		again, _ := back.Encode()
		if string(enc) != string(again) {
			t.Errorf("%s: encoding the resolved scenario again changes it", name)
		}
	}
}

func TestSchedulesFollowRegimes(t *testing.T) {
	s := loadTiny(t)
	open, _ := s.Config("open")
	closed, _ := s.Config("closed")
	if len(open.Posts[0].Schedule) != 1 || open.Posts[0].Schedule[0].Policy.Force != sim.ForceFailing {
		t.Errorf("open: schedule %+v; want the failing window", open.Posts[0].Schedule)
	}
	if len(closed.Posts[0].Schedule) != 0 {
		t.Errorf("closed: schedule %+v; want none (the window is for open only)", closed.Posts[0].Schedule)
	}
	w := open.Posts[0].Schedule[0]
	if w.From != 10 || w.To != 20 || w.Policy.Admission != sim.AdmitEveryone {
		t.Errorf("window = %+v; want days 10-20 with the rest of open's policy", w)
	}
}

func TestUserRegimeInherits(t *testing.T) {
	s := loadTiny(t)
	strict, err := s.Config("strict")
	if err != nil {
		t.Fatal(err)
	}
	closed, _ := s.Config("closed")
	if strict.Enforcement.Patrol != 0.2 || strict.Posts[0].Policy.Admission != sim.AdmitDocumented || strict.Enforcement.IrregularHazard != closed.Enforcement.IrregularHazard {
		t.Errorf("strict = %+v / %+v; want closed's policy with patrol 0.2", strict.Posts[0].Policy, strict.Enforcement)
	}
	if got := s.RegimeNames(); !reflect.DeepEqual(got, []string{"open", "closed", "malfunctioning", "hbm", "strict"}) {
		t.Errorf("RegimeNames() = %v", got)
	}
}

func TestInflowCSV(t *testing.T) {
	dir := t.TempDir()
	tiny, _ := os.ReadFile("testdata/tiny.toml")
	data := strings.Replace(string(tiny), `inflow_schedule = [{from = 0, rate = 10}, {from = 30, rate = 0}]`, `inflow_csv = "flows.csv"`, 1)
	os.WriteFile(filepath.Join(dir, "s.toml"), []byte(data), 0o644)
	os.WriteFile(filepath.Join(dir, "flows.csv"), []byte("day,rate\n0,10\n30,0\n"), 0o644)
	s, err := Load(filepath.Join(dir, "s.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []InflowStepSpec{{0, 10}, {30, 0}}
	if got := s.File.Origins[0].InflowSchedule; !reflect.DeepEqual(got, want) || s.File.Origins[0].InflowCSV != "" {
		t.Errorf("schedule from CSV = %v; want %v inlined", got, want)
	}
	// Excel saves a UTF-8 CSV with a byte-order mark before the header.
	os.WriteFile(filepath.Join(dir, "flows.csv"), []byte("\uFEFFday,rate\n0,10\n30,0\n"), 0o644)
	if s, err := Load(filepath.Join(dir, "s.toml")); err != nil || !reflect.DeepEqual(s.File.Origins[0].InflowSchedule, want) {
		t.Errorf("CSV with a byte-order mark: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "flows.csv"), []byte("day,rate\n0,ten\n"), 0o644)
	if _, err := Load(filepath.Join(dir, "s.toml")); err == nil || !strings.Contains(err.Error(), "flows.csv: line 2") {
		t.Errorf("bad CSV: %v; want the CSV's line named", err)
	}
	for _, tt := range []struct{ csv, want string }{
		// An empty file left the origin with no inflow, silently.
		{"", "flows.csv: no day,rate rows"},
		{"day,rate\n", "flows.csv: no day,rate rows"},
		// Lines are the file's, blank lines counted.
		{"day,rate\n0,10\n\n\n1.5,20\n", "flows.csv: line 5: want an integer day"},
		{"0,10\n\n5\n", "flows.csv: line 3: want two columns, day and rate"},
	} {
		os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(tt.csv), 0o644)
		if _, err := Load(filepath.Join(dir, "s.toml")); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CSV %q: %v; want %q", tt.csv, err, tt.want)
		}
	}
	// As a spreadsheet saves it: its header capitalised, emptied cells as
	// trailing commas and rows of commas (all refused), CRLF line ends;
	// read as the plain file.
	for _, csv := range []string{
		"Day,Rate\r\n0,10\r\n30,0\r\n",
		"day,rate,\n0,10,\n30,0,,\n,\n,,\n",
		"\uFEFF\"day\",\"rate\"\r\n\"0\",\" 10 \"\r\n\"30\",\"0\"\r\n\r\n",
	} {
		os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(csv), 0o644)
		if s, err := Load(filepath.Join(dir, "s.toml")); err != nil || !reflect.DeepEqual(s.File.Origins[0].InflowSchedule, want) {
			t.Errorf("CSV %q: %v; want %v as from the plain file", csv, err, want)
		}
	}
	// A value the scenario refuses is named at the CSV's line, not as
	// origins.0.inflow_schedule.N, a key the file does not have, at the
	// line of [[origins]].
	for _, tt := range []struct{ csv, want string }{
		{"day,rate\n30,10\n0,5\n", "s.toml:" + strconv.Itoa(strings.Count(data[:strings.Index(data, "inflow_csv")], "\n")+1) + ": origins.Home.inflow_csv: flows.csv: line 3: day 0 does not come after day 30 (line 2): rows must be in increasing order of day"},
		{"day,rate\n0,10\n\n0,5\n", "flows.csv: line 4: day 0 does not come after day 0 (line 2)"},
		{"day,rate\n0,-10\n", "flows.csv: line 2: rate must be a number of migrants a day, zero or more, got -10"},
		{"day,rate\n0,NaN\n", "flows.csv: line 2: rate must be a number of migrants a day, zero or more, got NaN"},
		{"day,rate\n-1,10\n", "flows.csv: line 2: day must be a number of days in [0, 65535], got -1"},
		{"day;rate\n0;10\n30;2,5\n", "flows.csv: line 1: want two columns, day and rate, got 1: the file looks separated by semicolons"},
	} {
		os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(tt.csv), 0o644)
		if _, err := Load(filepath.Join(dir, "s.toml")); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CSV %q: %v; want %q", tt.csv, err, tt.want)
		}
	}
	// A path outside the folder was refused as "cannot be read".
	for _, path := range []string{"../flows.csv", "/etc/passwd"} {
		os.WriteFile(filepath.Join(dir, "out.toml"), []byte(strings.Replace(data, "flows.csv", path, 1)), 0o644)
		if _, err := Load(filepath.Join(dir, "out.toml")); err == nil || !strings.Contains(err.Error(), path+": must be a path in the scenario's folder or below it") {
			t.Errorf("inflow_csv %s: %v; want it refused as outside the folder", path, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "flows.csv"), []byte(strings.Repeat("0,1\n", MaxFileBytes/4+1)), 0o644)
	if _, err := Load(filepath.Join(dir, "s.toml")); err == nil || !strings.Contains(err.Error(), "flows.csv: the file is larger than 4 MiB, the most a scenario may hold") {
		t.Errorf("CSV over the limit: %v", err)
	}
}

// TestInflowCSVEmpty: inflow_csv = "" names no file, and is refused at
// its line, naming the key; it was read as no inflow, without a word.
// A resolved scenario.toml, which borderwork writes with inflow_csv = ""
// for every origin, is still read.
func TestInflowCSVEmpty(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	schedule := `inflow_schedule = [{from = 0, rate = 10}, {from = 30, rate = 0}]`
	line := strings.Count(string(tiny[:strings.Index(string(tiny), schedule)]), "\n") + 1 // the schedule's
	resolved, err := loadTiny(t).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resolved), `inflow_csv = ""`) {
		t.Fatal(`the resolved scenario has no inflow_csv = "" to read back; this test no longer tests that`)
	}
	tests := []struct {
		name, text string
		want       string // "" for valid
	}{
		{"in place of the schedule", strings.Replace(string(tiny), schedule, `inflow_csv = ""`, 1),
			"s.toml:" + strconv.Itoa(line) + `: origins.Home.inflow_csv: is empty, which names no file: name the CSV file of day,rate rows, or leave inflow_csv out`},
		{"beside the schedule", strings.Replace(string(tiny), schedule, schedule+"\n"+`inflow_csv = ""`, 1),
			"s.toml:" + strconv.Itoa(line+1) + `: origins.Home.inflow_csv: is empty`},
		{"a resolved scenario.toml", string(resolved), ""},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.text), "s.toml", "s.toml", os.DirFS(t.TempDir()))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v; want it read", tt.name, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrInvalid)):
			t.Errorf("%s: %v; want an invalid-input error starting %q", tt.name, err, tt.want)
		}
	}
}

// TestParseNilDir: Parse with no folder (a program parsing a scenario it
// holds as text) reads a scenario that refers to no file, and refuses
// one that names an inflow_csv with an error naming it, where it
// panicked in io/fs.
func TestParseNilDir(t *testing.T) {
	tiny, _ := os.ReadFile("testdata/tiny.toml")
	if _, err := Parse(tiny, "tiny.toml", "tiny.toml", nil); err != nil {
		t.Errorf("Parse(tiny, nil dir) = %v; want it read", err)
	}
	data := strings.Replace(string(tiny), `inflow_schedule = [{from = 0, rate = 10}, {from = 30, rate = 0}]`, `inflow_csv = "flows.csv"`, 1)
	_, err := Parse([]byte(data), "tiny.toml", "tiny.toml", nil)
	want := `tiny.toml:44: origins.Home.inflow_csv: flows.csv: cannot be read: the scenario was parsed with no folder to read it from (Parse's dir is nil)`
	if err == nil || err.Error() != want || !errors.Is(err, ErrInvalid) {
		t.Errorf("Parse(inflow_csv, nil dir) = %v; want %q, wrapping ErrInvalid", err, want)
	}
}

func TestExpectedMigrants(t *testing.T) {
	s := loadTiny(t)
	if got := s.ExpectedMigrants(); got != 300 {
		t.Errorf("ExpectedMigrants() = %v; want 10 a day for 30 days = 300", got)
	}
}

// TestInvalidInflowOneProblem: an origin's inflow that is already refused
// (NaN, infinite, negative) is the only problem: the total of migrants
// it makes is not reported again, on it or pinned on another origin. A
// valid inflow that makes too many is still refused.
func TestInvalidInflowOneProblem(t *testing.T) {
	for _, tt := range []struct {
		scenario, set, key, want string
	}{
		{"sahel", "origins.Bamako.inflow=nan", "origins.Bamako.inflow", "must be zero or more, got NaN"},
		{"sahel", "origins.Bamako.inflow=inf", "origins.Bamako.inflow", "must be zero or more, got +Inf"},
		{"sahel", "origins.Bamako.inflow=-1", "origins.Bamako.inflow", "must be zero or more, got -1"},
		{"sahel", "origins.Kano.inflow=nan", "origins.Kano.inflow", "must be zero or more, got NaN"},
		{"testdata/tiny.toml", "origins.Home.inflow_schedule.0.rate=nan", "origins.Home.inflow_schedule.0.rate", "got NaN"},
		{"sahel", "origins.Bamako.inflow=1e300", "origins.Bamako.inflow", "a run would create about"},
	} {
		t.Run(tt.set, func(t *testing.T) {
			s, err := Load(tt.scenario)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Set(tt.set); err != nil {
				t.Fatal(err)
			}
			var errs Errors
			if err := s.Validate(); !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != tt.key || !strings.Contains(errs[0].Msg, tt.want) {
				t.Errorf("Validate() = %v; want one problem, at %s, saying %q", err, tt.key, tt.want)
			}
		})
	}
}

func TestCloneIsIndependent(t *testing.T) {
	s := loadTiny(t)
	c := s.Clone()
	if err := c.Set("regimes.closed.patrol=0.3"); err != nil {
		t.Fatal(err)
	}
	if err := c.Set("posts.Gate.capacity=1"); err != nil {
		t.Fatal(err)
	}
	c.File.Origins[0].InflowSchedule[0].Rate = 99
	if _, ok := s.File.Regimes["closed"]; ok || *s.File.Posts[0].Capacity != 20 || s.File.Origins[0].InflowSchedule[0].Rate != 10 || len(s.Sets()) != 0 {
		t.Error("changing a clone changed the original")
	}
	a, _ := s.Config("hbm")
	b, _ := s.Clone().Config("hbm")
	if !reflect.DeepEqual(a, b) {
		t.Error("a clone builds a different configuration")
	}
}

func TestKeyKind(t *testing.T) {
	s := loadTiny(t)
	tests := []struct {
		key              string
		numeric, integer bool
		err              bool
	}{
		{"regimes.malfunctioning.outage_start", true, false, false},
		{"migrants.trapped_after_days", true, true, false},
		{"posts.Gate.capacity", true, false, false},
		{"title", false, false, false},
		{"regimes.closed.admission", false, false, false},
		{"migrants.nonsense", false, false, true},
	}
	for _, tt := range tests {
		numeric, integer, err := s.KeyKind(tt.key)
		if numeric != tt.numeric || integer != tt.integer || (err != nil) != tt.err {
			t.Errorf("KeyKind(%q) = %v, %v, %v; want %v, %v, error %v", tt.key, numeric, integer, err, tt.numeric, tt.integer, tt.err)
		}
	}
	if len(s.Sets()) != 0 || s.File.Regimes["malfunctioning"] != nil {
		t.Error("KeyKind changed the scenario")
	}
}

// TestValues: keys read the scenario as it runs: a file's value, an
// override, a built-in regime's value and a value inherited from a base.
func TestValues(t *testing.T) {
	s, err := Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range []string{"migrants.give_up_days=9", "regimes.lite.base=closed", "regimes.lite.rescue=0.5"} {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	closed, err := s.Config("closed")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		want any
	}{
		{"days", 180},
		{"origins.Village.will_turn_back", 0.5},
		{"migrants.give_up_days", 9},
		{"posts.Post.capacity", 15.0},
		{"regimes.lite.news_rate", closed.Information.NewsRate}, // inherited from closed
		{"regimes.lite.rescue", 0.5},
		{"factors.reliability.failing.outage_days", 7.0},     // builtin/factors.toml
		{"factors.reliability.failing.capacity_factor", nil}, // not a key of the factor
	}
	for _, tt := range tests {
		got, err := s.Value(tt.key)
		if err != nil || got != tt.want {
			t.Errorf("Value(%q) = %v (%T), %v; want %v (%T)", tt.key, got, got, err, tt.want, tt.want)
		}
	}
	if _, err := s.Value("regimes.malfunctioning.outage_day"); err == nil || !strings.Contains(err.Error(), "did you mean outage_days?") {
		t.Errorf("Value of a misspelt key = %v; want an error with a suggestion", err)
	}
	if got, _ := s.Value("migrants.give_up_days"); got != 9 {
		t.Errorf("Values changed the scenario")
	}
}

// TestUnknownKindReportedOnce: a location whose kind is misspelt is one
// problem, at the location, not another at every post, market or centre
// that stands there.
func TestUnknownKindReportedOnce(t *testing.T) {
	s := loadTiny(t)
	for i := range s.File.Locations {
		if s.File.Locations[i].Name == "Gate" {
			s.File.Locations[i].Kind = "post"
		}
	}
	var errs Errors
	if err := s.Validate(); !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != "locations.Gate.kind" {
		t.Errorf("Validate() = %v; want one problem, at locations.Gate.kind", err)
	}
}

// TestHarmWeightsBounded: a harm weight is at most 1e9, so that the harm
// index, a weighted sum of a run's counts, stays finite. 1e308 was
// accepted, and the index became +Inf: claim failed late writing its
// JSON, and compare wrote +Inf into summary.csv.
func TestHarmWeightsBounded(t *testing.T) {
	tests := []struct {
		kv   string
		want string // "" for a valid weight
	}{
		{"harm_weights.death=1e9", ""},
		{"harm_weights.centre_day=0", ""},
		{"harm_weights.death=1e308", "--set harm_weights.death=1e308: harm_weights.death: must be a weight in [0, 1e+09], got 1e+308"},
		{"harm_weights.trapped_day=1e308", "harm_weights.trapped_day: must be a weight in [0, 1e+09], got 1e+308"},
		{"harm_weights.assisted_return=1000000001", "harm_weights.assisted_return: must be a weight in [0, 1e+09], got 1.000000001e+09"},
		{"harm_weights.kidnap=-1", "harm_weights.kidnap: must be a weight in [0, 1e+09], got -1"},
	}
	for _, tt := range tests {
		s := loadTiny(t)
		if err := s.Set(tt.kv); err != nil {
			t.Fatalf("Set(%q): %v", tt.kv, err)
		}
		err := s.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("--set %s: %v; want it valid", tt.kv, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid)):
			t.Errorf("--set %s: %v; want an invalid-input error containing %q", tt.kv, err, tt.want)
		}
	}
}

// TestLongOverrideIsQuotedShort: every problem an override causes quotes
// it, cut after 200 runes: a list of thousands of empty names
// (default_regimes=,,,...) has two problems a name, and quoting the
// whole override in each made its messages grow with the square of its
// length; 60 KB of commas sent to the classroom page took the server 22
// GB, and it was killed (audit hostile).
func TestLongOverrideIsQuotedShort(t *testing.T) {
	s := loadTiny(t)
	kv := "default_regimes=" + strings.Repeat(",", 5000)
	if err := s.Set(kv); err != nil {
		t.Fatal(err)
	}
	var errs Errors
	if err := s.Validate(); !errors.As(err, &errs) || len(errs) != 10001 {
		t.Fatalf("Validate() = %d problems, %v; want 10001", len(errs), err)
	}
	want := "--set " + kv[:200] + "…: default_regimes.0: unknown regime \"\""
	if got := errs[0].Error(); !strings.HasPrefix(got, want) {
		t.Errorf("first problem %q; want it to begin %q", got, want)
	}
	for _, e := range errs {
		if n := len(e.Error()); n > 400 {
			t.Fatalf("a problem of %d bytes: %.300s...", n, e.Error())
		}
	}
	// Cut by runes, not bytes; a short override is quoted whole.
	s = loadTiny(t)
	kv = "regimes.closed.patrol=" + strings.Repeat("é", 300)
	if err := s.Set(kv); err == nil || !strings.HasPrefix(err.Error(), "--set regimes.closed.patrol="+strings.Repeat("é", 200-len("regimes.closed.patrol="))+"…: ") {
		t.Errorf("Set(%q) = %v; want it quoted to 200 runes", kv, err)
	}
	if err := s.Set("regimes.closed.patrol=high"); err == nil || !strings.HasPrefix(err.Error(), "--set regimes.closed.patrol=high: ") {
		t.Errorf("a short override: %v; want it quoted whole", err)
	}
}
