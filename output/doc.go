// Package output writes and reads borderwork's output folder: the tidy
// tables (timeseries.csv, summary.csv, stats.csv), manifest.json with its
// checksums, and the report. The central type is Folder, an output folder
// being written under a temporary name and renamed into place when done.
// Figures are drawn by the sub-package figures. docs/OUTPUTS.md documents
// every column.
package output
