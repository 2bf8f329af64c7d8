// Package claim tests the claim behind borderwork: that it is not borders
// per se but malfunctioning borders that endanger migrants. The central
// type is Design: a full factorial design over switches of the regime
// factor space (closure, malfunction, protection; or malfunction split
// into reliability, integrity and information), whose cells are run with
// common random numbers so that every contrast is paired within a
// replicate.
//
// On each harm (output.Harms) the check estimates main effects,
// interactions and the effect of each switch at each level of the others,
// with intervals, and gives each a verdict from four: harmful, protective,
// no meaningful difference (the interval lies within the smallest effect
// of interest: an equivalence test) or inconclusive, after Holm's
// correction across every test the check makes. The claim in its plain
// form, that malfunction harms at every level of closure and closure
// harms less, is then judged from those verdicts. A mediation table says
// how much of each cell's abuse fell on migrants trapped or stranded at
// the time, which measures the claim's chain (malfunction → trapped →
// abused) directly; on the abuse harms the claim holds only if that chain
// holds too (more than Options.ChainShare of the abuse malfunction adds on
// trapped or stranded migrants), and otherwise holds "but not through
// trapping". docs/CLAIM.md gives the design, the statistics and how to
// read the results.
package claim
