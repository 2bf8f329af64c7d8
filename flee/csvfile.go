package flee

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/scenarios"
	"golang.org/x/text/unicode/norm"
)

// row is one record of a CSV file with the line it starts on.
type row struct {
	line   int
	fields []string
}

// csvFile is a CSV file read whole, as Python's csv module reads Flee's
// files: comma-separated, quotes allowed, CRLF, LF or CR line ends,
// empty lines skipped.
type csvFile struct {
	path string // as shown in messages
	rows []row
}

// readCSV reads the file at path (display is how messages name it). A
// missing file is reported as such, so callers can treat optional files.
func readCSV(path, display string) (*csvFile, error) {
	data, err := infile.Table.Read(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &scenarios.Error{File: display, Msg: "no such file"}
		}
		return nil, &scenarios.Error{File: display, Msg: err.Error()}
	}
	data = infile.TrimBOM(data)
	if bytes.IndexByte(data, '\r') >= 0 {
		// Python's csv module, which Flee reads with, ends a line at a
		// bare CR too, as Excel for Mac's "CSV (Macintosh)" saves them;
		// Go's reads it as part of a field.
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	f := &csvFile{path: display}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &scenarios.Error{File: display, Line: pe.Line, Msg: pe.Err.Error()}
			}
			return nil, &scenarios.Error{File: display, Msg: err.Error()}
		}
		line, _ := r.FieldPos(0)
		for i, field := range rec {
			if msg := infile.NotUTF8(field); msg != "" {
				at, _ := r.FieldPos(i)
				return nil, &scenarios.Error{File: display, Line: at, Key: fmt.Sprintf("column %d", i+1), Msg: msg}
			}
		}
		// A quote left open (lazily read, as Python reads it) runs on to
		// the next quote or the end of the file, taking the rows between
		// into one field; without this, the error would blame the row's
		// column count or a field's value, far from the quote.
		for i, field := range rec {
			if rest := strings.TrimRight(field, "\r\n"); strings.ContainsAny(rest, "\r\n") {
				at, _ := r.FieldPos(i)
				return nil, &scenarios.Error{File: display, Line: at, Key: fmt.Sprintf("column %d", i+1), Msg: fmt.Sprintf(
					"a quoted field runs from line %d to line %d, but no field of a Flee case holds a line break: is a closing quote (\") missing?",
					at, at+strings.Count(strings.ReplaceAll(rest, "\r\n", "\n"), "\n"))}
			}
		}
		f.rows = append(f.rows, row{line: line, fields: rec})
	}
	if len(f.rows) > 0 && semicolons(f.rows[0]) {
		return nil, &scenarios.Error{File: display, Line: f.rows[0].line, Msg: "the file looks separated by semicolons, as a spreadsheet set to a European language saves it; save it with commas between columns and points in numbers (18.44)"}
	}
	return f, nil
}

// semicolons reports whether r, a file's first row, holds more
// semicolons than commas between its fields: a file separated by
// semicolons, each of whose rows would be refused for its own reason
// ("unknown row StartDate;2012-02-29", "want 8 columns, got 3" where
// decimal commas split it), none saying why.
func semicolons(r row) bool {
	n := 0
	for _, f := range r.fields {
		n += strings.Count(f, ";")
	}
	return n > 0 && n > len(r.fields)-1
}

// errorf is an error at a line and column of the file.
func (f *csvFile) errorf(line int, column, format string, args ...any) error {
	return &scenarios.Error{File: f.path, Line: line, Key: column, Msg: fmt.Sprintf(format, args...)}
}

// comment reports whether a row is a Flee comment or header: its first
// field starts with '#'.
func comment(r row) bool {
	return len(r.fields) > 0 && strings.HasPrefix(r.fields[0], "#")
}

// blank reports whether a row has no content (a line of commas).
func blank(r row) bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// field returns field i of r, or "" if the row is shorter.
func field(r row, i int) string {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// nfc is a name of a location, country, region or series in Unicode's
// composed form (NFC), in which names are kept and compared: an é typed
// as e and a combining accent (macOS, text copied from a PDF report) is
// the é of the same name typed on Windows, where the two were refused as
// different ("unknown location \"Mbéra\"" for a Mbéra that looked the
// same). File names are not names: they are left as written.
func nfc(name string) string { return norm.NFC.String(name) }

// parseInt reads an integer as Python's int() does for these files:
// surrounding whitespace (a trailing TAB in some series) is ignored.
func parseInt(s string) (int, error) {
	return strconv.Atoi(strings.TrimSpace(s))
}

// parseFloat reads a number with surrounding whitespace ignored.
func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil && (v != v || v > 1e300 || v < -1e300) {
		return 0, errors.New("not a finite number")
	}
	return v, err
}

// parseDate reads YYYY-MM-DD; like Python's strptime("%Y-%m-%d") it
// accepts months and days of one digit.
func parseDate(s string) (time.Time, error) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) != 3 {
		return time.Time{}, fmt.Errorf("want a date YYYY-MM-DD, got %q", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || (i == 0 && len(p) != 4) || (i > 0 && (len(p) < 1 || len(p) > 2)) {
			return time.Time{}, fmt.Errorf("want a date YYYY-MM-DD, got %q", s)
		}
		n[i] = v
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return time.Time{}, fmt.Errorf("no such date %q", s)
	}
	return t, nil
}

// daysBetween is b - a in whole days.
func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

// columnNames are the names each column read by position goes by in Flee
// files' header comments, as its tools and cases write them: the first
// is the column's name in messages.
type columnNames [][]string

// checkOrder refuses a file whose header comment (its first row, when
// that starts with '#') puts a column where another is read. Flee reads
// these columns by position and skips the header unread, so a column
// moved in a spreadsheet, header and all, would be read as another
// without a word: population as conflict_date, closure_end as
// closure_start. A header cell that names no column (gps_x, a note) is
// left alone, as is one that names a column labelled in its own place
// too (a second label), and a file without a header. A header whose '#' moved
// with its column out of the first one is a header too (else it would be
// read as a row of data, and refused for its words).
func (f *csvFile) checkOrder(cols columnNames) error {
	if len(f.rows) == 0 {
		return nil
	}
	r := f.rows[0]
	moved := false
	for i, c := range r.fields {
		if i > 0 && strings.HasPrefix(strings.TrimSpace(c), "#") && cols.index(c) >= 0 {
			moved = true
		}
	}
	if !comment(r) && !moved {
		return nil
	}
	var order []string
	for _, names := range cols {
		order = append(order, names[0])
	}
	for i, c := range r.fields {
		j := cols.index(c)
		if j < 0 || j == i {
			continue
		}
		if j < len(r.fields) && cols.index(r.fields[j]) == j {
			// The column is labelled in its place too: this cell is a
			// second label, not the column moved. FabFlee's
			// mali2022_2024 and syria2022_2024 head their region
			// column "#name" (#name,#name,country,...), their data in
			// Flee's order.
			continue
		}
		here := fmt.Sprintf("column %d", i+1)
		if i < len(cols) {
			here += " (" + cols[i][0] + ")"
		}
		return f.errorf(r.line, here, "the header puts %s here, but Flee reads %s from column %d: it reads the columns by position (%s), so a column moved with its header would be read as another; put the columns back in that order",
			strings.TrimSpace(c), cols[j][0], j+1, strings.Join(order, ","))
	}
	return nil
}

// index is the column a header cell names (its case, spaces and a
// leading '#' aside), or -1.
func (cols columnNames) index(cell string) int {
	c := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cell), "#")))
	for i, names := range cols {
		for _, n := range names {
			if c == n {
				return i
			}
		}
	}
	return -1
}
