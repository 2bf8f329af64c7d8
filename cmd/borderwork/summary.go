package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/output"
)

// headline is a metric shown in the printed summary and the report.
type headline struct {
	total string // name in output.Totals
	title string
}

var headlines = []headline{
	{"trapped_person_days", "trapped person-days"},
	{"peak_trapped", "peak trapped"},
	{"abuse_by_smugglers", "abuse by smugglers"},
	{"abuse_by_officials", "abuse by officials"},
	{"abused_migrants", "migrants abused"},
	{"deaths", "deaths"},
	{"arrivals", "arrivals"},
}

// formatCount writes a mean for people to read: thousands separated,
// whole numbers from 100 on, one decimal below.
func formatCount(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	if math.Abs(v) < 100 {
		return fmt.Sprintf("%.1f", v)
	}
	s := fmt.Sprintf("%.0f", math.Abs(v))
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if v < 0 {
		return "-" + b.String()
	}
	return b.String()
}

func formatStat(s output.Stat) string {
	if math.IsNaN(s.HalfWidth) {
		return formatCount(s.Mean)
	}
	return formatCount(s.Mean) + " ± " + formatCount(s.HalfWidth)
}

// printSummary writes the table of headline metrics per regime.
func printSummary(w io.Writer, x *experiment, groups []output.Group) {
	f := x.scenario.File
	fmt.Fprintf(w, "%s: %s\n", f.Name, f.Title)
	fmt.Fprintf(w, "%d regime(s) × %d replicates, %d days, seed %d. Means ± 95%% confidence half-widths.\n\n",
		len(x.regimes), x.reps, f.Days, f.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "regime\t")
	for _, h := range headlines {
		fmt.Fprintf(tw, "%s\t", h.title)
	}
	fmt.Fprintln(tw)
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t", g.Regime)
		for _, h := range headlines {
			fmt.Fprintf(tw, "%s\t", formatStat(output.Describe(g.Column(output.TotalIndex(h.total)))))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// jsonStat is a Stat for JSON, where NaN has no spelling: it becomes null.
type jsonStat struct {
	Metric string   `json:"metric"`
	N      int      `json:"n"`
	Mean   *float64 `json:"mean"`
	SD     *float64 `json:"sd"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
}

func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func toJSONStat(metric string, s output.Stat) jsonStat {
	return jsonStat{Metric: metric, N: s.N, Mean: num(s.Mean), SD: num(s.SD), CILow: num(s.Lo), CIHigh: num(s.Hi)}
}

// printJSONSummary writes every metric of every group as JSON.
func printJSONSummary(w io.Writer, x *experiment, groups []output.Group) error {
	type group struct {
		Params  []float64  `json:"params,omitempty"`
		Regime  string     `json:"regime"`
		Metrics []jsonStat `json:"metrics"`
	}
	doc := struct {
		Scenario string   `json:"scenario"`
		Seed     int64    `json:"seed"`
		Days     int      `json:"days"`
		Reps     int      `json:"reps"`
		Keys     []string `json:"keys,omitempty"`
		Groups   []group  `json:"groups"`
	}{Scenario: x.scenario.File.Name, Seed: x.seed(), Days: x.scenario.File.Days, Reps: x.reps, Keys: x.paramKeys}
	for _, g := range groups {
		jg := group{Params: g.Params, Regime: g.Regime}
		for t, total := range output.Totals {
			jg.Metrics = append(jg.Metrics, toJSONStat(total.Name, output.Describe(g.Column(t))))
		}
		doc.Groups = append(doc.Groups, jg)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
