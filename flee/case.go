package flee

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/scenarios"
)

// LocationType is what a Flee location is when a run starts.
type LocationType uint8

// The location types the importer accepts. Flee's idpcamp, marker and
// flood_zone types are refused: no validation case uses them.
const (
	Town LocationType = iota
	ConflictZone
	Camp
	ForwardingHub
)

var locationTypeNames = [...]string{"town", "conflict_zone", "camp", "forwarding_hub"}

func (t LocationType) String() string { return locationTypeNames[t] }

// maxPopulation is the most people a location of type t may hold: the
// range of the scenario key its population becomes (a camp's capacity,
// or another location's population). An int64: 1e10 is past a 32-bit
// int, where a population that large does not parse anyway.
func maxPopulation(t LocationType) int64 {
	if t == Camp {
		return 1e9
	}
	return 1e10
}

// Location is a row of locations.csv.
type Location struct {
	Name, Region, Country string
	Lat, Lon              float64 // decimal degrees
	HasCoords             bool    // false when both columns are empty
	Type                  LocationType
	ConflictDate          int // conflict zones: the day offset of onset from column 6; -1 otherwise
	// Population is the people living there (a non-camp's spawn weight)
	// or, for a camp, its capacity; divided by the hasten factor.
	Population int
	Line       int // line in locations.csv
}

// Foreign reports whether l lies outside the home country, the country of
// the first location (Flee's rule).
func (c *Case) Foreign(l int) bool { return c.Locations[l].Country != c.Locations[0].Country }

// Route is a row of routes.csv: an undirected link.
type Route struct {
	From, To int     // location indices
	KM       float64 // length in km
	Line     int
	// Twice is set for a route flagged forced_redirection 1, which Flee
	// links twice (InputGeography.py calls linkUp for 1, and again in
	// the else of its test for 2); the importer links it once and says so.
	Twice bool
}

// Closure is a row of closures.csv.
type Closure struct {
	Kind         string // country, location, link, camp or remove_forced_redirection
	Name1, Name2 string
	Start, End   int // day offsets: applied on Start, undone on End
	Line         int
}

// ConflictTable is conflicts.csv: intensities by day (rows) and location
// (columns).
type ConflictTable struct {
	Locations []int       // location index of each column
	Values    [][]float64 // Values[day][column]
}

// Correction is a row of registration_corrections.csv.
type Correction struct {
	Camp string
	Date time.Time
	Line int
}

// Point is one registration count of a series, at a day offset from the
// start date (negative before it).
type Point struct {
	Day   int
	Value float64
}

// Series is one row of data_layout.csv: a name and the counts summed from
// its files, after registration corrections.
type Series struct {
	Name   string
	Files  []string
	Points []Point
}

// At is the series' value on day t as Flee interpolates it
// (DataTable.get_interpolated_data): the first value before the first
// point, the last after the last, linear in between, truncated to an
// integer.
func (s *Series) At(t int) int {
	p := s.Points
	if t <= p[0].Day {
		return int(p[0].Value)
	}
	for i := 1; i < len(p); i++ {
		if t < p[i].Day {
			frac := float64(t-p[i-1].Day) / float64(p[i].Day-p[i-1].Day)
			return int(p[i-1].Value + float64(frac*(p[i].Value-p[i-1].Value)))
		}
	}
	return int(p[len(p)-1].Value)
}

// Case is a Flee case folder read whole: geography, closures, conflicts,
// the observed UNHCR series and the settings the case runs with.
type Case struct {
	Dir          string
	Start        time.Time // day 0
	Days         int       // days 0..Days-1
	Locations    []Location
	Routes       []Route
	Closures     []Closure
	Conflicts    *ConflictTable // nil without conflicts.csv
	Corrections  []Correction
	Total        *Series   // data_layout's first row, "total"
	Series       []*Series // the other rows, in file order
	Settings     Settings
	SettingsFile string // the settings file read, relative to Dir; "" for Flee's defaults

	// byName is the index of each location by name, for Read to look
	// names up (find): looking each route's ends up among all the
	// locations took 77 s for a case of 100,000 locations and routes.
	byName map[string]int
}

// Read reads the Flee case in dir: input_csv/ (sim_period, locations,
// routes, and the optional closures, conflicts and
// registration_corrections), source_data/ (data_layout and the series it
// names) and, if present, simsetting.yml. Every problem is an error
// naming the file, line and column, wrapping scenarios.ErrInvalid.
func Read(dir string) (*Case, error) {
	c := &Case{Dir: dir, Settings: DefaultSettings()}
	switch st, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &scenarios.Error{File: dir, Msg: "no such folder"}
	case err == nil && !st.IsDir():
		return nil, &scenarios.Error{File: dir, Msg: "a file, not a Flee case folder"}
	case err != nil:
		return nil, &scenarios.Error{File: dir, Msg: "not a Flee case folder (" + err.Error() + ")"}
	}
	if err := checkLayout(dir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "simsetting.yml")); err == nil {
		s, err := readSettings(filepath.Join(dir, "simsetting.yml"), c.display("simsetting.yml"))
		if err != nil {
			return nil, err
		}
		c.Settings, c.SettingsFile = s, "simsetting.yml"
	}
	steps := []func() error{c.readPeriod, c.readLocations, c.readRoutes, c.readClosures, c.readConflicts, c.readLayout, c.readCorrections, c.refuseLocationChanges}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// checkLayout refuses a folder without input_csv/ that holds a case's
// files itself: Flee's own repository keeps a case's input files in
// conflict_input/CASE/ and its UNHCR series in conflict_validation/CASE/,
// and a Flee user pointing the importer at either was told only that
// input_csv/sim_period.csv did not exist.
func checkLayout(dir string) error {
	if st, err := os.Stat(filepath.Join(dir, "input_csv")); err == nil && st.IsDir() {
		return nil
	}
	const layout = "a Flee case folder holds input_csv/ (sim_period.csv, locations.csv, routes.csv, ...) and source_data/ (data_layout.csv and the series), as FabFlee's config_files/validation/SWEEP/CASE do"
	has := func(name string) bool { _, err := os.Stat(filepath.Join(dir, name)); return err == nil }
	switch {
	case has("locations.csv") || has("sim_period.csv"):
		return &scenarios.Error{File: dir, Msg: "holds a case's input files but no input_csv/ folder: " + layout +
			"; with Flee's own conflict_input/CASE, make a folder holding it as input_csv/ and the matching conflict_validation/CASE as source_data/"}
	case has("data_layout.csv"):
		return &scenarios.Error{File: dir, Msg: "holds a case's UNHCR series (data_layout.csv) but no input_csv/ folder: " + layout +
			"; with Flee's own conflict_validation/CASE, make a folder holding it as source_data/ and the matching conflict_input/CASE as input_csv/"}
	}
	return nil
}

// display names a file of the case in messages.
func (c *Case) display(rel string) string { return filepath.Join(c.Dir, rel) }

func (c *Case) open(rel string, optional bool) (*csvFile, error) {
	f, err := readCSV(filepath.Join(c.Dir, rel), c.display(rel))
	if err != nil && optional {
		if _, statErr := os.Stat(filepath.Join(c.Dir, rel)); errors.Is(statErr, fs.ErrNotExist) {
			return nil, nil
		}
	}
	return f, err
}

// LocationIndex returns the index of the location called name, or -1.
func (c *Case) LocationIndex(name string) int {
	name = nfc(name)
	return slices.IndexFunc(c.Locations, func(l Location) bool { return l.Name == name })
}

// find is LocationIndex while Read reads the case, through byName.
func (c *Case) find(name string) int {
	if i, ok := c.byName[nfc(name)]; ok {
		return i
	}
	return -1
}

// refuseLocationChanges refuses a location_changes.csv with a row: Flee's
// run reads it (InputGeography.py, ReadLocationChangesFromCSV, from the
// folder run.py runs in, the case folder as FabFlee runs it) and changes
// each named location's type on the given day, a camp opened later for
// instance, which the importer does not model. Without the refusal the
// file was not read at all. Flee's own tests keep it in input_csv/, so
// that copy is refused too.
func (c *Case) refuseLocationChanges() error {
	for _, rel := range []string{"location_changes.csv", "input_csv/location_changes.csv"} {
		f, err := c.open(rel, true)
		if err != nil || f == nil {
			if err != nil {
				return err
			}
			continue
		}
		for _, r := range f.rows {
			if comment(r) || blank(r) {
				continue
			}
			return f.errorf(r.line, "", "Flee changes %q into a %s on day %s here (location_changes.csv), which the importer does not support: a location keeps its locations.csv type; remove the file's rows to import the case without the changes",
				field(r, 0), strings.TrimSpace(field(r, 1)), strings.TrimSpace(field(r, 2)))
		}
	}
	return nil
}

// unknownLocation says that no location is called name, with the one
// meant if name is a location's with spaces around it (see spaced), or
// differs from one only in case, spaces, underscores or hyphens: Flee matches names exactly, and a case's files
// often differ so (FabFlee's venezuela2022 names "Distrito Capital" in
// conflicts.csv, "Distrito_Capital" in locations.csv).
func (c *Case) unknownLocation(name string) string {
	if hint := c.spaced(name, c.LocationIndex); hint != "" {
		return fmt.Sprintf("unknown location %q (not in locations.csv%s)", name, hint)
	}
	msg := fmt.Sprintf("unknown location %q (not in locations.csv)", name)
	for _, l := range c.Locations {
		if foldName(l.Name) == foldName(name) {
			return msg + fmt.Sprintf("; did you mean %q? Flee matches names exactly", l.Name)
		}
	}
	return msg
}

// foldName is a name without case, spaces, underscores or hyphens:
// names that differ only in those are likely meant to be one.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

func (c *Case) readPeriod() error {
	f, err := c.open("input_csv/sim_period.csv", false)
	if err != nil {
		return err
	}
	var haveStart, haveLength bool
	for _, r := range f.rows {
		if comment(r) || blank(r) {
			continue
		}
		key := strings.TrimSpace(field(r, 0))
		switch key {
		case "StartDate":
			if haveStart {
				return f.errorf(r.line, key, "given twice")
			}
			t, err := parseDate(field(r, 1))
			if err != nil {
				return f.errorf(r.line, key, "%v", err)
			}
			c.Start, haveStart = t, true
		case "Length":
			if haveLength {
				return f.errorf(r.line, key, "given twice")
			}
			n, err := parseInt(field(r, 1))
			if err != nil || n < 1 || n > 65535 {
				return f.errorf(r.line, key, "want a number of days in 1..65535, got %q", field(r, 1))
			}
			c.Days, haveLength = n, true
		default:
			return f.errorf(r.line, key, "unknown row; want StartDate,YYYY-MM-DD and Length,DAYS")
		}
	}
	if !haveStart || !haveLength {
		return f.errorf(0, "", "want two rows: StartDate,YYYY-MM-DD and Length,DAYS")
	}
	return nil
}

var locationColumns = []string{"name", "region", "country", "latitude", "longitude", "location_type", "conflict_date", "population"}

// locationHeader is locationColumns as headers name them (Flee's own
// files: lat, lon, pop/cap).
var locationHeader = columnNames{{"name"}, {"region"}, {"country"}, {"latitude", "lat"}, {"longitude", "lon", "long", "lng"},
	{"location_type", "type"}, {"conflict_date"}, {"population", "pop/cap", "population/capacity", "pop", "capacity"}}

func (c *Case) readLocations() error {
	f, err := c.open("input_csv/locations.csv", false)
	if err != nil {
		return err
	}
	if err := f.checkOrder(locationHeader); err != nil {
		return err
	}
	seen := map[string]int{}
	var extra []string // the header's names of the columns after population
	for _, r := range f.rows {
		if comment(r) && extra == nil && len(r.fields) > len(locationColumns) {
			extra = r.fields[len(locationColumns):]
		}
		if comment(r) || blank(r) {
			continue
		}
		if len(r.fields) < len(locationColumns) {
			return f.errorf(r.line, locationColumns[len(r.fields)], "want %d columns (%s), got %d", len(locationColumns), strings.Join(locationColumns, ","), len(r.fields))
		}
		l := Location{Name: nfc(r.fields[0]), Region: nfc(r.fields[1]), Country: nfc(r.fields[2]), ConflictDate: -1, Line: r.line}
		if msg := words.BlankName(l.Name); msg != "" {
			return f.errorf(r.line, "name", "%s", msg)
		}
		// Names go into the scenario's locations and borders' names.
		for i, name := range []string{l.Name, l.Region, l.Country} {
			if msg := words.PlainName(name); msg != "" {
				return f.errorf(r.line, locationColumns[i], "%s", msg)
			}
		}
		if prev, dup := seen[l.Name]; dup {
			return f.errorf(r.line, "name", "duplicate location %q (first on line %d)", l.Name, prev)
		}
		seen[l.Name] = r.line
		if l.Region == "" {
			l.Region = "unknown"
		}
		if l.Country == "" {
			l.Country = "unknown"
		}
		lat, lon := strings.TrimSpace(r.fields[3]), strings.TrimSpace(r.fields[4])
		if lat != "" || lon != "" {
			if l.Lat, err = parseFloat(lat); err != nil || l.Lat < -90 || l.Lat > 90 {
				return f.errorf(r.line, "latitude", "want decimal degrees in [-90, 90], got %q", r.fields[3])
			}
			if l.Lon, err = parseFloat(lon); err != nil || l.Lon < -180 || l.Lon > 180 {
				return f.errorf(r.line, "longitude", "want decimal degrees in [-180, 180], got %q", r.fields[4])
			}
			l.HasCoords = true
		}
		// Flee matches the type by substring, in this order
		// (flee.py:Location.__init__).
		typ := strings.ToLower(r.fields[5])
		switch {
		case strings.Contains(typ, "camp"):
			if strings.Contains(typ, "idp") {
				return f.errorf(r.line, "location_type", "IDP camps are not supported by the importer")
			}
			l.Type = Camp
		case strings.Contains(typ, "conflict"):
			l.Type = ConflictZone
			d, err := parseInt(r.fields[6])
			if err != nil {
				return f.errorf(r.line, "conflict_date", "a conflict zone needs a whole-number day offset, got %q", r.fields[6])
			}
			l.ConflictDate = d
		case strings.Contains(typ, "forward"):
			l.Type = ForwardingHub
		case strings.Contains(typ, "marker"), strings.Contains(typ, "flood_zone"):
			return f.errorf(r.line, "location_type", "location type %q is not supported by the importer", r.fields[5])
		case strings.Contains(typ, "default"), strings.Contains(typ, "town"):
			l.Type = Town
		default:
			return f.errorf(r.line, "location_type", "want camp, conflict_zone, town or forwarding_hub, got %q", r.fields[5])
		}
		if p := strings.TrimSpace(r.fields[7]); p != "" {
			n, err := parseInt(p)
			if err != nil || n < 0 {
				return f.errorf(r.line, "population", "want a whole number of people, 0 or more, got %q", r.fields[7])
			}
			l.Population = n / c.Settings.Hasten
			// The scenario's ranges: a camp's population is its capacity.
			if most := maxPopulation(l.Type); int64(l.Population) > most {
				return f.errorf(r.line, "population", "want at most %d people for a %s, got %q", most, l.Type, r.fields[7])
			}
		}
		if err := checkAttributes(f, r, len(locationColumns), extra, locationAttributes, &l); err != nil {
			return err
		}
		if c.byName == nil {
			c.byName = map[string]int{}
		}
		c.byName[l.Name] = len(c.Locations)
		c.Locations = append(c.Locations, l)
	}
	if len(c.Locations) == 0 {
		return f.errorf(0, "", "no locations")
	}
	return nil
}

var routeColumns = []string{"name1", "name2", "distance", "forced_redirection"}

func (c *Case) readRoutes() error {
	f, err := c.open("input_csv/routes.csv", false)
	if err != nil {
		return err
	}
	if err := f.checkOrder(columnNames{{"name1"}, {"name2"}, {"distance"}, {"forced_redirection"}}); err != nil {
		return err
	}
	var extra []string // the header's names of the columns after forced_redirection
	for _, r := range f.rows {
		if comment(r) && extra == nil && len(r.fields) > len(routeColumns) {
			extra = r.fields[len(routeColumns):]
		}
		if comment(r) || blank(r) {
			continue
		}
		if len(r.fields) < 3 {
			return f.errorf(r.line, routeColumns[len(r.fields)], "want columns name1,name2,distance[,forced_redirection], got %d", len(r.fields))
		}
		rt := Route{From: c.find(r.fields[0]), To: c.find(r.fields[1]), Line: r.line}
		for i, at := range []int{rt.From, rt.To} {
			if at < 0 {
				return f.errorf(r.line, routeColumns[i], "%s", c.unknownLocation(r.fields[i]))
			}
		}
		if rt.From == rt.To {
			return f.errorf(r.line, "name2", "a route must join two different locations")
		}
		km, err := parseFloat(r.fields[2])
		if err != nil || !(km > 0) {
			return f.errorf(r.line, "distance", "want a length in km, more than 0, got %q", r.fields[2])
		}
		rt.KM = km
		if len(r.fields) > 3 {
			// The forced-redirection flag changes the order Flee creates the
			// two directions in, never the movement rules; it is checked and
			// dropped.
			switch strings.TrimSpace(r.fields[3]) {
			case "", "0", "2":
			case "1":
				rt.Twice = true
			default:
				return f.errorf(r.line, "forced_redirection", "want empty, 0, 1 or 2, got %q", r.fields[3])
			}
		}
		if err := checkAttributes(f, r, len(routeColumns), extra, routeAttributes, nil); err != nil {
			return err
		}
		c.Routes = append(c.Routes, rt)
	}
	if len(c.Routes) == 0 { // no one could move: a case cut short, not a model
		return f.errorf(0, "", "no routes")
	}
	return nil
}

// attribute is a column after the standard ones of locations.csv or
// routes.csv that Flee's default rules read: Flee names such columns from
// the header row and keeps them as the location's or link's static
// attributes (InputGeography.py, ReadLocationsFromCSV and
// ReadLinksFromCSV). The importer does not carry them over, so a value
// that would change Flee's run is refused rather than dropped.
type attribute struct {
	neutral string              // the value that changes nothing (Flee's default); "": none, only an empty cell
	does    string              // what Flee does with another value
	reads   func(Location) bool // the locations whose value Flee reads; nil: every one
}

// locationAttributes are the columns of locations.csv that Flee's default
// rules read.
var locationAttributes = map[string]attribute{
	// flee.py:Location.__init__, for a location created as a conflict
	// zone (conflict_date 0 or less).
	"conflict_intensity": {"1", "Flee gives this conflict zone that intensity from day 0 instead of 1",
		func(l Location) bool { return l.Type == ConflictZone && l.ConflictDate <= 0 }},
	// spawning.py:add_initial_refugees, which run.py calls for camps.
	"initial_idps": {"0", "Flee puts that many agents in this camp before day 0, besides its registrations",
		func(l Location) bool { return l.Type == Camp }},
	// flee.py:Ecosystem.evolve: added to the capacity every day.
	"capacity_per_day": {"0", "Flee adds that much to this location's capacity every day", nil},
}

// routeAttributes are the columns of routes.csv that Flee's default rules
// read (flee.py:Person.finish_travel, on the link an agent travels).
var routeAttributes = map[string]attribute{
	"max_move_speed":   {"", "Flee's agents travel this link at that speed (km a day) instead of the settings' max_move_speed", nil},
	"walk_probability": {"0", "Flee's agents walk this link (max_walk_speed) with that probability", nil},
}

// checkAttributes refuses a value in a column after the first n that
// Flee's default rules would read (known, named so in the header) and
// that is not the neutral one; loc is the row's location (nil for a
// route), for attributes Flee reads of some locations only. An empty
// value is none.
func checkAttributes(f *csvFile, r row, n int, header []string, known map[string]attribute, loc *Location) error {
	for i := n; i < len(r.fields) && i-n < len(header); i++ {
		name := header[i-n]
		a, ok := known[name]
		v := strings.TrimSpace(r.fields[i])
		if !ok || v == "" || (a.reads != nil && loc != nil && !a.reads(*loc)) {
			continue
		}
		if a.neutral == "" {
			return f.errorf(r.line, name, "%s; the importer does not carry the column over: leave it empty, got %q", a.does, r.fields[i])
		}
		if x, err := parseFloat(v); err == nil && strconv.FormatFloat(x, 'g', -1, 64) == a.neutral {
			continue
		}
		return f.errorf(r.line, name, "%s; the importer does not carry the column over: leave it empty or give %s, got %q", a.does, a.neutral, r.fields[i])
	}
	return nil
}

var closureColumns = []string{"closure_type", "name1", "name2", "closure_start", "closure_end"}

func (c *Case) readClosures() error {
	f, err := c.open("input_csv/closures.csv", true)
	if err != nil || f == nil {
		return err
	}
	if err := f.checkOrder(columnNames{{"closure_type"}, {"name1"}, {"name2"}, {"closure_start"}, {"closure_end"}}); err != nil {
		return err
	}
	countries := map[string]bool{}
	for _, l := range c.Locations {
		countries[l.Country] = true
	}
	routes := newRouteIndex(c.Routes)
	for _, r := range f.rows {
		if comment(r) || blank(r) {
			continue
		}
		if len(r.fields) < 5 {
			return f.errorf(r.line, closureColumns[len(r.fields)], "want columns %s, got %d", strings.Join(closureColumns, ","), len(r.fields))
		}
		cl := Closure{Kind: strings.TrimSpace(r.fields[0]), Name1: nfc(r.fields[1]), Name2: nfc(r.fields[2]), Line: r.line}
		var err error
		if cl.Start, err = parseInt(r.fields[3]); err != nil {
			return f.errorf(r.line, "closure_start", "want a whole-number day offset, got %q", r.fields[3])
		}
		if cl.End, err = parseInt(r.fields[4]); err != nil {
			return f.errorf(r.line, "closure_end", "want a whole-number day offset, got %q", r.fields[4])
		}
		needLocation := func(col int) error {
			if c.find(r.fields[col]) < 0 {
				return f.errorf(r.line, closureColumns[col], "%s", c.unknownLocation(r.fields[col]))
			}
			return nil
		}
		switch cl.Kind {
		case "country":
			for _, col := range []int{1, 2} {
				if !countries[[]string{1: cl.Name1, 2: cl.Name2}[col]] {
					return f.errorf(r.line, closureColumns[col], "no location in locations.csv lies in country %q%s", r.fields[col], c.spaced(r.fields[col], func(n string) int {
						if countries[nfc(n)] {
							return 0
						}
						return -1
					}))
				}
			}
			if cl.Name1 == cl.Name2 {
				return f.errorf(r.line, "name2", "a border joins two different countries")
			}
		case "location":
			if err := needLocation(1); err != nil {
				return err
			}
		case "link", "remove_forced_redirection":
			if err := needLocation(1); err != nil {
				return err
			}
			if err := needLocation(2); err != nil {
				return err
			}
			if cl.Kind == "link" && routes.between(c.find(cl.Name1), c.find(cl.Name2)) < 0 {
				return f.errorf(r.line, "name2", "no route joins %q and %q", cl.Name1, cl.Name2)
			}
		case "camp":
			if err := needLocation(1); err != nil {
				return err
			}
			if c.Locations[c.find(cl.Name1)].Type != Camp {
				return f.errorf(r.line, "name1", "%q is not a camp", cl.Name1)
			}
		case "idpcamp":
			return f.errorf(r.line, "closure_type", "idpcamp closures are not supported by the importer")
		default:
			return f.errorf(r.line, "closure_type", "want country, location, link, camp or remove_forced_redirection, got %q", cl.Kind)
		}
		c.Closures = append(c.Closures, cl)
	}
	return nil
}

// spaced is what to add to a message that name is unknown when it is
// known without the spaces around it (as a file written with ", "
// between its columns has them): " (\"Mentao\" is: ...)", or "". Flee
// matches names exactly, spaces and all, as borderwork does.
func (c *Case) spaced(name string, index func(string) int) string {
	if t := strings.TrimSpace(name); t != name && t != "" && index(t) >= 0 {
		return fmt.Sprintf("; %q is, without the spaces around it: are there spaces after the commas? Names are matched exactly", t)
	}
	return ""
}

// routeIndex holds the routes joining each pair of locations, in
// routes.csv order, so that a closure
// is placed without looking through every route (100,000 link closures
// took 19 s to read and 2 min 40 s to import).
type routeIndex map[[2]int][]int

func newRouteIndex(routes []Route) routeIndex {
	idx := routeIndex{}
	for i, r := range routes {
		k := pairOf(r.From, r.To)
		idx[k] = append(idx[k], i)
	}
	return idx
}

// between is the first route joining a and b, or -1.
func (idx routeIndex) between(a, b int) int {
	if rs := idx[pairOf(a, b)]; len(rs) > 0 {
		return rs[0]
	}
	return -1
}

// all is every route joining a and b: a case may list a road twice
// (A,B and B,A, as FabFlee's mali2022_2024 does), and Flee links the
// two locations once for each row.
func (idx routeIndex) all(a, b int) []int { return idx[pairOf(a, b)] }

func pairOf(a, b int) [2]int { return [2]int{min(a, b), max(a, b)} }

func (c *Case) readConflicts() error {
	f, err := c.open("input_csv/conflicts.csv", true)
	if err != nil || f == nil {
		return err
	}
	t := &ConflictTable{}
	var header row
	var cols []int // field index of each kept column
	for i, r := range f.rows {
		if i == 0 {
			header = r
			for j := 1; j < len(r.fields); j++ {
				name := strings.TrimSpace(r.fields[j])
				if name == "" {
					continue // Flee skips empty header names
				}
				l := c.find(name)
				if l < 0 {
					return f.errorf(r.line, name, "%s", c.unknownLocation(name))
				}
				if slices.Contains(t.Locations, l) {
					return f.errorf(r.line, name, "location %q has two columns", name)
				}
				t.Locations = append(t.Locations, l)
				cols = append(cols, j)
			}
			continue
		}
		if blank(r) {
			continue
		}
		if comment(r) {
			if len(r.fields) == 1 {
				continue // Flee reads no value from it, and no day
			}
			// Flee reads every row after the header as a day, and fails
			// on this one; blamed for its values, it was hard to see.
			return f.errorf(r.line, "", "a comment row (starting with #) with commas after the header: Flee reads every such row as a day; delete it")
		}
		if len(r.fields) > len(header.fields) {
			// Flee would ignore the extra values; a value shifted
			// into the wrong location's column is likelier.
			return f.errorf(r.line, fmt.Sprintf("column %d", len(header.fields)+1), "%d values after the day; want one for each of the %d locations in the header", len(r.fields)-1, len(cols))
		}
		vals := make([]float64, len(cols))
		for k, j := range cols {
			name := strings.TrimSpace(header.fields[j])
			if j >= len(r.fields) {
				return f.errorf(r.line, name, "want a value for each of the %d locations in the header", len(cols))
			}
			v, err := parseFloat(r.fields[j])
			if err != nil || v < 0 {
				return f.errorf(r.line, name, "want a conflict intensity, 0 or more, got %q", r.fields[j])
			}
			vals[k] = v
		}
		t.Values = append(t.Values, vals)
	}
	if len(t.Values) < c.Days {
		// Flee stops with an error on the first day past the table
		// (FabFlee's nigeria2016_adm1: 1,887 rows for 2,192 days); a
		// shorter Length runs the days the table covers.
		if len(t.Values) == 0 {
			return f.errorf(0, "", "want a row for each of the %d days (sim_period.csv), got none", c.Days)
		}
		return f.errorf(0, "", "want a row for each of the %d days (sim_period.csv), got %d: Flee stops with an error on day %d; add the missing days, or set Length in sim_period.csv to %d to run the days the table covers",
			c.Days, len(t.Values), len(t.Values), len(t.Values))
	}
	c.Conflicts = t
	return nil
}

func (c *Case) readLayout() error {
	const rel = "source_data/data_layout.csv"
	f, err := c.open(rel, false)
	if err != nil {
		return err
	}
	names := map[string]int{}
	for _, r := range f.rows {
		if comment(r) || blank(r) || len(r.fields) < 2 {
			continue // Flee reads only rows with a name and a file
		}
		name := nfc(r.fields[0])
		// A series of no name, or of spaces, is observed data no camp
		// can be matched with, shown as none where it is named.
		if msg := words.BlankName(name); msg != "" {
			return f.errorf(r.line, "name", "%s; name the camp the series counts, or total", msg)
		}
		if prev, dup := names[name]; dup {
			return f.errorf(r.line, "name", "%q has two rows (first on line %d)", name, prev)
		}
		names[name] = r.line

		s := &Series{Name: name}
		for j, file := range r.fields[1:] {
			file = strings.TrimSpace(file)
			if file == "" {
				continue
			}
			// A series is a file of the case: an absolute path or one
			// that climbs out of the folder could name any file, or a
			// device, on the machine.
			switch {
			case filepath.IsAbs(file) || strings.HasPrefix(file, "/") || strings.HasPrefix(file, `\`):
				return f.errorf(r.line, fmt.Sprintf("file %d", j+1), "%q is an absolute path; name a file of the case, relative to source_data/", file)
			case !filepath.IsLocal(filepath.Join("source_data", file)):
				return f.errorf(r.line, fmt.Sprintf("file %d", j+1), "%q is outside the case folder; name a file of the case, relative to source_data/", file)
			}
			pts, err := c.readSeries(file)
			if err != nil {
				if e, ok := err.(*scenarios.Error); ok && e.Msg == "no such file" {
					return f.errorf(r.line, fmt.Sprintf("file %d", j+1), "no such file %s", filepath.Join(c.Dir, "source_data", file))
				}
				return err
			}
			s.Files = append(s.Files, file)
			if s.Points == nil {
				s.Points = pts
			} else {
				s.Points = addTables(s.Points, pts)
			}
		}
		if len(s.Points) == 0 {
			return f.errorf(r.line, "file", "no series file for %q", name)
		}
		if c.Total == nil {
			if name != "total" {
				return f.errorf(r.line, "name", "the first row must be the country total, total,refugees.csv; got %q", name)
			}
			c.Total = s
			continue
		}
		c.Series = append(c.Series, s)
	}
	if c.Total == nil {
		return f.errorf(0, "", "no rows; want total,refugees.csv then one row per camp")
	}
	for _, l := range c.Locations {
		if l.Type == Camp && l.Name == AllCamps {
			// A camp of that name was lost among the rows of all camps
			// together in validation.csv, report.md and the figures.
			return f.errorf(names[l.Name], "name", "a camp may not be named %q: validation.csv and the figures give that name to all camps together; rename the camp here and in locations.csv (line %d)", l.Name, l.Line)
		}
		if l.Type == Camp && names[l.Name] == 0 {
			// A row whose name differs only in spaces, case, underscores
			// or hyphens is the likely one: say which.
			var near []string
			for n := range names {
				if foldName(n) == foldName(l.Name) {
					near = append(near, n)
				}
			}
			if len(near) > 0 {
				slices.Sort(near)
				return f.errorf(names[near[0]], "name", "camp %q (locations.csv line %d) has no row; this row names %q: names are matched exactly, spaces and case too", l.Name, l.Line, near[0])
			}
			return f.errorf(0, "name", "camp %q (locations.csv line %d) has no row", l.Name, l.Line)
		}
	}
	return nil
}

// readSeries reads one UNHCR series file: date,count rows.
func (c *Case) readSeries(file string) ([]Point, error) {
	rel := filepath.Join("source_data", file)
	f, err := c.open(rel, false)
	if err != nil {
		return nil, err
	}
	var pts []Point
	var latestDate string // the latest date so far, and its line
	var latestLine int
	for i, r := range f.rows {
		first := strings.TrimSpace(field(r, 0))
		// Flee skips a first row that is a header, or whose date is
		// empty (ConvertCsvFileToNumPyTable), as FabFlee's car case
		// has (",\t" atop dcon-mboti.csv); on a later row an empty date
		// is an error.
		if i == 0 && (first == "Date" || first == "DateTime" || field(r, 0) == "") {
			continue
		}
		if len(r.fields) < 2 || comment(r) || r.fields[1] == "" {
			continue // skipped by Flee (DataTable._processEntry)
		}
		d, err := parseDate(r.fields[0])
		if err != nil {
			return nil, f.errorf(r.line, "date", "%v", err)
		}
		n, err := parseInt(r.fields[1])
		if err != nil || n < 0 || int64(n) > maxPopulation(Camp) {
			return nil, f.errorf(r.line, "count", "want a whole number of refugees from 0 to %d (a camp's most), got %q", maxPopulation(Camp), r.fields[1])
		}
		p := Point{Day: daysBetween(c.Start, d), Value: float64(n) / float64(c.Settings.Hasten)}
		if len(pts) > 0 && p.Day < pts[len(pts)-1].Day {
			// Flee would interpolate in file order and read no sensible
			// count; say which row is out of place, as a file of
			// hundreds of rows is sorted by hand (FabFlee's ukraine2022).
			return nil, f.errorf(r.line, "date", "dates must not go back in time: %s comes after %s (line %d); a series is read in file order, so its rows must be in date order",
				strings.TrimSpace(r.fields[0]), latestDate, latestLine)
		}
		if len(pts) == 0 || p.Day > pts[len(pts)-1].Day {
			latestDate, latestLine = strings.TrimSpace(r.fields[0]), r.line
		}
		pts = append(pts, p)
	}
	if len(pts) == 0 {
		return nil, f.errorf(0, "", "no data points")
	}
	return pts, nil
}

// addTables sums two series the way Flee does (DataTable.AddCSVTables),
// including its handling of dates present in one file only: rows of the
// first file are carried with the last value of the second, and rows of
// the first after the second's last date are dropped.
func addTables(t1, t2 []Point) []Point {
	var out []Point
	offset := 0
	last2 := 0.0
	for _, c2 := range t2 {
		for c2.Day > t1[offset].Day {
			out = append(out, Point{t1[offset].Day, last2 + t1[offset].Value})
			if offset < len(t1)-1 {
				offset++
			} else {
				break
			}
		}
		switch {
		case c2.Day == t1[offset].Day:
			out = append(out, Point{c2.Day, c2.Value + t1[offset].Value})
			if offset < len(t1)-1 {
				offset++
			}
			last2 = c2.Value
		case c2.Day < t1[offset].Day:
			out = append(out, Point{c2.Day, c2.Value + t1[offset].Value})
			last2 = c2.Value
		}
	}
	return out
}

// SeriesFor returns the series called name, or nil.
func (c *Case) SeriesFor(name string) *Series {
	name = nfc(name)
	if name == "total" {
		return c.Total
	}
	for _, s := range c.Series {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func (c *Case) readCorrections() error {
	f, err := c.open("input_csv/registration_corrections.csv", true)
	if err != nil || f == nil {
		return err
	}
	for _, r := range f.rows {
		if len(r.fields) < 2 || comment(r) || blank(r) {
			continue
		}
		name := nfc(r.fields[0])
		// The total's series is corrected too, as Flee corrects any
		// series of data_layout.csv by its name.
		s := c.SeriesFor(name)
		if s == nil {
			return f.errorf(r.line, "camp", "%q has no series in data_layout.csv%s", name, c.spaced(name, func(n string) int {
				if c.SeriesFor(n) != nil {
					return 0
				}
				return -1
			}))
		}
		d, err := parseDate(r.fields[1])
		if err != nil {
			return f.errorf(r.line, "date", "%v", err)
		}
		c.Corrections = append(c.Corrections, Correction{Camp: name, Date: d, Line: r.line})
		day := daysBetween(c.Start, d)
		if day < 0 {
			continue // Flee ignores corrections before the start
		}
		// Every earlier point is scaled by value(at date)/value(point
		// before), as RefugeeTable.correctLevel1Registrations does, so the
		// series has no drop where registration changed level.
		found := false
		for i := range s.Points {
			if s.Points[i].Day != day {
				continue
			}
			if i == 0 {
				return f.errorf(r.line, "date", "%s is the first data point of %q; a correction needs an earlier one", r.fields[1], name)
			}
			if s.Points[i-1].Value < 1 {
				return f.errorf(r.line, "date", "the data point of %q before %s is below 1; cannot rescale", name, r.fields[1])
			}
			ratio := s.Points[i].Value / s.Points[i-1].Value
			for j := 0; j < i; j++ {
				s.Points[j].Value *= ratio
			}
			found = true
		}
		if !found {
			return f.errorf(r.line, "date", "%q has no data point on %s", name, r.fields[1])
		}
	}
	return nil
}

// Camps lists the camps, in locations.csv order: the locations validated
// against the data (Flee's Ecosystem.get_camp_names).
func (c *Case) Camps() []int {
	var out []int
	for i, l := range c.Locations {
		if l.Type == Camp {
			out = append(out, i)
		}
	}
	return out
}

// Observed returns the registered population of each camp (Camps order)
// on each day, as Flee interpolates it: Observed()[camp][day].
func (c *Case) Observed() [][]int {
	camps := c.Camps()
	out := make([][]int, len(camps))
	for i, l := range camps {
		s := c.SeriesFor(c.Locations[l].Name)
		out[i] = make([]int, c.Days)
		for t := range out[i] {
			out[i][t] = s.At(t)
		}
	}
	return out
}

// Initial is the number of agents Flee puts in location l before day 0:
// the camp's registrations on day 0 (insert_day0), else none.
func (c *Case) Initial(l int) int {
	if c.Locations[l].Type != Camp || !c.Settings.InsertDay0 {
		return 0
	}
	return c.SeriesFor(c.Locations[l].Name).At(0)
}

// Capacity is the capacity Flee's capacity rule uses for location l:
// a camp's capacity less its day-0 registrations when insert_day0 is on
// (spawning.py, spawn_daily_displaced on day 0), 0 (no limit) when that
// leaves nothing, and 0 for other locations.
func (c *Case) Capacity(l int) int {
	loc := c.Locations[l]
	if loc.Type != Camp || loc.Population <= 0 {
		return 0
	}
	capacity := loc.Population
	if c.Settings.InsertDay0 {
		capacity -= c.SeriesFor(loc.Name).At(0)
	}
	return max(capacity, 0)
}

// dailyChange is the change of the spawning series from day t-1 to t:
// the sum over every data_layout row but the total (sum_from_camps), or
// the total's.
func (c *Case) dailyChange(t int) int {
	if !c.Settings.SumFromCamps {
		return c.Total.At(t) - c.Total.At(t-1)
	}
	n := 0
	for _, s := range c.Series {
		n += s.At(t) - s.At(t-1)
	}
	return n
}

// day0Raw is Flee's raw count on day 0 (DataTable.get_daily_difference):
// with sum_from_camps, the total series plus every other series (a
// quirk: its loop includes the total row), else the total alone.
func (c *Case) day0Raw() int {
	n := c.Total.At(0)
	if c.Settings.SumFromCamps {
		for _, s := range c.Series {
			n += s.At(0)
		}
	}
	return n
}

// Spawn is the number of new agents the data asks for on each day, before
// Flee carries negative days over as debt: the daily change of the
// registration series from day 1 on; on day 0 nothing when day-0
// registrations are put into camps (insert_day0), else the day-0 raw count.
func (c *Case) Spawn() []int {
	out := make([]int, c.Days)
	if !c.Settings.InsertDay0 {
		out[0] = c.day0Raw()
	}
	for t := 1; t < c.Days; t++ {
		out[t] = c.dailyChange(t)
	}
	return out
}

// Raw is run.py's "raw UNHCR refugee count" on each day, the denominator
// of its Total error: the day-0 raw count plus every later daily change.
func (c *Case) Raw() []int {
	out := make([]int, c.Days)
	out[0] = c.day0Raw()
	for t := 1; t < c.Days; t++ {
		out[t] = out[t-1] + c.dailyChange(t)
	}
	return out
}

// ConflictStep is a change of a location's conflict state: from day From
// it is a conflict zone of the given intensity, or, with intensity 0, it
// is no longer one.
type ConflictStep struct {
	From      int
	Intensity float64
}

// conflictFloor is the intensity below which Flee counts no conflict.
const conflictFloor = 0.000001

// ConflictSteps returns the changes of location l's conflict state over
// the run, as Flee applies them (InputGeography.AddNewConflictZones): a
// conflict zone dated 0 in locations.csv is one from the start; with
// conflicts.csv, a value rising above 0 starts a conflict (on day 0, any
// value above 0 does) and a value falling to 0 ends it; changes between
// two positive values do nothing. Without conflicts.csv a conflict zone
// starts on its conflict_date.
func (c *Case) ConflictSteps(l int) []ConflictStep {
	loc := c.Locations[l]
	var steps []ConflictStep
	if loc.Type == ConflictZone && loc.ConflictDate <= 0 {
		steps = append(steps, ConflictStep{0, 1})
	}
	col := -1
	if c.Conflicts != nil {
		col = slices.Index(c.Conflicts.Locations, l)
	}
	if col < 0 {
		if c.Conflicts == nil && loc.Type == ConflictZone && loc.ConflictDate > 0 && loc.ConflictDate < c.Days {
			steps = append(steps, ConflictStep{loc.ConflictDate, 1})
		}
		return steps
	}
	v := func(t int) float64 { return c.Conflicts.Values[t][col] }
	for t := 0; t < c.Days; t++ {
		switch {
		case t == 0 && v(0) > conflictFloor:
			steps = []ConflictStep{{0, v(0)}}
		case t > 0 && v(t) > conflictFloor && v(t-1) < conflictFloor:
			steps = append(steps, ConflictStep{t, v(t)})
		case t > 0 && v(t) < conflictFloor && v(t-1) >= conflictFloor:
			steps = append(steps, ConflictStep{t, 0})
		}
	}
	return steps
}
