package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// claimJSON is what claim --json prints.
type claimJSON struct {
	Reps        int
	Arms        []string
	Overall     string
	OverallNone string `json:"overall_protection_none"`
	Verdicts    []struct {
		Harm, Claim, Why string
		ChainAtOpen      string `json:"chain_at_open"`
		ChainAtClosed    string `json:"chain_at_closed"`
		// The claim at protection none, where the named regimes lie.
		ProtectionNone *struct {
			MalfunctionAtOpen       string `json:"malfunction_at_open"`
			MalfunctionAtClosed     string `json:"malfunction_at_closed"`
			Closure                 string `json:"closure"`
			MalfunctionMinusClosure string `json:"malfunction_minus_closure"`
			Claim                   string `json:"claim"`
			ChainAtOpen             string `json:"chain_at_open"`
			ChainAtClosed           string `json:"chain_at_closed"`
		} `json:"protection_none"`
	}
	ChainShare float64 `json:"chain_share"`
	Chain      []claimChainJSON
	Effects    []claimEffectJSON
}

// claimChainJSON is one of the chain's tests in claim --json.
type claimChainJSON struct {
	Effect     string
	Difference *float64 `json:"chain_difference"`
	Verdict    string   `json:"chain"`
}

// claimEffectJSON is an effect on a harm in claim --json.
type claimEffectJSON struct {
	Effect, Harm, Verdict string
	SESOI                 float64  `json:"sesoi"`
	Mean                  *float64 `json:"mean"`
	CILow                 *float64 `json:"ci_low"`
	CIHigh                *float64 `json:"ci_high"`
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

// TestClaimWorkedExample: every line of docs/CLAIM.md's worked example
// is a line `borderwork claim classroom` prints, as it prints it; and
// the numbers its section on the second reading ("The claim where the
// named regimes lie") and its worked example quote of that run are the
// run's.
func TestClaimWorkedExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/CLAIM.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "**A worked example.**")
	if !ok {
		t.Fatal("docs/CLAIM.md has no worked example")
	}
	_, block, ok := strings.Cut(after, "```\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("docs/CLAIM.md's worked example has no code block")
	}
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, "claim", "classroom", "--formats", "", "--out", out)
	printed := strings.Split(stdout, "\n")
	for line := range strings.SplitSeq(block, "\n") {
		if line != "" && !slices.Contains(printed, line) {
			t.Errorf("docs/CLAIM.md's worked example shows a line claim classroom does not print:\n%s\n\nit prints:\n%s", line, stdout)
		}
	}
	// The first column of the tables under "An assumption behind
	// closure's effect on ...".
	for _, harm := range []string{"deaths", "abuse events"} {
		closure := effectsRow(t, stdout, harm)[3]
		if want := fmt.Sprintf("| `classroom` | `borderwork claim classroom` (60 replicates) | %s |", docSigned(closure)); !strings.Contains(string(doc), want) {
			t.Errorf("classroom: closure's effect on %s is %s; docs/CLAIM.md's table of an assumption behind it does not say %q", harm, closure, want)
		}
	}
	checkSecondReadingDoc(t, string(doc), out)
	checkIntervalExampleDoc(t, string(doc), out)
	// The notes on harms zeroed by a setting, each quoted under its
	// section on the assumption.
	for _, heading := range []string{"## An assumption behind closure's effect on abuse", "## An assumption behind protection's effect on abuse", "## An assumption behind protection's effect on immobilisation"} {
		_, note, _ := strings.Cut(string(doc), heading)
		_, note, _ = strings.Cut(note, "```text\n")
		note, _, ok := strings.Cut(note, "```")
		if line := strings.TrimSpace(note); !ok || line == "" || !slices.Contains(printed, line) {
			t.Errorf("docs/CLAIM.md's note under %q is not a line claim classroom prints:\n%s\n\nit prints:\n%s", heading, line, stdout)
		}
	}
	// The margin's note, quoted under "A verdict from the margin".
	_, margin, _ := strings.Cut(string(doc), "**A verdict from the margin.**")
	_, margin, _ = strings.Cut(margin, "```text\n")
	margin, _, ok = strings.Cut(margin, "```")
	if line := strings.TrimSpace(margin); !ok || line == "" || !slices.Contains(printed, line) {
		t.Errorf("docs/CLAIM.md's note on a verdict from the margin is not a line claim classroom prints:\n%s\n\nit prints:\n%s", line, stdout)
	}
}

// TestClaimJSONMargin: claim --json carries what the margin's note says
// on the terminal: the note itself (margin_note), each effect whose
// verdict comes from the margin (from_margin), and, on a harm with one,
// the claim with those effects judged by their difference from 0
// (claim_by_difference). In classroom, docs/CLAIM.md names three such
// effects, none of which the claim's verdicts rest on.
func TestClaimJSONMargin(t *testing.T) {
	t.Parallel()
	text := mustRun(t, "claim", "classroom", "--formats", "", "--out", filepath.Join(t.TempDir(), "text"))
	out := filepath.Join(t.TempDir(), "json")
	stdout := mustRun(t, "claim", "classroom", "--json", "--quiet", "--formats", "", "--out", out)
	var doc struct {
		MarginNote  string   `json:"margin_note"`
		ZeroedNotes []string `json:"zeroed_notes"`
		Verdicts    []struct {
			Harm, Claim       string
			ClaimByDifference string `json:"claim_by_difference"`
			ProtectionNone    struct {
				Claim             string
				ClaimByDifference string `json:"claim_by_difference"`
			} `json:"protection_none"`
		}
		Effects []struct {
			Effect, Harm, Verdict string
			PAdjusted             *float64 `json:"p_adjusted"`
			FromMargin            bool     `json:"from_margin"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("claim --json: %v\n%s", err, stdout)
	}
	if doc.MarginNote == "" || !slices.Contains(strings.Split(text, "\n"), doc.MarginNote) {
		t.Errorf("margin_note = %q; want the note claim classroom prints:\n%s", doc.MarginNote, text)
	}
	// In classroom patrols intercept and centres shelter, each with its
	// harms zeroed: the three notes, as the terminal prints them.
	if len(doc.ZeroedNotes) != 3 || !strings.HasPrefix(doc.ZeroedNotes[0], "Patrols intercepted") ||
		!strings.Contains(doc.ZeroedNotes[1], "their staff abused none") || !strings.Contains(doc.ZeroedNotes[2], "held none of them") {
		t.Errorf("zeroed_notes = %q; want the patrols' note, then the centres' staff's, then their detention's", doc.ZeroedNotes)
	}
	for _, n := range doc.ZeroedNotes {
		if !slices.Contains(strings.Split(text, "\n"), n) {
			t.Errorf("zeroed_notes holds %q; want the note claim classroom prints:\n%s", n, text)
		}
	}
	var marked []string
	for _, e := range doc.Effects {
		if !e.FromMargin {
			continue
		}
		marked = append(marked, e.Effect+" on "+e.Harm)
		if e.Verdict != string(claim.NoDifference) || e.PAdjusted == nil || *e.PAdjusted >= claim.Alpha {
			t.Errorf("%s on %s is marked from the margin with verdict %q, p adjusted %v; want %q, shown to differ from 0", e.Effect, e.Harm, e.Verdict, e.PAdjusted, claim.NoDifference)
		}
	}
	want := []string{
		"malfunction|closure=open on trapped_person_days",
		"malfunction|closure=open on immobilised_person_days",
		"malfunction|closure=open,protection=none on immobilised_person_days",
	}
	if !slices.Equal(marked, want) {
		t.Errorf("effects from the margin: %q; want %q, as docs/CLAIM.md's note names them", marked, want)
	}
	for _, v := range doc.Verdicts {
		main := v.Harm == "trapped_person_days" || v.Harm == "immobilised_person_days"
		if got := v.ClaimByDifference; (got != "") != main || (main && got != v.Claim) {
			t.Errorf("%s: claim %q, claim_by_difference %q; want it given on the harms with an effect from the margin, and the same (the note: they do not rest on it)", v.Harm, v.Claim, got)
		}
		none := v.Harm == "immobilised_person_days"
		if got := v.ProtectionNone.ClaimByDifference; (got != "") != none || (none && got != v.ProtectionNone.Claim) {
			t.Errorf("%s without protection: claim %q, claim_by_difference %q; want it given on immobilised person-days alone, and the same", v.Harm, v.ProtectionNone.Claim, got)
		}
	}
}

// checkIntervalExampleDoc checks docs/CLAIM.md's (doc's) example of an
// interval inside ± δ whose verdict is not "no meaningful difference",
// against the effects.csv of `borderwork claim classroom` in out: the
// numbers it quotes, and that the example is one. (Its example from
// sahel once turned into "no meaningful difference" with a change of the
// model, and went on being quoted to show the opposite.)
func checkIntervalExampleDoc(t *testing.T, doc, out string) {
	t.Helper()
	ests, err := claim.ReadEffects(filepath.Join(out, "effects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ests, func(e claim.Estimate) bool {
		return e.Effect.ID == "protection|closure=open" && e.Harm == "abused_migrants"
	})
	if i < 0 {
		t.Fatal("claim classroom: no effect of protection at open admission on migrants abused")
	}
	e := ests[i]
	if !(-e.SESOI < e.Lo && e.Hi < e.SESOI) || e.Verdict == claim.NoDifference || !(e.PAdj < 0.05) {
		t.Errorf("protection at open admission on migrants abused: %v [%v, %v], δ = %v, p adjusted %v, %s; docs/CLAIM.md gives it as an interval inside ± δ whose verdict is not %q", e.Mean, e.Lo, e.Hi, e.SESOI, e.PAdj, e.Verdict, claim.NoDifference)
	}
	want := fmt.Sprintf("protection at open admission raises migrants abused by %.1f a run, interval [%.1f, %.1f], inside δ = %.1f; its equivalence p is %.3f alone but %.2f after adjustment, while its difference test stays below 5%%: \"%s\"",
		e.Mean, e.Lo, e.Hi, e.SESOI, e.PEquiv, e.PEquivAdj, e.Verdict)
	if !strings.Contains(strings.Join(strings.Fields(doc), " "), want) {
		t.Errorf("docs/CLAIM.md does not say %q", want)
	}
}

// checkSecondReadingDoc checks what docs/CLAIM.md (doc) says of the
// second reading in `borderwork claim classroom`, whose folder is out:
// the cells' bribed admissions and malfunction's effect at closed
// admission on immobilised person-days with and without protection
// (summary.csv, effects.csv), closure's effect on abuse in both readings,
// the readings agreeing on every harm (claim.csv), how many of the second
// reading's contrasts miss the target (report.md), and the verdict the
// larger family changes (effects.csv).
func checkSecondReadingDoc(t *testing.T, doc, out string) {
	t.Helper()
	flat := strings.Join(strings.Fields(doc), " ")
	num := func(v float64) string { // as prose writes it: a minus sign, and 0 for none at all
		if v == 0 {
			return "0"
		}
		return strings.ReplaceAll(output.FormatCount(v), "-", "−")
	}
	tab, err := output.ReadTable(filepath.Join(out, "summary.csv"), "regime", "bribed", "immobilised_person_days")
	if err != nil {
		t.Fatal(err)
	}
	mean := func(regime, col string) float64 {
		sum, n := 0.0, 0
		for i := range tab.Rows {
			if tab.Cell(i, "regime") == regime {
				v, err := tab.Float(i, col)
				if err != nil {
					t.Fatal(err)
				}
				sum, n = sum+v, n+1
			}
		}
		return sum / float64(n)
	}
	ests, err := claim.ReadEffects(filepath.Join(out, "effects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	est := func(id, harm string) claim.Estimate {
		i := slices.IndexFunc(ests, func(e claim.Estimate) bool { return e.Effect.ID == id && e.Harm == harm })
		if i < 0 {
			t.Fatalf("no %s on %s in effects.csv", id, harm)
		}
		return ests[i]
	}
	const imm = "immobilised_person_days"
	main, none := est("malfunction|closure=closed", imm), est("malfunction|closure=closed,protection=none", imm)
	hbm := (mean("closed-failing-hbm", imm) - mean("closed-working-hbm", imm))
	if math.Abs((none.Mean+hbm)/2-main.Mean) > 1e-6*math.Abs(main.Mean) {
		t.Errorf("malfunction at closed admission on %s: %v averaged, %v without protection, %v with; want the first the mean of the others", imm, main.Mean, none.Mean, hbm)
	}
	closureNone, closureMain := est("closure|protection=none", "abuse_events"), est("closure", "abuse_events")
	for _, w := range []string{
		fmt.Sprintf("%s bribed admissions a run in `closed-failing-none` become %s in `closed-failing-hbm`",
			num(mean("closed-failing-none", "bribed")), num(mean("closed-failing-hbm", "bribed"))),
		fmt.Sprintf("changes immobilised person-days by %s a run without protection but by %s with it, within δ = ±%s: the main reading's %s is their average",
			num(none.Mean), num(hbm), claim.FormatSESOI(main.SESOI), num(main.Mean)),
		fmt.Sprintf("(+%s abuse events a run, where averaged over protection it is %s, %s)", num(closureNone.Mean), closureMain.Verdict, num(closureMain.Mean)),
	} {
		if !strings.Contains(flat, w) {
			t.Errorf("docs/CLAIM.md does not say %q", w)
		}
	}
	if math.Abs(hbm) >= main.SESOI {
		t.Errorf("malfunction at closed admission with protection, %v; docs/CLAIM.md says it is within δ = %v", hbm, main.SESOI)
	}
	for _, h := range claim.ChainHarms {
		if v := est("closure|protection=none", h).Verdict; v != claim.Harmful {
			t.Errorf("closure without protection on %s: %s; docs/CLAIM.md says harmful", h, v)
		}
	}
	for _, r := range foldertest.Records(t, filepath.Join(out, "claim.csv")) {
		if r["claim"] != r["claim_protection_none"] {
			t.Errorf("%s: the claim %s averaged over protection, %s without; docs/CLAIM.md says the readings agree on every harm", r["harm"], r["claim"], r["claim_protection_none"])
		}
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, missed, _ := strings.Cut(flat, "report.md says that ")
	missed, _, _ = strings.Cut(missed, " of them miss the target too")
	if !strings.Contains(string(report), "which do not set the replicates, miss the target precision at 60 replicates for "+missed+" of 24 contrasts") {
		t.Errorf("docs/CLAIM.md says %q of the second reading's 24 contrasts miss the target; report.md does not", missed)
	}
	// The family's size with the second reading and without it: a test
	// of difference and one of equivalence for each effect that makes
	// them, and the chain's tests, two a reading.
	all, mainOnly := 4, 2
	for _, e := range ests {
		if math.IsNaN(e.P) {
			continue
		}
		all += 2
		if !strings.Contains(e.Effect.ID, "protection=none") {
			mainOnly += 2
		}
	}
	if w := fmt.Sprintf("more tests (%d in `classroom` with the defaults, where the main reading alone makes %d)", all, mainOnly); !strings.Contains(flat, w) {
		t.Errorf("docs/CLAIM.md does not say %q", w)
	}
	if w := fmt.Sprintf("applied once over all %d tests of this check", all); !strings.Contains(string(report), w) {
		t.Errorf("report.md does not say %q", w)
	}
}

// TestClaimHeavyTailExample: docs/CLAIM.md's paragraph on a heavy-tailed
// contrast (referee8 S2) quotes what the two commands it gives print,
// line for line, and its numbers are those of their folders: the spread
// and equivalence p of malfunction at open admission on trapped
// person-days, and the largest contrast of the defaults' run, which the
// paragraph says is among the first 20 replicates (since model version
// 4; before it, a later replicate's tail turned the verdict harmful).
func TestClaimHeavyTailExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/CLAIM.md")
	if err != nil {
		t.Fatal(err)
	}
	_, para, ok := strings.Cut(string(doc), "**A limit: \"no meaningful difference\" on a heavy-tailed contrast.**")
	para, _, ok2 := strings.Cut(para, "**The claim on a harm**")
	_, block, ok3 := strings.Cut(para, "```\n")
	block, prose, ok4 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 || !ok4 {
		t.Fatal("docs/CLAIM.md has no paragraph on a heavy-tailed contrast with a code block")
	}
	prose = strings.Join(strings.Fields(prose), " ") // as one line
	var dirs []string
	var printed []string
	for line := range strings.SplitSeq(strings.TrimSpace(block), "\n") {
		if cmd, ok := strings.CutPrefix(line, "$ borderwork "); ok {
			out := filepath.Join(t.TempDir(), "out")
			printed = strings.Split(mustRun(t, append(strings.Fields(cmd), "--formats", "", "--quiet", "--out", out)...), "\n")
			dirs = append(dirs, out)
			continue
		}
		if !slices.Contains(printed, line) {
			t.Errorf("docs/CLAIM.md's heavy-tail example shows a line its command does not print:\n%s\n\nit prints:\n%s", line, strings.Join(printed, "\n"))
		}
	}
	if len(dirs) != 2 {
		t.Fatalf("the example runs %d commands; want 2 (few replicates, then the defaults)", len(dirs))
	}
	const effect, harm = "malfunction|closure=open", "trapped_person_days"
	for i, dir := range dirs {
		ests, err := claim.ReadEffects(filepath.Join(dir, "effects.csv"))
		if err != nil {
			t.Fatal(err)
		}
		j := slices.IndexFunc(ests, func(e claim.Estimate) bool { return e.Effect.ID == effect && e.Harm == harm })
		if j < 0 {
			t.Fatalf("%s: no %s on %s", dir, effect, harm)
		}
		want := []string{fmt.Sprintf("with a standard deviation of %.0f", ests[j].SD)}
		if i == 0 {
			want = append(want, fmt.Sprintf("an equivalence p of %.3f after Holm's correction", ests[j].PEquivAdj))
		}
		for _, w := range want {
			if !strings.Contains(prose, w) {
				t.Errorf("docs/CLAIM.md's heavy-tail paragraph does not say %q (%s)", w, dir)
			}
		}
	}
	// The contrast in each replicate of the defaults' run, as the check
	// computes it: failing posts minus working ones at open admission,
	// each averaged over protection.
	tab, err := output.ReadTable(filepath.Join(dirs[1], "summary.csv"), "regime", "replicate", harm)
	if err != nil {
		t.Fatal(err)
	}
	var d []float64
	for i := range tab.Rows {
		r, err1 := strconv.Atoi(tab.Cell(i, "replicate"))
		v, err2 := strconv.ParseFloat(tab.Cell(i, harm), 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("summary.csv line %d: %v %v", i+2, err1, err2)
		}
		for len(d) <= r {
			d = append(d, 0)
		}
		switch regime := tab.Cell(i, "regime"); {
		case strings.HasPrefix(regime, "open-failing-"):
			d[r] += v / 2
		case strings.HasPrefix(regime, "open-working-"):
			d[r] -= v / 2
		}
	}
	big := slices.Index(d, slices.Max(d))
	if big >= 20 {
		t.Errorf("the largest contrast, %v, is in replicate %d; docs/CLAIM.md says it is among the first 20", d[big], big)
	}
	if w := fmt.Sprintf("The largest contrast of the %d replicates, %s (replicate %d), is among the first 20", len(d), words.Group(output.FormatFloat(d[big])), big); !strings.Contains(prose, w) {
		t.Errorf("docs/CLAIM.md's heavy-tail paragraph does not say %q", w)
	}
}

func TestClaimWritesEveryFile(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "claim", "--days", "60", "--reps", "3", "--max-reps", "3", "--robustness", "--samples", "4", "--robustness-reps", "2", "--out", out, "--quiet")
	got := files(t, out)
	for _, want := range []string{"manifest.json", "scenario.toml", "timeseries.csv", "summary.csv", "stats.csv",
		"effects.csv", "verdicts.csv", "claim.csv", "mediation.csv", "robustness.csv", "robustness_summary.csv", "report.md",
		"figures/trapped.png", "figures/outcomes.pdf", "figures/effects_trapped_person_days.svg", "figures/cells_abuse_events.png",
		"figures/mediation.png", "figures/robustness_claim.png", "figures/robustness_map_abused_migrants.png"} {
		if !slices.Contains(got, want) {
			t.Errorf("claim did not write %s", want)
		}
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	// timeseries, summary, stats, effects, verdicts, claim, mediation, robustness and robustness_summary.
	if !m.Complete || m.Scenario != "sahel" || len(m.Tables) != 9 || len(info.Arms) != 8 || info.Pilot != 3 {
		t.Errorf("manifest: complete %v, scenario %s, %d tables, %d arms, pilot %d", m.Complete, m.Scenario, len(m.Tables), len(info.Arms), info.Pilot)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce of a claim folder: status %d\n%s%s", status, stdout, stderr)
	}
}

// TestClaimJSONNotApplicable: on the claim package's toy world no one
// dies in any run, and --json says in words that the claim does not apply
// to deaths, and leaves them out of the overall answer.
func TestClaimJSONNotApplicable(t *testing.T) {
	t.Parallel()
	doc := runClaim(t, filepath.Join("..", "..", "claim", "testdata", "toy.toml"), "--max-reps", "20")
	for _, v := range doc.Verdicts {
		if applies := v.Claim != claim.ClaimNotApplicable; applies != (v.Harm != "deaths") || applies != (v.Why == "") {
			t.Errorf("%s: claim %q, why %q; want not applicable, with a reason, on deaths alone", v.Harm, v.Claim, v.Why)
		}
	}
	if !strings.Contains(doc.Overall, "5 harms that happen") || !strings.Contains(doc.Overall, "does not apply to deaths") {
		t.Errorf("overall: %q", doc.Overall)
	}
}

// TestClaimJSON: --json carries a verdict on every harm and every effect.
func TestClaimJSON(t *testing.T) {
	t.Parallel()
	doc := runClaim(t, small, "--days", "40", "--reps", "4", "--max-reps", "4", "--own", "strict", "--chain-share", "0.4")
	if len(doc.Arms) != 9 || doc.Arms[8] != "strict" {
		t.Errorf("arms %v; want the 8 cells and strict", doc.Arms)
	}
	// The chain: its share as given, its tests (at open and at closed
	// admission, averaged over protection and without it), and its
	// verdicts on the abuse harms alone, the same as its tests', in each
	// reading of the claim.
	chainIDs := []string{"malfunction|closure=open", "malfunction|closure=closed", "malfunction|closure=open,protection=none", "malfunction|closure=closed,protection=none"}
	if doc.ChainShare != 0.4 || !slices.EqualFunc(doc.Chain, chainIDs, func(c claimChainJSON, id string) bool { return c.Effect == id }) {
		t.Errorf("chain share %v, chain tests %+v; want 0.4 and the tests %v", doc.ChainShare, doc.Chain, chainIDs)
	}
	for _, v := range doc.Verdicts {
		abuse := slices.Contains(claim.ChainHarms, v.Harm)
		if v.ProtectionNone == nil || !slices.Contains(claim.ClaimOutcomes, v.ProtectionNone.Claim) {
			t.Fatalf("%s: no claim at protection none (%+v)", v.Harm, v.ProtectionNone)
		}
		none := v.ProtectionNone
		if abuse && len(doc.Chain) == 4 && (v.ChainAtOpen != doc.Chain[0].Verdict || v.ChainAtClosed != doc.Chain[1].Verdict ||
			none.ChainAtOpen != doc.Chain[2].Verdict || none.ChainAtClosed != doc.Chain[3].Verdict) {
			t.Errorf("%s: the chain %q at open, %q at closed, %q and %q without protection; want its tests' %+v", v.Harm, v.ChainAtOpen, v.ChainAtClosed, none.ChainAtOpen, none.ChainAtClosed, doc.Chain)
		}
		if !abuse && (v.ChainAtOpen != "" || v.ChainAtClosed != "" || none.ChainAtOpen != "" || none.ChainAtClosed != "") {
			t.Errorf("%s: judged on the chain (%q, %q; %q, %q); want only the abuse harms to be", v.Harm, v.ChainAtOpen, v.ChainAtClosed, none.ChainAtOpen, none.ChainAtClosed)
		}
		// Its parts are the verdicts of the effects at protection none.
		for _, p := range []struct{ id, got string }{{"malfunction|closure=open,protection=none", none.MalfunctionAtOpen}, {"malfunction|closure=closed,protection=none", none.MalfunctionAtClosed},
			{"closure|protection=none", none.Closure}, {"malfunction-closure|protection=none", none.MalfunctionMinusClosure}} {
			i := slices.IndexFunc(doc.Effects, func(e claimEffectJSON) bool { return e.Effect == p.id && e.Harm == v.Harm })
			if i < 0 || doc.Effects[i].Verdict != p.got {
				t.Errorf("%s without protection: %s %q; want its effect's verdict", v.Harm, p.id, p.got)
			}
		}
	}
	if !strings.HasPrefix(doc.OverallNone, "Without protection, where the named regimes lie, the claim ") {
		t.Errorf("overall_protection_none %q", doc.OverallNone)
	}
	if len(doc.Verdicts) != len(claim.Harms()) {
		t.Errorf("%d verdicts; want one per harm (%d)", len(doc.Verdicts), len(claim.Harms()))
	}
	for _, v := range doc.Verdicts {
		if !slices.Contains(claim.ClaimOutcomes, v.Claim) {
			t.Errorf("%s: claim %q", v.Harm, v.Claim)
		}
	}
	own := 0
	for _, e := range doc.Effects {
		if !slices.Contains(claim.Verdicts, claim.Verdict(e.Verdict)) {
			t.Errorf("%s on %s: verdict %q", e.Effect, e.Harm, e.Verdict)
		}
		if strings.HasPrefix(e.Effect, "strict-") {
			own++
		}
	}
	if own != 2*len(claim.Harms()) {
		t.Errorf("%d effects of the own regime; want against closed and malfunctioning on every harm", own)
	}
}

func TestClaimIntervalsShrinkWithReplicates(t *testing.T) {
	t.Parallel()
	width := func(reps string) float64 {
		doc := runClaim(t, small, "--days", "40", "--reps", reps, "--max-reps", reps)
		sum, n := 0.0, 0
		for _, v := range doc.Effects {
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

// TestClaimFixesReplicatesFromThePilot: the replicates are set by the
// pilot's spread and the precision asked for, within the cap.
func TestClaimFixesReplicatesFromThePilot(t *testing.T) {
	t.Parallel()
	loose := runClaim(t, small, "--days", "40", "--reps", "4", "--max-reps", "64", "--precision", "100")
	if loose.Reps != 4 {
		t.Errorf("a very loose precision ran %d replicates; want the pilot's 4", loose.Reps)
	}
	tight := runClaim(t, small, "--days", "40", "--reps", "4", "--max-reps", "24", "--precision", "0.01")
	if tight.Reps != 24 {
		t.Errorf("a very tight precision ran %d replicates; want the cap, 24", tight.Reps)
	}
}

func TestClaimIsReproducible(t *testing.T) {
	t.Parallel()
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

// TestClaimSESOIAbsolute: --sesoi HARM=abs:X sets the smallest effect
// on HARM in its own units, with no floor, for every effect on it and
// no other harm; it moves the verdicts it should, is recorded in the
// manifest and report.md, and the folder is reproduced and redrawn. On
// small at 4 replicates, malfunction at open admission changes
// immobilised person-days by 1.4 [-3.0, 5.8] a run: within the default
// δ (65.4), "no meaningful difference", which fails the claim there;
// within ± 2 it cannot be shown to lie, and the claim is inconclusive.
func TestClaimSESOIAbsolute(t *testing.T) {
	t.Parallel()
	args := []string{small, "--days", "40", "--reps", "4", "--max-reps", "4"}
	verdict := func(doc claimJSON, effect, harm string) (string, float64) {
		for _, e := range doc.Effects {
			if e.Effect == effect && e.Harm == harm {
				return e.Verdict, e.SESOI
			}
		}
		t.Fatalf("no effect %s on %s", effect, harm)
		return "", 0
	}
	claimOn := func(doc claimJSON, harm string) string {
		for _, v := range doc.Verdicts {
			if v.Harm == harm {
				return v.Claim
			}
		}
		return ""
	}
	const at, harm = "malfunction|closure=open", "immobilised_person_days"
	base := runClaim(t, args...)
	if v, d := verdict(base, at, harm); v != string(claim.NoDifference) || d < 10 || claimOn(base, harm) != claim.ClaimFails {
		t.Fatalf("the default: %s on %s is %s (δ %v), the claim %s; this test wants no meaningful difference, δ well above 2, and fails: choose another effect",
			at, harm, v, d, claimOn(base, harm))
	}
	out := filepath.Join(t.TempDir(), "abs")
	stdout := mustRun(t, append([]string{"claim", "--json", "--quiet", "--formats", "svg", "--out", out,
		"--sesoi", harm + "=abs:2", "--sesoi", "deaths=abs:0.25"}, args...)...)
	var abs claimJSON
	if err := json.Unmarshal([]byte(stdout), &abs); err != nil {
		t.Fatal(err)
	}
	if v, _ := verdict(abs, at, harm); v != string(claim.Inconclusive) || claimOn(abs, harm) != claim.ClaimInconclusive {
		t.Errorf("with --sesoi %s=abs:2, %s on %s is %s, the claim %s; want inconclusive, inconclusive", harm, at, harm, v, claimOn(abs, harm))
	}
	for i, e := range abs.Effects {
		want := map[string]float64{harm: 2, "deaths": 0.25}[e.Harm]
		if want == 0 {
			want = base.Effects[i].SESOI // other harms keep the default
		}
		if e.SESOI != want {
			t.Errorf("with --sesoi %s=abs:2 --sesoi deaths=abs:0.25, δ of %s on %s is %v; want %v", harm, e.Effect, e.Harm, e.SESOI, want)
		}
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]float64{harm: 2, "deaths": 0.25}; !maps.Equal(info.SESOIAbs, want) || info.SESOIValues[harm] != 2 || info.SESOIValues["deaths"] != 0.25 {
		t.Errorf("manifest: sesoi_abs %v, sesoi_values %v; want %v, and the same values", info.SESOIAbs, info.SESOIValues, want)
	}
	if want := "--sesoi deaths=abs:0.25 --sesoi " + harm + "=abs:2"; !strings.Contains(m.CommandLine, want) {
		t.Errorf("command_line %q; want it to give %q", m.CommandLine, want)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "never less than one unit; in the harm's own units a run, with no floor, on deaths (0.25) and immobilised person-days (2), fixed before the main runs:"; !strings.Contains(string(report), want) {
		t.Errorf("report.md does not say %q", want)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce: status %d\n%s%s", status, stdout, stderr)
	}
	mustRun(t, "plot", "--size", "double", out)
}

// TestClaimSmallSESOIShown: a δ given in a harm's own units below 1
// (--sesoi trapped_person_days=abs:0.05) shows as given, ±0.05, in the
// terminal's δ column, report.md's list of smallest effects and its
// figure's margin, not rounded to ±0.1 as one decimal would; every other
// harm's δ, set as a share, shows as FormatCount writes it, as before.
func TestClaimSmallSESOIShown(t *testing.T) {
	t.Parallel()
	const harm, given = "trapped_person_days", "0.05"
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, "claim", "--days", "60", "--reps", "3", "--max-reps", "3", "--quiet", "--formats", "svg",
		"--sesoi", harm+"=abs:"+given, "--out", out)
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	if info.SESOIValues[harm] != 0.05 {
		t.Fatalf("sesoi_values %v; want %s on %s", info.SESOIValues, given, harm)
	}
	// The δ table: the first header with a smallest effect, then a row
	// per harm, to a blank line.
	lines := strings.Split(stdout, "\n")
	head := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "harm  ") && strings.Contains(l, "smallest effect") })
	if head < 0 {
		t.Fatalf("no δ table in:\n%s", stdout)
	}
	table, _, _ := strings.Cut(strings.Join(lines[head+1:], "\n"), "\n\n")
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range claim.Harms() {
		want := output.FormatCount(info.SESOIValues[h])
		if h == harm {
			want = given
		}
		end := ";" // the list's separator; a full stop after the last
		if i == len(claim.Harms())-1 {
			end = "."
		}
		row := slices.IndexFunc(strings.Split(table, "\n"), func(l string) bool { return strings.HasPrefix(l, claim.Title(h)+"  ") })
		if row < 0 {
			t.Errorf("no row for %s in the δ table:\n%s", h, table)
		} else if got := strings.Fields(strings.TrimPrefix(strings.Split(table, "\n")[row], claim.Title(h)))[0]; got != "±"+want {
			t.Errorf("δ table: %s's smallest effect %s; want ±%s", h, got, want)
		}
		if w := fmt.Sprintf(" %s %s%s", claim.Title(h), want, end); !strings.Contains(string(report), w) {
			t.Errorf("report.md's smallest effects do not say %q", w)
		}
	}
	svg, err := os.ReadFile(filepath.Join(out, "figures", "effects_"+harm+".svg"))
	if err != nil {
		t.Fatal(err)
	}
	if w := "±" + given + ": smallest effect of interest"; !strings.Contains(string(svg), w) {
		t.Errorf("effects_%s.svg does not say %q", harm, w)
	}
}

func TestClaimBadInput(t *testing.T) {
	t.Parallel()
	const share = "want a share of the harm's mean, more than 0 and less than 1 (0.1 is a tenth)"
	const form = "--sesoi: want a share such as 0.1, HARM=share, or HARM=abs:X in the harm's own units (repeat --sesoi for several harms), got "
	const abs = "want an effect in the harm's own units a run (person-days, migrants, events, deaths, index points), more than 0"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--sesoi", "0"}, "--sesoi: " + share + ", got 0"},
		{[]string{"--sesoi", "2"}, "--sesoi: " + share + ", got 2; for 2%, give 0.02"},
		{[]string{"--sesoi", "1"}, "--sesoi: " + share + ", got 1; for 1%, give 0.01"},
		{[]string{"--sesoi", "deaths=1.5"}, "--sesoi deaths=...: " + share + ", got 1.5"},
		{[]string{"--sesoi", "deaths=x"}, form + `"deaths=x"`},
		{[]string{"--sesoi", "deaths=0.2,abuse_events=0.1"}, form + `"deaths=0.2,abuse_events=0.1"`},
		{[]string{"--sesoi", "happiness=0.1"}, "happiness is not a harm (harms: trapped_person_days,"},
		{[]string{"--sesoi", "traped_person_days=0.1"}, "traped_person_days is not a harm; did you mean trapped_person_days? (harms:"},
		// An effect in a harm's own units (--sesoi HARM=abs:X).
		{[]string{"--sesoi", "deaths=abs:0"}, "--sesoi deaths=abs:...: " + abs + ", got 0"},
		{[]string{"--sesoi", "deaths=abs:-0.5"}, "--sesoi deaths=abs:...: " + abs + ", got -0.5"},
		{[]string{"--sesoi", "deaths=abs:inf"}, "--sesoi deaths=abs:...: " + abs + ", got +Inf"},
		{[]string{"--sesoi", "deaths=abs:"}, form + `"deaths=abs:"`},
		{[]string{"--sesoi", "abs:0.2"}, `--sesoi: want HARM=abs:X, such as deaths=abs:0.2: an effect in a harm's own units names its harm, as harms' units differ; got "abs:0.2"`},
		{[]string{"--sesoi", "death=abs:0.2"}, "--sesoi death=abs:...: death is not a harm; did you mean deaths? (harms:"},
		// --own takes the scenario's own regimes, and lists only them.
		{[]string{"--own", "utopia"}, `--own: unknown regime "utopia" (own regimes of small: strict)`},
		{[]string{"--own", "stirct"}, `--own: unknown regime "stirct" (own regimes of small: strict); did you mean strict?`},
		// (small changes open with a schedule window of its own, so --own
		// open runs: TestClaimOwnChangedBuiltin.)
		{[]string{"--own", "malfunctioning"}, "--own: malfunctioning is a built-in regime the scenario leaves as it is, one of the design's combinations; --own takes the scenario's own regimes (own regimes of small: strict), or a built-in one it changes"},
		{[]string{"--own", "strict,hbm"}, "--own: hbm is a built-in regime"},
		{[]string{"--precision", "-1"}, "--precision must be a finite number more than 0"},
		// +Inf ran every cell, then failed writing the manifest (status 1).
		{[]string{"--precision", "inf"}, "--precision must be a finite number more than 0, got +Inf"},
		{[]string{"--chain-share", "0"}, "--chain-share: want a share of the abuse malfunction adds, more than 0 and less than 1 (0.5 is most of it), got 0"},
		{[]string{"--chain-share", "50"}, "--chain-share: want a share of the abuse malfunction adds, more than 0 and less than 1 (0.5 is most of it), got 50; for 50%, give 0.5"},
		{[]string{"--chain-share", "1"}, "got 1; for 1%, give 0.01"},
		{[]string{"--reps", "4", "--max-reps", "2"}, "--max-reps (2) must be at least --reps (4)"},
		// Ignored without --robustness, they would let a user believe it ran.
		{[]string{"--samples", "-3"}, "--samples is for --robustness"},
		{[]string{"--robustness-reps", "20"}, "--robustness-reps is for --robustness"},
		{[]string{"--robustness", "--samples", "2"}, "--samples must be at least 3, got 2"},
		// A key --robustness draws at its points would replace the value
		// set there, the main check alone holding it.
		{[]string{"--robustness", "--set", "factors.integrity.weak.oversight=0.9"}, "--set factors.integrity.weak.oversight=0.9: --robustness draws factors.integrity.weak.oversight from 0 to 0.65 at each of its points, replacing the value given there; give one or the other"},
		{[]string{"--robustness", "--set", "abuse.queue_effect=1"}, "--set abuse.queue_effect=1: --robustness draws abuse.queue_effect from 0 to 2"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		status, _, stderr := runCLI(t, append([]string{"claim", small, "--days", "10", "--reps", "4", "--out", out}, tt.args...)...)
		if status != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") > 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("claim %v: status %d, stderr %q; want 2 and a short error with %q", tt.args, status, stderr, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("claim %v wrote its folder", tt.args)
		}
	}
}

// TestClaimOwnRegimeNamedLikeAnArm: a regime of the scenario's own named
// as one of the check's arms (a combination, or with --waiting-off its
// copy) is refused, naming the file, line and key, with nothing written:
// its runs and the arm's were one in the tables ("replicate 0 of
// open-failing-none is missing", exit 1). The copy's name is free
// without --waiting-off.
func TestClaimOwnRegimeNamedLikeAnArm(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	text, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(string(text[:strings.Index(string(text), "[regimes.strict]")]), "\n")
	for _, tt := range []struct {
		name  string
		extra []string
		want  string
	}{
		{"open-failing-none", nil, "a combination of the design (open-working-none, closed-working-none, open-failing-none, closed-failing-none, ...); rename the regime"},
		{"closed-working-hbm-waiting-off", []string{"--waiting-off"}, "the combination closed-working-hbm run again with waiting's effects off (--waiting-off); rename the regime"},
	} {
		path := filepath.Join(dir, tt.name+".toml")
		if err := os.WriteFile(path, []byte(strings.Replace(string(text), "[regimes.strict]", "[regimes."+tt.name+"]", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out-"+tt.name)
		status, _, stderr := runCLI(t, append([]string{"claim", path, "--days", "10", "--reps", "2", "--max-reps", "2", "--formats", "", "--out", out}, tt.extra...)...)
		want := fmt.Sprintf("%s:%d: regimes.%s: the claim check names one of its arms %s, %s", path, line, tt.name, tt.name, tt.want)
		if status != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("claim %s %v: status %d, stderr %q; want 2 and %q", tt.name, tt.extra, status, stderr, want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("claim %s %v wrote its folder", tt.name, tt.extra)
		}
	}
	path := filepath.Join(dir, "closed-working-hbm-waiting-off.toml")
	if status, _, stderr := runCLI(t, "claim", path, "--days", "10", "--reps", "2", "--max-reps", "2", "--formats", "", "--quiet", "--out", filepath.Join(dir, "free")); status != 0 {
		t.Errorf("without --waiting-off, a regime named as a copy would be: status %d\n%s", status, stderr)
	}
}

// TestClaimOwnChangedBuiltin: a built-in regime the scenario changes
// with keys of its own, or with a schedule window that names it, is the
// scenario's version of it, which the design's combinations do not see:
// the check says so, report.md's design table does not call the cell by
// the regime's name, and --own runs it beside them. (A window naming
// hbm was invisible: the cell was called "the hbm regime" and --own hbm
// was refused as "left as it is"; modelref7 #3.)
func TestClaimOwnChangedBuiltin(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ set, change string }{
		{"regimes.hbm.patrol=0.3", "hbm: patrol"},
		{`posts.Gate.schedule=[{regimes = ["hbm"], refusal = 0.5}]`, "hbm: schedule window 1 of post Gate"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		status, _, stderr := runCLI(t, "claim", small, "--days", "10", "--reps", "2", "--max-reps", "2", "--own", "hbm",
			"--set", tc.set, "--formats", "", "--quiet", "--out", out)
		if status != 0 {
			t.Fatalf("claim --own hbm of a scenario that changes hbm (%s): status %d, %s", tc.set, status, stderr)
		}
		if !strings.Contains(stderr, "changes the built-in regime "+tc.change+";") {
			t.Errorf("%s: stderr %q; want a note that the scenario changes %s", tc.set, stderr, tc.change)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(m.Regimes, "hbm") {
			t.Errorf("%s: regimes %v; want the scenario's hbm among them", tc.set, m.Regimes)
		}
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(report), "(the hbm regime)") || !strings.Contains(string(report), tc.change) {
			t.Errorf("%s: report.md names the cell of hbm's levels the hbm regime, or does not say what the scenario changes (%s)", tc.set, tc.change)
		}
		if !strings.Contains(string(report), "(the closed regime)") {
			t.Errorf("%s: report.md's design table no longer names the closed regime's cell", tc.set)
		}
	}
}

// TestPrintClaimChainVerbs: the terminal's line for each chain test ends
// in a verb phrase, "the chain IS INCONCLUSIVE", not "the chain
// INCONCLUSIVE".
func TestPrintClaimChainVerbs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		chain claim.ChainVerdict
		want  string
	}{
		{claim.ChainHolds, "the chain HOLDS\n"},
		{claim.ChainFails, "the chain FAILS\n"},
		{claim.ChainInconclusive, "the chain IS INCONCLUSIVE\n"},
		{claim.ChainNotApplicable, "the chain DOES NOT APPLY\n"},
	} {
		res := &claim.Outcome{Analysis: &claim.Analysis{ChainShare: 0.5, Mediation: []claim.Mediation{
			{Row: "malfunction|closure=open", Kind: "effect", Events: 10, Immobile: 4, Share: 0.4, ChainDiff: -1, ChainLo: -3, ChainHi: 1, Chain: tc.chain},
		}}}
		var b strings.Builder
		printClaim(&b, "small", 30, 1, nil, res)
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("chain %s: printed\n%s\nwant a line ending %q", tc.chain, b.String(), tc.want)
		}
	}
}

// TestPrintClaimParts: with malfunction split, the terminal prints its
// parts' main effects on the abuse harms, beside the whole's, with their
// intervals and verdicts (the oversight note gives way to them); not
// split, it prints no such table.
func TestPrintClaimParts(t *testing.T) {
	t.Parallel()
	var split []claim.Estimate
	for i, id := range []string{"malfunction", "reliability", "integrity", "information"} {
		for j, h := range claim.ChainHarms {
			m := float64(100*(i+1) + j)
			split = append(split, claim.Estimate{Effect: claim.Effect{ID: id}, Harm: h, Mean: m, Lo: m - 10, Hi: m + 10, Verdict: claim.Harmful})
		}
	}
	for _, tc := range []struct {
		name      string
		estimates []claim.Estimate
		want      []string // nil: no table
	}{
		{"split", split, []string{
			"Malfunction's parts, main effects per run on the abuse harms",
			"malfunction as a whole   reliability (reliable to failing)  integrity (strong to weak)  information (accurate to poor)",
			"abuse events     100 [90.0, 110] harmful  200 [190, 210] harmful             300 [290, 310] harmful      400 [390, 410] harmful",
			"migrants abused  101 [91.0, 111] harmful  201 [191, 211] harmful             301 [291, 311] harmful      401 [391, 411] harmful",
		}},
		{"not split", split[:2], nil},
	} {
		var b strings.Builder
		printClaim(&b, "small", 30, 1, nil, &claim.Outcome{Analysis: &claim.Analysis{ChainShare: 0.5, Estimates: tc.estimates}})
		got := b.String()
		if tc.want == nil && strings.Contains(got, "Malfunction's parts") {
			t.Errorf("%s: printed the parts' effects:\n%s", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: printed\n%s\nwant %q", tc.name, got, w)
			}
		}
	}
}

// TestPrintClaimOwn: the terminal prints each own regime's contrasts
// with the closed and the malfunctioning cells on every harm, with their
// intervals and verdicts, and no such table without own regimes.
func TestPrintClaimOwn(t *testing.T) {
	t.Parallel()
	var own []claim.Estimate
	for i, id := range []string{"harsh-closed", "harsh-malfunctioning"} {
		for j, h := range claim.Harms() {
			m := float64(100*(i+1) + j)
			own = append(own, claim.Estimate{Effect: claim.Effect{ID: id, Kind: claim.Arm}, Harm: h, Mean: m, Lo: m - 10, Hi: m + 10, Verdict: claim.Harmful})
		}
	}
	closure := []claim.Estimate{{Effect: claim.Effect{ID: "closure", Kind: claim.Main}, Harm: "deaths", Mean: 1, Lo: 0.5, Hi: 1.5, Verdict: claim.Harmful}}
	for _, tc := range []struct {
		name      string
		estimates []claim.Estimate
		want      []string // nil: no table
	}{
		{"own regime", append(closure, own...), []string{
			"The scenario's own regimes against the closed and the malfunctioning cells",
			"harm                     harsh-closed             harsh-malfunctioning\n",
			"trapped person-days      100 [90.0, 110] harmful  200 [190, 210] harmful\n",
			"harm index               105 [95.0, 115] harmful  205 [195, 215] harmful\n",
		}},
		{"none", closure, nil},
	} {
		var b strings.Builder
		printClaim(&b, "small", 30, 1, nil, &claim.Outcome{Analysis: &claim.Analysis{ChainShare: 0.5, Estimates: tc.estimates}})
		got := b.String()
		if tc.want == nil && strings.Contains(got, "own regimes against") {
			t.Errorf("%s: printed own regimes' contrasts:\n%s", tc.name, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: printed\n%s\nwant %q", tc.name, got, w)
			}
		}
	}
}

// TestClaimReportSuggestsItsOwnRobustness: a claim folder without the
// robustness check suggests the folder's own command with --robustness;
// a bare `borderwork claim --robustness` would check sahel, whatever the
// folder's scenario.
func TestClaimReportSuggestsItsOwnRobustness(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "claim", "classroom", "--days", "30", "--reps", "2", "--max-reps", "2", "--formats", "", "--out", out, "--quiet")
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Run `" + m.CommandLine + " --robustness` to see"; !strings.Contains(string(report), want) || !strings.HasPrefix(m.CommandLine, "borderwork claim classroom ") {
		t.Errorf("report.md does not suggest %q:\n%s", want, report)
	}
}

// TestClaimWaitingOff: --waiting-off runs the cells again with waiting's
// effects on abuse switched off and writes waiting.csv, says so in the
// terminal and report.md, records it in the manifest for reproduce, and
// leaves every other table of the check as it is without it.
func TestClaimWaitingOff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := func(out string, extra ...string) []string {
		return append([]string{"claim", small, "--days", "40", "--reps", "3", "--max-reps", "3", "--formats", "", "--quiet", "--out", out}, extra...)
	}
	with, without := filepath.Join(dir, "with"), filepath.Join(dir, "without")
	stdout := mustRun(t, args(with, "--waiting-off", "--formats", "svg")...)
	mustRun(t, args(without)...)
	for _, want := range []string{"3 replicates of each of 9 combinations and of 8 of them with waiting's effects off", "Through waiting, by intervention", "at closed admission, without protection: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the terminal does not say %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"effects.csv", "verdicts.csv", "claim.csv", "mediation.csv"} {
		a, errA := os.ReadFile(filepath.Join(with, f))
		b, errB := os.ReadFile(filepath.Join(without, f))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs with --waiting-off (%v, %v)", f, errA, errB)
		}
	}
	table, err := os.ReadFile(filepath.Join(with, "waiting.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(table)), "\n"); len(lines) != 1+4*2 || !strings.HasPrefix(lines[0], "effect,harm,total,") {
		t.Errorf("waiting.csv: %d lines; want a header and 4 effects × 2 harms:\n%s", len(lines), table)
	}
	if _, err := os.Stat(filepath.Join(without, "waiting.csv")); err == nil {
		t.Error("without --waiting-off, claim wrote waiting.csv")
	}
	report, _ := os.ReadFile(filepath.Join(with, "report.md"))
	if !strings.Contains(string(report), "|malfunction's effect|harm|total per run [95%]|with waiting's effects off [95%]|through them [95%]|share|") {
		t.Error("report.md has no table of the intervention")
	}
	for _, h := range claim.ChainHarms {
		fig := "figures/waiting_" + h + ".svg"
		if _, err := os.Stat(filepath.Join(with, fig)); err != nil || !strings.Contains(string(report), "]("+fig+")") {
			t.Errorf("%s: %v, or report.md does not show it", fig, err)
		}
	}
	plain, _ := os.ReadFile(filepath.Join(without, "report.md"))
	if !strings.Contains(string(plain), "run the check again with `--waiting-off`") {
		t.Error("report.md without the intervention does not say how to run it")
	}
	m, err := output.ReadManifest(with)
	if err != nil {
		t.Fatal(err)
	}
	info, err := claim.ReadInfo(m)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, a := range info.Arms {
		if strings.HasSuffix(a, claim.WaitingOffSuffix) {
			copies++
		}
	}
	if !info.WaitingOff || copies != 8 {
		t.Errorf("manifest: waiting_off %v, %d copies among the arms %v; want true and 8", info.WaitingOff, copies, info.Arms)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", with); status != 0 {
		t.Errorf("reproduce: status %d\n%s%s", status, stdout, stderr)
	}
	var doc struct {
		Waiting []struct {
			Effect  string   `json:"effect"`
			Harm    string   `json:"harm"`
			Through *float64 `json:"through_waiting"`
		} `json:"waiting"`
	}
	js := mustRun(t, args(filepath.Join(dir, "json"), "--waiting-off", "--json")...)
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Waiting) != 8 || doc.Waiting[0].Effect != "malfunction|closure=open" || doc.Waiting[0].Through == nil {
		t.Errorf("--json: %v, %+v; want 8 rows of waiting, from malfunction|closure=open", err, doc.Waiting)
	}
}

// TestClaimWarnsWhereCountAndInterventionDisagree: where failing posts
// trap documented but poor migrants, the chain's count puts about a
// quarter of malfunction's added abuse on trapped or stranded migrants
// and --waiting-off over half through waiting (docs/CLAIM.md): the
// terminal and report.md warn that the verdict follows the count. In
// classroom as it is both are below the chain share, and neither warns.
func TestClaimWarnsWhereCountAndInterventionDisagree(t *testing.T) {
	t.Parallel()
	trapping := []string{"--set", "origins.Village.documented=0.85", "--set", "origins.Village.money_mean=50", "--set", "posts.Post.capacity=9"}
	for _, tc := range []struct {
		name string
		sets []string
		warn bool
	}{
		{"failing posts trap", trapping, true},
		{"classroom", nil, false},
	} {
		out := filepath.Join(t.TempDir(), "out")
		stdout := mustRun(t, append([]string{"claim", "classroom", "--reps", "3", "--max-reps", "3", "--waiting-off", "--formats", "", "--quiet", "--out", out}, tc.sets...)...)
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		for where, text := range map[string]string{"the terminal": stdout, "report.md": string(report)} {
			said := strings.Contains(text, "the chain's count and the intervention disagree") || strings.Contains(text, "The chain's count and the intervention disagree")
			if said != tc.warn || tc.warn && !strings.Contains(text, "follow the count, whose trapped means blocked at one place for 14 days and unable to pay a smuggler") {
				t.Errorf("%s: %s warns %v; want %v:\n%s", tc.name, where, said, tc.warn, text)
			}
		}
	}
}

// TestOnTrappedWords: the chain line's count on trapped or stranded
// migrants, with its share, and a fall said as one, not as "0%".
func TestOnTrappedWords(t *testing.T) {
	for _, tt := range []struct {
		immobile, share float64
		want            string
	}{
		{766, 766.0 / 20577, "766 (4%) on trapped or stranded migrants"},
		{-39.1, -39.1 / 11908, "-39.1 on trapped or stranded migrants (fewer than without malfunction)"},
		{0, math.NaN(), "0.0 on trapped or stranded migrants"},
	} {
		if got := onTrappedWords(tt.immobile, tt.share); got != tt.want {
			t.Errorf("onTrappedWords(%v, %v) = %q; want %q", tt.immobile, tt.share, got, tt.want)
		}
	}
}

// TestRobustnessKeepsWhatItScales: a --set of a key that --robustness
// multiplies or shifts at its points, rather than replaces (every post's
// capacity, the papers, the smugglers' prices and markets), is kept: the
// points start from the value given. One it replaces is refused.
func TestRobustnessKeepsWhatItScales(t *testing.T) {
	for _, tt := range []struct {
		kv      string
		refused bool
	}{
		{"posts.0.capacity=7", false},
		{"origins.0.documented=0.6", false},
		{"smuggling.price=600", false},
		{"smuggling.price_max=5000", false},
		{"markets.0.max_smugglers=30", false},
		{"markets.0.smugglers=3", false},
		{"abuse.queue_effect=1", true},
		{"migrants.give_up_days=40", true},
	} {
		s, err := scenarios.Load(small)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetAs("--set", tt.kv); err != nil {
			t.Fatal(err)
		}
		if err := robustnessReplaces(s); (err != nil) != tt.refused {
			t.Errorf("--robustness --set %s: %v; refused: want %v", tt.kv, err, tt.refused)
		}
	}
}
