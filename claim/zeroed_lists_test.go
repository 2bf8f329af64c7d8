package claim

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestEveryZeroedHarmIsNotedAndVaried: a harm zeroed by a setting
// (scenarios.ZeroedHarms) is one the check notes (zeroedHarms, which
// names scenarios.ZeroedHarms by position) and one --robustness varies
// from 0, at the key of one of its factor's levels, as README and
// docs/CLAIM.md say of every such harm. A harm added to
// scenarios.ZeroedHarms alone would otherwise be said by compare and the
// page but not by the claim check, and not varied.
func TestEveryZeroedHarmIsNotedAndVaried(t *testing.T) {
	if len(zeroedHarms) != len(scenarios.ZeroedHarms) {
		t.Errorf("claim notes %d zeroed harms; scenarios.ZeroedHarms has %d: give each a zeroedHarms entry (claim/patrols.go)", len(zeroedHarms), len(scenarios.ZeroedHarms))
	}
	for i, z := range scenarios.ZeroedHarms {
		if i < len(zeroedHarms) && zeroedHarms[i].Key != z.Key {
			t.Errorf("zeroedHarms[%d] is %s; scenarios.ZeroedHarms[%d] is %s", i, zeroedHarms[i].Key, i, z.Key)
		}
		varied := false
		for _, a := range Assumptions {
			parts := strings.Split(a.Key, ".")
			if len(parts) == 4 && parts[0] == "factors" && parts[1] == z.Factor && parts[3] == z.Key && a.Lo == 0 && a.Hi > 0 {
				varied = true
			}
		}
		if !varied {
			t.Errorf("no robustness assumption varies factors.%s.LEVEL.%s from 0 (claim/robustness.go, Assumptions)", z.Factor, z.Key)
		}
	}
}
