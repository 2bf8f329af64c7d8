package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// printSummary writes the table of headline metrics per regime.
func printSummary(w io.Writer, x *experiment.Prepared, groups []output.Group) {
	f := x.Scenario.File
	if f.Title != "" {
		fmt.Fprintf(w, "%s: %s\n", f.Name, f.Title)
	} else {
		fmt.Fprintln(w, f.Name)
	}
	means := "Means ± 95% confidence half-widths."
	if x.Reps == 1 {
		means = "One replicate: its values, with no interval (give --reps 2 or more for one)."
	}
	fmt.Fprintf(w, "%s × %s, %d days, seed %d. %s\n",
		words.Count(len(x.Regimes), "regime"), words.Count(x.Reps, "replicate"), f.Days, f.Seed, means)
	printOverrides(w, x.Scenario.Sets())
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "regime\t")
	for _, h := range output.Headlines() {
		fmt.Fprintf(tw, "%s\t", h.Title)
	}
	fmt.Fprintln(tw)
	// The units under the titles: "abuse by smugglers" counts events,
	// "migrants abused" migrants, which the titles alone leave a reader
	// to guess.
	fmt.Fprint(tw, "\t")
	for _, h := range output.Headlines() {
		fmt.Fprintf(tw, "(%s)\t", h.Unit)
	}
	fmt.Fprintln(tw)
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t", g.Regime)
		for _, h := range output.Headlines() {
			fmt.Fprintf(tw, "%s\t", output.FormatStat(output.Describe(g.Column(output.TotalIndex(h.Name)))))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if note := x.Scenario.RulesNote(); note != "" {
		fmt.Fprintf(w, "\n%s\n", note)
	}
	for _, note := range runs.ZeroedNotes(x, groups, runs.Terminal) {
		fmt.Fprintf(w, "\n%s\n", note)
	}
}

// printOverrides names the scenario keys --set changed, in order, as
// check does: a summary under the scenario's name says why its numbers
// are not the scenario's own. Nothing without overrides.
func printOverrides(w io.Writer, sets []string) {
	if len(sets) > 0 {
		fmt.Fprintf(w, "Overrides: %s.\n", strings.Join(sets, ", "))
	}
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

// printJSONSummary writes every metric of every group as JSON, and the
// command's performance.
func printJSONSummary(w io.Writer, x *experiment.Prepared, groups []output.Group, perf *performance) error {
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
		// Shard and ShardRuns say which shard of a sweep a shard's
		// folder is and how many runs it holds: its groups are of
		// those runs alone, as sensitivity's shards say.
		Shard     string  `json:"shard,omitempty"`
		ShardRuns int     `json:"shard_runs,omitempty"`
		Groups    []group `json:"groups"`
		// ZeroedNotes are the notes under the terminal's table on harms
		// zeroed by a setting (runs.ZeroedNotes).
		ZeroedNotes []string `json:"zeroed_notes,omitempty"`
		// EventReplicates are the replicates whose events the folder's
		// event log holds (--events), so that a script knows it is there.
		EventReplicates []int        `json:"event_replicates,omitempty"`
		Performance     *performance `json:"performance"`
	}{Scenario: x.Scenario.File.Name, Seed: x.Seed(), Days: x.Scenario.File.Days, Reps: x.Reps, Keys: x.Keys, ZeroedNotes: runs.ZeroedNotes(x, groups, runs.Terminal), EventReplicates: x.Events, Performance: perf}
	if x.Sweep != nil && x.Sweep.Shard != "" {
		doc.Shard = x.Sweep.Shard
		for _, g := range groups {
			doc.ShardRuns += len(g.Rows)
		}
	}
	for _, g := range groups {
		jg := group{Params: g.Params, Regime: g.Regime}
		for t, total := range output.Totals {
			jg.Metrics = append(jg.Metrics, toJSONStat(total.Name, output.Describe(g.Column(t))))
		}
		doc.Groups = append(doc.Groups, jg)
	}
	return writeJSON(w, doc)
}

// writeJSON writes doc as the --json output every command gives: indented
// by two spaces, one document per command.
func writeJSON(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
