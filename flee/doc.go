// Package flee imports refugee-flow cases written for Flee, the
// agent-based model of forced displacement validated against UNHCR camp
// registrations (github.com/djgroen/flee), and measures borderwork's fit
// to the same data. Its central type is Case: a Flee case folder read
// whole (locations, routes, closures, conflicts, registration
// corrections, the UNHCR series and the settings file). From a Case,
// Import writes a borderwork scenario that runs under the Flee rule set
// (sim.RulesFlee); Validate runs such a scenario for a number of
// replicates and compares its camp populations with the observed ones by
// Flee's three error measures (Measure).
//
// docs/VALIDATION.md describes the method and the results on the bundled
// mali2012 case; FLEE-FORMAT facts are cited where the code follows them.
package flee
