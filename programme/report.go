package programme

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// signed writes a count with its sign.
func signed(v float64) string {
	if v > 0 {
		return "+" + output.FormatCount(v)
	}
	return output.FormatCount(v)
}

// FormatInterval writes an estimate's mean and 95% interval.
func FormatInterval(e Estimate) string {
	if math.IsNaN(e.Lo) {
		return signed(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", signed(e.Mean), signed(e.Lo), signed(e.Hi))
}

// FormatCost writes what was spent per unit of harm averted, or why there
// is no such cost: the harm did not fall on average ("none averted"), it
// fell but its interval reaches no change ("interval reaches 0"), there is
// no interval (one replicate), or nothing was spent by the end of the run.
func FormatCost(e Estimate) string {
	if math.IsNaN(e.CostPerAverted) {
		switch {
		case !(e.Mean < 0):
			return "none averted"
		case math.IsNaN(e.Hi):
			return "no interval (1 replicate)"
		case e.Hi >= 0:
			return "interval reaches 0"
		default:
			return "nothing spent"
		}
	}
	return fmt.Sprintf("USD %s [%s, %s]", output.FormatCount(e.CostPerAverted), output.FormatCount(e.CostLo), output.FormatCount(e.CostHi))
}

// relative is an effect as a share of the reference, for prose.
func relative(e Estimate) string {
	if e.Reference == 0 {
		return ""
	}
	return fmt.Sprintf(" (%+.0f%% of %s without it)", 100*e.Mean/e.Reference, output.FormatCount(e.Reference))
}

// clear says whether an interval excludes 0.
func distinct(e Estimate) bool { return !math.IsNaN(e.Lo) && (e.Lo > 0 || e.Hi < 0) }

// channelSentence says in words how a programme's effect on a metric
// under a regime splits into its channels.
func (a *Analysis) channelSentence(regime, metric, group string) string {
	get := func(eff string) Estimate { e, _ := a.Find(regime, eff, metric, group); return e }
	t, r, g, i := get(Total), get(Repairing), get(Tightening), get(Interaction)
	var b strings.Builder
	who := ""
	if group != All {
		who = " of " + group + " migrants"
	}
	fmt.Fprintf(&b, "**%s%s**: the programme changed them by %s per run%s", output.Capitalise(title(metric)), who, FormatInterval(t), relative(t))
	if !distinct(t) {
		b.WriteString(", an interval that includes no change")
	}
	fmt.Fprintf(&b, ". Through repairing malfunction: %s; through tightening closure: %s; needing both at once: %s.", FormatInterval(r), FormatInterval(g), FormatInterval(i))
	b.WriteString(verdict(t, r, g, i, a.IdleChannels(regime)))
	return b.String()
}

// verdict says which part of a whole effect t does it: its repair part r,
// its tightening part g or their interaction i, where idle are the
// channels that change no run. A channel "does it" only when the whole
// effect is distinguishable from none and the channel's part is too, with
// the same sign; otherwise it says what the parts distinguishable from
// none do, and that a channel that changes no run does not act.
func verdict(t, r, g, i Estimate, idle scenarios.Channel) string {
	type part struct {
		name  string // as the subject of a sentence, in lower case
		short string // the channel's name, "" for the interaction
		e     Estimate
		idle  bool
	}
	repair := part{"repair's part", "repair", r, idle&scenarios.Repair != 0}
	tight := part{"tightening's part", "tightening", g, idle&scenarios.Tightening != 0}
	inter := part{"the interaction", "", i, idle != 0} // with a channel idle it is 0 on every run
	if repair.idle && tight.idle {
		return " Neither channel acts here: switching either on or off changes no run."
	}
	note := "" // says which channel does not act
	for _, c := range []part{repair, tight} {
		if c.idle {
			note = fmt.Sprintf(" No %s component acts here: switching it on or off changes no run.", c.short)
		}
	}
	same := func(a, b Estimate) bool { return (a.Mean > 0) == (b.Mean > 0) }
	named := func(ps []part) string { // "tightening's part (+19,841) and the interaction (-15,404)"
		var s []string
		for _, p := range ps {
			s = append(s, fmt.Sprintf("%s (%s)", p.name, signed(p.e.Mean)))
		}
		return strings.Join(s, " and ")
	}
	verb := func(ps []part, one, many string) string {
		if len(ps) == 1 {
			return one
		}
		return many
	}
	var parts []part // the parts distinguishable from none
	for _, p := range []part{repair, tight, inter} {
		if !p.idle && distinct(p.e) {
			parts = append(parts, p)
		}
	}
	if !distinct(t) {
		if len(parts) == 0 {
			if repair.idle || tight.idle {
				active := map[bool]part{true: tight, false: repair}[repair.idle]
				return fmt.Sprintf(" Nor is %s distinguishable from none.", active.name) + note
			}
			return " Nor is either channel's part distinguishable from none." + note
		}
		var with, against []part // with the first part's sign, and against it
		for _, p := range parts {
			if same(p.e, parts[0].e) {
				with = append(with, p)
			} else {
				against = append(against, p)
			}
		}
		if len(against) == 0 {
			return fmt.Sprintf(" The whole effect is not distinguishable from none, though %s %s.", named(with), verb(with, "is", "are")) + note
		}
		// Not "offset by": the parts' means need not cancel (+19,841 and
		// -15,404 leave +4,437 where the whole effect's mean is +12,000);
		// the whole effect is most often indistinguishable from none
		// because another part is noisy. Say which way each part pulls.
		return fmt.Sprintf(" The whole effect is not distinguishable from none, though %s %s, and %s %s the other way.", named(with), verb(with, "is", "are"), named(against), verb(against, "pulls", "pull")) + note
	}
	var doers, others []part // the channels that do it, and the others that act
	for _, c := range []part{repair, tight} {
		switch {
		case c.idle:
		case distinct(c.e) && same(c.e, t):
			doers = append(doers, c)
		default:
			others = append(others, c)
		}
	}
	switch {
	case len(doers) == 2:
		return " Both channels do it."
	case len(doers) == 1 && len(others) == 0:
		return fmt.Sprintf(" %s does it.", output.Capitalise(doers[0].short)) + note
	case len(doers) == 1 && distinct(others[0].e):
		return fmt.Sprintf(" %s does it, though the two channels pull in opposite directions: %s %s, %s %s.",
			output.Capitalise(doers[0].short), repair.short, direction(repair.e.Mean), tight.short, direction(tight.e.Mean))
	case len(doers) == 1:
		return fmt.Sprintf(" %s does it; %s is not distinguishable from none.", output.Capitalise(doers[0].short), others[0].name)
	}
	var against []part // channels distinguishable from none against the whole effect's sign
	for _, c := range others {
		if distinct(c.e) {
			against = append(against, c)
		}
	}
	needsBoth := !inter.idle && distinct(i) && same(i, t)
	switch {
	case needsBoth && len(against) > 0:
		return fmt.Sprintf(" Neither channel does it alone: it needs both at once, and %s %s the other way.", named(against), verb(against, "pulls", "pull")) + note
	case needsBoth:
		return " Neither channel does it alone: it needs both at once." + note
	case len(against) > 0:
		return fmt.Sprintf(" Neither channel's part is distinguishable from none in the whole effect's direction; %s %s the other way.", named(against), verb(against, "pulls", "pull")) + note
	}
	return " Neither channel's part alone is distinguishable from none." + note
}

// figure shows the figure called name, with alt text alt, if it was drawn.
// figure shows the figure drawn as name, if it was, with its title as a
// caption under it: a reader of the report sees what the figure's error
// bars are without opening the figure's own caption.
func figure(b *bytes.Buffer, drawn []experiment.Drawn, name, alt string) {
	if d, ok := experiment.FindDrawn(drawn, name); ok {
		if md := d.Markdown(alt); md != "" {
			fmt.Fprintf(b, "\n%s\n\n*%s.*\n", md, output.Literal(d.Title)) // a title names a regime, which may hold "*"
		}
	}
}

func direction(v float64) string {
	if v > 0 {
		return "adds harm"
	}
	return "removes harm"
}

// report writes report.md, for readers who fund, run or question such
// programmes.
func report(x *experiment.Prepared, info *Info, a *Analysis, drawn []experiment.Drawn) ([]byte, error) {
	s := x.Scenario
	file := s.File
	var b bytes.Buffer
	b.WriteString("# What does the programme do to the border, and for whom?\n\n")
	b.WriteString(`Capacity-building programmes train border officials, equip posts with document
readers and registration systems, and build or renovate posts. Their stated aim is to
repair borders that malfunction: posts that fail, officials who extort, queues that
strand people. The same work also makes borders better at filtering: posts that turn
away more surely those their rules refuse. This report separates the two in one
simulated region. It runs the same migrants (common random numbers) through each
regime four times: without the programme, with it in full, and with each of its two
channels switched off in turn.

- **Repairing malfunction** (the repair channel): fewer outages, steadier and larger
  capacity, fewer arbitrary refusals, officials better overseen, new posts where there
  was no legal crossing.
- **Tightening closure** (the tightening channel): document checks that catch more of
  the undocumented.

A channel's part of the effect is what the programme loses when that channel alone is
switched off. The two parts add up to the whole effect, apart from a part that needs
both channels at once (the interaction), shown separately.

`)
	// Names and prose are the scenario author's (output.Literal,
	// output.Prose, output.CodeSpan).
	name := output.Literal(info.Programme)
	if name == "" {
		name = strings.Join(output.Literals(s.ProgrammeNames()), ", ")
	}
	fmt.Fprintf(&b, "Scenario %s", output.CodeSpan(file.Name))
	if file.Title != "" {
		fmt.Fprintf(&b, ": %s", strings.TrimSuffix(output.Prose(file.Title), "."))
	}
	fmt.Fprintf(&b, ". Programme: **%s**", name)
	for _, p := range file.Programmes {
		if (info.Programme == "" || p.Name == info.Programme) && p.Description != "" {
			fmt.Fprintf(&b, " (%s: %s)", output.Literal(p.Name), strings.TrimSuffix(output.Prose(p.Description), "."))
		}
	}
	fmt.Fprintf(&b, ". Budget USD %s, of which USD %s spent by the end of the run.%s %d days, master seed %d, %d replicates of each of %d runs per regime. Command: %s. Written by %s.\n",
		output.FormatCount(info.Budget), output.FormatCount(info.Spent), a.spentApart(info.Spent), file.Days, file.Seed, a.Reps, len(armKinds), output.CommandSpan(x.RecordedCommandLine()), x.BuiltBy())

	b.WriteString("\n## In short\n")
	for _, regime := range a.Regimes {
		fmt.Fprintf(&b, "\n### Under the %s regime\n\n", output.Literal(regime))
		b.WriteString(a.bottomLine(regime) + "\n\n")
		for _, m := range append(slices.Clone(Headline), "immobilised_person_days", "deaths") {
			b.WriteString("- " + a.channelSentence(regime, m, All) + "\n")
		}
		b.WriteString("\nBy group of migrants:\n\n")
		for _, m := range Headline {
			for _, g := range Groups()[1:] {
				b.WriteString("- " + a.channelSentence(regime, m, g) + "\n")
			}
		}
		if e, ok := a.Find(regime, Tightening, "refused", "undocumented"); ok {
			fmt.Fprintf(&b, "\nRefusals of undocumented migrants at posts changed by %s per run through tightening closure", FormatInterval(e))
			if t, ok := a.Find(regime, Total, "refused", "undocumented"); ok {
				fmt.Fprintf(&b, " (%s through the whole programme)", FormatInterval(t))
			}
			b.WriteString(".\n")
		}
		if e, ok := a.Find(regime, Repairing, "bribed", All); ok && distinct(e) {
			fmt.Fprintf(&b, "Passages bought with a bribe by migrants the rules refuse changed by %s per run through repairing malfunction: officials better overseen sell fewer of them, so part of what repair does is closure too.\n", FormatInterval(e))
		}
		figure(&b, drawn, "channels_"+fileSafe(regime)+"_trapped_person_days", "Trapped person-days by channel")
		figure(&b, drawn, "channels_"+fileSafe(regime)+"_abuse_events", "Abuse events by channel")
	}

	b.WriteString("\n## Cost per harm averted\n\n")
	spent := fmt.Sprintf("USD %s", output.FormatCount(info.Spent))
	if a.spentApart(info.Spent) != "" {
		var under []string
		for i, r := range a.Regimes {
			under = append(under, fmt.Sprintf("USD %s under %s", output.FormatCount(a.Spending[i]), output.Literal(r)))
		}
		spent = "by the programmes that act under each regime: " + strings.Join(under, ", ")
	}
	fmt.Fprintf(&b, "What was spent by the end of the run (%s) divided by the harm the whole programme averted per run, with the interval its effect gives. \"None averted\" means the harm did not fall on average; \"interval reaches 0\" that it fell on average but its interval reaches no change, so that no cost is given. The channels are not costed: one component (equipment) acts through both.\n\n", spent)
	b.WriteString("|regime|harm|group|change per run [95%]|cost per unit averted [95%]|\n|---|---|---|---:|---:|\n")
	for _, regime := range a.Regimes {
		for _, m := range Metrics {
			if !m.Harm {
				continue
			}
			for _, g := range Groups() {
				e, ok := a.Find(regime, Total, m.Name, g)
				if !ok {
					continue
				}
				fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|\n", output.Literal(regime), title(m.Name), g, FormatInterval(e), FormatCost(e))
			}
		}
	}

	b.WriteString("\n## Every effect\n\nPer run, with 95% intervals over replicates: the mean without the programme, the whole programme's effect, and each channel's part.\n")
	for _, regime := range a.Regimes {
		fmt.Fprintf(&b, "\n### %s\n\n|metric|group|without the programme|whole programme|repair|tightening|interaction|\n|---|---|---:|---:|---:|---:|---:|\n", output.Literal(regime))
		for _, m := range Metrics {
			for _, g := range Groups() {
				t, ok := a.Find(regime, Total, m.Name, g)
				if !ok {
					continue
				}
				r, _ := a.Find(regime, Repairing, m.Name, g)
				tg, _ := a.Find(regime, Tightening, m.Name, g)
				in, _ := a.Find(regime, Interaction, m.Name, g)
				fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|%s|\n", title(m.Name), g, output.FormatCount(t.Reference), FormatInterval(t), FormatInterval(r), FormatInterval(tg), FormatInterval(in))
			}
		}
	}

	b.WriteString("\n## What the programme does to the posts\n\nThe mean over the programme's open posts of the keys it moves, with the programme in full, on the day it starts, its last day and the last day of the run, where the run reaches them (path.csv holds every day, with and without it); – where none is open.\n")
	points, err := Path(s, Options{Programme: info.Programme}, a.Regimes)
	if err != nil {
		return nil, err
	}
	start, end := programmeDays(x, info.Programme)
	for _, regime := range a.Regimes {
		fmt.Fprintf(&b, "\n|%s|day|days failing|oversight|document checks|arbitrary refusals|capacity factor|posts open|\n|---|---:|---:|---:|---:|---:|---:|---:|\n", output.Literal(regime))
		type row struct {
			label string
			day   int
		}
		// A day the run does not reach has no row: a programme that
		// ends after the run is not said to end on its last day.
		var rows []row
		if start < file.Days {
			rows = append(rows, row{"programme starts", start})
		}
		if end <= file.Days {
			rows = append(rows, row{"programme ends", end - 1})
		}
		for _, row := range append(rows, row{"end of run", file.Days - 1}) {
			var n, fail, over, doc, ref, capf, open float64
			for i := range points {
				p := &points[i]
				if p.Regime == regime && p.Programme && p.Day == row.day {
					if !p.Open {
						n++
						continue
					}
					n++
					fail += p.DaysFailing
					over += p.Oversight
					doc += p.DocCheck
					ref += p.Refusal
					capf += p.CapacityFactor
					if p.Open {
						open++
					}
				}
			}
			if n == 0 {
				continue
			}
			if open == 0 { // every post of the programme still to be built: no policy to average
				fmt.Fprintf(&b, "|%s|%d|–|–|–|–|–|0 of %.0f|\n", row.label, row.day, n)
				continue
			}
			fmt.Fprintf(&b, "|%s|%d|%.2f|%.2f|%.2f|%.2f|%.2f|%.0f of %.0f|\n", row.label, row.day, fail/open, over/open, doc/open, ref/open, capf/open, open, n)
		}
		figure(&b, drawn, "path_"+fileSafe(regime), "How the programme moves its posts")
	}

	b.WriteString("\n## How to read this\n\n")
	b.WriteString("- **Per run.** Every number is a difference per run of the scenario's length, averaged over replicates; each replicate meets the same migrants in every arm, so the differences are paired.\n")
	b.WriteString("- **Intervals.** 95% Student's t intervals over replicates, not corrected for the number of effects shown. They describe the simulation's randomness, not uncertainty about the world. An effect whose interval includes 0 is not distinguishable from no effect at this number of replicates.\n")
	b.WriteString("- **Interaction.** Where the channels act on different migrants or posts, it is replicate noise; where they act on the same migrants (document checks and oversight at one post), it is real and has a sign: for instance, better oversight also ends passages bought with a bribe, which document checks would otherwise have stopped.\n")
	b.WriteString("- **Which channel does it.** \"In short\" says a channel does it only where the whole effect and that channel's part are both distinguishable from no effect, with the same sign. Where the whole effect is not, it names the parts that are and what offsets them. A channel that changes no run (tightening, for a programme without equipment) is said not to act, rather than to have a part indistinguishable from none.\n")
	b.WriteString("- **Cost per harm averted.** Each row divides all that was spent by one harm alone, though the same money averts every harm, for every group, at once: the rows do not add up, and a group's row is not what averting that group's harm alone would cost. Only harm within the run counts, against money spent within it: trained officers, equipment and finished works outlast the run (docs/MODEL.md, \"Programmes\"), and so may their effect, which this analysis does not see.\n")
	b.WriteString("- **Groups.** Documented and undocumented migrants are everyone; vulnerable migrants (minors, the sick, victims of trafficking) are among both.\n")
	b.WriteString("- **What is assumed.** How fast money turns into trained officers, equipment and works, how far they move each post toward a working one, how fast trained staff leave and equipment wears out: all are keys of `[[programmes]]` in `scenario.toml`, documented in docs/MODEL.md (\"Programmes\") with their reasons. Most are illustrative, not measured; sweep them (`borderwork sweep --vary programmes.NAME.budget=...`) before reading much into a number.\n")

	if len(drawn) > 0 {
		b.WriteString("\n## Figures\n\n")
		for _, d := range drawn {
			fmt.Fprintf(&b, "- `figures/%s`: %s\n", d.Name, d.Title)
		}
	}
	if len(file.Sources) > 0 {
		b.WriteString("\n## Sources of the scenario\n\n")
		for _, src := range file.Sources {
			fmt.Fprintf(&b, "- %s\n", output.Prose(src))
		}
	}
	return b.Bytes(), nil
}

// programmeDays are the first and last days (start, end) of the analysed
// programmes: the earliest start and the latest end.
func programmeDays(x *experiment.Prepared, name string) (start, end int) {
	start, end = math.MaxInt, 0
	for _, p := range x.Scenario.File.Programmes {
		if name != "" && p.Name != name {
			continue
		}
		start = min(start, p.Start)
		if p.End != nil {
			end = max(end, *p.End)
		}
	}
	if start == math.MaxInt {
		start = 0
	}
	return start, end
}

// spentApart says, for the report's opening, what was spent under each
// regime where some programme analysed does not act (and so spends
// nothing there); "" where every one acts under every regime, and each
// regime's spending is all of spent.
func (a *Analysis) spentApart(spent float64) string {
	var under []string
	apart := false
	for i, r := range a.Regimes {
		apart = apart || a.Spending[i] != spent
		under = append(under, fmt.Sprintf("USD %s under %s", output.FormatCount(a.Spending[i]), output.Literal(r)))
	}
	if !apart {
		return ""
	}
	return " A programme spends nothing under a regime under which it does not act: the programmes that act spent " + strings.Join(under, ", ") + "."
}

// bottomLine says in one sentence what the programme did to trapped
// person-days and abuse under regime, and who gained and who lost.
func (a *Analysis) bottomLine(regime string) string {
	change := func(metric, group string) (string, bool) {
		e, ok := a.Find(regime, Total, metric, group)
		switch {
		case !ok || !distinct(e):
			return "", false
		case e.Reference != 0:
			return fmt.Sprintf("%s %s by %.0f%%", map[bool]string{true: "raised", false: "lowered"}[e.Mean > 0], title(metric), math.Abs(100*e.Mean/e.Reference)), true
		}
		return fmt.Sprintf("%s %s", map[bool]string{true: "raised", false: "lowered"}[e.Mean > 0], title(metric)), true
	}
	var parts []string
	for _, m := range Headline {
		if c, ok := change(m, All); ok {
			parts = append(parts, c)
		} else {
			parts = append(parts, "left "+title(m)+" without a change its intervals can tell from none")
		}
	}
	line := "**In one sentence**: the programme " + strings.Join(parts, " and ")
	var who []string
	for _, g := range Groups()[1:] {
		var fate []string
		for _, m := range []struct{ metric, more, less string }{{"trapped_person_days", "trapped more", "trapped less"}, {"abuse_events", "abused more", "abused less"}} {
			if e, ok := a.Find(regime, Total, m.metric, g); ok && distinct(e) {
				fate = append(fate, map[bool]string{true: m.more, false: m.less}[e.Mean > 0])
			}
		}
		if len(fate) > 0 {
			who = append(who, g+" migrants were "+strings.Join(fate, " and "))
		}
	}
	if len(who) > 0 {
		line += "; " + strings.Join(who, ", ")
	}
	return line + "."
}
