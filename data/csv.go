package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/scenarios"
)

// ErrInvalid is wrapped by every error about a file's content (the
// scenarios package's, so that a command line tells bad input from a
// failure the same way for every file it reads).
var ErrInvalid = scenarios.ErrInvalid

// Error is one problem with a data file: its file, line, column (as Key)
// and message, in the shape every file error of borderwork has.
type Error = scenarios.Error

// Count is a number that a source may or may not report. A missing count is
// not zero: zero movements and an unreported month mean different things.
type Count struct {
	N     int
	Known bool
}

// dateLayout is the only date form the files use (ISO 8601, calendar date).
const dateLayout = "2006-01-02"

// table reads a CSV with a fixed header and hands each record, with its
// starting line, to row. It stops at the first problem.
type table struct {
	file   string
	header []string
}

func (t table) read(r io.Reader, row func(line int, rec []string) error) error {
	// Excel saves a CSV as UTF-8 with a byte-order mark before the header.
	cr := csv.NewReader(infile.SkipBOM(r))
	cr.FieldsPerRecord = -1 // checked below, saying how many
	head, err := cr.Read()
	if err != nil {
		return t.csvErr(err)
	}
	if err := t.utf8(cr, head, nil); err != nil {
		return err
	}
	head = t.trim(head)
	if len(head) != len(t.header) {
		msg := fmt.Sprintf("header must be %s (%d columns); it has %d", strings.Join(t.header, ","), len(t.header), len(head))
		if len(head) == 1 && strings.Contains(head[0], ";") {
			msg += ": the file looks separated by semicolons, as a spreadsheet set to a European language saves it; save it with commas between columns"
		}
		return &Error{File: t.file, Line: 1, Msg: msg}
	}
	for i, name := range t.header {
		// In any case and with spaces around, as a spreadsheet's
		// user may type a header: it names the column all the same.
		if !strings.EqualFold(strings.TrimSpace(head[i]), name) {
			return &Error{File: t.file, Line: 1, Msg: fmt.Sprintf("header must be %s; column %d is %q", strings.Join(t.header, ","), i+1, head[i])}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return t.csvErr(err)
		}
		line, _ := cr.FieldPos(0)
		if err := t.utf8(cr, rec, t.header); err != nil {
			return err
		}
		rec = t.trim(rec)
		if blank(rec) {
			continue
		}
		if len(rec) != len(t.header) {
			return &Error{File: t.file, Line: line, Msg: fmt.Sprintf("want %d fields (%s), got %d", len(t.header), strings.Join(t.header, ","), len(rec))}
		}
		if err := row(line, rec); err != nil {
			return err
		}
	}
}

// trim drops the empty cells of rec past the header's columns: a
// spreadsheet saves cells it once held, emptied, as trailing commas.
func (t table) trim(rec []string) []string {
	for len(rec) > len(t.header) && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	return rec
}

// blank reports whether every cell of rec is empty: a row of commas, as a
// spreadsheet saves a row it once held, emptied. It holds nothing.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// utf8 refuses a record (the one cr just read) holding text that is not
// UTF-8, naming its line and column (by its name in columns, if given).
func (t table) utf8(cr *csv.Reader, rec, columns []string) error {
	for i, f := range rec {
		if msg := infile.NotUTF8(f); msg != "" {
			line, _ := cr.FieldPos(i)
			column := fmt.Sprintf("column %d", i+1)
			if i < len(columns) {
				column = columns[i]
			}
			return t.cell(line, column, "%s", msg)
		}
	}
	return nil
}

func (t table) csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: t.file, Line: pe.StartLine, Msg: pe.Err.Error()}
	}
	if err == io.EOF {
		return &Error{File: t.file, Msg: "empty file; want a header line"}
	}
	return &Error{File: t.file, Msg: err.Error()}
}

// cell places a problem at one column of one line.
func (t table) cell(line int, column, format string, args ...any) error {
	return &Error{File: t.file, Line: line, Key: column, Msg: fmt.Sprintf(format, args...)}
}

func (t table) date(line int, column, s string) (time.Time, error) {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, t.cell(line, column, "%q is not a date in YYYY-MM-DD form", s)
	}
	return d, nil
}

// MaxCount is the most people a count may give: far beyond any border's
// (a flow of a billion people in a month), and the bound of a scenario's
// counts, so that a typing error of many digits is refused rather than
// scored.
const MaxCount = 1_000_000_000

// count reads an optional non-negative integer written with digits only,
// so that "1,525" or "-3" or "+3" cannot slip in.
func (t table) count(line int, column, s string) (Count, error) {
	if s == "" {
		return Count{}, nil
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return Count{}, t.cell(line, column, "%q is not a non-negative whole number (digits only, no separators)", s)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > MaxCount {
		return Count{}, t.cell(line, column, "%q is more people than any count here (at most %d)", s, MaxCount)
	}
	return Count{N: n, Known: true}, nil
}

func (t table) url(line int, column, s string) error {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return t.cell(line, column, "want an http(s) address of the source, got %q", s)
	}
	return nil
}
