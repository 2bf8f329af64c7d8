package scenarios

import "fmt"

// Warnings are what a valid scenario will do that its author may not
// expect, each placed on its file, line and key as an Error is. One kind
// today: a market that starts with no smuggler never opens
// (docs/MODEL.md 7.11, a known limitation of the model). That is what a
// user setting 0 to turn smuggling off wants, and a surprise to one
// expecting entry to fill the market, so it is said, not refused.
func (s *Scenario) Warnings() Errors {
	v := &validator{s: s}
	for i, m := range s.File.Markets {
		if m.Smugglers == 0 {
			v.add(fmt.Sprintf("markets.%d.smugglers", i),
				"the market at %s starts with no smuggler, so no migrant is ever smuggled from it: "+
					"entry needs a smuggler's price to signal demand (docs/MODEL.md 7.11); "+
					"give at least 1 for a market that works, or keep 0 for no smuggling on this link", m.Location)
		}
	}
	return v.errs
}
