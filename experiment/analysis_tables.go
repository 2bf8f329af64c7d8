package experiment

import (
	"bytes"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/output"
)

// Table is a table a kind's analysis works out from a folder's runs (a
// claim's effects.csv, a programme's channels.csv, a sensitivity
// analysis' sobol.csv): its file's name, relative to the folder, header
// and rows. A kind lists its analysis' tables once, to write them
// (Writer.WriteTable, Table.WriteIn) and, in its Rereport, to compare
// them with the folder's (AnalysisUnchanged), so that the two agree to
// the byte.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// Bytes are the table's file as Writer.WriteTable and WriteIn write it.
func (t Table) Bytes() []byte {
	var b bytes.Buffer
	c := output.NewCSV(&b)
	c.Write(t.Header)
	for _, r := range t.Rows {
		c.Write(r)
	}
	c.Close() // into memory: no error to lose
	return b.Bytes()
}

// WriteIn writes the table into the folder at dir.
func (t Table) WriteIn(dir string) error {
	c, err := output.CreateCSV(filepath.Join(dir, filepath.FromSlash(t.Name)), t.Header)
	if err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := c.Write(r); err != nil {
			c.Close()
			return err
		}
	}
	return c.Close()
}

// AnalysisUnchanged checks the tables ts, as this borderwork's analysis
// works them out from a folder's runs, against the checksums the
// folder's manifest m records: an *AnalysisChanged naming those that
// differ, or that m does not list (the folder's borderwork analysed its
// runs otherwise), or nil where all agree. A kind's Rereport answers it
// rather than write a report that would contradict the folder's tables.
func AnalysisUnchanged(m *output.Manifest, ts []Table) error {
	var changed []string
	for _, t := range ts {
		i := slices.IndexFunc(m.Tables, func(c output.Checked) bool { return c.File == t.Name })
		if i < 0 || m.Tables[i].SHA256 != output.SHA256(t.Bytes()) {
			changed = append(changed, t.Name)
		}
	}
	if len(changed) > 0 {
		return &AnalysisChanged{Tables: changed}
	}
	return nil
}
