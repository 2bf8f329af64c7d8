package validation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestCheckDataRefusesEachChange: reproduce reruns a validation only
// from the data it was run against. Each single change of the data
// folder since (a file edited, removed or added, the Missing Migrants
// Project export edited) is refused on its own, naming the file; the
// data as recorded, a hidden file beside it, passes.
func TestCheckDataRefusesEachChange(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		change func(data, mmp string)
		want   string // "" for none
	}{
		{"nothing", func(data, mmp string) {}, ""},
		{"a hidden file", func(data, mmp string) { os.WriteFile(filepath.Join(data, ".DS_Store"), []byte("x"), 0o644) }, ""},
		{"a file edited", func(data, mmp string) {
			os.WriteFile(filepath.Join(data, "sub", "series.csv"), []byte("day,count\n1,8\n"), 0o644)
		}, filepath.Join("sub", "series.csv") + " has changed"},
		{"a file removed", func(data, mmp string) { os.Remove(filepath.Join(data, "sources.txt")) }, "sources.txt is no longer there"},
		{"a file added", func(data, mmp string) { os.WriteFile(filepath.Join(data, "notes.txt"), []byte("n"), 0o644) }, "notes.txt was not in the data folder then"},
		{"the export edited", func(data, mmp string) { os.WriteFile(mmp, []byte("other"), 0o644) }, "validate.mmp_sha256"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			data, mmp := filepath.Join(dir, "data"), filepath.Join(dir, "mmp.csv")
			for name, text := range map[string]string{"flows.csv": "from,to,count\n", "sub/series.csv": "day,count\n1,7\n", "sources.txt": "IOM\n"} {
				p := filepath.Join(data, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(mmp, []byte("incidents"), 0o644); err != nil {
				t.Fatal(err)
			}
			in, err := NewInfo(ctx, data, "closed")
			if err != nil {
				t.Fatal(err)
			}
			in.MMP, in.MMPSHA256 = mmp, output.SHA256([]byte("incidents"))
			tt.change(data, mmp)
			err = in.CheckData(ctx, filepath.Join(dir, "out"), &output.Manifest{})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckData = %v; want the data accepted", err)
			case tt.want != "" && (!errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckData = %v; want a bad-input error saying %q", err, tt.want)
			}
		})
	}
}
