package output

// TableSums takes a table's checksums from its content as it is written,
// in pieces of any size: for a table written otherwise than through
// CSVFile (the event log, assembled from compressed pieces), so that it
// need not be read back, which for a large log takes seconds, when its
// folder is finished. Sums is what Check reads from the whole table.
type TableSums struct{ s lineSums }

// NewTableSums starts the checksums of a table.
func NewTableSums() *TableSums { return &TableSums{s: lineSums{t: newTableHasher()}} }

// Write takes the next bytes of the table's content (uncompressed).
func (t *TableSums) Write(p []byte) (int, error) { return t.s.Write(p) }

// Sums is the table's checksum and block digests; the caller sets File.
// Nothing may be written after it.
func (t *TableSums) Sums() Checked { return t.s.finish() }
