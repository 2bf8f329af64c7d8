package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

const checkDoc = `
Check validates a scenario (a .toml file, or a bundled scenario's name) with
any --set overrides, and prints a digest of it: locations, links, posts,
markets, centres, regimes and the expected population. It exits with status
0 if the scenario is valid and 2, naming the file, line and key, if not, or
if one run of it would exceed --max-memory or compare with its default
regimes and replicates would exceed --max-work.

With --keys it prints instead every number of the scenario that --set
takes, as does sweep --vary, one a line, as they name it, with its value,
unit and the values it accepts: the model's parameters, where to start a
sweep. A regime's own value of a factor level's key, regimes.NAME.KEY, is
a key too, for every regime and every such key: it says so once, after
them.
`

func cmdCheck(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("check", "borderwork check [--set KEY=VALUE ...] [--keys] FILE", checkDoc, e)
	var sets keyValueFlag
	var limits limitFlags
	fs.Var(&sets, "set", setUsage)
	limits.register(fs)
	keys := fs.Bool("keys", false, "list the scenario's numeric keys, their values, units and valid ranges, instead of the digest")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("want one FILE (usage: %s)", fs.usageLine)
	}
	if strings.TrimSpace(pos[0]) == "" { // scenarios.Load's default, which would be checked in its place
		return usageErrorf("the FILE given is empty; name a scenario file or a bundled scenario (usage: %s)", fs.usageLine)
	}
	s, err := scenarios.Load(pos[0])
	if err != nil {
		return listProblems(e, pos[0], err)
	}
	for _, kv := range sets {
		if err := s.Set(kv); err != nil {
			return listProblems(e, s.Display(), err)
		}
	}
	if err := s.Validate(); err != nil {
		return listProblems(e, s.Display(), err)
	}
	// What compare would refuse, check refuses: a run beyond the limits.
	lim, err := limits.get()
	if err != nil {
		return err
	}
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Regimes: s.DefaultRegimes(), Reps: s.File.Replicates}).Prepare()
	if err != nil {
		return err
	}
	if _, err := x.Fit(lim, x.NRuns(), 1); err != nil {
		return err
	}
	if *keys {
		return listKeys(e.stdout, s)
	}
	digest(e.stdout, s)
	warnUndrawable(e.stderr, "check", s)
	return nil
}

// listKeys writes every numeric key of s as --set names it, with its
// value, unit and valid range, in the order of the file format
// (Scenario.NumericKeys), factor levels and regimes' own keys after the
// file's.
func listKeys(w io.Writer, s *scenarios.Scenario) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "key\tvalue\tunit\taccepts")
	var levelKeys []string // the keys a factor's level sets, as a regime may (for the example)
	for _, k := range s.NumericKeys() {
		unit, err := s.KeyUnit(k.Key)
		if err != nil || unit == "" {
			unit = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.Key, output.FormatFloat(k.Value), unit, k.Valid)
		if k.Group == scenarios.GroupFactor {
			if key := k.Key[strings.LastIndexByte(k.Key, '.')+1:]; !slices.Contains(levelKeys, key) {
				levelKeys = append(levelKeys, key)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// A regime's own value of a level's key is a key too, for each regime
	// and each such key: too many to list, so said once, with an example
	// (the key the README and sweep --help vary).
	if names := s.RegimeNames(); len(names) > 0 && len(levelKeys) > 0 {
		regime, key := names[0], levelKeys[0]
		if slices.Contains(names, "malfunctioning") {
			regime = "malfunctioning"
		}
		if slices.Contains(levelKeys, "outage_start") {
			key = "outage_start"
		}
		if _, err := fmt.Fprintf(w, "\nA regime takes the values of its factors' levels (factors.FACTOR.LEVEL.KEY above);\n"+
			"regimes.NAME.KEY sets one for the regime NAME alone, as regimes.%s.%s does:\n"+
			"NAME is one of %s, and KEY one of the levels' keys.\n",
			regime, key, strings.Join(names, ", ")); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, "\nSet one with --set KEY=VALUE, or sweep it with --vary KEY=a:b:n (docs/CLI.md).")
	return err
}

// listProblems shows err, a scenario's problems, as check does: several,
// whether found reading the file (misspelt keys) or checking it, each on
// a line of its own under their count; one as the error itself. check
// is where a user fixes a file, so it lists them all.
func listProblems(e *env, display string, err error) error {
	var errs scenarios.Errors
	if errors.As(err, &errs) && len(errs) > 1 {
		fmt.Fprintf(e.stderr, "borderwork check: %s has %d problems:\n", display, len(errs))
		for _, p := range errs {
			fmt.Fprintf(e.stderr, "  %s\n", p)
		}
		return errShown
	}
	return err
}

// digest prints what a scenario holds, for a reader checking an edit.
func digest(w io.Writer, s *scenarios.Scenario) {
	f := s.File
	fmt.Fprintf(w, "%s is valid: %s\n", s.Display(), f.Name)
	if f.Title != "" {
		fmt.Fprintf(w, "  %s\n", f.Title)
	}
	fmt.Fprintf(w, "\n%s, seed %d, %s by default; about %s migrants per run.\n",
		plural(float64(f.Days), "day"), f.Seed, plural(float64(f.Replicates), "replicate"), output.FormatCount(s.ExpectedMigrants()))
	fmt.Fprintf(w, "Countries: %s.\n", strings.Join(f.Countries, ", "))

	byKind := map[string][]string{}
	for _, l := range f.Locations {
		byKind[l.Kind] = append(byKind[l.Kind], l.Name+" ("+l.Country+")")
	}
	fmt.Fprintf(w, "\nLocations (%d):\n", len(f.Locations))
	for _, k := range sim.LocationKindNames() {
		if len(byKind[k]) > 0 {
			fmt.Fprintf(w, "  %-12s %s\n", k, strings.Join(byKind[k], ", "))
		}
	}
	fmt.Fprintf(w, "\nLinks (%d):\n", len(f.Links))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, l := range f.Links {
		days := ""
		switch {
		case l.Days != nil:
			days = plural(*l.Days, "day")
		case l.SpeedKmPerDay == nil: // the Flee rule set: its own speed
			days = fmt.Sprintf("%g km", *l.DistanceKm)
		default:
			days = fmt.Sprintf("%g km at %g km/day", *l.DistanceKm, *l.SpeedKmPerDay)
		}
		extra := ""
		if l.Alone {
			extra = ", walkable alone"
		}
		fmt.Fprintf(tw, "  %d\t%s – %s\t%s\t%s\thazard %g/day%s\n", i, l.From, l.To, l.Kind, days, l.Hazard, extra)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nOrigins (%d):\n", len(f.Origins))
	for _, o := range f.Origins {
		// initial migrants are there on day 0; then a Poisson number with
		// the day's mean inflow arrives every day (docs/MODEL.md, step 1).
		initial := "none at the start"
		if o.Initial > 0 {
			initial = words.Whole(int64(o.Initial)) + " at the start"
		}
		inflow := "none arriving"
		switch {
		case o.Inflow != nil:
			inflow = fmt.Sprintf("%g arriving a day on average", *o.Inflow)
		case len(o.InflowSchedule) > 0:
			inflow = "arrivals on a schedule of " + words.Count(len(o.InflowSchedule), "step")
		}
		// Percentages to three digits: 100 × (0.06 + 0.1 + 0.06) is
		// 22.000000000000004.
		fmt.Fprintf(w, "  %s: %s, %s, to %s; %s%% documented, %s%% vulnerable\n",
			o.Location, initial, inflow, strings.Join(o.Destinations, ", "),
			output.FormatValue(100**o.Documented), output.FormatValue(100*(*o.Minor+*o.Sick+*o.Trafficked)))
	}
	fmt.Fprintf(w, "\nPosts (%d):\n", len(f.Posts))
	for _, p := range f.Posts {
		extra := ""
		if len(p.Schedule) > 0 {
			extra = ", " + words.Count(len(p.Schedule), "scheduled change")
		}
		// The number is what the post processes: "Post at Border: 15 a
		// day" read as anything a day.
		noun := "migrants"
		if *p.Capacity == 1 {
			noun = "migrant"
		}
		fmt.Fprintf(w, "  %s at %s: processes %g %s a day%s\n", p.Name, p.Location, *p.Capacity, noun, extra)
	}
	if len(f.Markets) > 0 {
		fmt.Fprintf(w, "\nSmuggling markets (%d):\n", len(f.Markets))
		for _, m := range f.Markets {
			fmt.Fprintf(w, "  %s to %s: %s, at most %d\n", m.Location, m.To, words.Count(m.Smugglers, "smuggler"), *m.MaxSmugglers)
		}
	}
	if len(f.Centres) > 0 {
		fmt.Fprintf(w, "\nCentres (%d):\n", len(f.Centres))
		for _, c := range f.Centres {
			fmt.Fprintf(w, "  %s: room for %s, reach %s\n", c.Location, words.Count(*c.Capacity, "migrant"), words.Count(*c.Reach, "day"))
		}
	}
	if len(f.Programmes) > 0 {
		fmt.Fprintf(w, "\nProgrammes (%d):\n", len(f.Programmes))
		for _, p := range f.Programmes {
			fmt.Fprintf(w, "  %s: days %d to %d, USD %s, %s\n", p.Name, p.Start, *p.End, output.FormatCount(*p.Budget), programmeDigest(&p))
		}
	}
	if len(f.Monitors) > 0 {
		fmt.Fprintf(w, "\nFlow monitoring points (%d):\n", len(f.Monitors))
		for _, m := range f.Monitors {
			fmt.Fprintf(w, "  %s at %s: outgoing from %s; incoming from %s\n", m.Name, m.Location, orNone(m.OutgoingFrom), orNone(m.IncomingFrom))
		}
	}
	fmt.Fprintf(w, "\nRegimes: %s (by default: %s).\n", strings.Join(s.RegimeNames(), ", "), strings.Join(s.DefaultRegimes(), ", "))
	for _, p := range f.Phases {
		to := "the end"
		if p.To != nil {
			to = fmt.Sprintf("day %d", *p.To-1)
		}
		fmt.Fprintf(w, "Phase: from day %d to %s every regime stands at %s.\n", p.From, to, p.Levels)
	}
	printOverrides(w, s.Sets())
}

func plural(n float64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%g %ss", n, unit)
}

// programmeDigest names a programme's components and the posts it works on.
func programmeDigest(p *scenarios.ProgrammeSpec) string {
	var parts []string
	for _, c := range []struct {
		name    string
		present bool
	}{{"training", p.Training != nil}, {"human-rights training", p.HumanRights != nil}, {"equipment", p.Equipment != nil}, {"construction", p.Construction != nil}} {
		if c.present {
			parts = append(parts, c.name)
		}
	}
	posts := "every post"
	if len(p.Posts) > 0 {
		posts = strings.Join(p.Posts, ", ")
	}
	return strings.Join(parts, ", ") + " at " + posts
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
