package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// claimVerdicts runs claim with --json and returns its verdicts by
// hypothesis and metric.
type claimJSON struct {
	Reps     int
	Verdicts []struct {
		Hypothesis, Metric, Verdict string
		CILow                       *float64 `json:"ci_low"`
		CIHigh                      *float64 `json:"ci_high"`
	}
}

func runClaim(t *testing.T, args ...string) claimJSON {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, append([]string{"claim", "--json", "--quiet", "--formats", "", "--out", out}, args...)...)
	var doc claimJSON
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("claim --json: %v\n%s", err, stdout)
	}
	return doc
}

func (d claimJSON) verdict(h, metric string) string {
	for _, v := range d.Verdicts {
		if v.Hypothesis == h && v.Metric == metric {
			return v.Verdict
		}
	}
	return ""
}

func TestClaimWritesEveryFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "claim", "--days", "60", "--reps", "3", "--max-reps", "3", "--robustness", "--samples", "4", "--robustness-reps", "2", "--out", out, "--quiet")
	got := files(t, out)
	for _, want := range []string{"manifest.json", "scenario.toml", "timeseries.csv", "summary.csv", "stats.csv",
		"contrasts.csv", "robustness.csv", "robustness_summary.csv", "report.md",
		"figures/trapped.png", "figures/outcomes.pdf", "figures/contrasts_trapped_person_days.svg",
		"figures/robustness_share.png"} {
		if !slices.Contains(got, want) {
			t.Errorf("claim did not write %s", want)
		}
	}
	maps := 0
	for _, f := range got {
		if strings.HasPrefix(f, "figures/h1_map_") && strings.HasSuffix(f, ".png") {
			maps++
		}
	}
	if maps != 6 {
		t.Errorf("claim drew %d maps of where H1 holds; want 3 pairs × 2 metrics", maps)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || m.Scenario != "sahel" || len(m.Tables) != 6 || m.Claim == nil {
		t.Errorf("manifest: complete %v, scenario %s, %d tables, claim %v", m.Complete, m.Scenario, len(m.Tables), m.Claim)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce of a claim folder: status %d\n%s%s", status, stdout, stderr)
	}
}

// The claim's mechanism severed: abuse does not grow with desperation,
// everyone can turn back at once for free, and a failing post's officials
// abuse no one. Malfunction must not then be found to harm more.
var severed = []string{
	"--set", "abuse.desperation_effect=0", "--set", "origins.Home.will_turn_back=1",
	"--set", "migrants.give_up_days=1", "--set", "migrants.return_cost=0", "--set", "migrants.patience_days=1",
	"--set", "regimes.malfunctioning.extortion=0", "--set", "regimes.malfunctioning.official_violence=0",
}

// The mechanism built in: long outages nobody sees coming, abuse that
// grows steeply with desperation and falls on those who wait (not on
// smuggling trips), migrants who never turn back, and a closed border
// without pushbacks.
var mustHarm = []string{
	"--set", "abuse.desperation_effect=4", "--set", "origins.Home.will_turn_back=0",
	"--set", "regimes.malfunctioning.outage_days=40", "--set", "regimes.malfunctioning.failing_capacity=0",
	"--set", "regimes.malfunctioning.accuracy=0", "--set", "regimes.malfunctioning.official_violence=0.01",
	"--set", "regimes.closed.patrol=0",
	"--set", "abuse.trip_extortion=0", "--set", "abuse.trip_violence=0", "--set", "abuse.trip_abandonment=0",
}

func TestClaimFailsWhereMalfunctionCannotHarm(t *testing.T) {
	doc := runClaim(t, append([]string{small, "--days", "60", "--reps", "10", "--max-reps", "40"}, severed...)...)
	for _, m := range []string{"trapped_person_days", "abused_migrants", "abuse_events"} {
		if v := doc.verdict("H1", m); v == "supported" || v == "" {
			t.Errorf("H1 on %s is %q where malfunction cannot harm; want not supported", m, v)
		}
	}
}

func TestClaimHoldsWhereMalfunctionMustHarm(t *testing.T) {
	doc := runClaim(t, append([]string{small, "--days", "60", "--reps", "10", "--max-reps", "40"}, mustHarm...)...)
	for _, m := range []string{"trapped_person_days", "abused_migrants", "abuse_events"} {
		if v := doc.verdict("H1", m); v != "supported" {
			t.Errorf("H1 on %s is %q where malfunction must harm; want supported", m, v)
		}
	}
}

func TestClaimIntervalsShrinkWithReplicates(t *testing.T) {
	width := func(reps string) float64 {
		doc := runClaim(t, small, "--days", "40", "--reps", reps, "--max-reps", reps)
		sum, n := 0.0, 0
		for _, v := range doc.Verdicts {
			if v.CILow != nil && v.CIHigh != nil {
				sum += *v.CIHigh - *v.CILow
				n++
			}
		}
		if n == 0 {
			t.Fatalf("no intervals with %s replicates", reps)
		}
		return sum / float64(n)
	}
	few, many := width("4"), width("32")
	if !(many < few/2) {
		t.Errorf("mean interval width: %.1f with 4 replicates, %.1f with 32; want it to shrink (about 1/sqrt(8))", few, many)
	}
}

func TestClaimAddsReplicatesUntilSettled(t *testing.T) {
	doc := runClaim(t, small, "--days", "40", "--reps", "4", "--max-reps", "64")
	if doc.Reps != 4 && doc.Reps != 8 && doc.Reps != 16 && doc.Reps != 32 && doc.Reps != 64 {
		t.Errorf("claim ended with %d replicates; want a doubling of 4 up to 64", doc.Reps)
	}
	tight := runClaim(t, small, "--days", "40", "--reps", "4", "--max-reps", "64", "--precision", "0.0001")
	if tight.Reps < doc.Reps {
		t.Errorf("a stricter precision used fewer replicates (%d) than the default (%d)", tight.Reps, doc.Reps)
	}
}

func TestClaimIsReproducible(t *testing.T) {
	dir := t.TempDir()
	args := func(out, workers string) []string {
		return []string{"claim", small, "--days", "40", "--reps", "4", "--max-reps", "8", "--robustness", "--samples", "4",
			"--robustness-reps", "2", "--quiet", "--workers", workers, "--out", out}
	}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustRun(t, args(a, "1")...)
	mustRun(t, args(b, "4")...)
	sameFolders(t, a, b)
}
