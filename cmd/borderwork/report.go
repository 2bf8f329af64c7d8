package main

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/borderwork/borderwork/output"
)

// compareFigures are the figures of run and compare, with their captions
// in the report.
var compareFigures = []struct{ file, title string }{
	{"trapped", "Migrants trapped over time, per regime, with 95% bands across replicates"},
	{"abuse", "Cumulative abuse events over time, per regime"},
	{"abuse_by_kind", "Abuse events by kind and perpetrator, per regime, with 95% intervals"},
	{"outcomes", "Final outcomes per regime: arrived, returned, stayed home, dead, still trapped"},
}

// writeCompareReport writes report.md: what was run and what it showed.
func writeCompareReport(path string, x *experiment, res *experimentResult) error {
	f := x.scenario.File
	var b bytes.Buffer
	fmt.Fprintf(&b, "# borderwork %s: %s\n\n", x.command, f.Name)
	if f.Title != "" {
		fmt.Fprintf(&b, "%s.", strings.TrimSuffix(f.Title, "."))
	}
	if f.Description != "" {
		fmt.Fprintf(&b, " %s", f.Description)
	}
	b.WriteString("\n\n## What was run\n\n")
	fmt.Fprintf(&b, "- Scenario: `%s`, loaded from `%s`; the resolved file is `scenario.toml`.\n", f.Name, x.scenario.Source)
	fmt.Fprintf(&b, "- Regimes: %s.\n", strings.Join(x.regimes, ", "))
	fmt.Fprintf(&b, "- %d replicates per regime with common random numbers: replicate r meets the same migrants under every regime.\n", x.reps)
	fmt.Fprintf(&b, "- %d days; master seed %d.\n", f.Days, f.Seed)
	if sets := x.scenario.Sets(); len(sets) > 0 {
		fmt.Fprintf(&b, "- Overrides: `--set %s`.\n", strings.Join(sets, "`, `--set "))
	} else {
		b.WriteString("- Overrides: none.\n")
	}
	fmt.Fprintf(&b, "- Command: `%s`\n", x.commandLine())

	b.WriteString("\n## Results\n\nMeans over replicates, with 95% confidence intervals of the mean.\n\n|regime|")
	for _, h := range headlines {
		fmt.Fprintf(&b, "%s|", h.title)
	}
	b.WriteString("\n|---|")
	for range headlines {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, g := range res.groups {
		fmt.Fprintf(&b, "|%s|", g.Regime)
		for _, h := range headlines {
			fmt.Fprintf(&b, "%s|", formatStat(output.Describe(g.Column(output.TotalIndex(h.total)))))
		}
		b.WriteString("\n")
	}
	if len(res.groups) > 1 {
		b.WriteString("\n")
		for _, h := range headlines[:5] {
			b.WriteString(rankSentence(h, res.groups))
		}
	}
	if len(res.figures) > 0 {
		b.WriteString("\n## Figures\n\n")
		for _, fig := range compareFigures {
			fmt.Fprintf(&b, "![%s](figures/%s.png)\n\n*%s.*\n", fig.title, fig.file, fig.title)
		}
	}
	b.WriteString(`
## Reading these results

- A migrant is *trapped* on a day when it has stayed at least ` + fmt.Sprint(f.Migrants.TrappedAfterDays) + ` days at the same place
  away from home and destination, cannot pass legally, cannot pay a smuggler, and has not turned back
  (docs/MODEL.md gives the exact rule). Trapped person-days add up the trapped count over days.
- Abuse events are counted by kind (extortion, violence, abandonment, kidnap) and perpetrator
  (smugglers, officials). "Migrants abused" counts each migrant once.
- The intervals describe the mean over replicates of this scenario's assumptions, not the world.
  Differences between regimes are best judged on paired replicates: see ` + "`borderwork claim`" + `.
- Every number follows from the assumptions in ` + "`scenario.toml`" + `, many of them illustrative.
`)
	if len(f.Sources) > 0 {
		b.WriteString("\n## Sources of the scenario\n\n")
		for _, s := range f.Sources {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	return output.WriteFile(path, b.Bytes())
}

// rankSentence states which regime had the highest and the lowest mean of
// a metric, and whether their intervals overlap.
func rankSentence(h headline, groups []output.Group) string {
	t := output.TotalIndex(h.total)
	hi, lo := 0, 0
	stats := make([]output.Stat, len(groups))
	for i, g := range groups {
		stats[i] = output.Describe(g.Column(t))
		if stats[i].Mean > stats[hi].Mean {
			hi = i
		}
		if stats[i].Mean < stats[lo].Mean {
			lo = i
		}
	}
	if stats[hi].Mean == stats[lo].Mean {
		return fmt.Sprintf("- %s: the same mean (%s) under every regime.\n", capitalise(h.title), formatCount(stats[hi].Mean))
	}
	overlap := "their intervals do not overlap"
	if math.IsNaN(stats[hi].Lo) || stats[hi].Lo <= stats[lo].Hi {
		overlap = "their intervals overlap, so this ordering is not established"
	}
	return fmt.Sprintf("- %s: highest under %s (%s), lowest under %s (%s); %s.\n",
		capitalise(h.title), groups[hi].Regime, formatCount(stats[hi].Mean), groups[lo].Regime, formatCount(stats[lo].Mean), overlap)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
