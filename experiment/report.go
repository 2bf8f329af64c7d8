package experiment

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// CompareReport is report.md of a run or compare folder at dir: what was
// run and what it showed.
func CompareReport(x *Prepared, dir string, drawn []Drawn, groups []output.Group) ([]byte, error) {
	f := x.Scenario.File
	var b bytes.Buffer
	reportTitle(&b, x)
	b.WriteString("\n\n## What was run\n\n")
	scenarioItem(&b, x)
	fmt.Fprintf(&b, "- Regimes: %s.\n", strings.Join(output.Literals(x.Regimes), ", "))
	fmt.Fprintf(&b, "- %s per regime with common random numbers: replicate r meets the same migrants under every regime.\n", words.Count(x.Reps, "replicate"))
	provenanceItems(&b, x)

	headlines := output.Headlines()
	b.WriteString("\n## Results\n\n")
	b.WriteString(resultsLead(x.Reps, "Means over replicates, with 95% confidence intervals of the mean."))
	b.WriteString("\n\n|regime|")
	for _, h := range headlines {
		fmt.Fprintf(&b, "%s|", h.Title)
	}
	b.WriteString("\n|---|")
	for range headlines {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "|%s|", output.Literal(g.Regime))
		for _, h := range headlines {
			fmt.Fprintf(&b, "%s|", output.FormatStat(output.Describe(g.Column(output.TotalIndex(h.Name)))))
		}
		b.WriteString("\n")
	}
	if len(groups) > 1 {
		b.WriteString("\n")
		for _, h := range headlines {
			b.WriteString(rankSentence(h, groups))
		}
	}
	for _, note := range runs.ZeroedNotes(x, groups, runs.Markdown) {
		b.WriteString("\n" + note + "\n")
	}
	WriteFigures(&b, drawn)
	readingSection(&b, f, x.Reps, "Differences between regimes are best judged on paired replicates: see "+"`borderwork claim`"+".")
	if err := fleeSection(&b, dir, f); err != nil {
		return nil, err
	}
	WriteSources(&b, f)
	return b.Bytes(), nil
}

// resultsLead is the sentence before a report's table of results: lead,
// which names the intervals, or, with one replicate, what the table holds
// instead (its values, with no interval), as the terminal says.
func resultsLead(reps int, lead string) string {
	if reps == 1 {
		return "One replicate: its values, with no interval (give --reps 2 or more for one)."
	}
	return lead
}

// reportTitle writes report.md's heading and first paragraph.
func reportTitle(b *bytes.Buffer, x *Prepared) {
	f := x.Scenario.File
	// Names and prose are the scenario author's: output.Literal,
	// output.Prose and output.CodeSpan keep them from being read as
	// markup (a description may hold lines that start with "#").
	fmt.Fprintf(b, "# borderwork %s: %s\n\n", x.Command, output.Literal(f.Name))
	b.WriteString(headerParagraph(f.Title, f.Description))
}

// scenarioItem is the first item of "What was run": the scenario and
// where it came from.
func scenarioItem(b *bytes.Buffer, x *Prepared) {
	// The path is the user's: a backtick or a line break in it would end
	// its span (output.TextSpan).
	source, _ := output.TextSpan(x.Scenario.Source)
	fmt.Fprintf(b, "- Scenario: %s, loaded from %s; the resolved file is `scenario.toml`.\n", output.CodeSpan(x.Scenario.File.Name), source)
}

// provenanceItems are the last items of "What was run": days and seed,
// the overrides, the command and the borderwork that wrote the folder.
func provenanceItems(b *bytes.Buffer, x *Prepared) {
	f := x.Scenario.File
	fmt.Fprintf(b, "- %d days; master seed %d.\n", f.Days, f.Seed)
	if sets := x.Scenario.Sets(); len(sets) > 0 {
		spans := make([]string, len(sets))
		for i, set := range sets {
			spans[i], _ = output.TextSpan("--set " + set)
		}
		fmt.Fprintf(b, "- Overrides: %s.\n", strings.Join(spans, ", "))
	} else {
		b.WriteString("- Overrides: none.\n")
	}
	fmt.Fprintf(b, "- Command: %s\n", output.CommandSpan(x.RecordedCommandLine()))
	fmt.Fprintf(b, "- Written by %s.\n", x.BuiltBy())
}

// WriteFigures writes a report's section showing the figures drawn, each
// with its caption, or saying why one was not drawn.
func WriteFigures(b *bytes.Buffer, drawn []Drawn) {
	if len(drawn) == 0 {
		return
	}
	b.WriteString("\n## Figures\n\n")
	for i, d := range drawn {
		if i > 0 {
			b.WriteString("\n") // a caption and the next figure are two paragraphs
		}
		b.WriteString(FigureParagraph(d))
	}
}

// FigureParagraph is how a report shows one figure drawn: its image,
// then its title, which says what it shows and what its bands or error
// bars are, as a caption in italics; or, for a figure not drawn because
// it would show nothing, why.
func FigureParagraph(d Drawn) string {
	// A title may name a regime or hold an axis's --label, which may
	// hold "*" or "[": as markup they would end the italics early.
	if d.Fig == nil {
		return fmt.Sprintf("*%s: no figure, as %s.*\n", output.Literal(d.Title), output.Literal(d.NotDrawn))
	}
	return fmt.Sprintf("%s\n\n*%s.*\n", d.Markdown(d.Title), output.Literal(d.Title))
}

// readingSection says how to read the harms, and what the intervals are
// (with one replicate, reps, that there are none); paired says where
// differences between regimes are best judged.
func readingSection(b *bytes.Buffer, f *scenarios.File, reps int, paired string) {
	intervals := "The intervals describe the mean over replicates of this scenario's assumptions, not the world."
	if reps == 1 {
		intervals = "One replicate is one draw of this scenario's randomness, with no interval: a difference it shows may be chance."
	}
	b.WriteString(`
## Reading these results

- A migrant is *trapped* on a day when it has stayed at least ` + fmt.Sprint(f.Migrants.TrappedAfterDays) + ` days at the same place
  away from home and destination, cannot pass legally, is ` + f.Migrants.NoSmugglerWords() + `, and has not turned back
  (docs/MODEL.md gives the exact rule). Trapped person-days add up the trapped count over days.
  A migrant blocked in the same way at home, still wanting to leave, is *stranded*; *immobilised*
  person-days add trapped, stranded and centre person-days together.
- Abuse events are counted by kind (extortion, violence, abandonment, kidnap) and perpetrator
  (smugglers, officials). "Migrants abused" counts each migrant once.
- ` + intervals + `
  ` + paired + `
- Every number follows from the assumptions in ` + "`scenario.toml`" + `, many of them illustrative.
`)
}

// WriteSources writes a report's section listing the scenario's sources,
// if it gives any.
func WriteSources(b *bytes.Buffer, f *scenarios.File) {
	if len(f.Sources) > 0 {
		b.WriteString("\n## Sources of the scenario\n\n")
		for _, s := range f.Sources {
			fmt.Fprintf(b, "- %s\n", output.Prose(s))
		}
	}
}

// rankSentence states which regime had the highest and the lowest mean of
// a total, and whether their intervals overlap.
func rankSentence(h output.Total, groups []output.Group) string {
	t := output.TotalIndex(h.Name)
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
		return fmt.Sprintf("- %s: the same mean (%s) under every regime.\n", output.Capitalise(h.Title), output.FormatCount(stats[hi].Mean))
	}
	overlap := "their intervals do not overlap"
	switch {
	case stats[hi].N < 2: // one replicate: no interval to overlap or not
		overlap = "one replicate has no interval, so this ordering is not established"
	case math.IsNaN(stats[hi].Lo) || stats[hi].Lo <= stats[lo].Hi:
		overlap = "their intervals overlap, so this ordering is not established"
	}
	// Every regime of the highest (lowest) mean is named: a rare harm
	// such as deaths is often the same, 0, under several.
	var highest, lowest []string
	for i, g := range groups {
		if stats[i].Mean == stats[hi].Mean {
			highest = append(highest, output.Literal(g.Regime))
		}
		if stats[i].Mean == stats[lo].Mean {
			lowest = append(lowest, output.Literal(g.Regime))
		}
	}
	return fmt.Sprintf("- %s: highest under %s (%s), lowest under %s (%s); %s.\n",
		output.Capitalise(h.Title), output.JoinAnd(highest), output.FormatCount(stats[hi].Mean), output.JoinAnd(lowest), output.FormatCount(stats[lo].Mean), overlap)
}

// headerParagraph is report.md's first paragraph: the scenario's title,
// as a sentence, then its description, each on one line (output.Prose),
// with a space between them only when both are there. A description in
// paragraphs keeps them (output.Paragraphs): the title joins its first.
func headerParagraph(title, description string) string {
	paras := output.Paragraphs(description)
	if title != "" {
		t := strings.TrimSuffix(output.Prose(title), ".") + "."
		if len(paras) == 0 {
			return t
		}
		paras[0] = t + " " + paras[0]
	}
	return strings.Join(paras, "\n\n")
}
