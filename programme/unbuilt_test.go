package programme

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestReportPostsBeforeAnyIsBuilt: report.md's table of what the
// programme does to its posts averages over the posts open on a day; a
// programme whose only post is still being built on the day it starts
// has none open then, and the row says so (–, 0 of 1) rather than
// printing NaN, the mean over no post.
func TestReportPostsBeforeAnyIsBuilt(t *testing.T) {
	s, err := scenarios.Load(filepath.Join("..", "scenarios", "testdata", "programme.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range []string{"programmes.build.posts=New", "days=240"} {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, out, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	if strings.Contains(report, "NaN") {
		t.Errorf("report.md writes NaN:\n%s", report)
	}
	for _, want := range []string{"|programme starts|30|–|–|–|–|–|0 of 1|", "|end of run|239|"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md has no %q:\n%s", want, report)
		}
	}
}
