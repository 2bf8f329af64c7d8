package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/programme"
)

const programmeDoc = `
Programme asks what a scenario's capacity-building programme ([[programmes]])
does to each harm, for whom, and through which channel: repairing
malfunction (reliability, oversight of officials, capacity, new posts) or
tightening closure (document checks). Under each regime it runs the same
migrants (common random numbers) four times: without the programme, with
it in full, and with each channel switched off in turn. A channel's part
of the effect is what the programme loses without it; the two parts add up
to the whole effect apart from an interaction, reported beside them.

Effects are given for every migrant and for documented, undocumented and
vulnerable migrants, per run with 95% intervals, with the cost of each
harm averted (the budget spent by the end of the run over the harm
averted). --programme picks one programme (default: every programme of the
scenario together); --regimes the regimes (default: the scenario's
default regimes under which the programme acts).

The folder holds the runs' tables, channels.csv, path.csv (the policy the
programme gives each post on each day), figures and report.md. --json
prints the effects.
`

func cmdProgramme(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("programme", "borderwork programme [flags] [SCENARIO]", programmeDoc, e)
	var c common
	c.register(fs, "", true)
	registerFigureFlags(fs, &c.bands, &c.size)
	c.registerRegimes(fs)
	var o programme.Options
	fs.StringVar(&o.Programme, "programme", "", "analyse the programme called `NAME` (default: every programme of the scenario together)")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	if c.regimes != "" {
		if o.Regimes, err = c.regimeList(s); err != nil {
			return err
		}
	}
	out := c.outDir("programme", s)
	before := earlierAt(out)
	o.Force = c.force
	if o.Limits, err = c.limits.get(); err != nil {
		return err
	}
	formats, _ := parseFormats(c.formats)
	o.FigureOptions = c.figureOptions()
	var res *programme.Outcome
	m, err := runAnalysis(ctx, e, &c, "programme", out, func(ctx context.Context, progress func(string, int, int)) (dir string, err error) {
		runs := func(done, total int) { progress("programme", done, total) } // one stage
		if res, err = programme.Run(ctx, s, arg, o, out, c.workers, formats, runs); res != nil {
			dir = res.Dir
		}
		return dir, err
	})
	if err != nil {
		return err
	}
	defer m.report(e.stderr, "programme", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printProgrammeJSON(e.stdout, s.File.Name, s.File.Seed, s.File.Days, res, m.performance())
	}
	printProgramme(e.stdout, s.File.Name, s.File.Days, s.File.Seed, s.Sets(), res)
	fmt.Fprintf(e.stdout, "\nWrote %s: %s, report.md.\n", out, wroteTables(out, len(res.Figures)))
	before.note(e.stdout)
	return nil
}

// printProgramme writes the decomposition for a reader at a terminal.
func printProgramme(w io.Writer, scenario string, days int, seed int64, sets []string, res *programme.Outcome) {
	name := res.Programme
	if name == "" {
		name = "every programme"
	}
	fmt.Fprintf(w, "%s: what %s does, and through which channel\n", scenario, name)
	fmt.Fprintf(w, "%d replicates of 4 runs per regime, %d days, seed %d; budget USD %s, spent USD %s by the end of the run.\n",
		res.Reps, days, seed, output.FormatCount(res.Budget), output.FormatCount(res.Spent))
	printOverrides(w, sets)
	for _, regime := range res.Regimes {
		spent := ""
		if sp := res.SpentUnder(regime); sp != res.Spent {
			spent = fmt.Sprintf(" (spent USD %s by the programmes that act under it)", output.FormatCount(sp))
		}
		fmt.Fprintf(w, "\nUnder %s, per run with 95%% intervals%s:\n\n", regime, spent)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "harm\tgroup\twhole programme\trepair\ttightening\tinteraction\tcost per unit averted\n")
		for _, m := range programme.Headline {
			for _, g := range programme.Groups() {
				t, ok := res.Find(regime, programme.Total, m, g)
				if !ok {
					continue
				}
				r, _ := res.Find(regime, programme.Repairing, m, g)
				tg, _ := res.Find(regime, programme.Tightening, m, g)
				in, _ := res.Find(regime, programme.Interaction, m, g)
				title := m
				if tot, ok := output.TotalByName(m); ok {
					title = tot.Title
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", title, g, programme.FormatInterval(t), programme.FormatInterval(r),
					programme.FormatInterval(tg), programme.FormatInterval(in), programme.FormatCost(t))
			}
		}
		tw.Flush()
	}
	fmt.Fprint(w, "\nreport.md gives every harm and group, and what the programme does to the posts.\n")
}

func printProgrammeJSON(w io.Writer, scenario string, seed int64, days int, res *programme.Outcome, perf *performance) error {
	type effect struct {
		Regime         string   `json:"regime"`
		Effect         string   `json:"effect"`
		Metric         string   `json:"metric"`
		Group          string   `json:"group"`
		N              int      `json:"n"`
		Mean           *float64 `json:"mean"`
		CILow          *float64 `json:"ci_low"`
		CIHigh         *float64 `json:"ci_high"`
		Reference      *float64 `json:"reference"`
		ShareOfTotal   *float64 `json:"share_of_total"`
		CostPerAverted *float64 `json:"cost_per_averted"`
		CostLow        *float64 `json:"cost_low"`
		CostHigh       *float64 `json:"cost_high"`
	}
	doc := struct {
		Scenario    string       `json:"scenario"`
		Seed        int64        `json:"seed"`
		Days        int          `json:"days"`
		Programme   string       `json:"programme"`
		Reps        int          `json:"reps"`
		Budget      float64      `json:"budget"`
		Spent       float64      `json:"spent"`
		Regimes     []string     `json:"regimes"`
		SpentUnder  []float64    `json:"spent_by_regime"`
		Effects     []effect     `json:"effects"`
		Performance *performance `json:"performance"`
	}{Scenario: scenario, Seed: seed, Days: days, Programme: res.Programme, Reps: res.Reps, Budget: res.Budget, Spent: res.Spent, Regimes: res.Regimes, SpentUnder: res.Spending, Performance: perf}
	for _, e := range res.Estimates {
		doc.Effects = append(doc.Effects, effect{e.Regime, e.Effect, e.Metric, e.Group, e.N, num(e.Mean), num(e.Lo), num(e.Hi),
			num(e.Reference), num(e.Share), num(e.CostPerAverted), num(e.CostLo), num(e.CostHi)})
	}
	return writeJSON(w, doc)
}
