package experiment_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestReportSaysWhichBorderworkWroteIt: report.md's header names the
// borderwork that wrote the folder, as its manifest records it (version,
// model version, commit; referee 8, N4). A folder whose manifest records
// another revision (built from modified sources) and whose report.md says
// so reproduces, report.md included: a binary of another revision writes
// the same report but for that line, which the build warnings name. A
// report whose line was edited is still a mismatch.
func TestReportSaysWhichBorderworkWroteIt(t *testing.T) {
	src := filepath.Join(t.TempDir(), "compare")
	if _, err := experiment.Write(context.Background(), comparePlan(t, classroom(t, 2, 20)), src, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(src)
	if err != nil {
		t.Fatal(err)
	}
	this := runs.BuiltBy(m)
	if !strings.HasPrefix(this, "borderwork "+output.Version+", model version ") || !strings.HasSuffix(this, ", commit "+m.Commit) {
		t.Fatalf("runs.BuiltBy = %q; want the manifest's version %s, model version and commit %s", this, output.Version, m.Commit)
	}
	report, err := os.ReadFile(filepath.Join(src, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(report, []byte("- Written by "+this+".\n")) {
		t.Fatalf("report.md does not say it was written by %s:\n%s", this, report)
	}
	const other = "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		name, line string
		reproduced bool
	}{
		{"as its manifest records", "commit " + other + " with uncommitted changes", true},
		{"edited", "commit " + other, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "compare")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			// The report as a binary of that revision wrote it, and its
			// checksum in the manifest.
			b := bytes.Replace(report, []byte("commit "+m.Commit+"."), []byte(tt.line+"."), 1)
			if bytes.Equal(b, report) {
				t.Fatal("report.md names no commit to replace")
			}
			if err := os.WriteFile(filepath.Join(dir, "report.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				m["commit"], m["dirty"] = other, true
				m["report"].(map[string]any)["sha256"] = output.SHA256(b)
			})
			rep, err := experiment.Reproduce(context.Background(), dir, 2)
			if err != nil {
				t.Fatal(err)
			}
			mismatch := strings.Contains(strings.Join(rep.Problems, "\n"), "report.md")
			if mismatch == tt.reproduced || len(rep.Problems) > 1 {
				t.Errorf("Reproduce: problems %q; want report.md reproduced: %v, and no other problem", rep.Problems, tt.reproduced)
			}
			if !strings.Contains(strings.Join(rep.Warnings, "\n"), other) {
				t.Errorf("Reproduce: warnings %q; want one naming the folder's revision", rep.Warnings)
			}
		})
	}
}
