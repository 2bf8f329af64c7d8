package experiment

// What reports and figures say of a scenario under the Flee rule set
// (docs/MODEL.md, section 15): what borderwork's harms mean there, which
// of its mechanisms do not exist, and where people are at the end.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
)

// FleeNotes are the caveats of a report on a scenario under the Flee rule
// set, one markdown bullet each; none for other scenarios. compare's and
// claim's reports print them.
func FleeNotes(f *scenarios.File) []string {
	if f.Rules != "flee" {
		return nil
	}
	var notes []string
	add := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }
	add("**What is validated.** Under the `open` regime the run is Flee's, whose fit to UNHCR registrations docs/VALIDATION.md checks. " +
		"Every other regime changes only what borderwork's posts do to the crossings of that flow (admission, capacity, outages, refusals, officials): " +
		"those effects follow from borderwork's mechanisms on this geography and from the assumptions below, not from data, and have not been validated.")
	add("**Trapped** means waiting at a border post for at least %d days (`migrants.trapped_after_days`): held up there (no capacity left, an outage, "+
		"or turned away by chance; such an agent tries again each day) or not admitted by its rules (such an agent waits without trying again). "+
		"After %d days (`migrants.give_up_days`) an agent gives up on the post and Flee's rules move it on, so trapped person-days grow with the difference. "+
		"Nobody is *stranded*: no one is blocked where they started.", f.Migrants.TrappedAfterDays, f.Migrants.GiveUpDays)
	add("**Not in this rule set:** smugglers, centres, irregular paths, vulnerability, beliefs and news. Abuse by smugglers is 0 by construction; " +
		"the `hbm` regime's protection (screening of the vulnerable, centres, assistance, rescue, information) has nothing to act on, so `hbm` runs as `closed`; " +
		"the enforcement and information factors change nothing.")
	add("**Arrivals.** Flee's agents stay in the simulation: arrivals and returns are 0, and the outcome is where people are " +
		"(the camps' populations, with `--by-location`).")
	add("**Officials** may extort an agent when it presents itself at a post, and are violent to agents waiting there, at borderwork's rates " +
		"(more often to the undocumented and the desperate). Money is not modelled, so a bribe is always paid and buys passage: " +
		"where oversight is weak, corruption opens a post's closed door to everyone it reaches, which lowers trapping as it raises extortion.")
	hazards := 0
	for _, l := range f.Links {
		if l.Hazard > 0 {
			hazards++
		}
	}
	if hazards == 0 {
		add("**Deaths** happen only on links with a `hazard`; this scenario has none, so there are none.")
	} else {
		add("**Deaths** happen only on links with a `hazard`; %d of this scenario's %d links have one.", hazards, len(f.Links))
	}
	documented := 0.0
	if f.Flee != nil {
		documented = f.Flee.Documented
	}
	docs := fmt.Sprintf("a share %s of the agents hold travel documents (`flee.documented`)", output.FormatFloat(documented))
	if documented == 0 {
		docs = "no agent holds travel documents (`flee.documented` = 0, as in Flee), so a post that admits only documented travellers refuses everyone who does not buy passage"
	}
	add("**Assumptions the data do not test:** %s; %s. The scenario file says where they come from.", postCapacities(f), docs)
	return notes
}

// postCapacities says what the posts' capacities are.
func postCapacities(f *scenarios.File) string {
	var caps []float64
	for _, p := range f.Posts {
		if p.Capacity != nil {
			caps = append(caps, *p.Capacity)
		}
	}
	if len(caps) == 0 {
		return "there are no border posts"
	}
	lo, hi := slices.Min(caps), slices.Max(caps)
	if lo == hi {
		return fmt.Sprintf("every post processes %s crossings a day", output.FormatCount(lo))
	}
	return fmt.Sprintf("posts process %s to %s crossings a day", output.FormatCount(lo), output.FormatCount(hi))
}

// fleePlaces are the rows of the Flee report's table of where people are
// at the end: each camp (destination), then everyone else by kind of
// place.
type fleePlaces struct {
	labels []string
	row    map[string]int // location name -> row
	posts  []string       // locations with a post, in file order
}

func placesOf(f *scenarios.File) *fleePlaces {
	p := &fleePlaces{row: map[string]int{}}
	home := ""
	if len(f.Countries) > 0 {
		home = f.Countries[0]
	}
	hasPost := map[string]bool{}
	for _, ps := range f.Posts {
		hasPost[ps.Location] = true
	}
	for _, l := range f.Locations {
		if l.Kind == "destination" && !hasPost[l.Name] {
			p.row[l.Name] = len(p.labels)
			p.labels = append(p.labels, l.Name)
		}
	}
	group := func(label string, in func(l scenarios.LocationSpec) bool) {
		at := -1
		for _, l := range f.Locations {
			if _, done := p.row[l.Name]; done || !in(l) {
				continue
			}
			if at < 0 {
				at = len(p.labels)
				p.labels = append(p.labels, label)
			}
			p.row[l.Name] = at
		}
	}
	group("at border posts", func(l scenarios.LocationSpec) bool { return hasPost[l.Name] })
	group("elsewhere in "+strings.ReplaceAll(home, "_", " "), func(l scenarios.LocationSpec) bool { return l.Country == home })
	group("elsewhere abroad", func(scenarios.LocationSpec) bool { return true })
	for _, l := range f.Locations {
		if hasPost[l.Name] {
			p.posts = append(p.posts, l.Name)
		}
	}
	return p
}

// fleeWhere is what locations.csv says of a Flee-rule folder, per regime
// (in order of first appearance) and replicate: people in each row of
// places on the last day, and trapped person-days at each post.
type fleeWhere struct {
	places  *fleePlaces
	regimes []string
	end     [][][]float64 // [regime][row][replicate]
	trapped [][][]float64 // [regime][post][replicate]
}

// readFleeWhere reads dir/locations.csv; nil if the folder has none.
func readFleeWhere(dir string, f *scenarios.File) (*fleeWhere, error) {
	path := filepath.Join(dir, "locations.csv")
	file, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	r := csv.NewReader(bufio.NewReaderSize(file, 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cols := map[string]int{}
	for _, name := range []string{"run", "regime", "day", "location", "waiting", "trapped"} {
		i := slices.Index(header, name)
		if i < 0 {
			return nil, &scenarios.Error{File: path, Line: 1, Key: name, Msg: "no such column"}
		}
		cols[name] = i
	}
	w := &fleeWhere{places: placesOf(f)}
	post := map[string]int{}
	for i, name := range w.places.posts {
		post[name] = i
	}
	last := strconv.Itoa(f.Days - 1)
	lastRun, reg := "", -1
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec[cols["run"]] != lastRun { // a new run: a new replicate of its regime
			lastRun = rec[cols["run"]]
			reg = slices.Index(w.regimes, rec[cols["regime"]])
			if reg < 0 {
				reg = len(w.regimes)
				w.regimes = append(w.regimes, rec[cols["regime"]])
				w.end = append(w.end, make([][]float64, len(w.places.labels)))
				w.trapped = append(w.trapped, make([][]float64, len(w.places.posts)))
			}
			for i := range w.end[reg] {
				w.end[reg][i] = append(w.end[reg][i], 0)
			}
			for i := range w.trapped[reg] {
				w.trapped[reg][i] = append(w.trapped[reg][i], 0)
			}
		}
		num := func(col string) (float64, error) {
			v, err := strconv.ParseFloat(rec[cols[col]], 64)
			if err != nil {
				return 0, &scenarios.Error{File: path, Line: line, Key: col, Msg: "not a number: " + strconv.Quote(rec[cols[col]])}
			}
			return v, nil
		}
		loc := rec[cols["location"]]
		if p, ok := post[loc]; ok {
			v, err := num("trapped")
			if err != nil {
				return nil, err
			}
			reps := w.trapped[reg][p]
			reps[len(reps)-1] += v
		}
		if rec[cols["day"]] != last {
			continue
		}
		row, ok := w.places.row[loc]
		if !ok {
			return nil, &scenarios.Error{File: path, Line: line, Key: "location", Msg: "not a location of the scenario: " + strconv.Quote(loc)}
		}
		v, err := num("waiting")
		if err != nil {
			return nil, err
		}
		reps := w.end[reg][row]
		reps[len(reps)-1] += v
	}
	return w, nil
}

// FleeNotesIntro introduces the Flee rule set's section of a report on
// harms (run, compare, sweep).
const FleeNotesIntro = "This scenario moves its agents by Flee's rules (docs/MODEL.md, section 15), not borderwork's. What that means for the numbers above:"

// WriteFleeNotes writes a report's section "Under the Flee rule set",
// intro then FleeNotes(f) as a list, for a scenario under that rule set,
// and says whether it wrote it.
func WriteFleeNotes(b *bytes.Buffer, f *scenarios.File, intro string) bool {
	notes := FleeNotes(f)
	if notes == nil {
		return false
	}
	fmt.Fprintf(b, "\n## Under the Flee rule set\n\n%s\n\n", intro)
	for _, n := range notes {
		fmt.Fprintf(b, "- %s\n", n)
	}
	return true
}

// fleeSection is report.md's section on a scenario under the Flee rule
// set: the caveats, and, from locations.csv, where people are at the end
// and where they were trapped.
func fleeSection(b *bytes.Buffer, dir string, f *scenarios.File) error {
	if !WriteFleeNotes(b, f, FleeNotesIntro) {
		return nil
	}
	w, err := readFleeWhere(dir, f)
	if err != nil {
		return err
	}
	if w == nil {
		b.WriteString("\nRun with `--by-location` for the camps' populations and where people were trapped.\n")
		return nil
	}
	table := func(title, unit string, labels []string, values [][][]float64) {
		fmt.Fprintf(b, "\n### %s\n\n%s, mean over replicates with 95%% confidence intervals.\n\n|place|", title, unit)
		for _, r := range w.regimes {
			fmt.Fprintf(b, "%s|", output.Literal(r))
		}
		b.WriteString("\n|---|")
		for range w.regimes {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
		for i, l := range labels {
			fmt.Fprintf(b, "|%s|", output.Literal(l))
			for r := range w.regimes {
				fmt.Fprintf(b, "%s|", output.FormatStat(output.Describe(values[r][i])))
			}
			b.WriteString("\n")
		}
	}
	table(fmt.Sprintf("Where people are on day %d", f.Days-1), "People at each place at the end of the last day (those on the road are not counted)", w.places.labels, w.end)
	table("Where people were trapped", "Trapped person-days per run at each border post", w.places.posts, w.trapped)
	return nil
}

// drawFleeWhere draws, for a folder of a scenario under the Flee rule set
// with locations.csv, where people are on the last day: one bar per camp
// and per other kind of place, grouped by regime.
func drawFleeWhere(src Source) ([]Drawn, error) {
	s, err := src.Resolved()
	if err != nil {
		return nil, err
	}
	if s.File.Rules != "flee" {
		return nil, nil
	}
	w, err := readFleeWhere(src.Dir, s.File)
	if err != nil || w == nil {
		return nil, err
	}
	bands := src.Options().Bands
	style, err := src.regimeStyle()
	if err != nil {
		return nil, err
	}
	legend, err := src.Legend()
	if err != nil {
		return nil, err
	}
	var groups []figures.Group
	for r, regime := range w.regimes {
		g := figures.Group{Label: legend(regime), Style: style(regime, w.regimes)}
		for i, l := range w.places.labels {
			g.Bars = append(g.Bars, bar(l, w.end[r][i], bands))
		}
		groups = append(groups, g)
	}
	c := src.caption("error bars")
	c.Extra = "Flee rule set"
	title := fmt.Sprintf("Where people are on day %d", s.File.Days-1)
	fig, err := figures.GroupedBars(title, "people", groups, c)
	if err != nil {
		return nil, err
	}
	return []Drawn{{Name: "whereabouts", Title: title, Fig: fig}}, nil
}
