package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
)

// chainLine is one of the chain's lines claim prints: the abuse
// malfunction adds at a setting, how much of it falls on trapped or
// stranded migrants, and the test against the chain's share.
var chainLine = regexp.MustCompile(`(?m)^  at (open|closed) admission(, without protection)?: ([\d,.]+) abuse events added, (-?[\d,.]+)(?: \((\d+)%\))? on trapped or stranded migrants.*; d = on trapped - 0\.5 × added = (-?[\d,.]+) \[(-?[\d,.]+), (-?[\d,.]+)\] per run: the chain (?:IS )?(HOLDS|FAILS|INCONCLUSIVE)$`)

// chainTest is a chainLine read: its setting (open or closed, and "none"
// for protection without it), the abuse added, that on trapped migrants,
// its share in percent ("" where it has none), the difference and its
// interval, and the verdict.
type chainTest struct {
	setting, added, trapped, share, d, lo, hi, verdict string
}

// chainTests reads the chain's lines of claim's output.
func chainTests(t *testing.T, stdout string) map[string]chainTest {
	t.Helper()
	tests := map[string]chainTest{}
	for _, m := range chainLine.FindAllStringSubmatch(stdout, -1) {
		setting := m[1]
		if m[2] != "" {
			setting += " none"
		}
		tests[setting] = chainTest{setting, m[3], m[4], m[5], m[6], m[7], m[8], strings.ToLower(m[9])}
	}
	for _, s := range []string{"open", "closed", "open none", "closed none"} {
		if _, ok := tests[s]; !ok {
			t.Fatalf("claim prints no chain line at %s admission:\n%s", s, stdout)
		}
	}
	return tests
}

// claimMD is docs/CLAIM.md, its lines joined as one.
func claimMD(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../docs/CLAIM.md")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(b)), " ")
}

// TestClaimScenariosDoc: what docs/CLAIM.md says of the chain in the
// bundled sahel and south-sudan scenarios, under the defaults, is what
// `borderwork claim` prints there: the verdicts, the abuse added and on
// trapped migrants, the shares and the differences. Once, a change of the
// model turned south-sudan's chain at open admission from inconclusive
// to holding, and the page went on saying it was inconclusive.
func TestClaimScenariosDoc(t *testing.T) {
	t.Parallel()
	doc := claimMD(t)
	run := func(t *testing.T, scenario string) (string, map[string]chainTest) {
		t.Helper()
		stdout := mustRun(t, "claim", scenario, "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
		return stdout, chainTests(t, stdout)
	}
	t.Run("sahel", func(t *testing.T) {
		t.Parallel()
		stdout, c := run(t, "sahel")
		for setting, verdict := range map[string]string{"open": "fails", "closed": "fails", "open none": "fails", "closed none": "fails"} {
			if c[setting].verdict != verdict {
				t.Errorf("sahel: the chain %s at %s admission; docs/CLAIM.md says it %s", c[setting].verdict, setting, verdict)
			}
		}
		open, closed, openNone, closedNone := c["open"], c["closed"], c["open none"], c["closed none"]
		for _, want := range []string{
			"in `sahel` " + open.trapped + " of the " + open.added + " abuse events malfunction adds at open admission (" + open.share + "%) and " +
				closed.trapped + " of " + closed.added + " at closed (" + closed.share + "%) fall on trapped or stranded migrants",
			"In `sahel` " + openNone.trapped + " of the " + openNone.added + " abuse events malfunction adds at open admission without protection (" + openNone.share + "%)",
			"at closed admission malfunction adds " + closedNone.added + " while the abuse on trapped or stranded migrants falls by " + strings.TrimPrefix(closedNone.trapped, "-") + " a run",
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("docs/CLAIM.md does not say %q", want)
			}
		}
		if !strings.HasPrefix(closedNone.trapped, "-") {
			t.Errorf("sahel: at closed admission without protection the abuse on trapped migrants changes by %s; docs/CLAIM.md says it falls", closedNone.trapped)
		}
		// The first column of the tables under "An assumption behind
		// closure's effect on ...", whose command adds --own none: the
		// design's cells are the same runs without the scenario's own
		// regimes.
		for harm, want := range map[string]string{
			"deaths":       "| `sahel` | `borderwork claim sahel --own none` (60 replicates) | %s |",
			"abuse events": "| `sahel` | `borderwork claim sahel --own none` (60 replicates) | %s |",
		} {
			closure := effectsRow(t, stdout, harm)[3]
			if !strings.Contains(doc, fmt.Sprintf(want, docSigned(closure))) {
				t.Errorf("sahel: closure's effect on %s is %s; docs/CLAIM.md's table of an assumption behind it does not say so", harm, closure)
			}
		}
	})
	t.Run("south-sudan", func(t *testing.T) {
		t.Parallel()
		_, c := run(t, "south-sudan")
		for setting, ct := range c {
			if ct.verdict != "holds" {
				t.Errorf("south-sudan: the chain %s at %s admission; docs/CLAIM.md says it holds at every setting", ct.verdict, setting)
			}
		}
		open, closed := c["open"], c["closed"]
		for _, want := range []string{
			"Of the " + open.added + " abuse events malfunction adds at open admission, " + open.trapped + " (" + open.share + "%) fall on trapped or stranded migrants, d = +" + open.d + " [" + open.lo + ", " + open.hi + "]",
			"of the " + closed.added + " it adds at closed admission, " + closed.trapped + " (" + closed.share + "%), d = +" + closed.d + " [" + closed.lo + ", " + closed.hi + "]",
			"Without protection the chain holds at both settings too (" + c["open none"].share + "% and " + c["closed none"].share + "%)",
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("docs/CLAIM.md does not say %q", want)
			}
		}
	})
}

// TestClaimSeaRouteDoc: what docs/CLAIM.md says of the claim on the
// bundled sea route, central-med, under the defaults: each harm's
// verdict, which is the worse, and the abuse malfunction adds at open
// admission with the part on trapped migrants.
func TestClaimSeaRouteDoc(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, "claim", "central-med", "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
	main, _, _ := strings.Cut(stdout, "The claim where the named regimes lie")
	for harm, want := range map[string]string{
		"trapped person-days":     `closure worse +.* FAILS`,
		"immobilised person-days": `closure worse +.* FAILS`,
		"abuse events":            `no meaningful difference +.* FAILS`,
		"migrants abused":         `malfunction worse +.* HOLDS, BUT NOT THROUGH TRAPPING`,
		"deaths":                  `closure worse +.* FAILS`,
		"harm index":              `closure worse +.* FAILS`,
	} {
		if !regexp.MustCompile(`(?m)^` + harm + ` +.*` + want + `$`).MatchString(main) {
			t.Errorf("central-med: the verdict on %s is not %q, as docs/CLAIM.md says:\n%s", harm, want, main)
		}
	}
	// The chain at open admission (at closed, malfunction adds no abuse,
	// a line chainTests does not read).
	for _, m := range chainLine.FindAllStringSubmatch(stdout, -1) {
		if m[1] != "open" || m[2] != "" {
			continue
		}
		if want := "of the " + m[3] + " abuse events malfunction adds at open admission, " + m[4] + " (" + m[5] + "%) fall on trapped or stranded migrants"; !strings.Contains(claimMD(t), want) || m[9] != "FAILS" {
			t.Errorf("central-med: the chain %s at open admission; docs/CLAIM.md does not say %q, or that it fails", m[9], want)
		}
		return
	}
	t.Errorf("central-med: claim prints no chain line at open admission:\n%s", stdout)
}

// TestClaimSeaRouteViolentPatrolsDoc: docs/CLAIM.md's central-med with
// the patrols' violence at a rate of 0.5: closure the worse on abuse
// events, and the claim on migrants abused still holding, not through
// trapping, malfunction harmful at closed admission too.
func TestClaimSeaRouteViolentPatrolsDoc(t *testing.T) {
	t.Parallel()
	const set = "factors.enforcement.patrolled.pushback_violence=0.5"
	if want := "At 0.5 (a chance of at least 39% of violence at each interception) closure becomes the worse on abuse events too, and the claim on migrants abused still holds, not through trapping."; !strings.Contains(claimMD(t), want) {
		t.Fatalf("docs/CLAIM.md does not say %q", want)
	}
	stdout := mustRun(t, "claim", "central-med", "--set", set, "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
	main, _, _ := strings.Cut(stdout, "The claim where the named regimes lie")
	for _, want := range []string{
		`(?m)^abuse events +.* closure worse +.* FAILS$`,
		`(?m)^migrants abused +harmful +harmful +.* HOLDS, BUT NOT THROUGH TRAPPING$`,
	} {
		if !regexp.MustCompile(want).MatchString(main) {
			t.Errorf("central-med --set %s: no line matches %q, as docs/CLAIM.md says:\n%s", set, want, main)
		}
	}
}

// TestClaimOversightHeldEqualDoc: docs/CLAIM.md's figure for the abuse
// malfunction adds at open admission in classroom with oversight held
// equal is what the command it names prints, and the claim on abuse
// fails there, as it says, also where its robustness section shows that
// command.
func TestClaimOversightHeldEqualDoc(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, "claim", "classroom", "--set", "factors.integrity.weak.oversight=0.9", "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
	c := chainTests(t, stdout)
	if want := "with oversight held equal, malfunction at open admission adds " + c["open"].added + " abuse events a run instead of"; !strings.Contains(claimMD(t), want) {
		t.Errorf("docs/CLAIM.md does not say %q", want)
	}
	if !regexp.MustCompile(`(?m)^abuse events +.* FAILS$`).MatchString(stdout) {
		t.Errorf("with oversight held equal the claim on abuse events does not fail, as docs/CLAIM.md says it does:\n%s", stdout)
	}
	// Its robustness section shows the command and says what it gives.
	for _, want := range []string{
		"borderwork claim classroom --set factors.integrity.weak.oversight=0.9 (0.9 being the strong level's value in `classroom`): there the claim fails on both abuse harms, closure being the worse.",
	} {
		if !strings.Contains(claimMD(t), want) {
			t.Errorf("docs/CLAIM.md does not say %q", want)
		}
	}
	for _, harm := range []string{"abuse events", "migrants abused"} {
		if !regexp.MustCompile(`(?m)^` + harm + ` +.* closure worse +.* FAILS$`).MatchString(stdout) {
			t.Errorf("with oversight held equal the claim on %s does not fail with closure worse, as docs/CLAIM.md says:\n%s", harm, stdout)
		}
	}
}

// TestClaimSplitClosureDoc: docs/CLAIM.md's figures for closure without
// protection, and malfunction − closure, on migrants abused in classroom,
// unsplit and with --split-malfunction, are what the commands it names
// give, with the verdicts it says: closure's verdict changes with the
// design, malfunction − closure's does not.
func TestClaimSplitClosureDoc(t *testing.T) {
	t.Parallel()
	doc := claimMD(t)
	effects := func(split bool) map[string]claimEffectJSON {
		args := []string{"classroom", "--reps", "10", "--max-reps", "20"}
		if split {
			args = append(args, "--split-malfunction")
		}
		out := map[string]claimEffectJSON{}
		for _, e := range runClaim(t, args...).Effects {
			if e.Harm == "abused_migrants" {
				out[e.Effect] = e
			}
		}
		return out
	}
	// shown is an effect as CLAIM.md writes it: with a sign when
	// positive and minus signs, not hyphens.
	shown := func(e claimEffectJSON, plus bool) string {
		s := claim.FormatInterval(claim.Estimate{Mean: *e.Mean, Lo: *e.CILow, Hi: *e.CIHigh})
		if plus && *e.Mean > 0 {
			s = "+" + s
		}
		return strings.ReplaceAll(s, "-", "−")
	}
	unsplit, split := effects(false), effects(true)
	closure, diff := "closure|protection=none", "malfunction-closure|protection=none"
	want := "closure without protection changes migrants abused by " + shown(unsplit[closure], true) + " a run, harmful, unsplit, and by " + shown(split[closure], true) +
		" a run, no meaningful difference, split; malfunction − closure there is " + shown(unsplit[diff], false) + " unsplit and " + shown(split[diff], false) + " split, malfunction worse in both"
	if !strings.Contains(doc, want) {
		t.Errorf("docs/CLAIM.md does not say %q", want)
	}
	for _, c := range []struct {
		name string
		e    claimEffectJSON
		want claim.Verdict
	}{
		{"closure, unsplit", unsplit[closure], claim.Harmful},
		{"closure, split", split[closure], claim.NoDifference},
		{"malfunction − closure, unsplit", unsplit[diff], claim.Harmful},
		{"malfunction − closure, split", split[diff], claim.Harmful},
	} {
		if c.e.Verdict != string(c.want) {
			t.Errorf("%s without protection on migrants abused: %s; docs/CLAIM.md says %s", c.name, c.e.Verdict, c.want)
		}
	}
}

// effectsRow is harm's row of the first table of effects claim prints
// ("Effects per run"): the smallest effect, then malfunction's at open
// and at closed admission and closure's, each with its interval.
func effectsRow(t *testing.T, stdout, harm string) []string {
	t.Helper()
	_, table, _ := strings.Cut(stdout, "Effects per run")
	table, _, _ = strings.Cut(table, "Without protection:")
	effect := `(-?[\d,.]+ \[-?[\d,.]+, -?[\d,.]+\])`
	m := regexp.MustCompile(`(?m)^` + harm + ` +(±[\d,.]+) +` + effect + ` +` + effect + ` +` + effect + `$`).FindStringSubmatch(table)
	if m == nil {
		t.Fatalf("claim prints no effects on %s:\n%s", harm, stdout)
	}
	return m[1:]
}

// docSigned is an effect as docs/CLAIM.md's tables write it: with its
// sign, + or the minus sign −.
func docSigned(effect string) string {
	if !strings.HasPrefix(effect, "-") {
		effect = "+" + effect
	}
	return strings.ReplaceAll(effect, "-", "−")
}
