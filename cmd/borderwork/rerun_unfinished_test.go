package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// TestSweepRefusesToRunOverItsUnfinishedRuns: a sweep given again without
// --resume into the folder it left interrupted is refused (status 2,
// nothing changed), saying how many finished runs the folder holds and to
// give --resume; it simulated them again and replaced them without a
// word (audit sweep8, finding 3). A figure flag does not make it another
// sweep; another sweep, or a folder that is complete, is run over as
// before.
func TestSweepRefusesToRunOverItsUnfinishedRuns(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		earlier []string // added to smallSweep, interrupted
		again   []string // added to smallSweep, without --resume
		refused bool
	}{
		{"the same sweep", nil, nil, true},
		{"the same sweep, other figures", nil, []string{"--formats", "", "--bands", "replicates"}, true},
		{"the same shard", []string{"--shard", "1/2"}, []string{"--shard", "1/2"}, true},
		{"another sweep", nil, []string{"--reps", "3"}, false},
	} {
		for _, beside := range []bool{false, true} {
			name := c.name
			if beside {
				name += ", beside a complete folder"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(t.TempDir(), "out")
				kept := out
				if beside {
					// A rerun into a complete folder, interrupted,
					// keeps its runs at out.partial, out unchanged;
					// given again without --resume, it simulated them
					// all again without a word (audit hostile).
					mustRun(t, smallSweep(out, append([]string{"--reps", "1", "--formats", ""}, c.earlier...)...)...)
					kept = out + ".partial"
				}
				status, _, stderr := runCLIInterrupted(t, 3, append(smallSweep(out, c.earlier...), "--workers", "1")...)
				if status != exitInterrupted {
					t.Fatalf("interrupted sweep: status %d, %q", status, stderr)
				}
				m, err := output.ReadManifest(kept)
				if err != nil || m.Complete || len(m.Runs) == 0 {
					t.Fatalf("%s: %v; want an interrupted folder with finished runs", kept, err)
				}
				before := foldertest.Files(t, filepath.Dir(out))
				args := append(smallSweep(out, c.again...), "--workers", "1")
				if !c.refused {
					mustRun(t, args...)
					return
				}
				wantRefusal(t, exitUsage, "", args, fmt.Sprintf("--out: %s holds %d finished runs of this sweep, interrupted: give --resume to keep them", kept, len(m.Runs)))
				foldertest.Same(t, "the folders", filepath.Dir(out), before)
				mustRun(t, append(args, "--resume")...)
				if m, err := output.ReadManifest(out); err != nil || !m.Complete {
					t.Errorf("resumed: %v; want %s complete", err, out)
				}
			})
		}
	}
}

// TestSensitivityRefusesToRunOverItsUnfinishedRuns: as a sweep, a
// sensitivity analysis given again without --resume into the folder it
// left interrupted is refused, nothing changed, saying to give the same
// command with --resume; it simulated them again without a word. So is
// one whose interrupted runs were kept beside a complete folder, at
// out.partial.
func TestSensitivityRefusesToRunOverItsUnfinishedRuns(t *testing.T) {
	t.Parallel()
	for _, beside := range []bool{false, true} {
		t.Run(map[bool]string{false: "at out", true: "beside a complete folder"}[beside], func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "out")
			kept := out
			if beside {
				mustRun(t, smallSensitivity(out, "--trajectories", "2", "--formats", "")...)
				kept = out + ".partial"
			}
			status, _, stderr := runCLIInterrupted(t, 3, append(smallSensitivity(out), "--workers", "1")...)
			if status != exitInterrupted {
				t.Fatalf("interrupted analysis: status %d, %q", status, stderr)
			}
			m, err := output.ReadManifest(kept)
			if err != nil || m.Complete || len(m.Runs) == 0 {
				t.Fatalf("%s: %v; want an interrupted folder with finished runs", kept, err)
			}
			before := foldertest.Files(t, filepath.Dir(out))
			args := append(smallSensitivity(out), "--workers", "1")
			wantRefusal(t, exitUsage, "", args, fmt.Sprintf("--out: %s holds %d finished runs of this analysis, interrupted: give the same command with --resume to keep them", kept, len(m.Runs)))
			foldertest.Same(t, "the folders", filepath.Dir(out), before)
			mustRun(t, append(args, "--resume")...)
			if m, err := output.ReadManifest(out); err != nil || !m.Complete {
				t.Errorf("resumed: %v; want %s complete", err, out)
			}
		})
	}
}
