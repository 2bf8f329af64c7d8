package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestClaimChainAtWorkDoc: the numbers docs/CLAIM.md quotes from its
// examples run with --reps 10 --max-reps 20 (the split of malfunction,
// the chain at work and the market whose smugglers never leave) are the
// runs'. The sahel runs it quotes take minutes and are not checked here.
func TestClaimChainAtWorkDoc(t *testing.T) {
	t.Parallel()
	doc := claimMD(t)
	says := func(what, want, stdout string) {
		t.Helper()
		if !strings.Contains(doc, want) {
			t.Errorf("docs/CLAIM.md does not say %q (%s), as the run prints:\n%s", want, what, stdout)
		}
	}
	claim := func(args ...string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out")
		return mustRun(t, append([]string{"claim", "classroom", "--reps", "10", "--max-reps", "20", "--formats", "", "--out", out}, args...)...)
	}
	// The split: integrity's main effect on abuse events, of
	// malfunction's as a whole.
	stdout := claim("--split-malfunction")
	_, parts, ok := strings.Cut(stdout, "Malfunction's parts")
	row := regexp.MustCompile(`(?m)^abuse events +([-0-9,.]+) \[[^\]]*\] [a-z ]+? {2,}[-0-9,.]+ \[[^\]]*\] [a-z ]+? {2,}([-0-9,.]+) \[`).FindStringSubmatch(parts)
	if !ok || row == nil {
		t.Fatalf("the run prints no row of malfunction's parts on abuse events:\n%s", stdout)
	}
	says("the split", "integrity's main effect on abuse events is +"+row[2]+" a run of malfunction's +"+row[1], stdout)

	// The chain at work.
	work := []string{"--set", "origins.Village.documented=0.85", "--set", "origins.Village.money_mean=50", "--set", "posts.Post.capacity=9", "--set", "smuggling.price_min=400"}
	stdout = claim(work...)
	c := chainTests(t, stdout)
	open, closed := c["open"], c["closed"]
	says("the chain at work", open.trapped+" of the "+open.added+" abuse events malfunction adds at open admission ("+open.share+"%) and "+closed.trapped+" of "+closed.added+" at closed admission ("+closed.share+"%)", stdout)
	says("the chain at work", "d = "+open.d+" ["+open.lo+", "+open.hi+"] at open and "+closed.d+" ["+closed.lo+", "+closed.hi+"] at closed", stdout)
	if open.verdict != "inconclusive" || closed.verdict != "inconclusive" {
		t.Errorf("the chain at work %s at open admission and %s at closed; docs/CLAIM.md says inconclusive at both", open.verdict, closed.verdict)
	}

	// The same market whose smugglers never leave.
	stdout = claim(append(work, "--set", "smuggling.exit_after_days=0")...)
	c = chainTests(t, stdout)
	says("smugglers who never leave", "the shares barely move: "+c["open"].share+"% at open admission and "+c["closed"].share+"% at closed", stdout)
}
