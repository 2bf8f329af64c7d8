package output

import (
	"fmt"

	"github.com/borderwork/borderwork/sim"
)

// Metric is what the registry knows of one recorded quantity: its column
// name, a title for people, its unit and a one-line description. Tables,
// figures, the printed summary, reports, the claim and docs/OUTPUTS.md's
// test all read it from here.
type Metric struct {
	Name  string // column name
	Title string // for people, lower case: "trapped person-days"
	Unit  string // "migrants", "person-days", "events", "USD", "days", ...
	Doc   string // one line for docs/OUTPUTS.md
}

// DayColumn is one metric of timeseries.csv, read off a day's record.
type DayColumn struct {
	Metric
	Get func(r *sim.DayRecord) float64
}

// DayColumns are the metric columns of timeseries.csv, in order.
var DayColumns = func() []DayColumn {
	var cols []DayColumn
	day := func(name, title, unit, doc string, get func(r *sim.DayRecord) float64) DayColumn {
		return DayColumn{Metric{name, title, unit, doc}, get}
	}
	for s := range sim.NumStates {
		cols = append(cols, day(s.String(), stateTitle[s], "migrants", stateDoc[s],
			func(r *sim.DayRecord) float64 { return float64(r.States[s]) }))
	}
	cols = append(cols, day("created", "migrants created", "migrants", "migrants created so far", func(r *sim.DayRecord) float64 { return float64(r.Created) }))
	for k := range sim.NumAbuseKinds {
		for p := range sim.NumPerpetrators {
			cols = append(cols, day("abuse_"+k.String()+"_"+p.String(),
				k.String()+" by "+p.String()+"s", "events",
				"cumulative "+k.String()+" events by "+p.String()+"s",
				func(r *sim.DayRecord) float64 { return float64(r.Abuse[k][p]) }))
		}
	}
	cols = append(cols,
		day("abuse_events", "abuse events", "events", "cumulative abuse events of every kind", func(r *sim.DayRecord) float64 { return float64(r.AbuseEvents()) }),
		day("abused_migrants", "migrants abused", "migrants", "migrants abused at least once so far", func(r *sim.DayRecord) float64 { return float64(r.AbusedMigrants) }),
		day("abuse_vulnerable", "abuse of vulnerable migrants", "events", "cumulative abuse events suffered by vulnerable migrants", func(r *sim.DayRecord) float64 { return float64(r.AbuseVulnerable) }),
		day("abuse_immobile", "abuse of trapped or stranded migrants", "events", "cumulative abuse events suffered by migrants trapped or stranded at the time", func(r *sim.DayRecord) float64 { return float64(r.AbuseImmobile) }),
		day("trapped_person_days", "trapped person-days", "person-days", "cumulative sum over days of the trapped count", func(r *sim.DayRecord) float64 { return float64(r.TrappedPersonDays) }),
		day("stranded_person_days", "stranded person-days", "person-days", "cumulative sum over days of the stranded count", func(r *sim.DayRecord) float64 { return float64(r.StrandedPersonDays) }),
		day("centre_person_days", "person-days in centres", "person-days", "cumulative sum over days of migrants sheltered in centres", func(r *sim.DayRecord) float64 { return float64(r.CentrePersonDays) }),
		day("detained_person_days", "detained person-days", "person-days", "cumulative person-days a centre held a migrant who would have left it (among the centre person-days)", func(r *sim.DayRecord) float64 { return float64(r.DetainedPersonDays) }),
		day("immobilised_person_days", "immobilised person-days", "person-days", "cumulative trapped, stranded and centre person-days", func(r *sim.DayRecord) float64 { return float64(immobilised(r)) }),
		day("returns_free", "free returns", "migrants", "cumulative migrants who went home of their own accord", func(r *sim.DayRecord) float64 { return float64(r.ReturnsFree) }),
		day("returns_assisted", "assisted returns", "migrants", "cumulative migrants taken home on a return arranged by a centre", func(r *sim.DayRecord) float64 { return float64(r.ReturnsAssisted) }),
		day("harm_index", "harm index", "weighted harms", "cumulative severity-weighted harm (the scenario's [harm_weights])", func(r *sim.DayRecord) float64 { return r.HarmIndex }),
		day("active_smugglers", "smugglers in business", "smugglers", "smugglers in business", func(r *sim.DayRecord) float64 { return float64(r.ActiveSmugglers) }),
		day("mean_price", "mean smuggling price", "USD", "mean smuggling price over markets with smugglers, USD (0 if none)", func(r *sim.DayRecord) float64 { return r.MeanPrice }),
		day("mean_transit_days", "mean days in transit", "days", "mean days since creation of migrants not yet arrived, returned, stayed or dead (including those still waiting at home)", func(r *sim.DayRecord) float64 { return r.MeanTransitDays }),
		day("queued", "migrants queued", "migrants", "migrants in posts' queues", func(r *sim.DayRecord) float64 { return float64(r.Queued) }),
		day("posts_failing", "posts failing", "posts", "posts failing that day", func(r *sim.DayRecord) float64 { return float64(r.PostsFailing) }),
		day("post_arrivals", "arrivals at posts", "arrivals", "cumulative joins of a post's queue (a migrant who joins one again is counted again)", func(r *sim.DayRecord) float64 { return float64(r.PostArrivals) }),
		day("admitted", "admissions", "admissions", "cumulative admissions at posts", func(r *sim.DayRecord) float64 { return float64(r.Admitted) }),
		day("bribed", "passages bought", "admissions", "cumulative admissions bought with a bribe by migrants the post's rules would refuse (also counted as admitted)", func(r *sim.DayRecord) float64 { return float64(r.Bribed) }),
		day("refused", "refusals", "refusals", "cumulative refusals at posts", func(r *sim.DayRecord) float64 { return float64(r.Refused) }),
		day("referrals", "referrals", "referrals", "cumulative referrals: migrants sent by screening to a centre or the protection channel, or taken to a centre by assistance (a migrant referred again is counted again)", func(r *sim.DayRecord) float64 { return float64(r.Referrals) }),
		day("evacuated", "evacuations", "migrants", "cumulative migrants evacuated from centres to their destination (also counted as arrived)", func(r *sim.DayRecord) float64 { return float64(r.Evacuated) }),
		day("interceptions", "interceptions", "interceptions", "cumulative interceptions on irregular paths", func(r *sim.DayRecord) float64 { return float64(r.Interceptions) }),
		day("boarded", "boardings", "boardings", "cumulative boardings of a smuggler's vehicle (a migrant who boards one again is counted again)", func(r *sim.DayRecord) float64 { return float64(r.Boarded) }),
	)
	return cols
}()

// DayColumnIndex returns the position of the day column called name, or -1.
func DayColumnIndex(name string) int {
	for i, c := range DayColumns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// immobilised is the person-days migrants spent blocked: trapped away from
// home, stranded at home, or sheltered in a centre.
func immobilised(r *sim.DayRecord) int {
	return r.TrappedPersonDays + r.StrandedPersonDays + r.CentrePersonDays
}

var stateTitle = [sim.NumStates]string{
	"migrants travelling", "migrants waiting", "migrants trapped", "migrants stranded", "migrants with smugglers", "migrants in centres",
	"migrants arrived", "migrants returned", "migrants who stayed home", "migrants dead",
}

var stateDoc = [sim.NumStates]string{
	"migrants on a road, or walking an irregular path alone, at the end of the day",
	"migrants waiting at a location (in a queue, at a hub, at home, or held) and neither trapped nor stranded, at the end of the day",
	"migrants trapped (the trapped rule of docs/MODEL.md) away from home at the end of the day",
	"migrants stranded: blocked by the trapped rule at home, still wanting to leave, at the end of the day",
	"migrants on an irregular path with a smuggler at the end of the day",
	"migrants sheltered in a centre at the end of the day",
	"migrants arrived at their destination by the end of the day",
	"migrants returned home after setting out, by the end of the day",
	"migrants who gave up at home without ever leaving it, by the end of the day",
	"migrants dead by the end of the day",
}

// Total is one per-run total of summary.csv. Headline totals are the
// columns of the printed summary and of report.md's table; harms are what
// sweep figures draw against the varied keys and what the claim tests.
type Total struct {
	Metric
	Of       func(days []sim.DayRecord) float64
	Headline bool
	Harm     bool
}

func final(days []sim.DayRecord) *sim.DayRecord { return &days[len(days)-1] }

func peak(days []sim.DayRecord, f func(*sim.DayRecord) float64) float64 {
	m := 0.0
	for i := range days {
		m = max(m, f(&days[i]))
	}
	return m
}

// total makes a registry entry; marks are "headline" and "harm".
func total(name, title, unit, doc string, of func([]sim.DayRecord) float64, marks ...string) Total {
	t := Total{Metric: Metric{name, title, unit, doc}, Of: of}
	for _, m := range marks {
		switch m {
		case "headline":
			t.Headline = true
		case "harm":
			t.Harm = true
		default:
			panic("output: unknown mark " + m)
		}
	}
	return t
}

// Totals are the metric columns of summary.csv and the metrics of
// stats.csv, in order: the region's, then each group's (GroupTotals).
var Totals = append([]Total{
	total("trapped_person_days", "trapped person-days", "person-days", "sum over days of migrants trapped", func(d []sim.DayRecord) float64 { return float64(final(d).TrappedPersonDays) }, "headline", "harm"),
	total("peak_trapped", "peak trapped", "migrants", "most migrants trapped on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.States[sim.Trapped]) })
	}),
	total("stranded_person_days", "stranded person-days", "person-days", "sum over days of migrants stranded at home", func(d []sim.DayRecord) float64 { return float64(final(d).StrandedPersonDays) }),
	total("centre_person_days", "person-days in centres", "person-days", "sum over days of migrants sheltered in centres", func(d []sim.DayRecord) float64 { return float64(final(d).CentrePersonDays) }),
	total("detained_person_days", "detained person-days", "person-days", "person-days a centre held a migrant who would have left it (among the centre person-days)", func(d []sim.DayRecord) float64 { return float64(final(d).DetainedPersonDays) }),
	total("immobilised_person_days", "immobilised person-days", "person-days", "trapped, stranded and centre person-days together", func(d []sim.DayRecord) float64 { return float64(immobilised(final(d))) }, "headline", "harm"),
	total("abuse_events", "abuse events", "events", "abuse events of every kind", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseEvents()) }, "harm"),
	total("abuse_by_smugglers", "abuse by smugglers", "events", "abuse events by smugglers", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseBy(sim.BySmuggler)) }, "headline"),
	total("abuse_by_officials", "abuse by officials", "events", "abuse events by officials: at posts, by patrols at an interception, and by centres' staff", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseBy(sim.ByOfficial)) }, "headline"),
	total("extortion_by_smugglers", "extortion, smugglers", "events", "extortion events by smugglers", abuseOf(sim.Extortion, sim.BySmuggler)),
	total("extortion_by_officials", "extortion, officials", "events", "extortion events by officials (bribes demanded at posts)", abuseOf(sim.Extortion, sim.ByOfficial)),
	total("violence_by_smugglers", "violence, smugglers", "events", "violence by smugglers", abuseOf(sim.Violence, sim.BySmuggler)),
	total("violence_by_officials", "violence, officials", "events", "violence by officials: at posts' locations, by patrols at an interception, and by centres' staff", abuseOf(sim.Violence, sim.ByOfficial)),
	total("abandonment_by_smugglers", "abandonment, smugglers", "events", "migrants abandoned en route by smugglers", abuseOf(sim.Abandonment, sim.BySmuggler)),
	total("kidnap_by_smugglers", "kidnap, smugglers", "events", "kidnaps for ransom by smugglers", abuseOf(sim.Kidnap, sim.BySmuggler)),
	total("abused_migrants", "migrants abused", "migrants", "migrants abused at least once", func(d []sim.DayRecord) float64 { return float64(final(d).AbusedMigrants) }, "headline", "harm"),
	total("abuse_vulnerable", "abuse of vulnerable migrants", "events", "abuse events suffered by vulnerable migrants", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseVulnerable) }),
	total("abuse_immobile", "abuse of trapped or stranded migrants", "events", "abuse events suffered by migrants trapped or stranded at the time", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseImmobile) }),
	total("deaths", "deaths", "migrants", "migrants dead by the last day", stateAtEnd(sim.Dead), "headline", "harm"),
	total("harm_index", "harm index", "weighted harms", "severity-weighted harm: the scenario's [harm_weights] times the harms recorded", func(d []sim.DayRecord) float64 { return final(d).HarmIndex }, "harm"),
	total("arrivals", "arrivals", "migrants", "migrants arrived by the last day", stateAtEnd(sim.Arrived), "headline"),
	total("returns", "returns", "migrants", "migrants returned home after setting out, by the last day", stateAtEnd(sim.Returned)),
	total("returns_free", "free returns", "migrants", "migrants who went home of their own accord, by the last day", func(d []sim.DayRecord) float64 { return float64(final(d).ReturnsFree) }),
	total("returns_assisted", "assisted returns", "migrants", "migrants taken home on a return arranged by a centre, by the last day", func(d []sim.DayRecord) float64 { return float64(final(d).ReturnsAssisted) }),
	total("stayed", "stayed home", "migrants", "migrants who gave up at home without leaving, by the last day", stateAtEnd(sim.Stayed)),
	total("still_trapped", "still trapped", "migrants", "migrants trapped on the last day", stateAtEnd(sim.Trapped)),
	total("still_stranded", "still stranded", "migrants", "migrants stranded at home on the last day", stateAtEnd(sim.Stranded)),
	total("still_in_transit", "still in transit", "migrants", "migrants not arrived, returned, stayed or dead on the last day (including those waiting at home)", func(d []sim.DayRecord) float64 {
		f := final(d)
		return float64(f.Created - f.States[sim.Arrived] - f.States[sim.Returned] - f.States[sim.Stayed] - f.States[sim.Dead])
	}),
	total("created", "migrants created", "migrants", "migrants created", func(d []sim.DayRecord) float64 { return float64(final(d).Created) }),
	total("peak_queued", "peak queued", "migrants", "most migrants in posts' queues on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.Queued) })
	}),
	total("peak_smugglers", "peak smugglers", "smugglers", "most smugglers in business on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.ActiveSmugglers) })
	}),
	total("mean_price", "mean smuggling price", "USD", "mean smuggling price over days with smugglers in business, USD (0 if never)", func(d []sim.DayRecord) float64 {
		sum, n := 0.0, 0
		for i := range d {
			if d[i].MeanPrice > 0 {
				sum += d[i].MeanPrice
				n++
			}
		}
		if n == 0 {
			return 0
		}
		return sum / float64(n)
	}),
	total("boarded", "boardings", "boardings", "boardings of a smuggler's vehicle (a migrant who boards one again is counted again)", func(d []sim.DayRecord) float64 { return float64(final(d).Boarded) }),
	total("interceptions", "interceptions", "interceptions", "interceptions on irregular paths", func(d []sim.DayRecord) float64 { return float64(final(d).Interceptions) }),
	total("referrals", "referrals", "referrals", "referrals: migrants sent by screening to a centre or the protection channel, or taken to a centre by assistance (a migrant referred again is counted again)", func(d []sim.DayRecord) float64 { return float64(final(d).Referrals) }),
	total("evacuated", "evacuations", "migrants", "migrants evacuated from centres to their destination (also counted in arrivals)", func(d []sim.DayRecord) float64 { return float64(final(d).Evacuated) }),
	total("admitted", "admissions", "admissions", "admissions at posts", func(d []sim.DayRecord) float64 { return float64(final(d).Admitted) }),
	total("bribed", "passages bought", "admissions", "admissions bought with a bribe by migrants the post's rules would refuse (among the admitted)", func(d []sim.DayRecord) float64 { return float64(final(d).Bribed) }),
	total("refused", "refusals", "refusals", "refusals at posts", func(d []sim.DayRecord) float64 { return float64(final(d).Refused) }),
}, groupTotals()...)

// GroupMetrics are the totals also counted for each group of migrants
// (documented, undocumented, vulnerable), as METRIC_GROUP.
var GroupMetrics = []string{"trapped_person_days", "immobilised_person_days", "abuse_events", "deaths", "refused"}

// GroupTotal names the total of metric for group g.
func GroupTotal(metric string, g sim.Group) string { return metric + "_" + g.String() }

// groupTotals are the GroupMetrics of each group, group by group.
func groupTotals() []Total {
	type part struct {
		title, unit, doc string
		of               func(g *sim.GroupRecord) int
	}
	parts := []part{
		{"trapped person-days", "person-days", "sum over days of %s migrants trapped", func(g *sim.GroupRecord) int { return g.TrappedPersonDays }},
		{"immobilised person-days", "person-days", "trapped, stranded and centre person-days of %s migrants", func(g *sim.GroupRecord) int {
			return g.TrappedPersonDays + g.StrandedPersonDays + g.CentrePersonDays
		}},
		{"abuse events", "events", "abuse events suffered by %s migrants", func(g *sim.GroupRecord) int { return g.Abuse }},
		{"deaths", "migrants", "%s migrants dead by the last day", func(g *sim.GroupRecord) int { return g.Dead }},
		{"refusals", "refusals", "refusals of %s migrants at posts", func(g *sim.GroupRecord) int { return g.Refused }},
	}
	var out []Total
	for g := range sim.NumGroups {
		for i, p := range parts {
			of := p.of
			out = append(out, total(GroupTotal(GroupMetrics[i], g), p.title+", "+g.String(), p.unit, fmt.Sprintf(p.doc, g),
				func(d []sim.DayRecord) float64 { return float64(of(&final(d).Groups[g])) }))
		}
	}
	return out
}

func abuseOf(k sim.AbuseKind, p sim.Perpetrator) func([]sim.DayRecord) float64 {
	return func(d []sim.DayRecord) float64 { return float64(final(d).Abuse[k][p]) }
}

func stateAtEnd(s sim.State) func([]sim.DayRecord) float64 {
	return func(d []sim.DayRecord) float64 { return float64(final(d).States[s]) }
}

// TotalIndex returns the position of the total called name, or -1 (which
// Group.Column does not take: Group.TotalColumn takes a name).
func TotalIndex(name string) int {
	for i, t := range Totals {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// TotalByName returns the total called name.
func TotalByName(name string) (Total, bool) {
	if i := TotalIndex(name); i >= 0 {
		return Totals[i], true
	}
	return Total{}, false
}

// Headlines are the headline totals, in registry order.
func Headlines() []Total { return filterTotals(func(t Total) bool { return t.Headline }) }

// Harms are the totals that count harm, in registry order.
func Harms() []Total { return filterTotals(func(t Total) bool { return t.Harm }) }

func filterTotals(keep func(Total) bool) []Total {
	var out []Total
	for _, t := range Totals {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}
