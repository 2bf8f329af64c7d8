package experiment

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestRunEventsClosedBeforeRemoved: a run's temporary file of events is
// closed before it is removed once appended to the event log. Windows
// removes no file that is open: `compare --events` failed there
// ("Sharing violation"), with status 1, after every run. Linux removes
// it all the same, so the test asks whether it is still open.
func TestRunEventsClosedBeforeRemoved(t *testing.T) {
	if _, ok := foldertest.HeldOpen(t.TempDir()); !ok {
		t.Skip("cannot tell which files are open here")
	}
	removed := 0
	was := removeRunEvents
	t.Cleanup(func() { removeRunEvents = was })
	removeRunEvents = func(path string) error {
		if open, _ := foldertest.HeldOpen(path); open {
			t.Errorf("%s removed while still open", filepath.Base(path))
		}
		removed++
		return os.Remove(path)
	}
	s := loadSmall(t, 2, 20)
	x, err := (&Plan{Command: "compare", Scenario: s, Arg: small, Regimes: []string{"open"}, Reps: 2,
		Events: []int{0, 1}, Args: runs.RunArgs(false, []int{0, 1})}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), x, filepath.Join(t.TempDir(), "out"), Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if removed != 2 {
		t.Errorf("%d runs' files of events removed; want 2", removed)
	}
}
