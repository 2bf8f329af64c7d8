package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestWarnsOfAMarketThatNeverOpens: a market set to start with no
// smuggler (a valid scenario, which never smuggles anyone: docs/MODEL.md
// 7.11) is warned of by check and by a simulating command, naming the
// override and the key, with the command's usual status; the bundled
// scenario as it is gives no warning.
func TestWarnsOfAMarketThatNeverOpens(t *testing.T) {
	const warning = ": warning: --set markets.Town.smugglers=0: markets.Town.smugglers: the market at Town starts with no smuggler"
	for _, tt := range []struct {
		name string
		sets []string
		want string
	}{
		{"as bundled", nil, ""},
		{"no smugglers", []string{"--set", "markets.Town.smugglers=0"}, warning},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, command := range [][]string{
				{"check"},
				{"run", "--reps", "1", "--days", "3", "--quiet", "--formats=", "--out", filepath.Join(t.TempDir(), "r")},
			} {
				args := append(append(command, tt.sets...), "classroom")
				status, _, stderr := runCLI(t, args...)
				if status != 0 {
					t.Fatalf("%s: status %d: %s", command[0], status, stderr)
				}
				warned := strings.Contains(stderr, "warning")
				if tt.want == "" && warned {
					t.Errorf("%s warned: %s", command[0], stderr)
				}
				if want := "borderwork " + command[0] + tt.want; tt.want != "" && !strings.Contains(stderr, want) {
					t.Errorf("%s: stderr:\n%s\nwant %q", command[0], stderr, want)
				}
			}
		})
	}
}
