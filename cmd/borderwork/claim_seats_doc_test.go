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
		// changed is the one verdict docs/CLAIM.md says moves, as
		// "harm|column|from|to" of the main table; "" for none.
		changed string
	}{
		{"`classroom` | `borderwork claim classroom` (60 replicates)", []string{"classroom"}, ""},
		{"`agadez2016` | `borderwork claim agadez2016 --reps 6 --max-reps 6 --own none`", []string{"agadez2016", "--reps", "6", "--max-reps", "6", "--own", "none"},
			"trapped person-days|malfunction at closed|harmful|inconclusive"},
		{"short of seats | `borderwork claim classroom` with the sets below (60 replicates)", append([]string{"classroom"}, shortOfSeats...), ""},
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
			// The columns of the tables of verdicts, after the harm's.
			columns := []string{"malfunction at open", "malfunction at closed", "closure", "malfunction - closure", "chain at open", "chain at closed", "the claim"}
			var changed []string
			for i := range rowsOff {
				a, b := terminalCells.Split(rowsOff[i], -1), terminalCells.Split(rowsOn[i], -1)
				for j := 1; j < min(len(a), len(b), len(columns)+1); j++ {
					if a[j] != b[j] {
						where := columns[j-1]
						if i >= 6 {
							where += ", without protection"
						}
						changed = append(changed, strings.Join([]string{a[0], where, a[j], b[j]}, "|"))
					}
				}
			}
			if want := slices.DeleteFunc([]string{tt.changed}, func(s string) bool { return s == "" }); !slices.Equal(changed, want) {
				t.Errorf("counting the wait for a seat changed the verdicts %q; docs/CLAIM.md says %q", changed, want)
			}
		})
	}
}

// terminalCells splits a row of claim's tables into its cells, which
// two or more spaces part.
var terminalCells = regexp.MustCompile(`  +`)
