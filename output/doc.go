// Package output writes and reads borderwork's output folder: the tidy
// tables (timeseries.csv, summary.csv, stats.csv), manifest.json with its
// checksums, and the report. The central type is Folder, an output folder
// being written under a temporary name and renamed into place when done.
// Figures are drawn by the sub-package figures. docs/OUTPUTS.md documents
// every column.
//
// A folder is read back with ReadManifest (what ran: command line, seed,
// regimes, runs), ReadSummary (one SummaryRow per run, its totals in the
// order of Totals; GroupRows gathers them by sweep point and regime, and
// Describe gives a total's mean and 95% interval), ReadTimeseries (one row
// per run and day) and ReadTable (any of its CSV tables, by column).
package output
