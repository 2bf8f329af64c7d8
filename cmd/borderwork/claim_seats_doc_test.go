package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// verdictRows are the rows of claim's tables of verdicts, the main one
// and the one without protection: each harm and what it says of it.
var verdictRows = regexp.MustCompile(`(?m)^(?:trapped person-days|immobilised person-days|abuse events|migrants abused|deaths|harm index) +[a-z].*$`)

// shortOfSeats is classroom short of seats, as docs/CLAIM.md builds it.
var shortOfSeats = []string{"--set", "markets.Town.smugglers=1", "--set", "markets.Town.max_smugglers=1", "--set", "smuggling.seats=2",
	"--set", "origins.Village.money_mean=2000", "--set", "origins.Village.will_turn_back=0"}

// TestClaimSeatWaitingDoc: docs/CLAIM.md's table of what counting the
// wait for a seat as trapping (migrants.seatless_trapped) does to
// closure's effect on trapped person-days, and to the verdicts, is what
// the commands it names print. If the rule's option stopped changing the
// count, the second column would no longer match.
func TestClaimSeatWaitingDoc(t *testing.T) {
	t.Parallel()
	doc := claimMD(t)
	for _, tt := range []struct {
		world string
		args  []string
		// sameAll: every verdict of the tables is the same, not only the
		// claim's, which always are.
		sameAll bool
	}{
		{"`classroom` | `borderwork claim classroom` (60 replicates)", []string{"classroom"}, true},
		{"`agadez2016` | `borderwork claim agadez2016 --reps 6 --max-reps 6 --own none`", []string{"agadez2016", "--reps", "6", "--max-reps", "6", "--own", "none"}, false},
		{"short of seats | `borderwork claim classroom` with the sets below (60 replicates)", append([]string{"classroom"}, shortOfSeats...), true},
	} {
		t.Run(strings.Fields(tt.args[0])[0]+fmt.Sprint(len(tt.args)), func(t *testing.T) {
			t.Parallel()
			run := func(seats string) string {
				args := append([]string{"claim"}, tt.args...)
				args = append(args, "--set", "migrants.seatless_trapped="+seats, "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
				return mustRun(t, args...)
			}
			off, on := run("false"), run("true")
			closureOff, closureOn := effectsRow(t, off, "trapped person-days")[3], effectsRow(t, on, "trapped person-days")[3]
			if want := fmt.Sprintf("| %s | %s | %s |", tt.world, docSigned(closureOff), docSigned(closureOn)); !strings.Contains(doc, want) {
				t.Errorf("docs/CLAIM.md's table of the wait for a seat does not say %q", want)
			}
			rowsOff, rowsOn := verdictRows.FindAllString(off, -1), verdictRows.FindAllString(on, -1)
			if len(rowsOff) != 12 || len(rowsOn) != 12 {
				t.Fatalf("%d and %d rows of verdicts; want 12 each:\n%s", len(rowsOff), len(rowsOn), off)
			}
			claimOf := func(rows []string) []string {
				var c []string
				for _, r := range rows {
					c = append(c, r[strings.LastIndex(r, "  ")+2:])
				}
				return c
			}
			if !slices.Equal(claimOf(rowsOff), claimOf(rowsOn)) {
				t.Errorf("counting the wait for a seat changed the claim's verdicts, which docs/CLAIM.md says it does not:\n%s\n%s", strings.Join(rowsOff, "\n"), strings.Join(rowsOn, "\n"))
			}
			if same := slices.Equal(rowsOff, rowsOn); same != tt.sameAll {
				t.Errorf("every verdict the same: %v; docs/CLAIM.md says %v:\n%s\n%s", same, tt.sameAll, strings.Join(rowsOff, "\n"), strings.Join(rowsOn, "\n"))
			}
		})
	}
}
