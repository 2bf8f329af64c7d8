// Package programme analyses capacity-building programmes (a scenario's
// [[programmes]]): what a programme does to each harm, for each group of
// migrants, and through which of its two channels. The central type is
// Analysis, built from four arms per regime run with common random
// numbers: the regime without the programme, with it in full, with only
// its malfunction-repairing channel, and with only its closure-tightening
// channel (scenarios.ProgrammeSwitch).
//
// The programme's total effect is the paired difference between the full
// programme and none. A channel's effect is what the programme loses when
// that channel alone is switched off: the full programme minus the
// programme with the channel off. The two channel effects add up to the
// total, up to an interaction: the part of the effect that needs both
// channels at once (or, where they act on different migrants, replicate
// noise). Dividing what was spent by a harm averted gives its cost.
//
// Run writes an output folder of kind "programme" through the experiment
// library: the runs' tables, channels.csv, path.csv, figures and a report
// written for policy readers. docs/MODEL.md, "Programmes", says what a
// programme is and what is assumed; docs/OUTPUTS.md the folder.
package programme
