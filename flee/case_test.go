package flee

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/scenarios"
)

// readTiny reads the synthetic case in testdata/tiny.
func readTiny(t testing.TB) *Case {
	t.Helper()
	c, err := Read("testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReadTiny(t *testing.T) {
	c := readTiny(t)
	if got := c.Start.Format("2006-01-02"); got != "2020-01-01" || c.Days != 60 {
		t.Errorf("period = %s, %d days; want 2020-01-01, 60", got, c.Days)
	}
	var types []string
	for _, l := range c.Locations {
		types = append(types, l.Name+":"+l.Type.String())
	}
	want := "A:conflict_zone B:conflict_zone T:town F:forwarding_hub C1:camp C2:camp C3:camp"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("locations = %s; want %s", got, want)
	}
	if l := c.Locations[0]; !l.HasCoords || l.Lat != 10 || l.Lon != 1 || l.Population != 10000 || l.Country != "Home" {
		t.Errorf("A = %+v", l)
	}
	if n := len(c.Routes); n != 7 || c.Routes[6].KM != 500 {
		t.Errorf("%d routes, the last %v km; want 7, 500", n, c.Routes[6].KM)
	}
	var kinds []string
	for _, cl := range c.Closures {
		kinds = append(kinds, cl.Kind)
	}
	if got := strings.Join(kinds, " "); got != "country location link link camp remove_forced_redirection" {
		t.Errorf("closures = %s", got)
	}
	if got := c.Camps(); !reflect.DeepEqual(got, []int{4, 5, 6}) {
		t.Errorf("Camps() = %v; want [4 5 6]", got)
	}
}

func TestConflictSteps(t *testing.T) {
	c := readTiny(t)
	tests := []struct {
		loc  string
		want []ConflictStep
	}{
		{"A", []ConflictStep{{0, 1}}},
		// On at its conflict_date, off at day 20, on again at 30 with a
		// lower intensity: a new conflict, whose decay starts again.
		{"B", []ConflictStep{{5, 1}, {20, 0}, {30, 0.5}}},
		{"T", nil}, // a column of zeros
		{"F", nil}, // no column, no conflict_date
		{"C1", nil},
	}
	for _, tt := range tests {
		if got := c.ConflictSteps(c.LocationIndex(tt.loc)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ConflictSteps(%s) = %v; want %v", tt.loc, got, tt.want)
		}
	}
	// Without conflicts.csv, conflict_date decides the onset.
	c.Conflicts = nil
	if got, want := c.ConflictSteps(c.LocationIndex("B")), []ConflictStep{{5, 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("without conflicts.csv, ConflictSteps(B) = %v; want %v", got, want)
	}
}

func TestSeries(t *testing.T) {
	c := readTiny(t)
	// C1: the correction on 2020-03-01 (300 after 350) scales every
	// earlier point by 300/350; the header row "Date,Count" is skipped.
	c1 := c.SeriesFor("C1")
	wantC1 := []Point{{-31, 0}, {0, 50 * 300.0 / 350}, {30, 300}, {60, 300}}
	if !reflect.DeepEqual(c1.Points, wantC1) {
		t.Errorf("C1 = %v; want %v", c1.Points, wantC1)
	}
	// C2 sums two files the way Flee's AddCSVTables does: the second file's
	// 30 on day 31 is added to the first file's next value (200), and the
	// first file's day-45 row is dropped.
	if got, want := c.SeriesFor("C2").Points, []Point{{0, 20}, {31, 230}}; !reflect.DeepEqual(got, want) {
		t.Errorf("C2 = %v; want %v", got, want)
	}
	tests := []struct {
		series string
		day    int
		want   int
	}{
		{"C1", -40, 0}, {"C1", 0, 42}, {"C1", 15, 171}, {"C1", 30, 300}, {"C1", 100, 300},
		{"C3", 0, 0}, {"C3", 19, 0}, {"C3", 20, 3}, {"C3", 50, 100}, {"C3", 52, 76}, {"C3", 59, 40},
		{"total", 0, 100}, {"total", 30, 500},
	}
	for _, tt := range tests {
		if got := c.SeriesFor(tt.series).At(tt.day); got != tt.want {
			t.Errorf("%s.At(%d) = %d; want %d", tt.series, tt.day, got, tt.want)
		}
	}
}

// TestSeriesFirstRow: Flee skips a series' first row when its date is
// empty, as atop FabFlee's car/source_data/dcon-mboti.csv (",\t"), which
// was refused ("dcon-mboti.csv:1: date: want a date YYYY-MM-DD, got \"\"").
func TestSeriesFirstRow(t *testing.T) {
	dir := copyTiny(t)
	writeCase(t, dir, "source_data/c3.csv", ",\t\n2020-01-01,0\n2020-01-20,5\n")
	c, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.SeriesFor("C3").Points, []Point{{0, 0}, {19, 5}}; !reflect.DeepEqual(got, want) {
		t.Errorf("C3 = %v; want %v", got, want)
	}
}

func TestAddTables(t *testing.T) {
	tests := []struct {
		t1, t2, want []Point
	}{
		{[]Point{{0, 1}, {10, 2}}, []Point{{0, 10}, {10, 20}}, []Point{{0, 11}, {10, 22}}},
		// A date of the second file between two of the first: added to the
		// first file's next value.
		{[]Point{{0, 1}, {10, 2}}, []Point{{0, 10}, {5, 15}, {10, 20}}, []Point{{0, 11}, {5, 17}, {10, 22}}},
		// A date of the first file between two of the second: carried with
		// the second's last value.
		{[]Point{{0, 1}, {5, 3}, {10, 2}}, []Point{{0, 10}, {10, 20}}, []Point{{0, 11}, {5, 13}, {10, 22}}},
	}
	for _, tt := range tests {
		if got := addTables(tt.t1, tt.t2); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("addTables(%v, %v) = %v; want %v", tt.t1, tt.t2, got, tt.want)
		}
	}
}

func TestSpawnAndRaw(t *testing.T) {
	c := readTiny(t)
	spawn := c.Spawn()
	if len(spawn) != c.Days || spawn[0] != 0 {
		t.Fatalf("Spawn() has %d days, day 0 = %d; want %d, 0 (day-0 registrations are put in camps)", len(spawn), spawn[0], c.Days)
	}
	// Each day's spawn is the change of the camps' summed series.
	for d := 1; d < c.Days; d++ {
		sum := 0
		for _, s := range c.Series {
			sum += s.At(d) - s.At(d-1)
		}
		if spawn[d] != sum {
			t.Errorf("Spawn()[%d] = %d; want %d", d, spawn[d], sum)
		}
	}
	if spawn[52] >= 0 {
		t.Errorf("Spawn()[52] = %d; want negative (C3 falls from 100 to 40)", spawn[52])
	}
	// run.py's raw count starts from the total series plus every camp's
	// (a quirk of its day-0 loop): 100 + 42 + 20 + 0.
	raw := c.Raw()
	if raw[0] != 162 {
		t.Errorf("Raw()[0] = %d; want 162", raw[0])
	}
	if got, want := raw[59]-raw[0], c.SeriesFor("C1").At(59)+c.SeriesFor("C2").At(59)+c.SeriesFor("C3").At(59)-62; got != want {
		t.Errorf("Raw() grows by %d; want the camps' growth %d", got, want)
	}
	if c.Initial(c.LocationIndex("C1")) != 42 || c.Capacity(c.LocationIndex("C1")) != 358 || c.Capacity(c.LocationIndex("C3")) != 0 {
		t.Errorf("C1 initial %d, capacity %d, C3 capacity %d; want 42, 358 (400 - 42), 0",
			c.Initial(c.LocationIndex("C1")), c.Capacity(c.LocationIndex("C1")), c.Capacity(c.LocationIndex("C3")))
	}
}

func TestSettings(t *testing.T) {
	c, err := Read("../data/flee/mali2012")
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultSettings()
	want.MaxMoveSpeed, want.DefaultMoveChance, want.AvoidShortStints = 400, 0.5, true
	want.ConflictWeight, want.Softening, want.DistancePower, want.CapacityScaling = 0.25, 50, 0.75, 1.25
	want.ConflictSpawnDecay = []float64{1, 1, 1, 0.5, 0.1}
	if !reflect.DeepEqual(c.Settings, want) {
		t.Errorf("mali2012 settings = %+v\nwant %+v", c.Settings, want)
	}
	dir := copyTiny(t)
	os.Remove(filepath.Join(dir, "simsetting.yml"))
	c, err = Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Settings, DefaultSettings()) || c.SettingsFile != "" {
		t.Errorf("without simsetting.yml, settings = %+v from %q; want Flee's defaults", c.Settings, c.SettingsFile)
	}
	writeCase(t, dir, "simsetting.yml", "move_rules:\n  use_v1_rules: true\n  max_move_speed: 500\n")
	c, err = Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Settings; s.MaxMoveSpeed != 200 || s.CampWeight != 2 || s.ConflictWeight != 0.25 {
		t.Errorf("use_v1_rules: speed %g, camp weight %g, conflict weight %g; want 200, 2, 0.25", s.MaxMoveSpeed, s.CampWeight, s.ConflictWeight)
	}
	// A byte-order mark (audit hostile7, finding 6: "simsetting.yml:1:
	// \ufefflog_levels: unknown Flee settings section"), with CRLF line ends.
	writeCase(t, dir, "simsetting.yml", "\ufefflog_levels:\r\n  agent: 0\r\nmove_rules:\r\n  max_move_speed: 500\r\n")
	c, err = Read(dir)
	if err != nil {
		t.Fatalf("simsetting.yml with a byte-order mark: %v", err)
	}
	if c.Settings.MaxMoveSpeed != 500 {
		t.Errorf("simsetting.yml with a byte-order mark: speed %g; want 500", c.Settings.MaxMoveSpeed)
	}
	// Lines ended by a bare CR, as PyYAML reads them: the file was one
	// line, "move_rules:\r  max_move_speed: 500", an unknown section.
	writeCase(t, dir, "simsetting.yml", "move_rules:\r  max_move_speed: 400\r")
	if c, err = Read(dir); err != nil {
		t.Errorf("simsetting.yml with CR line ends: %v", err)
	} else if c.Settings.MaxMoveSpeed != 400 {
		t.Errorf("simsetting.yml with CR line ends: speed %v; want 400", c.Settings.MaxMoveSpeed)
	}
}

// TestReadCROnlyLineEnds: a case whose CSV files end lines with a bare
// CR, as Excel for Mac's "CSV (Macintosh)" saves them and Python's csv
// module (Flee's) reads them, reads as the same case with LF line ends.
// Each file was refused as holding "a quoted field" with a line break.
func TestReadCROnlyLineEnds(t *testing.T) {
	want, err := Read(copyTiny(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := copyTiny(t)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".csv" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")) // closures.csv has CRLF
		return os.WriteFile(p, bytes.ReplaceAll(data, []byte("\n"), []byte("\r")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatalf("the case with CR line ends: %v", err)
	}
	got.Dir, want.Dir = "", ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the case with CR line ends reads as\n%+v\nwant, as with LF\n%+v", got, want)
	}
}

// TestReadCampNamedAll: validation.csv's rows for all camps together are
// "all", and a camp of that name was lost among them (and left out of
// report.md): refused, naming its row. A series of data_layout.csv that
// is no camp may be called so, and a camp "All" is not the rows' name.
func TestReadCampNamedAll(t *testing.T) {
	rename := func(to string) string {
		dir := copyTiny(t)
		for _, f := range []string{"input_csv/locations.csv", "input_csv/routes.csv", "input_csv/closures.csv", "source_data/data_layout.csv"} {
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			writeCase(t, dir, f, regexp.MustCompile(`\bC2\b`).ReplaceAllString(string(data), to))
		}
		return dir
	}
	_, err := Read(rename("all"))
	if want := `source_data/data_layout.csv:3: name: a camp may not be named "all": validation.csv and the figures give that name to all camps together; rename the camp here and in locations.csv (line 7)`; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("a camp named all: %v; want %q", err, want)
	}
	if _, err := Read(rename("All")); err != nil {
		t.Errorf("a camp named All: %v; want it read", err)
	}
	dir := copyTiny(t)
	writeCase(t, dir, "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv\nC2,c2.csv,c2b.csv\nC3,c3.csv\nall,c1.csv\n")
	if _, err := Read(dir); err != nil {
		t.Errorf("a series named all that is no camp: %v; want it read", err)
	}
}

// copyTiny copies testdata/tiny to a temporary folder.
func copyTiny(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(os.DirFS("testdata/tiny"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if err == nil {
				err = os.MkdirAll(filepath.Join(dir, p), 0o755)
			}
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata/tiny", p))
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeCase(t *testing.T, dir, rel, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadCases: each kind of bad or inconsistent case file is one error
// naming the file, the line and the column, that wraps ErrInvalid.
func TestBadCases(t *testing.T) {
	const (
		locHeader = "#name,region,country,latitude,longitude,location_type,conflict_date,population\n"
		locs      = "A,North,Home,10.0,1.0,conflict_zone,0,10000\nB,North,Home,10.5,1.5,conflict_zone,5,5000\nT,Centre,Home,11.0,2.0,town,,20000\nF,Centre,Home,11.5,2.5,forwarding_hub,,\nC1,Hills,Northland,12.0,3.0,camp,,400\nC2,Plain,Southland,9.0,3.0,camp,,300\nC3,Plain,Southland,9.5,4.0,camp,,\n"
		layout    = "total,total.csv\nC1,c1.csv\nC2,c2.csv,c2b.csv\nC3,c3.csv\n"
	)
	tests := []struct {
		name, file, content, want string
	}{
		{"period date", "input_csv/sim_period.csv", "StartDate,2020-13-01\nLength,60\n",
			"input_csv/sim_period.csv:1: StartDate: no such date \"2020-13-01\""},
		{"period length", "input_csv/sim_period.csv", "StartDate,2020-01-01\n",
			"input_csv/sim_period.csv: want two rows: StartDate,YYYY-MM-DD and Length,DAYS"},
		{"period length twice", "input_csv/sim_period.csv", "StartDate,2020-01-01\nLength,60\nLength,20\n",
			"input_csv/sim_period.csv:3: Length: given twice"},
		{"short location row", "input_csv/locations.csv", locHeader + "A,North,Home,10.0,1.0\n",
			"input_csv/locations.csv:2: location_type: want 8 columns (name,region,country,latitude,longitude,location_type,conflict_date,population), got 5"},
		// An unclosed quote swallowed the rest of the file into one
		// field, and the error blamed the row's column count.
		{"unclosed quote", "input_csv/locations.csv", locHeader + "\"A,North,Home,10.0,1.0,conflict_zone,0,10000\n" + locs[strings.Index(locs, "B,"):],
			"input_csv/locations.csv:2: column 1: a quoted field runs from line 2 to line 8, but no field of a Flee case holds a line break: is a closing quote (\") missing?"},
		{"unclosed quote in a series", "source_data/c3.csv", "2020-01-01,0\n2020-01-20,\"5\n2020-02-01,9\n",
			"source_data/c3.csv:2: column 2: a quoted field runs from line 2 to line 3, but no field of a Flee case holds a line break: is a closing quote (\") missing?"},
		{"latitude", "input_csv/locations.csv", locHeader + "A,North,Home,north,1.0,conflict_zone,0,10000\n",
			"input_csv/locations.csv:2: latitude: want decimal degrees in [-90, 90], got \"north\""},
		{"location type", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,village,0,10000\n",
			"input_csv/locations.csv:2: location_type: want camp, conflict_zone, town or forwarding_hub, got \"village\""},
		{"marker", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,marker,,\n",
			"input_csv/locations.csv:2: location_type: location type \"marker\" is not supported by the importer"},
		{"conflict date", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,conflict_zone,,10000\n",
			"input_csv/locations.csv:2: conflict_date: a conflict zone needs a whole-number day offset, got \"\""},
		{"population", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,conflict_zone,0,many\n",
			"input_csv/locations.csv:2: population: want a whole number of people, 0 or more, got \"many\""},
		{"location of spaces", "input_csv/locations.csv", locHeader + "  ,North,Home,10,1,conflict_zone,0,10000\n",
			"input_csv/locations.csv:2: name: must not be empty or only spaces, got \"  \""},
		{"duplicate location", "input_csv/locations.csv", locHeader + locs + "A,North,Home,10,1,town,,5\n",
			"input_csv/locations.csv:9: name: duplicate location \"A\" (first on line 2)"},
		{"tab in a name", "input_csv/locations.csv", locHeader + "A\tB,North,Home,10,1,conflict_zone,0,10000\n",
			"input_csv/locations.csv:2: name: must be text without line breaks or other control characters, got \"A\\tB\""},
		{"tab in a country", "input_csv/locations.csv", locHeader + "A,North,Ho\tme,10,1,conflict_zone,0,10000\n",
			"input_csv/locations.csv:2: country: must be text without line breaks or other control characters, got \"Ho\\tme\""},
		// Saved by Excel on Windows ("CSV (Comma delimited)", Windows-1252):
		// the é of Mbéra is a byte that is no UTF-8. The messages spoke of
		// control characters, or of a camp with no row in data_layout.csv.
		{"Windows-1252 name", "input_csv/locations.csv", locHeader + "Mb\xe9ra,North,Home,10,1,conflict_zone,0,10000\n",
			"input_csv/locations.csv:2: column 1: \"Mb\\xe9ra\" is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's \"CSV (Comma delimited)\" saves it): save it as \"CSV UTF-8\""},
		{"Windows-1252 layout", "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv\nC2,c2.csv,c2b.csv\nC3,c3.csv\nMb\xe9ra,c1.csv\n",
			"source_data/data_layout.csv:5: column 1: \"Mb\\xe9ra\" is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's \"CSV (Comma delimited)\" saves it): save it as \"CSV UTF-8\""},
		{"Windows-1252 conflicts header", "input_csv/conflicts.csv", "#Day, A, Mb\xe9ra\n0, 1, 0\n",
			"input_csv/conflicts.csv:1: column 3: \" Mb\\xe9ra\" is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's \"CSV (Comma delimited)\" saves it): save it as \"CSV UTF-8\""},
		// Saved by a spreadsheet set to a European language: it said
		// "StartDate;2020-01-01: unknown row", and "want 8 columns, got 1".
		{"semicolons", "input_csv/sim_period.csv", "StartDate;2020-01-01\nLength;60\n",
			"input_csv/sim_period.csv:1: the file looks separated by semicolons, as a spreadsheet set to a European language saves it; save it with commas between columns and points in numbers (18.44)"},
		{"semicolons and decimal commas", "input_csv/locations.csv", "#name;region;country;latitude;longitude;location_type;conflict_date;population\nA;North;Home;10,0;1,0;conflict_zone;0;10000\n",
			"input_csv/locations.csv:1: the file looks separated by semicolons, as a spreadsheet set to a European language saves it; save it with commas between columns and points in numbers (18.44)"},
		{"no routes", "input_csv/routes.csv", "#name1,name2,distance,forced_redirection\n",
			"input_csv/routes.csv: no routes"},
		{"route to nowhere", "input_csv/routes.csv", "A,T,100,0\nT,Atlantis,50,0\n",
			"input_csv/routes.csv:2: name2: unknown location \"Atlantis\" (not in locations.csv)"},
		// Written with ", " between columns: the names have a space
		// before them, as Flee reads them too; the message said only
		// that " T" is unknown.
		{"route with spaces", "input_csv/routes.csv", "A, T, 100, 0\n",
			"input_csv/routes.csv:1: name2: unknown location \" T\" (not in locations.csv; \"T\" is, without the spaces around it: are there spaces after the commas? Names are matched exactly)"},
		{"closure with spaces", "input_csv/closures.csv", "country, Home, Northland, 0, 5\n",
			"input_csv/closures.csv:1: name1: no location in locations.csv lies in country \" Home\"; \"Home\" is, without the spaces around it: are there spaces after the commas? Names are matched exactly"},
		{"correction with spaces", "input_csv/registration_corrections.csv", "C1 ,2020-03-01,normalize\n",
			"input_csv/registration_corrections.csv:1: camp: \"C1 \" has no series in data_layout.csv; \"C1\" is, without the spaces around it: are there spaces after the commas? Names are matched exactly"},
		{"route length", "input_csv/routes.csv", "A,T,-100,0\n",
			"input_csv/routes.csv:1: distance: want a length in km, more than 0, got \"-100\""},
		{"route flag", "input_csv/routes.csv", "A,T,100,3\n",
			"input_csv/routes.csv:1: forced_redirection: want empty, 0, 1 or 2, got \"3\""},
		{"closure type", "input_csv/closures.csv", "#h\nborder,Home,Northland,0,5\n",
			"input_csv/closures.csv:2: closure_type: want country, location, link, camp or remove_forced_redirection, got \"border\""},
		{"closure country", "input_csv/closures.csv", "country,Home,Narnia,0,5\n",
			"input_csv/closures.csv:1: name2: no location in locations.csv lies in country \"Narnia\""},
		{"closure camp", "input_csv/closures.csv", "camp,T,,0,5\n",
			"input_csv/closures.csv:1: name1: \"T\" is not a camp"},
		{"closure link", "input_csv/closures.csv", "link,A,C1,0,5\n",
			"input_csv/closures.csv:1: name2: no route joins \"A\" and \"C1\""},
		{"closure day", "input_csv/closures.csv", "country,Home,Northland,soon,5\n",
			"input_csv/closures.csv:1: closure_start: want a whole-number day offset, got \"soon\""},
		{"conflict column", "input_csv/conflicts.csv", "#Day, A, Z\n0, 1, 0\n",
			"input_csv/conflicts.csv:1: Z: unknown location \"Z\" (not in locations.csv)"},
		// A name one character off was left for the user to spot
		// (FabFlee's venezuela2022: "Distrito Capital" in conflicts.csv).
		{"conflict column near a name", "input_csv/conflicts.csv", "#Day, A, C 1\n0, 1, 0\n",
			"input_csv/conflicts.csv:1: C 1: unknown location \"C 1\" (not in locations.csv); did you mean \"C1\"? Flee matches names exactly"},
		{"route near a name", "input_csv/routes.csv", "A,T,100,0\nT,c2,50,0\n",
			"input_csv/routes.csv:2: name2: unknown location \"c2\" (not in locations.csv); did you mean \"C2\"? Flee matches names exactly"},
		{"conflict value", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n1, 1, high\n",
			"input_csv/conflicts.csv:3: B: want a conflict intensity, 0 or more, got \" high\""},
		// Blamed on the values: "B: want a value for each of the 2
		// locations in the header".
		{"conflict comment row", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n# from here on, estimates\n1, 1, 0\n",
			"input_csv/conflicts.csv:3: a comment row (starting with #) with commas after the header: Flee reads every such row as a day; delete it"},
		// A comment of one field Flee reads as a day with no values, and
		// no harm: skipped.
		{"conflict comment row of one field", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n# estimates from here\n1, 1, 0\n",
			"input_csv/conflicts.csv: want a row for each of the 60 days (sim_period.csv), got 2: Flee stops with an error on day 2; add the missing days, or set Length in sim_period.csv to 2 to run the days the table covers"},
		{"conflict too few", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n1, 1\n",
			"input_csv/conflicts.csv:3: B: want a value for each of the 2 locations in the header"},
		{"conflict too many", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n1, 1, 0, 1\n",
			"input_csv/conflicts.csv:3: column 4: 3 values after the day; want one for each of the 2 locations in the header"},
		{"layout climbs out", "source_data/data_layout.csv", "total,total.csv\nC1,../../../../../../dev/zero\n",
			"source_data/data_layout.csv:2: file 1: \"../../../../../../dev/zero\" is outside the case folder; name a file of the case, relative to source_data/"},
		{"layout absolute", "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv,/dev/zero\n",
			"source_data/data_layout.csv:2: file 2: \"/dev/zero\" is an absolute path; name a file of the case, relative to source_data/"},
		{"conflict no rows", "input_csv/conflicts.csv", "#Day, A, B\n",
			"input_csv/conflicts.csv: want a row for each of the 60 days (sim_period.csv), got none"},
		{"conflict rows", "input_csv/conflicts.csv", "#Day, A, B\n0, 1, 0\n1, 1, 0\n",
			"input_csv/conflicts.csv: want a row for each of the 60 days (sim_period.csv), got 2: Flee stops with an error on day 2; add the missing days, or set Length in sim_period.csv to 2 to run the days the table covers"},
		{"layout first row", "source_data/data_layout.csv", "C1,c1.csv\n" + layout,
			"source_data/data_layout.csv:1: name: the first row must be the country total, total,refugees.csv; got \"C1\""},
		{"layout camp", "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv\nC2,c2.csv\n",
			"source_data/data_layout.csv: name: camp \"C3\" (locations.csv line 8) has no row"},
		// A name with a space after it, or in another case, was not
		// pointed at: the message named no line of the file.
		{"layout camp spaced", "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv\nC2,c2.csv\nC3 ,c3.csv\n",
			"source_data/data_layout.csv:4: name: camp \"C3\" (locations.csv line 8) has no row; this row names \"C3 \": names are matched exactly, spaces and case too"},
		{"layout camp case", "source_data/data_layout.csv", "total,total.csv\nC1,c1.csv\nc2,c2.csv\nC3,c3.csv\n",
			"source_data/data_layout.csv:3: name: camp \"C2\" (locations.csv line 7) has no row; this row names \"c2\": names are matched exactly, spaces and case too"},
		{"layout name of spaces", "source_data/data_layout.csv", "total,total.csv\n  ,c1.csv\n" + layout[len("total,total.csv\n"):],
			"source_data/data_layout.csv:2: name: must not be empty or only spaces, got \"  \"; name the camp the series counts, or total"},
		{"layout name of a tab", "source_data/data_layout.csv", "total,total.csv\n\t,c1.csv\n",
			"source_data/data_layout.csv:2: name: must not be empty or only spaces, got \"\\t\"; name the camp the series counts, or total"},
		{"layout name empty", "source_data/data_layout.csv", "total,total.csv\n,c1.csv\n",
			"source_data/data_layout.csv:2: name: must not be empty or only spaces, got \"\"; name the camp the series counts, or total"},
		{"layout total of spaces", "source_data/data_layout.csv", " ,total.csv\n" + layout,
			"source_data/data_layout.csv:1: name: must not be empty or only spaces, got \" \"; name the camp the series counts, or total"},
		{"layout file", "source_data/data_layout.csv", "total,total.csv\nC1,gone.csv\n",
			"source_data/data_layout.csv:2: file 1: no such file source_data/gone.csv"},
		{"series count", "source_data/c3.csv", "2020-01-01,0\n2020-01-20,lots\n",
			"source_data/c3.csv:2: count: want a whole number of refugees from 0 to 1000000000 (a camp's most), got \"lots\""},
		{"series count negative", "source_data/c3.csv", "2020-01-01,0\n2020-01-20,-950\n",
			"source_data/c3.csv:2: count: want a whole number of refugees from 0 to 1000000000 (a camp's most), got \"-950\""},
		{"series count huge", "source_data/c3.csv", "2020-01-01,0\n2020-01-20,9223372036854775807\n",
			"source_data/c3.csv:2: count: want a whole number of refugees from 0 to 1000000000 (a camp's most), got \"9223372036854775807\""},
		{"total count negative", "source_data/total.csv", "2020-01-01,-1\n",
			"source_data/total.csv:1: count: want a whole number of refugees from 0 to 1000000000 (a camp's most), got \"-1\""},
		{"population negative", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,conflict_zone,0,-5\n",
			"input_csv/locations.csv:2: population: want a whole number of people, 0 or more, got \"-5\""},
		// Beyond the scenario's ranges the import blamed itself, naming
		// a file it never wrote (audit hostile7, finding 5).
		{"population beyond the scenario's", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,conflict_zone,0,1000000000000\n",
			"input_csv/locations.csv:2: population: want at most 10000000000 people for a conflict_zone, got \"1000000000000\""},
		{"camp beyond the scenario's capacity", "input_csv/locations.csv", locHeader + "A,North,Home,10,1,conflict_zone,0,10000\nC1,Hills,Northland,12.0,3.0,camp,,2000000000\n",
			"input_csv/locations.csv:3: population: want at most 1000000000 people for a camp, got \"2000000000\""},
		{"series date empty", "source_data/c3.csv", "2020-01-01,0\n,\t\n",
			"source_data/c3.csv:2: date: want a date YYYY-MM-DD, got \"\""},
		{"series order", "source_data/c3.csv", "2020-01-20,0\n2020-01-01,5\n",
			"source_data/c3.csv:2: date: dates must not go back in time: 2020-01-01 comes after 2020-01-20 (line 1); a series is read in file order, so its rows must be in date order"},
		// The row out of place was not named, only the one after it
		// (FabFlee's ukraine2022: pol-medyka.csv has 2023-08-17 among
		// January's days).
		{"series row out of place", "source_data/c3.csv", "2020-01-01,0\n2020-01-20,5\n2020-03-01,9\n2020-01-21,6\n2020-01-22,6\n",
			"source_data/c3.csv:4: date: dates must not go back in time: 2020-01-21 comes after 2020-03-01 (line 3); a series is read in file order, so its rows must be in date order"},
		{"correction date", "input_csv/registration_corrections.csv", "C1,2020-02-02,normalize\n",
			"input_csv/registration_corrections.csv:1: date: \"C1\" has no data point on 2020-02-02"},
		{"correction camp", "input_csv/registration_corrections.csv", "T,2020-02-02,normalize\n",
			"input_csv/registration_corrections.csv:1: camp: \"T\" has no series in data_layout.csv"},
		// Columns after the standard ones that Flee's default rules read
		// were dropped without a word, so the run was not Flee's.
		{"initial_idps", "input_csv/locations.csv", "#name,region,country,latitude,longitude,location_type,conflict_date,population,initial_idps\n" + strings.Replace(locs, "camp,,400", "camp,,400,250", 1),
			"input_csv/locations.csv:6: initial_idps: Flee puts that many agents in this camp before day 0, besides its registrations; the importer does not carry the column over: leave it empty or give 0, got \"250\""},
		{"conflict_intensity", "input_csv/locations.csv", "#name,region,country,latitude,longitude,location_type,conflict_date,population,fatalities,conflict_intensity\nA,North,Home,10.0,1.0,conflict_zone,0,10000,3,0.4\n",
			"input_csv/locations.csv:2: conflict_intensity: Flee gives this conflict zone that intensity from day 0 instead of 1; the importer does not carry the column over: leave it empty or give 1, got \"0.4\""},
		{"capacity_per_day", "input_csv/locations.csv", "#name,region,country,latitude,longitude,location_type,conflict_date,population,capacity_per_day\nA,North,Home,10.0,1.0,conflict_zone,0,10000,5\n",
			"input_csv/locations.csv:2: capacity_per_day: Flee adds that much to this location's capacity every day; the importer does not carry the column over: leave it empty or give 0, got \"5\""},
		{"link speed", "input_csv/routes.csv", "#name1,name2,distance,forced_redirection,link_type,max_move_speed\nA,T,100,0,drive,\nB,T,80,,walk,35\n",
			"input_csv/routes.csv:3: max_move_speed: Flee's agents travel this link at that speed (km a day) instead of the settings' max_move_speed; the importer does not carry the column over: leave it empty, got \"35\""},
		{"link walk", "input_csv/routes.csv", "#name1,name2,distance,forced_redirection,walk_probability\nA,T,100,0,0.5\n",
			"input_csv/routes.csv:2: walk_probability: Flee's agents walk this link (max_walk_speed) with that probability; the importer does not carry the column over: leave it empty or give 0, got \"0.5\""},
		// Flee changes a location's type on a day (a camp opened later);
		// the file was not read at all.
		{"location changes", "location_changes.csv", "#location name, new location type, date\nT,camp,30\n",
			"location_changes.csv:2: Flee changes \"T\" into a camp on day 30 here (location_changes.csv), which the importer does not support: a location keeps its locations.csv type; remove the file's rows to import the case without the changes"},
		{"location changes in input_csv", "input_csv/location_changes.csv", "C3,town,10\n",
			"input_csv/location_changes.csv:1: Flee changes \"C3\" into a town on day 10 here (location_changes.csv), which the importer does not support: a location keeps its locations.csv type; remove the file's rows to import the case without the changes"},
		{"settings key", "simsetting.yml", "move_rules:\n  max_move_sped: 300\n",
			"simsetting.yml:2: move_rules.max_move_sped: unknown Flee setting"},
		{"settings feature", "simsetting.yml", "spawn_rules:\n  conflict_driven_spawning:\n    spawn_mode: constant\n",
			"simsetting.yml:2: spawn_rules.conflict_driven_spawning: not supported by borderwork's Flee rule set; remove it"},
		{"settings off", "simsetting.yml", "move_rules:\n  fixed_routes: True\n",
			"simsetting.yml:2: move_rules.fixed_routes: not supported by borderwork's Flee rule set; only false is accepted"},
		{"camp-making move chance", "simsetting.yml", "move_rules:\n  default_movechance: 0.001\n",
			"simsetting.yml:2: move_rules.default_movechance: below 0.005, Flee makes every town a camp when it creates it, which borderwork's Flee rule set does not: give 0.005 or more, got 0.001"},
		// PyYAML reads "False" as text, and Flee's bool() of it is true:
		// it was read here as false, silently unlike Flee.
		{"settings quoted boolean", "simsetting.yml", "move_rules:\n  avoid_short_stints: \"False\"\n",
			"simsetting.yml:2: move_rules.avoid_short_stints: want true or false without quotes, got \"False\" in quotes: Flee reads text in quotes as true, whatever it says, unless it is empty"},
		// The same of a rule borderwork accepts only off: it was taken
		// as off, where Flee turns it on.
		{"settings quoted off", "simsetting.yml", "move_rules:\n  fixed_routes: \"False\"\n",
			"simsetting.yml:2: move_rules.fixed_routes: want true or false without quotes, got \"False\" in quotes: Flee reads text in quotes as true, whatever it says, unless it is empty"},
		{"settings number", "simsetting.yml", "move_rules:\n  max_move_speed: fast\n",
			"simsetting.yml:2: move_rules.max_move_speed: want a number, got \"fast\""},
		{"settings range", "simsetting.yml", "move_rules:\n  camp_movechance: 2\n",
			"simsetting.yml:2: move_rules.camp_movechance: must be in [0, 1], got 2"},
		// The ranges were checked after reading, and the error named no
		// line (FabFlee's ukraine2022 sets awareness_level 5 on line 20).
		{"settings awareness", "simsetting.yml", "log_levels:\n  agent: 0\nmove_rules:\n  max_move_speed: 300\n  awareness_level: 5\n",
			"simsetting.yml:5: move_rules.awareness_level: not supported above 3 by borderwork's Flee rule set, which looks at most 3 links ahead where Flee looks as many as it is given; give 0 to 3, got 5"},
		{"settings awareness negative", "simsetting.yml", "move_rules:\n  awareness_level: -1\n",
			"simsetting.yml:2: move_rules.awareness_level: must be in 0..3, got -1"},
		{"settings list", "simsetting.yml", "spawn_rules:\n  conflict_spawn_decay: [1.0, half]\n",
			"simsetting.yml:2: spawn_rules.conflict_spawn_decay: want a list of numbers, got \"half\""},
		{"settings duplicate", "simsetting.yml", "move_rules:\n  max_move_speed: 300\n  camp_movechance: 0.001\n  max_move_speed: 200\n",
			"simsetting.yml:4: move_rules.max_move_speed: duplicate key (first on line 2)"},
		{"settings duplicate section", "simsetting.yml", "move_rules:\n  max_move_speed: 300\nspawn_rules:\n  take_from_population: False\nmove_rules:\n  max_move_speed: 300\n",
			"simsetting.yml:5: move_rules: duplicate key (first on line 1)"},
		{"settings tabs", "simsetting.yml", "move_rules:\n\tmax_move_speed: 300\n",
			"simsetting.yml:2: indentation must be spaces, not tabs"},
		{"settings section", "simsetting.yml", "moving_rules:\n  max_move_speed: 300\n",
			"simsetting.yml:1: moving_rules: unknown Flee settings section (known: move_rules, spawn_rules, optimisations, log_levels)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTiny(t)
			writeCase(t, dir, tt.file, tt.content)
			_, err := Read(dir)
			if err == nil {
				t.Fatalf("Read accepted %s:\n%s", tt.file, tt.content)
			}
			if !errors.Is(err, scenarios.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			got = strings.ReplaceAll(got, dir, "CASE")
			if got != tt.want {
				t.Errorf("Read error\n got %s\nwant %s", got, tt.want)
			}
			if strings.Contains(got, "\n") {
				t.Errorf("error spans lines: %q", got)
			}
		})
	}
}

// TestAttributesFleeIgnores: columns after the standard ones that Flee's
// default rules do not read, or values of them that change nothing, are
// read as before (FabFlee's nigeria2024 has fatalities, initial_idps and
// more; ssudan2016's routes have link_type).
func TestAttributesFleeIgnores(t *testing.T) {
	dir := copyTiny(t)
	writeCase(t, dir, "input_csv/locations.csv", `#name,region,country,latitude,longitude,location_type,conflict_date,population,fatalities,initial_idps,conflict_intensity,capacity_per_day
A,North,Home,10.0,1.0,conflict_zone,0,10000,12,4000,1.0,
B,North,Home,10.5,1.5,conflict_zone,5,5000,3,,0.5,0
T,Centre,Home,11.0,2.0,town,,20000,0,500,,
F,Centre,Home,11.5,2.5,forwarding_hub,,
C1,Hills,Northland,12.0,3.0,camp,,400,0,0,,
C2,Plain,Southland,9.0,3.0,camp,,300,,,,
C3,Plain,Southland,9.5,4.0,camp,,,,0.0,,0
`)
	writeCase(t, dir, "input_csv/routes.csv", `#name1,name2,distance,forced_redirection,link_type,walk_probability,max_move_speed
A,T,100,0,drive,0,
B,T,80,,walk,,
T,F,50,0
F,C1,120,0,drive,0.0,
T,C2,200,2,,,
C2,C3,60,
A,C3,500,1
`)
	c, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Locations) != 7 || len(c.Routes) != 7 || c.Initial(c.LocationIndex("C1")) != 42 {
		t.Errorf("%d locations, %d routes, C1 initial %d; want 7, 7, 42", len(c.Locations), len(c.Routes), c.Initial(c.LocationIndex("C1")))
	}
}

// TestNotAFile: a case file that is a device, pipe or folder is refused
// before it is read (a link to /dev/zero would otherwise fill memory),
// and so is one larger than the limit.
func TestNotAFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	dir := copyTiny(t)
	path := filepath.Join(dir, "source_data", "c3.csv")
	os.Remove(path)
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Skip(err)
	}
	_, err := Read(dir)
	want := path + ": is not a regular file (a pipe, a device or a socket)"
	if err == nil || !errors.Is(err, scenarios.ErrInvalid) || err.Error() != want {
		t.Errorf("Read with a link to /dev/zero = %v\nwant %s", err, want)
	}
	os.Remove(path)
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir); err == nil || err.Error() != path+": is a folder, not a file" {
		t.Errorf("Read with a folder for a series = %v", err)
	}
	os.Remove(path)
	f, err := os.Create(path)
	if err == nil {
		err = f.Truncate(infile.TableLimit + 1) // sparse: no disk used
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(dir); err == nil || err.Error() != path+": the file is larger than 64 MiB, the most a data file may hold" {
		t.Errorf("Read with a series over the limit = %v", err)
	}
}

// TestNotACase: a folder that is not there is "no such folder", a file
// is not taken for one, and a folder of a case's files without
// input_csv/ is told the layout; each names the path and wraps
// ErrInvalid.
func TestNotACase(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// Flee's own repository keeps a case's input files in
	// conflict_input/CASE and its series in conflict_validation/CASE; a
	// Flee user pointing the importer at either was told only that
	// input_csv/sim_period.csv did not exist.
	input, series := filepath.Join(dir, "conflict_input", "tiny"), filepath.Join(dir, "conflict_validation", "tiny")
	for _, d := range []string{input, series} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeCase(t, input, "locations.csv", "#name,region,country,latitude,longitude,location_type,conflict_date,population\n")
	writeCase(t, series, "data_layout.csv", "total,total.csv\n")
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "nothing"), "nothing: no such folder"},
		{file, "afile: a file, not a Flee case folder"},
		{input, "conflict_input/tiny: holds a case's input files but no input_csv/ folder: a Flee case folder holds input_csv/ (sim_period.csv, locations.csv, routes.csv, ...) and source_data/ (data_layout.csv and the series), as FabFlee's config_files/validation/SWEEP/CASE do; with Flee's own conflict_input/CASE, make a folder holding it as input_csv/ and the matching conflict_validation/CASE as source_data/"},
		{series, "conflict_validation/tiny: holds a case's UNHCR series (data_layout.csv) but no input_csv/ folder: a Flee case folder holds input_csv/ (sim_period.csv, locations.csv, routes.csv, ...) and source_data/ (data_layout.csv and the series), as FabFlee's config_files/validation/SWEEP/CASE do; with Flee's own conflict_validation/CASE, make a folder holding it as source_data/ and the matching conflict_input/CASE as input_csv/"},
	} {
		_, err := Read(tt.path)
		if err == nil || !errors.Is(err, scenarios.ErrInvalid) || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("Read(%s) = %v; want it to end %q, wrapping ErrInvalid", tt.path, err, tt.want)
		}
	}
}

// TestSettingsManyKeys: a settings file of many keys (200,000 here, 2 MB
// of the 64 MiB a file may hold) is read as quickly as its size allows:
// each key was compared with every key before it, and this file took
// three minutes to be refused for its first key (go test's -timeout is
// what fails this test without the fix). A duplicate is still found,
// with the line of the first.
func TestSettingsManyKeys(t *testing.T) {
	var b strings.Builder
	for i := range 200_000 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	b.WriteString("k0: 2\n")
	_, err := parseYAML([]byte(b.String()), "simsetting.yml")
	if want := "simsetting.yml:200001: k0: duplicate key (first on line 1)"; err == nil || err.Error() != want {
		t.Errorf("parseYAML of 200,000 keys and a duplicate = %v; want %q", err, want)
	}
}

// TestManyLocations: a case of 100,000 locations and routes (5 MB, of
// the 64 MiB each file may hold) is read as quickly as its size allows:
// each route's ends were looked for among all the locations, which took
// 77 s (go test's -timeout is what fails this test without the fix).
// Names are still looked up exactly, in composed form (NFC).
func TestManyLocations(t *testing.T) {
	const n = 100_000
	c, err := Read(manyLocations(t, n))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Locations) != 7+n+1 || len(c.Routes) != 7+n+1 {
		t.Fatalf("read %d locations and %d routes; want %d each", len(c.Locations), len(c.Routes), 7+n+1)
	}
	last := c.Routes[len(c.Routes)-1]
	if c.Locations[last.From].Name != "Z0" || c.Locations[last.To].Name != "Mb\u00e9ra" || c.Locations[c.Routes[7].To].Name != "Z1" {
		t.Errorf("routes join the wrong locations: %+v, %+v", last, c.Routes[7])
	}
}

// manyLocations is a copy of testdata/tiny with n more towns in a ring
// of routes, and Mbéra joined to the first by a route naming it with e
// and a combining accent.
func manyLocations(t *testing.T, n int) string {
	t.Helper()
	dir := copyTiny(t)
	locs, _ := os.ReadFile(filepath.Join(dir, "input_csv/locations.csv"))
	routes, _ := os.ReadFile(filepath.Join(dir, "input_csv/routes.csv"))
	var l, r strings.Builder
	l.Write(locs)
	r.Write(routes)
	for i := range n {
		fmt.Fprintf(&l, "Z%d,North,Home,10.0,1.0,town,,0\n", i)
		fmt.Fprintf(&r, "Z%d,Z%d,10\n", i, (i+1)%n)
	}
	l.WriteString("Mb\u00e9ra,North,Home,10.0,1.0,town,,0\n")
	r.WriteString("Z0,Mbe\u0301ra,10\n") // é as e and an accent
	writeCase(t, dir, "input_csv/locations.csv", l.String())
	writeCase(t, dir, "input_csv/routes.csv", r.String())
	return dir
}

// TestReadCorrectsTotal: a registration correction of the total series
// rescales it, as Flee's correctLevel1Registrations does any series of
// data_layout.csv by name; it was refused, saying "total" had no series.
func TestReadCorrectsTotal(t *testing.T) {
	dir := copyTiny(t)
	writeCase(t, dir, "input_csv/registration_corrections.csv", "total,2020-03-01\n")
	c, err := Read(dir)
	if err != nil {
		t.Fatalf("a correction of total: %v", err)
	}
	// total.csv: 100 on 2020-01-01, 900 on 2020-03-01: the earlier point
	// is scaled by 900/100.
	if got := c.Total.Points[0].Value; got != 900 {
		t.Errorf("the total on day 0 after its correction = %v; want 900", got)
	}
}
