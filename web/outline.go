package web

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Outline is a scenario as the page's controls and map need it.
type Outline struct {
	Name        string  `json:"name"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Display     string  `json:"display"` // the file name or bundled name
	Seed        int64   `json:"seed"`
	Days        int     `json:"days"`
	Reps        int     `json:"reps"`
	Migrants    float64 `json:"migrants"` // expected per run
	// RulesNote says which counts the scenario's movement rules make 0
	// (Scenario.RulesNote); "" under borderwork's own.
	RulesNote string `json:"rules_note,omitempty"`
	// Trapped says what trapped and stranded mean under the scenario's
	// rules and its migrants.trapped_after_days, for the table's note:
	// the page's reader has no docs/MODEL.md at hand.
	Trapped string `json:"trapped"`

	Regimes []Regime `json:"regimes"` // every regime, in order
	Knobs   []Knob   `json:"knobs"`

	Places []Place `json:"places"`
	Links  []Link  `json:"links"`
	// Width and Height are the extent of the places' X and Y.
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	// Schematic is true when the scenario gives no coordinates and the
	// places are laid out by their distance from the origins.
	Schematic bool `json:"schematic"`

	Text string `json:"text"` // the scenario file as given
}

// Place is a location on the map. X runs east, Y south, in the units of
// Width and Height.
type Place struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	X       float64  `json:"x"`
	Y       float64  `json:"y"`
	Post    string   `json:"post,omitempty"` // the post standing here
	// Schedule is how many scheduled changes ([[posts.schedule]]) that
	// post has, which the page says on taking a file, as check does.
	Schedule int  `json:"schedule,omitempty"`
	Market   bool `json:"market,omitempty"`
	Centre   bool `json:"centre,omitempty"`
}

// Link is a link of the region between places (indices into Places).
type Link struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Kind  string `json:"kind"`
	Alone bool   `json:"alone,omitempty"`
}

// Describe outlines the scenario of a request (with its overrides).
func Describe(req Request, lim Limits) (*Outline, error) {
	s, err := req.load(lim)
	if err != nil {
		return nil, err
	}
	f := s.File
	o := &Outline{
		Name: f.Name, Title: f.Title, Description: f.Description, Display: s.Display(),
		Seed: f.Seed, Days: f.Days, Reps: f.Replicates, Migrants: s.ExpectedMigrants(), RulesNote: s.RulesNote(),
		Trapped: trappedWords(s),
	}
	if req.Text != "" {
		o.Text = req.Text
	} else {
		raw, err := scenarios.Bundled(req.Scenario)
		if err != nil {
			return nil, err
		}
		o.Text = string(raw)
	}
	all := s.RegimeNames()
	o.Regimes = regimeStyles(all, all)
	defaults := s.DefaultRegimes()
	for i := range o.Regimes {
		o.Regimes[i].Default = slices.Contains(defaults, o.Regimes[i].Name)
		o.Regimes[i].Description = regimeDescription(s, o.Regimes[i].Name)
	}
	if o.Knobs, err = knobsFor(s); err != nil {
		return nil, problem(s.Display(), err)
	}
	index := map[string]int{}
	for i, l := range f.Locations {
		index[l.Name] = i
		o.Places = append(o.Places, Place{Name: l.Name, Kind: l.Kind, Country: l.Country, Lat: l.Lat, Lon: l.Lon})
	}
	for _, p := range f.Posts {
		o.Places[index[p.Location]].Post = p.Name
		o.Places[index[p.Location]].Schedule = len(p.Schedule)
	}
	for _, m := range f.Markets {
		o.Places[index[m.Location]].Market = true
	}
	for _, c := range f.Centres {
		o.Places[index[c.Location]].Centre = true
	}
	for _, l := range f.Links {
		o.Links = append(o.Links, Link{From: index[l.From], To: index[l.To], Kind: l.Kind, Alone: l.Alone})
	}
	o.layout()
	return o, nil
}

// trappedWords is the trapped rule (docs/MODEL.md 7.7; under the Flee
// rule set, 15 and sim/flee_border.go) in a reader's words, with the
// scenario's days: the reason nobody is trapped in a run's first days.
func trappedWords(s *scenarios.Scenario) string {
	days := s.File.Migrants.TrappedAfterDays
	unit := "days"
	if days == 1 {
		unit = "day"
	}
	after := fmt.Sprintf("for at least %d %s (migrants.trapped_after_days)", days, unit)
	if s.File.Rules == "flee" {
		return "Trapped: held up or turned away at a border post " + after + "; stranded: the same, at home. There are no smugglers to pay under these rules."
	}
	return "Trapped: stuck at one place away from home " + after + ", unable to pass legally and " + s.File.Migrants.NoSmugglerWords() + ". " +
		"Stranded: the same, at home, still wanting to leave."
}

// regimeDescription is a regime's one-line description, if it has one.
// A regime built on another (base = ...) without a description of its
// own would take its base's, which describes another regime: it is
// described as its base and the keys it changes instead.
func regimeDescription(s *scenarios.Scenario, name string) string {
	if own := s.File.Regimes[name]; own != nil && own.Base != "" && own.Description == "" {
		return likeBase(s, name, own)
	}
	v, err := s.Value("regimes." + name + ".description")
	if d, ok := v.(string); err == nil && ok {
		return d
	}
	return ""
}

// likeBase describes regime name, whose own table is own, as its base
// with the keys its table sets to values other than the base's, as the
// file or --set writes them: "Like closed, with rescue = 0.5."
func likeBase(s *scenarios.Scenario, name string, own *scenarios.RegimeSpec) string {
	var keys []string
	if own.Levels != nil {
		for _, f := range scenarios.Factors {
			if own.Levels.Of(f.Name) != "" {
				keys = append(keys, "levels."+f.Name)
			}
		}
	}
	ownKeys(reflect.ValueOf(own).Elem(), func(key string) { keys = append(keys, key) })
	paths := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		paths = append(paths, "regimes."+name+"."+k, "regimes."+own.Base+"."+k)
	}
	vals, err := s.Values(paths...)
	var changes []string
	for i, k := range keys {
		if err == nil && reflect.DeepEqual(vals[2*i], vals[2*i+1]) {
			continue
		}
		var v any
		if err == nil {
			v = vals[2*i]
		}
		changes = append(changes, k+" = "+tomlValue(v))
	}
	if len(changes) == 0 {
		return "Like " + own.Base + ", changing none of its keys."
	}
	last := len(changes) - 1
	list := changes[last]
	if last > 0 {
		list = strings.Join(changes[:last], ", ") + " and " + list
	}
	return "Like " + own.Base + ", with " + list + "."
}

// ownKeys calls f with the key of every field a regime's table sets (a
// pointer that is not nil), in the struct's order, looking through
// embedded structs; base, description and levels are not keys of this
// kind.
func ownKeys(v reflect.Value, f func(key string)) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			ownKeys(v.Field(i), f)
			continue
		}
		key, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if key == "" || key == "-" || key == "levels" || sf.Type.Kind() != reflect.Pointer || v.Field(i).IsNil() {
			continue
		}
		f(key)
	}
}

// tomlValue writes a value as TOML writes it.
func tomlValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "?"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return strconv.Quote(v)
	case fmt.Stringer:
		return strconv.Quote(v.String())
	}
	return fmt.Sprint(v)
}

// layout places the map: at the coordinates when every place has them
// (an equirectangular projection, east-west distances shrunk by the
// cosine of the mean latitude), else schematically, by the number of
// links from the nearest origin.
func (o *Outline) layout() {
	geo := len(o.Places) > 0
	for _, p := range o.Places {
		geo = geo && p.Lat != nil && p.Lon != nil
	}
	if geo {
		mean := 0.0
		for _, p := range o.Places {
			mean += *p.Lat
		}
		k := portable.Cos(mean / float64(len(o.Places)) * math.Pi / 180)
		for i := range o.Places {
			o.Places[i].X = *o.Places[i].Lon * k
			o.Places[i].Y = -*o.Places[i].Lat
		}
	} else {
		o.Schematic = true
		o.schematic()
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range o.Places {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	for i := range o.Places {
		o.Places[i].X -= minX
		o.Places[i].Y -= minY
	}
	o.Width, o.Height = maxX-minX, maxY-minY
}

// schematic lays places out in columns by their distance in links from
// the nearest origin (unreachable ones last), in file order down each
// column.
func (o *Outline) schematic() {
	n := len(o.Places)
	depth := make([]int, n)
	for i := range depth {
		depth[i] = -1
	}
	var queue []int
	for i, p := range o.Places {
		if p.Kind == sim.KindOrigin.String() {
			depth[i] = 0
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		for _, l := range o.Links {
			for _, next := range [][2]int{{l.From, l.To}, {l.To, l.From}} {
				if next[0] == at && depth[next[1]] < 0 {
					depth[next[1]] = depth[at] + 1
					queue = append(queue, next[1])
				}
			}
		}
	}
	deepest := 0
	for _, d := range depth {
		deepest = max(deepest, d)
	}
	count := map[int]int{}
	for i := range o.Places {
		if depth[i] < 0 {
			depth[i] = deepest + 1
		}
		count[depth[i]]++
	}
	row := map[int]int{}
	for i := range o.Places {
		d := depth[i]
		o.Places[i].X = float64(d)
		o.Places[i].Y = float64(row[d]) - float64(float64(count[d]-1)/2)
		row[d]++
	}
}

// Info is what the page learns first: the bundled scenarios, the scenario
// to open, the metrics it can draw and the limits it works within.
type Info struct {
	Version   string       `json:"version"`
	Commit    string       `json:"commit"`
	Scenarios []ScenarioID `json:"scenarios"`
	Initial   Request      `json:"initial"`
	Series    []Metric     `json:"series"` // every day column
	Default   []string     `json:"default_series"`
	Limits    Limits       `json:"limits"`
}

// ScenarioID names a bundled scenario.
type ScenarioID struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// NewInfo is the page's Info, opening on initial.
func NewInfo(initial Request, lim Limits) Info {
	info := Info{Version: output.Version, Commit: output.BuildCommit(), Initial: initial, Default: DefaultSeries, Limits: lim}
	for _, n := range scenarios.Names() {
		id := ScenarioID{Name: n}
		if s, err := scenarios.Load(n); err == nil {
			id.Title = s.File.Title
		}
		info.Scenarios = append(info.Scenarios, id)
	}
	for _, c := range output.DayColumns {
		info.Series = append(info.Series, metricOf(c.Metric))
	}
	return info
}
