package scenarios

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWarnings: a market starting with no smuggler, written or left out
// (0 by default; placed then on its [[markets]] line), is warned of on its
// file, line and key, as an error would be; one with a smuggler is not.
func TestWarnings(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, old, new string
		want           string // "" for no warning
	}{
		{"smugglers", "", "", ""},
		{"no smugglers", "smugglers = 2", "smugglers = 0", "bad.toml:61: markets.Home.smugglers: the market at Home starts with no smuggler"},
		{"smugglers left out", "smugglers = 2\n", "", "bad.toml:58: markets.Home.smugglers: the market at Home starts with no smuggler"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(tiny), tt.old) {
				t.Fatalf("%q is not in tiny.toml", tt.old)
			}
			s, err := Parse([]byte(strings.Replace(string(tiny), tt.old, tt.new, 1)), "bad.toml", "bad.toml", fstest.MapFS{})
			if err == nil {
				err = s.Validate()
			}
			if err != nil {
				t.Fatal(err)
			}
			got := s.Warnings()
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("warnings %v, want none", got)
				}
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0].Error(), tt.want) {
				t.Errorf("warnings %v, want one starting %q", got, tt.want)
			}
		})
	}
}
