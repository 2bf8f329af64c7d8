package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

func ptr[T any](v T) *T { return &v }

// compareTable is the command line's summary table for the same inputs:
// the plan `borderwork compare` builds (runs numbered regime by regime),
// its groups described as printSummary describes them.
func compareTable(t *testing.T, scenario string, sets []string, reps int) [][]string {
	t.Helper()
	s, err := scenarios.Load(scenario)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range sets {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	s.File.Replicates = reps
	x, err := (&runs.Plan{Command: "compare", Scenario: s, Regimes: s.DefaultRegimes(), Reps: reps}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	var rows []output.SummaryRow
	if err := x.Execute(context.Background(), x.AllJobs(), 2, func(sim runs.Simulated) error {
		rows = append(rows, output.SummaryOf(sim.Run, sim.Days))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var table [][]string
	for _, g := range x.Groups(rows) {
		row := []string{g.Regime}
		for _, h := range output.Headlines() {
			row = append(row, output.FormatStat(output.Describe(g.Column(output.TotalIndex(h.Name)))))
		}
		table = append(table, row)
	}
	return table
}

func tableOf(r *Results) [][]string {
	var table [][]string
	for _, row := range r.Table.Rows {
		table = append(table, append([]string{row.Regime}, row.Cells...))
	}
	return table
}

// TestRunMatchesCompare: the page's table is the command line's, cell for
// cell, though the page numbers its runs replicate by replicate; every
// snapshot before the last has whole rounds of replicates, more each time.
func TestRunMatchesCompare(t *testing.T) {
	sets := []string{"regimes.malfunctioning.outage_days=30"}
	req := Request{Scenario: "classroom", Sets: sets, Reps: ptr(6), Days: nil}
	var snaps []*Results
	runs := 0
	res, err := Run(context.Background(), req, DefaultLimits(), 2, Progress{
		Runs:    func(done, total int) { runs++ },
		Results: func(r *Results) error { snaps = append(snaps, r); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := compareTable(t, "classroom", sets, 6)
	if got := tableOf(res); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("page table\n%v\nwant the command line's\n%v", got, want)
	}
	if runs != 24 || res.Done != 24 || res.Total != 24 || !res.Final || res.Reps != 6 {
		t.Errorf("runs reported %d, results done %d of %d, final %v, reps %d; want 24 runs, 6 replicates, final", runs, res.Done, res.Total, res.Final, res.Reps)
	}
	if len(snaps) != 6 || snaps[len(snaps)-1] != res {
		t.Fatalf("got %d snapshots; want one per replicate, the last the final results", len(snaps))
	}
	for i, s := range snaps[:5] {
		if s.Final || s.Reps != i+1 || s.Done != 4*(i+1) || s.Map != nil {
			t.Errorf("snapshot %d: final %v, reps %d, done %d, map %v; want an intermediate snapshot of %d replicates without a map", i, s.Final, s.Reps, s.Done, s.Map != nil, i+1)
		}
	}
	if len(res.Series) != 2 || res.Series[0].Name != "trapped" || len(res.Series[0].Bands) != 4 || len(res.Series[0].Bands[2].Mean) != 180 {
		t.Errorf("series = %d; want trapped and abuse over 180 days for 4 regimes", len(res.Series))
	}
	if res.Map == nil || res.Map.Locations != 4 || len(res.Map.Regimes) != 4 || len(res.Map.Regimes[1].Present) != 180*4 {
		t.Fatalf("map frames missing or misshapen: %+v", res.Map)
	}
	// Under closed, migrants pile up somewhere: the frames are not empty.
	if slices.Max(res.Map.Regimes[1].Trapped) == 0 {
		t.Errorf("no migrant trapped anywhere under closed in any frame")
	}
	if len(res.Abuse.Names) == 0 || len(res.Outcomes.Names) == 0 || !slices.Contains(res.Outcomes.Names, "arrived") {
		t.Errorf("abuse bars %v, outcome bars %v; want both, outcomes with arrived", res.Abuse.Names, res.Outcomes.Names)
	}
	for _, r := range res.Regimes {
		if !strings.HasPrefix(r.Color, "#") || len(r.Color) != 7 {
			t.Errorf("regime %s has colour %q", r.Name, r.Color)
		}
	}
}

// TestRunIsRepeatable: the same request gives the same results, whatever
// the number of workers.
func TestRunIsRepeatable(t *testing.T) {
	req := Request{Scenario: "classroom", Reps: ptr(3), Days: ptr(60)}
	a, err := Run(context.Background(), req, DefaultLimits(), 1, Progress{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), req, DefaultLimits(), 3, Progress{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(tableOf(a), tableOf(b), slices.Equal) || !slices.Equal(a.Map.Regimes[1].Present, b.Map.Regimes[1].Present) {
		t.Errorf("results differ between 1 and 3 workers")
	}
}

// TestBadRequests: each kind of bad input is refused before anything runs,
// with the lines check prints or a sentence naming the limit.
func TestBadRequests(t *testing.T) {
	classroom, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	text := string(classroom)
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"no scenario", Request{}, []string{"choose a bundled scenario"}},
		{"a path", Request{Scenario: "../scenarios/classroom.toml"}, []string{`no bundled scenario "../scenarios/classroom.toml"`}},
		{"unknown key", Request{Text: strings.Replace(text, "capacity = 15", "capacty = 15", 1), File: "my.toml"},
			[]string{"my.toml:", "posts.capacty: unknown key; did you mean capacity?"}},
		{"several problems", Request{Text: strings.Replace(strings.Replace(text, "documented = 0.3", "documented = 30", 1), "hazard = 0.003", "hazard = 3", 1), File: "x"},
			[]string{"x.toml has 2 problems:", "  x.toml:", "origins.Village.documented: must be a share in [0, 1], got 30", "links.3.hazard"}},
		{"a file the page may not read", Request{Text: strings.Replace(text, "inflow = 8 ", `inflow_csv = "/etc/passwd" `, 1), File: "f.toml"},
			[]string{"f.toml:", "inflow_csv: /etc/passwd: cannot be read"}},
		{"a file beside the scenario", Request{Text: strings.Replace(text, "inflow = 8 ", `inflow_csv = "inflow.csv" `, 1), File: "f.toml"},
			[]string{"f.toml:", "origins.Village.inflow_csv: inflow.csv: cannot be read: the page reads the scenario alone, no other file; in place of inflow_csv, give the file's day,rate rows as inflow_schedule = [{from = 0, rate = 8}"}},
		{"bad set", Request{Scenario: "classroom", Sets: []string{"regimes.malfunctioning.outage_day=30"}}, []string{`did you mean outage_days?`}},
		{"bad sets", Request{Scenario: "classroom", Sets: []string{"abuse.nonsense=3", "days=20", "regimes.closed.accuracy=x"}},
			[]string{"2 of the 3 changes are refused:", "\n  --set abuse.nonsense=3: ", "\n  --set regimes.closed.accuracy=x: "}},
		{"bad regime", Request{Scenario: "classroom", Regimes: []string{"open", "shut"}}, []string{`unknown regime "shut"`}},
		// The scenario is held to its rules after the overrides and before
		// the page's fields, as the command line holds it before its
		// flags: the command the page gives to reproduce a run must run.
		{"a set the fields would hide", Request{Scenario: "classroom", Days: ptr(5), Sets: []string{"days=99999"}}, []string{"days: must be a number of days in [1, 65535]"}},
		{"too many replicates", Request{Scenario: "classroom", Reps: ptr(1000)}, []string{"Replicates must be a whole number from 1 to 200 on this page, got 1000"}},
		{"negative seed", Request{Scenario: "classroom", Seed: ptr(int64(-1))}, []string{"Seed must be a whole number from 0 to 9223372036854775807, got -1"}},
		{"too many days", Request{Scenario: "classroom", Days: ptr(4000)}, []string{"Days must be a whole number from 1 to 3650 on this page, got 4000"}},
		// The same bounds, however the days and replicates are given.
		{"too many days by a change", Request{Scenario: "classroom", Sets: []string{"days=5000"}}, []string{"Days must be a whole number from 1 to 3650 on this page, got 5000 from the change days=5000"}},
		{"too many replicates by a change", Request{Scenario: "classroom", Sets: []string{"replicates = 201"}}, []string{"Replicates must be a whole number from 1 to 200 on this page, got 201 from the change replicates = 201"}},
		{"too many days in the file", Request{Text: strings.Replace(text, "days = 180", "days = 3651", 1), File: "long.toml"}, []string{"Days must be a whole number from 1 to 3650 on this page, got 3651 from long.toml"}},
		{"too much work", Request{Scenario: "classroom", Reps: ptr(200), Days: ptr(3650), Sets: []string{"origins.Village.inflow=500"}}, []string{"more than the page runs at once"}},
		// The auditor's: few migrants, but a million smugglers, each
		// simulated every day, once passed as small and ran until the
		// server's time limit.
		{"too many smugglers", Request{Scenario: "classroom", Reps: ptr(150), Days: ptr(3650), Regimes: []string{"open", "closed", "malfunctioning", "hbm"},
			Sets: []string{"origins.0.inflow=0.01", "markets.0.max_smugglers=1000000", "markets.0.smugglers=1000000"}},
			[]string{"600 runs of about 36.5 migrants and up to 1,000,000 smugglers over 3,650 days are more than the page runs at once"}},
		{"bad series", Request{Scenario: "classroom", Series: []string{"nonsense"}}, []string{`no day column "nonsense"`}},
		{"too many regimes listed", Request{Scenario: "classroom", Regimes: slices.Repeat([]string{"open"}, 100000)}, []string{"the page compares at most 8 regimes at once, got 100000"}},
		// The auditor's: few migrants, but a map of 29 million
		// location-days, which took a server 1 GB and 59 MB to send.
		{"a large map", chain(500, 3650, "open", "closed", "malfunctioning", "hbm", "r0", "r1", "r2", "r3"),
			[]string{"the map of 8 regimes × 3,650 days × 502 locations (14,658,400 location-days) is more than the page draws at once (at most 1,000,000)"}},
		{"routes of many locations", chain(2500, 30, "open", "closed", "malfunctioning", "hbm", "r0", "r1", "r2", "r3"),
			[]string{"8 runs over 2,502 locations are more than the page runs at once"}},
		{"many series values", Request{Scenario: "classroom", Reps: ptr(200), Days: ptr(3650), Regimes: []string{"open", "closed"}, Sets: []string{"origins.Village.inflow=0.01"},
			Series: []string{"trapped", "abuse_events", "created", "abused_migrants", "abuse_vulnerable", "abuse_immobile", "returns_free", "harm_index"}},
			[]string{"8 series over time × 400 runs × 3,650 days are more values than the page keeps at once"}},
	}
	// Refused before anything runs, so a cancelled context makes no
	// difference; and a request let through stops at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range tests {
		_, err := Run(ctx, tt.req, DefaultLimits(), 1, Progress{Runs: func(int, int) { t.Errorf("%s: a run started", tt.name) }})
		var p *Problem
		if !errors.As(err, &p) {
			t.Errorf("%s: error %v; want a *Problem", tt.name, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(p.Error(), w) {
				t.Errorf("%s: problem %q; want it to contain %q", tt.name, p.Error(), w)
			}
		}
	}
}

// chain is a request for a scenario of n hubs in a line between an
// origin and a destination, with hardly any migrants, over days days,
// comparing regimes (those named r0, r1, ... are added as open ones).
func chain(n, days int, regimes ...string) Request {
	var b strings.Builder
	fmt.Fprintf(&b, "name = \"chain\"\ntitle = \"chain\"\ndays = %d\nreplicates = 1\ncountries = [\"A\", \"B\"]\n", days)
	place := func(name, kind, country string) {
		fmt.Fprintf(&b, "[[locations]]\nname = %q\nkind = %q\ncountry = %q\n", name, kind, country)
	}
	place("V", "origin", "A")
	for i := range n {
		place(fmt.Sprintf("H%d", i), "hub", "A")
	}
	place("C", "destination", "B")
	from := "V"
	for i := range n + 1 {
		to := "C"
		if i < n {
			to = fmt.Sprintf("H%d", i)
		}
		fmt.Fprintf(&b, "[[links]]\nfrom = %q\nto = %q\ndays = 1\n", from, to)
		from = to
	}
	b.WriteString("[[origins]]\nlocation = \"V\"\ninflow = 0.0001\ndestinations = [\"C\"]\n")
	var sets []string
	for _, r := range regimes {
		if strings.HasPrefix(r, "r") {
			sets = append(sets, "regimes."+r+".base=open")
		}
	}
	return Request{Text: b.String(), File: "chain.toml", Sets: sets, Regimes: regimes}
}

// TestShardsCollectToRun: runs simulated in shards (as Web Workers run
// them), encoded, and collected in run order give exactly Run's results.
func TestShardsCollectToRun(t *testing.T) {
	req := Request{Scenario: "classroom", Reps: ptr(5), Days: ptr(50), Sets: []string{"regimes.malfunctioning.outage_days=20"}}
	want, err := Run(context.Background(), req, DefaultLimits(), 1, Progress{})
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	var snapshots int
	c, err := NewCollector(req, DefaultLimits(), Progress{Results: func(*Results) error { snapshots++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	const shards = 3
	data := make([][]byte, c.Total())
	for i := range shards {
		var jobs []int
		for k := i; k < c.Total(); k += shards {
			jobs = append(jobs, k)
		}
		if err := Simulate(context.Background(), req, DefaultLimits(), jobs, func(k int, b []byte) error { data[k] = b; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Add(1, data[1]); err == nil {
		t.Error("Add accepted run 1 before run 0")
	}
	var got *Results
	for k, b := range data {
		res, err := c.Add(k, b)
		if err != nil {
			t.Fatal(err)
		}
		if (res != nil) != (k == len(data)-1) {
			t.Fatalf("Add(%d) returned final results %v", k, res != nil)
		}
		got = res
	}
	gotJSON, _ := json.Marshal(got)
	if string(gotJSON) != string(wantJSON) || snapshots != 5 {
		t.Errorf("collected shards differ from Run (%d and %d bytes of JSON), or %d snapshots; want the same bytes and 5 snapshots", len(gotJSON), len(wantJSON), snapshots)
	}
}

// BenchmarkRunClassroom is the classroom comparison the page runs by
// default (4 regimes × 20 replicates), on one worker, as a static build's
// single Web Worker runs it, with every snapshot the page receives.
func BenchmarkRunClassroom(b *testing.B) {
	req := Request{Scenario: "classroom"}
	for b.Loop() {
		if _, err := Run(context.Background(), req, DefaultLimits(), 1, Progress{Results: func(r *Results) error {
			_, err := json.Marshal(r)
			return err
		}}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReproduceDashFile: a scenario file whose name starts with "-" is
// named ./-NAME in the command the page gives, so that pasted it is the
// file, not a flag.
func TestReproduceDashFile(t *testing.T) {
	text, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Request{Text: string(text), File: "-a $HOME.toml", Reps: ptr(1), Days: ptr(3)}, DefaultLimits(), 1, Progress{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "borderwork compare './-a $HOME.toml' "; res.Reproduce == nil || !strings.HasPrefix(res.Reproduce.Command, want) || res.Reproduce.File != "-a $HOME.toml" {
		t.Errorf("reproduce = %+v; want a command starting %q and the file -a $HOME.toml", res.Reproduce, want)
	}
}

// TestReproduceSafeInEveryShell: the command the page gives is read as
// the same words by a POSIX shell, PowerShell and cmd.exe, whatever a
// request's overrides, regimes or file name hold (a link carries
// overrides onto a classmate's form, who then pastes the command):
// quoted for sh alone, an override title='a & calc & b' ran calc in
// cmd.exe. Such a command reads the resolved scenario instead, which
// gives the same numbers; the file and folder it names are plain words,
// as the page shows them unquoted.
func TestReproduceSafeInEveryShell(t *testing.T) {
	text, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		req      Request
		readsAll bool   // the command reads the resolved scenario
		want     string // in the command
	}{
		{"knob", Request{Scenario: "classroom", Sets: []string{"abuse.queue_effect=2"}}, false, "--set abuse.queue_effect=2 "},
		{"list", Request{Scenario: "classroom", Sets: []string{`origins.Village.destinations=["City"]`}}, false, `--set 'origins.Village.destinations=["City"]' `},
		{"quote for PowerShell", Request{Scenario: "classroom", Sets: []string{`description="x'; calc; '"`}}, true, "borderwork compare classroom-page.toml --out out/classroom-page"},
		{"typographic quote", Request{Scenario: "classroom", Sets: []string{"description=\"x\u2019; calc; \u2019\""}}, true, "borderwork compare classroom-page.toml"},
		{"ampersand for cmd.exe", Request{Scenario: "classroom", Sets: []string{"title='a & calc & b'"}}, true, "borderwork compare classroom-page.toml"},
		{"escaped quote for cmd.exe", Request{Scenario: "classroom", Sets: []string{`title="a\" & calc & \""`}}, true, "borderwork compare classroom-page.toml"},
		{"regime", Request{Scenario: "classroom", Sets: []string{`regimes."a|calc".base="open"`}, Regimes: []string{"open", `"a|calc"`}}, true, "borderwork compare classroom-page.toml"},
		{"name", Request{Scenario: "classroom", Sets: []string{`name="x'; calc; '"`}}, true, "borderwork compare scenario-page.toml --out out/scenario-page"},
		{"name of another folder", Request{Scenario: "classroom", Sets: []string{`name="../../x"`}}, false, "--out out/scenario-page"},
		{"file", Request{Text: string(text), File: "a&calc.toml"}, true, "borderwork compare classroom-page.toml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.Reps, req.Days = ptr(2), ptr(30)
			res, err := Run(context.Background(), req, DefaultLimits(), 1, Progress{})
			if err != nil {
				t.Fatal(err)
			}
			rep := res.Reproduce
			if !strings.Contains(rep.Command, tt.want) {
				t.Errorf("command %q; want it to hold %q", rep.Command, tt.want)
			}
			// sh's quotes are PowerShell's too, but for a quote in them
			// ('\'' to sh); cmd.exe reads none.
			if strings.Contains(rep.Command, `'\''`) || strings.ContainsAny(rep.Command, "\u2018\u2019&|<>^\n") {
				t.Errorf("command %q: PowerShell or cmd.exe reads other words in it than sh", rep.Command)
			}
			if runs.ShellQuote(rep.ResolvedFile) != rep.ResolvedFile || strings.Contains(rep.ResolvedFile, "/") {
				t.Errorf("resolved file %q; want a plain name, which the page shows unquoted", rep.ResolvedFile)
			}
			if !tt.readsAll {
				return
			}
			if rep.File != rep.ResolvedFile || !strings.Contains(rep.Command, " "+rep.File+" ") || strings.Contains(rep.Command, "--set") {
				t.Fatalf("command %q, file %q; want it to read the resolved file %s alone", rep.Command, rep.File, rep.ResolvedFile)
			}
			// The file it reads gives the same numbers, the same regimes.
			again, err := Run(context.Background(), Request{Text: rep.Text, File: rep.File}, DefaultLimits(), 1, Progress{})
			if err != nil {
				t.Fatalf("the file the command reads: %v", err)
			}
			got, _ := json.Marshal(again.Table)
			want, _ := json.Marshal(res.Table)
			if string(got) != string(want) {
				t.Errorf("the file the command reads gives\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestTooMuchWorkSaysWhatRuns: an experiment refused as too much work
// says the most days (at its replicates) and the most replicates (at its
// days) the page would run, and those are the most: one day or one
// replicate more is refused.
func TestTooMuchWorkSaysWhatRuns(t *testing.T) {
	says := regexp.MustCompile(`it runs up to ([\d,]+) days of 200 replicates, or ([\d,]+) replicates of 1,000 days;`)
	req := Request{Scenario: "classroom", Reps: ptr(200), Days: ptr(1000)}
	_, err := check(req, DefaultLimits())
	if err == nil {
		t.Fatal("200 replicates of 1,000 days of the classroom were accepted; want them refused as too much work")
	}
	m := says.FindStringSubmatch(err.Error())
	if m == nil {
		t.Fatalf("refused with %q; want it to say the most days and replicates that run, as %s", err, says)
	}
	number := func(s string) int {
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	days, reps := number(m[1]), number(m[2])
	for _, tt := range []struct {
		reps, days int
		ok         bool
	}{{200, days, true}, {200, days + 1, false}, {reps, 1000, true}, {reps + 1, 1000, false}} {
		_, err := check(Request{Scenario: "classroom", Reps: ptr(tt.reps), Days: ptr(tt.days)}, DefaultLimits())
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), "more than the page runs at once")) {
			t.Errorf("the message says %q; %d replicates of %d days give %v", m[0], tt.reps, tt.days, err)
		}
	}
}

// TestManyProblemsAreCut: a request whose scenario has hundreds of
// problems gets the first 100, one line each, and a line saying how many
// more: an override of 60 KB, default_regimes=,,,..., had 120,000, each
// quoting the whole override, and the server was killed for memory
// before it could answer (audit hostile).
func TestManyProblemsAreCut(t *testing.T) {
	req := Request{Scenario: "classroom", Sets: []string{"default_regimes=" + strings.Repeat(",", 3000)}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, req, DefaultLimits(), 1, Progress{})
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("error %v; want a *Problem", err)
	}
	size := 0
	for _, l := range p.Lines {
		size += len(l)
	}
	if len(p.Lines) != 102 || p.Lines[0] != "classroom has 6001 problems:" || p.Lines[101] != "  (and 5901 more; borderwork check lists them all)" || size > 64<<10 {
		t.Errorf("%d lines, %d bytes, from %q to %q; want the count, 100 problems of a few hundred bytes and how many more", len(p.Lines), size, p.Lines[0], p.Lines[len(p.Lines)-1])
	}
}
