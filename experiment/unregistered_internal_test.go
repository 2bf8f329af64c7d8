package experiment

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestUnregisteredKindNamesItsPackage: a program that imports experiment
// but not claim (or programme, gsa, validation) does not know a claim
// folder's kind; Reproduce and Redraw then name the package whose import
// registers it, rather than saying that the folder cannot be rerun.
func TestUnregisteredKindNamesItsPackage(t *testing.T) {
	for command, pkg := range registeredBy {
		t.Run(command, func(t *testing.T) {
			was := kinds
			t.Cleanup(func() { kinds = was })
			kinds = slices.DeleteFunc(slices.Clone(kinds), func(k Kind) bool { return k.Command == command })

			dir := t.TempDir()
			m := output.NewManifest(command)
			m.Complete, m.Reps, m.Regimes = true, 1, []string{"open"}
			if err := m.Write(filepath.Join(dir, "manifest.json")); err != nil {
				t.Fatal(err)
			}
			want := "github.com/borderwork/borderwork/" + pkg + " registers it"
			_, err := Reproduce(context.Background(), dir, 1)
			if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
				t.Errorf("Reproduce: %v; want an error matching ErrBadInput saying %q", err, want)
			}
			_, err = Redraw(dir, []string{"svg"}, FigureChange{})
			if err == nil || !errors.Is(err, ErrNotDrawable) || !strings.Contains(err.Error(), want) {
				t.Errorf("Redraw: %v; want an error matching ErrNotDrawable saying %q", err, want)
			}
		})
	}
	if s := unregistered("sweep"); s != "" {
		t.Errorf("unregistered(sweep) = %q; want nothing: this package registers it", s)
	}
}
