package web

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestScenarioTextLimitIsExact: a pasted scenario of exactly MaxText
// bytes is read, one of a byte more refused, saying the limit.
func TestScenarioTextLimitIsExact(t *testing.T) {
	classroom, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	lim.MaxText = len(classroom) + 2<<10 // room for a comment
	pad := func(n int) string {          // the scenario and a comment, n bytes in all
		return string(classroom) + "#" + strings.Repeat("x", n-len(classroom)-2) + "\n"
	}
	if _, err := check(Request{Text: pad(lim.MaxText), File: "mine.toml"}, lim); err != nil {
		t.Errorf("a scenario of %d bytes, the most the page reads: %v; want it read", lim.MaxText, err)
	}
	_, err = check(Request{Text: pad(lim.MaxText + 1), File: "mine.toml"}, lim)
	if want := "the page reads scenario files of at most"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a scenario of %d bytes, one more than the page reads: %v; want an error saying %q", lim.MaxText+1, err, want)
	}
}
