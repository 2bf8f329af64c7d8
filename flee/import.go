package flee

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// ImportOptions name and describe the scenario Import writes.
type ImportOptions struct {
	Name    string   // scenario name; default: the case folder's name
	Title   string   // default: "Flee case NAME, imported"
	Sources []string // where the case comes from, for the file's sources; default: the case folder
	// From names the case folder in the header and sources; default: the
	// folder as read.
	From string
	// Notes are lines added to the header comment, after the first: the
	// case's provenance and licence, for example.
	Notes []string
	// PostCapacity is the daily capacity of the post on each border
	// crossing; default DefaultPostCapacity.
	PostCapacity float64
	// PostCapacityNote, if set, says in the file why posts have
	// PostCapacity (comment lines, written above the first post); without
	// it the capacity is called a placeholder.
	PostCapacityNote []string
	// Documented is the share of agents holding travel documents
	// (flee.documented); default 0, as Flee's agents hold none.
	Documented float64
	// DocumentedNote, if set, says in the file where Documented comes
	// from (comment lines above it).
	DocumentedNote []string
}

// DefaultPostCapacity is the capacity Import gives border posts unless
// told otherwise: no validation case comes near it, so that no post ever
// holds anyone up. It is a placeholder, not an estimate of any post.
const DefaultPostCapacity = 100000

// MaxPostCapacity is the most a post's capacity may be, the scenario's
// range for it: the engine counts a day's crossings in an int.
const MaxPostCapacity = 1e9

// border is a border location the importer puts on a route between two
// countries.
type border struct {
	name  string
	route int     // index in Case.Routes
	lat   float64 // halfway between the route's ends, when both have coordinates
	lon   float64
	has   bool
}

// Import writes c as a borderwork scenario for the Flee rule set, in
// TOML, with a header saying where it came from and what was changed.
// The result passes scenarios.Validate; an error means a defect here.
//
// What Import does, beyond copying:
//   - Location types become kinds: conflict zones and any location with a
//     conflict schedule are origins, towns hubs, forwarding hubs hubs with
//     forward = true, camps destinations.
//   - A camp's capacity is what Flee's capacity rule uses: its
//     locations.csv value less its day-0 registrations (Case.Capacity).
//   - conflicts.csv becomes each location's conflict steps
//     (Case.ConflictSteps); the registration series become flee.spawn
//     (Case.Spawn) and day-0 camp populations (Case.Initial).
//   - Every route between two countries is split halfway by a border
//     location (kind border) hosting a post, so that borderwork's regimes
//     can act at the real borders. Under the Flee rule set a journey
//     passes a border location without stopping and the post of the open
//     regime lets everyone through, so the split changes nothing there.
//   - A closure that closes a whole route in Flee (of a country, a
//     location or a link) closes both halves of a split route; so does
//     the engine's rule that an agent sent back to a border location goes
//     on back to where it came from. With both, the split changes no
//     count of any location on any day (TestBorderSplitChangesNothing),
//     unless a closure starts while an agent is on a route's first half:
//     it is sent back from halfway, where Flee finishes the link first
//     (docs/MODEL.md 15.6).
//   - Flee's remove_forced_redirection rows change nothing it models and
//     are listed in the header only.
func Import(c *Case, opt ImportOptions) ([]byte, error) {
	if opt.Name == "" {
		opt.Name = filepath.Base(filepath.Clean(c.Dir))
	}
	if opt.Title == "" {
		opt.Title = fmt.Sprintf("Flee case %s, imported", opt.Name)
	}
	if opt.From == "" {
		opt.From = filepath.ToSlash(c.Dir)
	}
	if len(opt.Sources) == 0 {
		opt.Sources = []string{"Flee case folder " + opt.From}
	}
	if opt.PostCapacity == 0 {
		opt.PostCapacity = DefaultPostCapacity
	}
	countries := c.countries()
	borders := c.borders()
	borderOf := map[int]*border{}
	for i := range borders {
		borderOf[borders[i].route] = &borders[i]
	}

	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	c.header(&b, opt, borders)

	w("name = %s\n", q(opt.Name))
	w("title = %s\n", q(opt.Title))
	w("description = %s\n", q(fmt.Sprintf("Flee's validation case %s: %d locations, %d routes, %d camps validated against UNHCR registrations, %s to %s.",
		opt.Name, len(c.Locations), len(c.Routes), len(c.Camps()), c.Start.Format("2006-01-02"), c.Start.AddDate(0, 0, c.Days-1).Format("2006-01-02"))))
	w("sources = [\n")
	for _, s := range opt.Sources {
		w("  %s,\n", q(s))
	}
	w("]\n")
	w("seed = 1\ndays = %d\nreplicates = 20\n", c.Days)
	w("default_regimes = [\"open\"]   # the open regime reproduces Flee\n")
	w("rules = \"flee\"\n")
	w("start = %s   # sim_period.csv's StartDate: day 0, which validate checks the case still has\n\n", q(c.Start.Format("2006-01-02")))
	w("countries = [%s]\n", qlist(countries))

	for i, l := range c.Locations {
		steps := c.ConflictSteps(i)
		w("\n[[locations]]\nname = %s\n", q(l.Name))
		switch {
		case l.Type == Camp:
			w("kind = \"destination\"   # camp\n")
		case len(steps) > 0:
			w("kind = \"origin\"        # %s\n", l.Type)
		default:
			w("kind = \"hub\"           # %s\n", l.Type)
		}
		w("country = %s\n", q(l.Country))
		if l.HasCoords {
			w("lat = %s\nlon = %s\n", num(l.Lat), num(l.Lon))
		}
		if l.Type == ForwardingHub {
			w("forward = true\n")
		}
		if l.Type == Camp {
			if capacity := c.Capacity(i); capacity > 0 {
				w("capacity = %d", capacity)
				if c.Settings.InsertDay0 && c.Initial(i) > 0 {
					w("   # %d in locations.csv less %d registered on day 0, as Flee counts it", l.Population, c.Initial(i))
				}
				w("\n")
			}
			if n := c.Initial(i); n > 0 {
				w("initial = %d\n", n)
			}
		} else if l.Population > 0 {
			w("population = %d\n", l.Population)
		}
		if len(steps) > 0 {
			var parts []string
			for _, s := range steps {
				parts = append(parts, fmt.Sprintf("{from = %d, intensity = %s}", s.From, num(s.Intensity)))
			}
			w("conflict = [%s]\n", strings.Join(parts, ", "))
		}
	}
	for _, bd := range borders {
		r := c.Routes[bd.route]
		w("\n[[locations]]\nname = %s\nkind = \"border\"        # on the route %s - %s\ncountry = %s\n",
			q(bd.name), c.Locations[r.From].Name, c.Locations[r.To].Name, q(c.Locations[r.From].Country))
		if bd.has {
			w("lat = %s\nlon = %s\n", num(bd.lat), num(bd.lon))
		}
	}

	for i, r := range c.Routes {
		from, to := c.Locations[r.From].Name, c.Locations[r.To].Name
		if bd := borderOf[i]; bd != nil {
			half := float64(r.KM / 2)
			w("\n[[links]]   # routes.csv line %d, first half\nfrom = %s\nto = %s\ndistance_km = %s\n", r.Line, q(from), q(bd.name), num(half))
			w("\n[[links]]   # second half\nfrom = %s\nto = %s\ndistance_km = %s\n", q(bd.name), q(to), num(r.KM-half))
			continue
		}
		w("\n[[links]]\nfrom = %s\nto = %s\ndistance_km = %s\n", q(from), q(to), num(r.KM))
	}

	capacityNote := "crossings a day; a placeholder so large that no post holds anyone up"
	if opt.PostCapacity != DefaultPostCapacity {
		capacityNote = "crossings a day, as given on import"
	}
	if len(opt.PostCapacityNote) > 0 {
		capacityNote = "crossings a day: an assumption (above)"
		if len(borders) > 0 {
			w("\n")
			for _, l := range opt.PostCapacityNote {
				w("# %s\n", l)
			}
		}
	}
	for i, bd := range borders {
		if i > 0 || len(opt.PostCapacityNote) == 0 {
			w("\n")
		}
		w("[[posts]]\nname = %s\nlocation = %s\ncapacity = %s   # %s\n",
			q(bd.name), q(bd.name), num(opt.PostCapacity), capacityNote)
		// Flee's borders refuse no one arbitrarily; a reliable post here
		// does not either, so that the open regime reproduces Flee.
		w("\n[[posts.schedule]]\nlevels = { reliability = \"reliable\" }\nrefusal = 0.0\n")
	}

	// Indexes of the case as it is here (a program may have changed it
	// since Read), so that each closure is placed without looking
	// through every location, route and border: 100,000 link closures
	// took 2 min 40 s.
	locationAt := map[string]int{}
	for i, l := range c.Locations {
		if _, ok := locationAt[l.Name]; !ok {
			locationAt[l.Name] = i
		}
	}
	location := func(name string) int {
		if i, ok := locationAt[nfc(name)]; ok {
			return i
		}
		return -1
	}
	routes := newRouteIndex(c.Routes)
	bordersBetween := map[[2]string][]*border{} // by the countries a border's route joins, in order
	bordersAt := map[int][]*border{}            // by the locations its route joins
	for i := range borders {
		bd := &borders[i]
		r := c.Routes[bd.route]
		a, b := c.Locations[r.From].Country, c.Locations[r.To].Country
		k := [2]string{min(a, b), max(a, b)}
		bordersBetween[k] = append(bordersBetween[k], bd)
		bordersAt[r.From] = append(bordersAt[r.From], bd)
		bordersAt[r.To] = append(bordersAt[r.To], bd)
	}
	for _, cl := range c.Closures {
		if cl.Kind == "remove_forced_redirection" {
			continue
		}
		if cl.Start < 0 || cl.End == cl.Start {
			w("\n# closures.csv line %d (%s %s %s, days %d to %d) never takes effect in Flee; left out.\n", cl.Line, cl.Kind, cl.Name1, cl.Name2, cl.Start, cl.End)
			continue
		}
		if cl.Start > sim.MaxDays {
			w("\n# closures.csv line %d (%s %s %s, days %d to %d) starts after the last day a run can reach; left out.\n", cl.Line, cl.Kind, cl.Name1, cl.Name2, cl.Start, cl.End)
			continue
		}
		// An end before the start, or after the last day a run can
		// reach, never comes: the closure lasts to the end of the run.
		to := ""
		if cl.End > cl.Start && cl.End <= sim.MaxDays {
			to = fmt.Sprintf("to = %d\n", cl.End)
		}
		write := func(kind string, names ...string) {
			w("\n[[closures]]   # closures.csv line %d\nkind = %s\nnames = [%s]\nfrom = %d\n%s", cl.Line, q(kind), qlist(names), cl.Start, to)
		}
		half := func(a, b string) {
			w("\n[[closures]]   # closures.csv line %d: the other half of a split route\nkind = \"link\"\nnames = [%s]\nfrom = %d\n%s", cl.Line, qlist([]string{a, b}), cl.Start, to)
		}
		// A closure that closes a route in Flee closes both of its halves
		// here: the halves within one country are added as link closures.
		switch cl.Kind {
		case "link":
			// Flee closes every link between the two, one for each row
			// of routes.csv that joins them; so does a link closure
			// here, and every split copy's halves are closed too.
			rs := routes.all(location(cl.Name1), location(cl.Name2))
			if borderOf[rs[0]] == nil { // copies join the same countries: all split, or none
				write(cl.Kind, cl.Name1, cl.Name2)
				continue
			}
			for k, ri := range rs {
				bd, r := borderOf[ri], c.Routes[ri]
				if k == 0 {
					write("link", c.Locations[r.From].Name, bd.name)
				} else {
					w("\n[[closures]]   # closures.csv line %d: routes.csv line %d joins them too\nkind = \"link\"\nnames = [%s]\nfrom = %d\n%s",
						cl.Line, r.Line, qlist([]string{c.Locations[r.From].Name, bd.name}), cl.Start, to)
				}
				half(bd.name, c.Locations[r.To].Name)
			}
		case "country":
			write(cl.Kind, cl.Name1, cl.Name2)
			for _, bd := range bordersBetween[[2]string{min(cl.Name1, cl.Name2), max(cl.Name1, cl.Name2)}] {
				half(c.Locations[c.Routes[bd.route].From].Name, bd.name)
			}
		case "location":
			write(cl.Kind, cl.Name1)
			l := location(cl.Name1)
			for _, bd := range bordersAt[l] {
				switch r := c.Routes[bd.route]; l {
				case r.From:
					half(bd.name, c.Locations[r.To].Name)
				case r.To:
					half(c.Locations[r.From].Name, bd.name)
				}
			}
		default:
			write(cl.Kind, cl.Name1)
		}
	}

	s := c.Settings
	w("\n[flee]   # Flee's settings (%s)\n", c.settingsSource())
	w("max_move_speed = %s\nmax_walk_speed = %s\nstart_on_foot = %t\navoid_short_stints = %t\n", num(s.MaxMoveSpeed), num(s.MaxWalkSpeed), s.StartOnFoot, s.AvoidShortStints)
	w("default_movechance = %s\nconflict_movechance = %s\ncamp_movechance = %s\n", num(s.DefaultMoveChance), num(s.ConflictMoveChance), num(s.CampMoveChance))
	w("camp_weight = %s\nconflict_weight = %s\nforeign_weight = %s\n", num(s.CampWeight), num(s.ConflictWeight), num(s.ForeignWeight))
	w("softening = %s\ndistance_power = %s\nweight_power = %s\nweight_softening = %s\n", num(s.Softening), num(s.DistancePower), num(s.WeightPower), num(s.WeightSoftening))
	w("awareness_level = %d\npruning_threshold = %s\ncapacity_scaling = %s\ncapacity_buffer = %s\n", s.AwarenessLevel, num(s.PruningThreshold), num(s.CapacityScaling), num(s.CapacityBuffer))
	var decay []string
	for _, d := range s.ConflictSpawnDecay {
		decay = append(decay, num(d))
	}
	w("conflict_spawn_decay = [%s]\nconflict_spawn_decay_interval = %d\ntake_from_population = %t\n", strings.Join(decay, ", "), s.ConflictSpawnDecayInterval, s.TakeFromPopulation)
	if len(opt.DocumentedNote) > 0 {
		for _, l := range opt.DocumentedNote {
			w("# %s\n", l)
		}
		w("documented = %s\n", num(opt.Documented))
	} else {
		w("documented = %s   # not a Flee setting: the share of agents holding travel documents (Flee's hold none)\n", num(opt.Documented))
	}
	what := "the sum over the camps' series"
	if !s.SumFromCamps {
		what = "the total series"
	}
	w("# New agents the data asks for, day by day: the daily change of %s\n# (interpolated as Flee does; negative days are carried over as a debt).\n", what)
	w("spawn = [\n")
	spawn := c.Spawn()
	for d := 0; d < len(spawn); d += 10 {
		var row []string
		for _, n := range spawn[d:min(d+10, len(spawn))] {
			row = append(row, strconv.Itoa(n))
		}
		w("  %s,   # days %d-%d\n", strings.Join(row, ", "), d, min(d+10, len(spawn))-1)
	}
	w("]\n")

	out := b.Bytes()
	if len(out) > infile.ScenarioLimit {
		// Not a defect, as the error of Parse below would say: the case
		// is more than a scenario may hold.
		return nil, &scenarios.Error{File: c.Dir, Msg: fmt.Sprintf(
			"the case is too large to import: its %d locations and %d routes make a scenario of %s, more than the %s a scenario may hold",
			len(c.Locations), len(c.Routes), infile.FormatBytes(int64(len(out))), infile.FormatBytes(infile.ScenarioLimit))}
	}
	sc, err := scenarios.Parse(out, opt.Name+".toml", "import:"+opt.Name, os.DirFS("."))
	if err == nil {
		err = sc.Validate()
	}
	if err != nil {
		return nil, fmt.Errorf("flee: the case gives a scenario borderwork cannot run (if the case is as Flee reads it, this is a defect of the importer): %w", err)
	}
	return out, nil
}

// header writes the file's opening comment.
func (c *Case) header(b *bytes.Buffer, opt ImportOptions, borders []border) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	w("# %s: imported by borderwork from the Flee case folder %s.\n", opt.Name, opt.From)
	if len(opt.Notes) > 0 {
		w("#\n")
		for _, n := range opt.Notes {
			w("# %s\n", n)
		}
	}
	w("#\n# Read: input_csv/ (sim_period, locations, routes")
	for _, f := range []string{"closures", "conflicts", "registration_corrections"} {
		if _, err := os.Stat(filepath.Join(c.Dir, "input_csv", f+".csv")); err == nil {
			w(", %s", f)
		}
	}
	w("),\n# source_data/ (data_layout and %d series files), and %s.\n", c.seriesFiles(), c.settingsSource())
	w("# Case: %d days from %s; %d locations, %d routes, %d closures.\n#\n", c.Days, c.Start.Format("2006-01-02"), len(c.Locations), len(c.Routes), len(c.Closures))
	w("# It runs under borderwork's Flee rule set (rules = \"flee\"; docs/MODEL.md,\n")
	w("# \"The Flee rule set\"). What the import changed or added:\n")
	w("# - A camp's capacity is its locations.csv value less its day-0\n#   registrations, the capacity Flee's rule uses after day 0.\n")
	w("# - flee.spawn and the camps' day-0 populations come from the UNHCR series\n#   after registration corrections; conflicts.csv became conflict steps.\n")
	if len(borders) > 0 {
		w("# - Each of the %d routes between two countries is split halfway by a border\n", len(borders))
		w("#   location with a post, where borderwork's regimes act. A journey passes\n")
		w("#   it without stopping, and the open regime's post lets everyone through,\n")
		w("#   so under the open regime the run is Flee's.\n")
		switch {
		case len(opt.PostCapacityNote) == 0 && opt.PostCapacity == DefaultPostCapacity:
			w("#   Posts' capacities are placeholders: set real ones before asking\n#   what a regime does.\n")
		case len(opt.PostCapacityNote) == 0:
			w("#   Posts' capacity, %s crossings a day, was given on import.\n", num(opt.PostCapacity))
		default:
			w("#   Posts' capacities are an assumption, stated above the posts.\n")
		}
	}
	if opt.Documented == 0 {
		w("# - No agent holds travel documents (flee.documented = 0), as in Flee: a\n#   post that admits only documented travellers refuses every agent\n#   that does not buy passage from its officials.\n")
	} else if len(opt.DocumentedNote) == 0 {
		w("# - A share flee.documented of the agents hold travel documents, as\n#   given on import: an addition to Flee's case.\n")
	} else {
		w("# - A share flee.documented of the agents hold travel documents: an\n#   addition to Flee's case, stated with its source in [flee].\n")
	}
	for _, cl := range c.Closures {
		if cl.Kind == "remove_forced_redirection" {
			w("# - closures.csv line %d (remove_forced_redirection %s %s) is left out: the\n#   flag changes nothing Flee's movement rules read.\n", cl.Line, cl.Name1, cl.Name2)
		}
	}
	for _, r := range c.Routes {
		if r.Twice {
			w("# - routes.csv line %d (%s - %s) is flagged forced_redirection 1, with\n", r.Line, c.Locations[r.From].Name, c.Locations[r.To].Name)
			w("#   which Flee links the two twice, doubling the road's weight in route\n")
			w("#   choice; it is one link here (docs/MODEL.md 15.10). List the road a\n")
			w("#   second time in routes.csv to run it as Flee does.\n")
		}
	}
	// Two things Flee does without a word, which a reader of the
	// validation would otherwise find only in the figures (FabFlee's
	// car2013: the series Bossobolo, no location; the camp Bili, on no
	// route, so simulated at 0 against 7,727 registered).
	for _, s := range c.Series {
		if l := c.LocationIndex(s.Name); l < 0 || c.Locations[l].Type != Camp {
			w("# - data_layout.csv's series %s is no camp of locations.csv: as in Flee,\n#   its daily changes count in flee.spawn, but validate compares it with\n#   nothing.\n", s.Name)
		}
	}
	for _, l := range c.Camps() {
		if !slices.ContainsFunc(c.Routes, func(r Route) bool { return r.From == l || r.To == l }) {
			w("# - The camp %s is on no route of routes.csv: as in Flee, no agent\n#   reaches it, and it holds only the agents put there before day 0.\n", c.Locations[l].Name)
		}
	}
	w("\n")
}

func (c *Case) settingsSource() string {
	if c.SettingsFile == "" {
		return "no simsetting.yml: Flee's code defaults"
	}
	return c.SettingsFile
}

func (c *Case) seriesFiles() int {
	n := len(c.Total.Files)
	for _, s := range c.Series {
		n += len(s.Files)
	}
	return n
}

// countries lists the countries of the case, the home country (the first
// location's) first, then in order of first appearance.
func (c *Case) countries() []string {
	var out []string
	for _, l := range c.Locations {
		if !slices.Contains(out, l.Country) {
			out = append(out, l.Country)
		}
	}
	return out
}

// borders places a border location on every route between two
// countries, named after the route's ends.
func (c *Case) borders() []border {
	taken := map[string]bool{}
	for _, l := range c.Locations {
		taken[l.Name] = true
	}
	var out []border
	for i, r := range c.Routes {
		a, b := c.Locations[r.From], c.Locations[r.To]
		if a.Country == b.Country {
			continue
		}
		name := fmt.Sprintf("%s-%s border", a.Name, b.Name)
		for k := 2; taken[name]; k++ {
			name = fmt.Sprintf("%s-%s border %d", a.Name, b.Name, k)
		}
		taken[name] = true
		bd := border{name: name, route: i}
		if a.HasCoords && b.HasCoords {
			bd.lat, bd.lon, bd.has = (a.Lat+b.Lat)/2, (a.Lon+b.Lon)/2, true
		}
		out = append(out, bd)
	}
	return out
}

// q quotes a TOML basic string.
func q(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func qlist(ss []string) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, q(s))
	}
	return strings.Join(parts, ", ")
}

// num writes a float as TOML: shortest form, with a decimal point.
func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
