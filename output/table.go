package output

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"

	"github.com/borderwork/borderwork/scenarios"
)

// Table is a small CSV table read whole, its cells addressed by column
// name, so that a reader does not depend on the position of a column.
// Problems are reported as scenarios.Error: file, line and column.
type Table struct {
	Path   string
	Header []string
	Rows   [][]string // data rows; row i is on line i+2
}

// ReadTable reads the table at path and checks it has the named columns
// and no row of another length.
func ReadTable(path string, columns ...string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	recs, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &scenarios.Error{File: path, Line: pe.Line, Msg: pe.Err.Error()}
		}
		return nil, &scenarios.Error{File: path, Msg: err.Error()}
	}
	if len(recs) == 0 {
		return nil, &scenarios.Error{File: path, Msg: "the table is empty: it has no header"}
	}
	t := &Table{Path: path, Header: recs[0], Rows: recs[1:]}
	for _, c := range columns {
		if !slices.Contains(t.Header, c) {
			return nil, &scenarios.Error{File: path, Line: 1, Key: c, Msg: "no such column"}
		}
	}
	return t, nil
}

// Column is the position of a column, or -1.
func (t *Table) Column(name string) int { return slices.Index(t.Header, name) }

// Cell is the text in row i, column name ("" if the table has no such
// column).
func (t *Table) Cell(i int, name string) string {
	if c := t.Column(name); c >= 0 && c < len(t.Rows[i]) {
		return t.Rows[i][c]
	}
	return ""
}

// Float reads row i, column name as a number.
func (t *Table) Float(i int, name string) (float64, error) {
	v, err := strconv.ParseFloat(t.Cell(i, name), 64)
	if err != nil {
		return 0, t.Errorf(i, name, "want a number, got %q", t.Cell(i, name))
	}
	return v, nil
}

// Int reads row i, column name as a whole number.
func (t *Table) Int(i int, name string) (int, error) {
	v, err := strconv.Atoi(t.Cell(i, name))
	if err != nil {
		return 0, t.Errorf(i, name, "want a whole number, got %q", t.Cell(i, name))
	}
	return v, nil
}

// Errorf places a problem on row i, column name.
func (t *Table) Errorf(i int, name, format string, args ...any) error {
	return &scenarios.Error{File: t.Path, Line: i + 2, Key: name, Msg: fmt.Sprintf(format, args...)}
}
