package experiment

import (
	"runtime"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

// TestModelVersionWarning: reproduce warns when a folder holds the results
// of another model version than the running engine's, and only then; a
// folder that records none was written by version 1.
func TestModelVersionWarning(t *testing.T) {
	dirty := false
	b := output.Build{Module: "v1", Revision: "abc", Dirty: &dirty}
	for _, c := range []struct {
		recorded int
		warn     bool
	}{{sim.ModelVersion, false}, {sim.ModelVersion - 1, true}, {0, sim.ModelVersion != 1}, {sim.ModelVersion + 1, true}} {
		m := &output.Manifest{Version: output.Version, ModelVersion: c.recorded, Commit: "abc", Dirty: &dirty}
		warned := false
		for _, w := range buildWarnings(m, b) {
			if strings.Contains(w, "model version") {
				warned = true
			}
		}
		if warned != c.warn {
			t.Errorf("folder of model version %d, engine %d: warned %v; want %v", c.recorded, sim.ModelVersion, warned, c.warn)
		}
	}
}

// TestGoVersionWarning: reproduce warns when the folder was written by a
// binary built with another Go than the one rerunning it (its libraries
// compress the PNG and PDF figures), and not when it was built with the
// same, or the folder records none.
func TestGoVersionWarning(t *testing.T) {
	dirty := false
	b := output.Build{Module: "v1", Revision: "abc", Dirty: &dirty}
	for _, c := range []struct {
		recorded string
		warn     bool
	}{{runtime.Version(), false}, {"go1.0.1", true}, {"", false}} {
		m := &output.Manifest{Version: output.Version, ModelVersion: sim.ModelVersion, Commit: "abc", Dirty: &dirty, GoVersion: c.recorded}
		warned := false
		for _, w := range buildWarnings(m, b) {
			if strings.Contains(w, "built with "+c.recorded+"; this one was built with "+runtime.Version()) {
				warned = true
			}
		}
		if warned != c.warn {
			t.Errorf("folder built with %q, this binary with %s: warned %v; want %v", c.recorded, runtime.Version(), warned, c.warn)
		}
	}
}
