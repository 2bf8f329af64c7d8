// Package infile reads the files a user gives borderwork (scenarios,
// parameter files, Flee cases, flow counts, incident exports) through a
// size limit, so that no file, however large, and no device such as
// /dev/zero can exhaust memory. One File names a kind of input and its
// limit; its Read refuses anything but a regular file, and a file larger
// than the limit before reading it all. Errors omit the path: callers name
// the file in their own messages.
package infile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// Kind is a kind of input file and the most of it read.
type Kind struct {
	Name  string // "a scenario", as messages say "the most a scenario may hold"
	Limit int64  // bytes
}

// The limits of each kind of input file (docs/SCENARIOS.md lists them).
// Each is far more than any real file of its kind needs, and small enough
// to read whole on a laptop.
const (
	// ScenarioLimit: a scenario file or an inflow CSV; the bundled
	// scenarios hold about 10 KB.
	ScenarioLimit = 4 << 20
	// ParamsLimit: a --params-file; a [[param]] table per key is a few KB.
	ParamsLimit = 1 << 20
	// TableLimit: a CSV or settings file of a Flee case, or flow counts;
	// the largest Flee cases' files hold a few MB.
	TableLimit = 64 << 20
	// ExportLimit: a Missing Migrants Project export; the whole world's
	// incidents since 2014 are about 10 MB.
	ExportLimit = 256 << 20
)

// The kinds of input file.
var (
	Scenario = Kind{"a scenario", ScenarioLimit}
	Params   = Kind{"a parameter file", ParamsLimit}
	Table    = Kind{"a data file", TableLimit}
	Export   = Kind{"an incident export", ExportLimit}
)

// Read reads the file at path whole: an error if it is not a regular file
// (a folder, pipe, device or socket: NotAFile) or is larger than k.Limit.
func (k Kind) Read(path string) ([]byte, error) {
	f, err := k.open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return k.readFrom(f)
}

// Open opens the file at path to be read as a stream, refused as Read
// refuses it, for a reader that keeps little of a file at once: an
// incident export within its limit of 256 MiB, read whole and then
// parsed, took some 900 MB. Reading past k.Limit (a file can grow after
// its Stat) fails with TooLarge.
func (k Kind) Open(path string) (io.ReadCloser, error) {
	f, err := k.open(path)
	if err != nil {
		return nil, err
	}
	return &bounded{f: f, r: io.LimitReader(f, k.Limit+1), k: k}, nil
}

// open opens the file at path for Read and Open, refusing what is not a
// regular file or is larger than k.Limit unread.
func (k Kind) open(path string) (*os.File, error) {
	// Stat before opening: opening a pipe for reading waits for a writer.
	st, err := os.Stat(path)
	if err != nil {
		return nil, withoutPath(err)
	}
	if err := k.regular(st); err != nil {
		return nil, err
	}
	if st.Size() > k.Limit { // refused unread
		return nil, k.TooLarge()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, withoutPath(err)
	}
	return f, nil
}

// bounded is an open file read to at most its kind's limit.
type bounded struct {
	f *os.File
	r io.Reader
	n int64 // bytes read
	k Kind
}

func (b *bounded) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.k.Limit {
		return n - int(b.n-b.k.Limit), b.k.TooLarge()
	}
	return n, withoutPath(err)
}

func (b *bounded) Close() error { return b.f.Close() }

// LongLineError is a line longer than a reader of text takes.
type LongLineError struct {
	Line int   // the line's number, from 1
	Max  int64 // the most bytes a line may hold
}

func (e *LongLineError) Error() string {
	return fmt.Sprintf("line %d runs on past %s without a line break, longer than any line of a table this reader takes: is it a CSV file?", e.Line, FormatBytes(e.Max))
}

// LineLimit returns r failing with a *LongLineError once a line runs
// past max bytes. encoding/csv keeps a whole line in memory, several
// times over (the line, its record, its fields): one line of 256 MB, a
// file with no line break (a binary file, or a CSV saved with old Mac
// line ends), took 1.7 GB to be refused.
func LineLimit(r io.Reader, max int64) io.Reader {
	return &lineLimit{r: r, max: max, line: 1}
}

type lineLimit struct {
	r    io.Reader
	max  int64
	line int
	run  int64 // bytes since the last line break
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.line++
			l.run = 0
			continue
		}
		if l.run++; l.run > l.max {
			return i, &LongLineError{Line: l.line, Max: l.max}
		}
	}
	return n, err
}

// ReadFS is Read for a file of fsys.
func (k Kind) ReadFS(fsys fs.FS, name string) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err == nil {
		if err := k.regular(st); err != nil {
			return nil, err
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, withoutPath(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if err := k.regular(st); err != nil {
			return nil, err
		}
		if st.Size() > k.Limit { // refused unread
			return nil, k.TooLarge()
		}
	}
	return k.readFrom(f)
}

func (k Kind) regular(st fs.FileInfo) error {
	if what := NotAFile(st.Mode()); what != "" {
		return errors.New(what)
	}
	return nil
}

// NotAFile says what a file of mode m is when it is not a regular file
// ("is a folder, not a file"), or "" when it is one. It is the one wording
// for every file borderwork reads, given (a scenario, a Flee case) or
// written before (a folder's manifest, table or figure: package output).
func NotAFile(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "is a folder, not a file"
	case !m.IsRegular():
		// "pipe": a FIFO made with mkfifo and <(...) in bash are both.
		return "is not a regular file (a pipe, a device or a socket)"
	}
	return ""
}

// readFrom reads r whole, refusing more than k.Limit bytes before reading
// more than one byte past it (a file can grow after its Stat; a larger
// one is refused from its Stat, unread).
func (k Kind) readFrom(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, k.Limit+1))
	if err != nil {
		return nil, withoutPath(err)
	}
	if int64(len(data)) > k.Limit {
		return nil, k.TooLarge()
	}
	return data, nil
}

// TooLarge is the error for a file larger than k.Limit.
func (k Kind) TooLarge() error {
	return fmt.Errorf("the file is larger than %s, the most %s may hold", FormatBytes(k.Limit), k.Name)
}

// withoutPath drops the path from a file error: the caller's message
// names the file.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// bom is the UTF-8 byte-order mark that Excel and Notepad write at the
// start of a CSV saved as UTF-8.
const bom = "\uFEFF"

// TrimBOM drops a leading UTF-8 byte-order mark.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte(bom)) }

// SkipBOM returns r without a leading UTF-8 byte-order mark.
func SkipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		br.Discard(len(bom))
	}
	return br
}

// NotUTF8 says what is wrong with field, text read from a CSV file, when
// it is not UTF-8, or is "" when it is. Excel on Windows saves "CSV
// (Comma delimited)" in Windows-1252, where é is one byte that is no
// UTF-8: read as it is, Mbéra would match no name and be written into
// outputs as bytes no reader shows. The one wording wherever a CSV file
// is read.
func NotUTF8(field string) string {
	if utf8.ValidString(field) {
		return ""
	}
	return fmt.Sprintf("%q is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's \"CSV (Comma delimited)\" saves it): save it as \"CSV UTF-8\"", field)
}

// FormatBytes writes a size in the largest binary unit that keeps it
// whole or nearly so: 4 MiB, 8 GiB.
func FormatBytes(n int64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%d bytes", n)
	}
	return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", v), "0"), ".") + " " + units[u]
}
