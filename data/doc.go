// Package data embeds the observations that borderwork's scenarios are
// compared with, so that a fresh clone needs no download. The main
// abstraction is the Flow: the number of movements that IOM's
// Displacement Tracking Matrix counted at a flow monitoring point in
// Niger (Arlit, Séguédine, or both together) over one period, with the
// report it comes from.
//
// The files themselves, and how every number was traced to its report, are
// described in dtm-niger/README.md. Parsing checks the files' shape (dates,
// counts, sources, duplicates) and reports the first problem as one line
// naming file, line and column.
package data
