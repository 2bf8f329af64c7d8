package output

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
)

// BlockRuns is how many runs' rows one block digest of a table covers.
const BlockRuns = 64

// blockDigest is how much of a block's sha256 the manifest keeps, in hex
// digits: enough to tell an edited block from the original.
const blockDigest = 16

// tableHasher reads a table line by line: the sha256 of the whole file and
// a digest of the rows of each block of BlockRuns runs. A table's lines
// are its rows (names hold no line breaks: the scenario's rules see to
// it), and a run's rows are consecutive lines with the same first field.
type tableHasher struct {
	whole   hash.Hash
	block   hash.Hash
	line    int         // lines read
	runs    int         // runs begun
	lastRun []byte      // first field of the last row
	isRuns  bool        // the header's first column is run
	blocks  []string    // finished blocks
	starts  []int       // line each block starts on
	spans   [][2]string // each block's first and last run, as the table numbers them
	pending bool        // the current block has rows
	// notRun is the first line whose run is not a run number (digits),
	// so not a row borderwork wrote, and notRunText its run; 0 if none.
	notRun     int
	notRunText string
	// With lineEnds set, a file whose first line ends in a Windows line
	// end (CRLF) also gets lf: the sha256 of its lines with each such
	// line end read as borderwork writes it (LF). It tells a file Git
	// checked out with core.autocrlf from one whose contents changed
	// (VerifyContext), at no cost for any other file.
	lineEnds bool
	lf       hash.Hash
}

func newTableHasher() *tableHasher {
	return &tableHasher{whole: sha256.New(), block: sha256.New()}
}

// maxRunField is the most of a row's first field add keeps: a run's
// number has at most 19 digits. A longer field (not a table borderwork
// wrote) is cut to it, for the writer's checksums and the reader's
// alike, so that no field is copied whole.
const maxRunField = 32

// add takes one line, with its line break if it has one.
func (t *tableHasher) add(line []byte) {
	t.whole.Write(line)
	if t.lineEnds && t.line == 0 && bytes.HasSuffix(line, []byte("\r\n")) {
		t.lf = sha256.New()
	}
	if t.lf != nil {
		if bytes.HasSuffix(line, []byte("\r\n")) {
			t.lf.Write(line[:len(line)-2])
			t.lf.Write([]byte("\n"))
		} else {
			t.lf.Write(line)
		}
	}
	t.line++
	if t.line == 1 {
		t.isRuns = bytes.HasPrefix(line, []byte("run,"))
		return
	}
	if !t.isRuns {
		return
	}
	run, _, _ := bytes.Cut(line, []byte(","))
	run = run[:min(len(run), maxRunField)]
	if t.line == 2 || !bytes.Equal(run, t.lastRun) {
		if t.notRun == 0 && !isRunNumber(run) {
			t.notRun, t.notRunText = t.line, string(run)
		}
		if t.runs%BlockRuns == 0 {
			t.cut()
			t.starts = append(t.starts, t.line)
			t.spans = append(t.spans, [2]string{string(run)})
		}
		t.spans[len(t.spans)-1][1] = string(run)
		t.runs++
		t.lastRun = append(t.lastRun[:0], run...)
	}
	t.block.Write(line)
	t.pending = true
}

// isRunNumber reports whether a row's first field is a run number as
// borderwork writes it: decimal digits.
func isRunNumber(run []byte) bool {
	if len(run) == 0 {
		return false
	}
	for _, c := range run {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (t *tableHasher) cut() {
	if t.pending {
		t.blocks = append(t.blocks, hex.EncodeToString(t.block.Sum(nil))[:blockDigest])
		t.block.Reset()
		t.pending = false
	}
}

func (t *tableHasher) finish() Checked {
	t.cut()
	return Checked{SHA256: hex.EncodeToString(t.whole.Sum(nil)), Blocks: t.blocks}
}

// lineSums is an io.Writer that feeds the bytes written to it, line by
// line, to a tableHasher: a table's checksums taken as it is written, the
// same as hashLines takes from the file.
type lineSums struct {
	t    *tableHasher
	part []byte // a line begun and not yet ended
}

func (s *lineSums) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.part = append(s.part, p...)
			break
		}
		line := p[:i+1]
		if len(s.part) > 0 {
			s.part = append(s.part, line...)
			line = s.part
		}
		s.t.add(line)
		s.part = s.part[:0]
		p = p[i+1:]
	}
	return n, nil
}

// finish is the table's checksums, its last line taken even without a
// line break, as hashLines takes it.
func (s *lineSums) finish() Checked {
	if len(s.part) > 0 {
		s.t.add(s.part)
		s.part = nil
	}
	return s.t.finish()
}

// maxLineBytes is the longest line of a table read back (hashLines,
// Locate, FirstDifference): a longer line is refused, not gathered in
// memory however long it is. The longest lines borderwork writes are a
// header naming every key a sensitivity analysis varies (about half the
// size of the scenario in the bundled ones) and a row naming a location
// or regime, whose names come from a scenario of at most 4 MiB
// (infile.ScenarioLimit): 64 MiB is far above both. A variable, so that
// tests can lower it.
var maxLineBytes = 64 << 20

// lineTooLongError is a table's line longer than maxLineBytes: not a
// table borderwork wrote.
type lineTooLongError struct {
	Line int // the line's number, from 1
}

func (e *lineTooLongError) Error() string {
	return fmt.Sprintf("line %d is longer than %s: not a table borderwork wrote", e.Line, formatLimit(maxLineBytes))
}

// longLine is what a Difference says of a line longer than maxLineBytes.
func longLine() string {
	return fmt.Sprintf("this line is longer than %s: not a table borderwork wrote", formatLimit(maxLineBytes))
}

// formatLimit writes a limit of whole mebibytes as such, others in bytes.
func formatLimit(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readLine reads the next line of br into line[:0], with its line break
// if it has one; io.EOF (with the last line, if it has no line break)
// at the end. A line longer than maxLineBytes is errLineTooLong, read no
// further than that.
func readLine(br *bufio.Reader, line []byte) ([]byte, error) {
	line = line[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxLineBytes {
			return line, errLineTooLong
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

var errLineTooLong = errors.New("line too long")

// checkEvery is how many bytes hashLines reads between looks at its
// context: a table of gigabytes is read in seconds, not in one go.
const checkEvery = 4 << 20

// hashLines feeds every line of r to t. It stops with ctx's error if ctx
// ends, and with a *lineTooLongError at a line longer than maxLineBytes.
func hashLines(ctx context.Context, r io.Reader, t *tableHasher) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var line []byte
	unchecked := 0 // bytes read since ctx was last looked at
	for {
		var err error
		line, err = readLine(br, line)
		if err == errLineTooLong {
			return &lineTooLongError{Line: t.line + 1}
		}
		if len(line) > 0 {
			t.add(line)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if unchecked += len(line); unchecked >= checkEvery {
			unchecked = 0
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// checkFile is a file's checksum and, for a table of runs, its block
// digests. Those of a compressed table are of the table it holds
// (openContent).
func checkFile(path string) (Checked, error) {
	f, err := openContent(path)
	if err != nil {
		return Checked{}, err
	}
	defer f.Close()
	t := newTableHasher()
	if !isTable(path) {
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return Checked{}, err
		}
		return Checked{SHA256: hex.EncodeToString(h.Sum(nil))}, nil
	}
	if err := hashLines(context.Background(), f, t); err != nil {
		return Checked{}, fmt.Errorf("%s: %w", path, err)
	}
	return t.finish(), nil
}

// isTable reports whether a file of a folder is a CSV table, compressed
// or not.
func isTable(path string) bool {
	return strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".csv.gz")
}

// openContent opens a file of a folder for what it holds: a .gz file is
// read decompressed, so that its checksums are of the table and not of
// the compressor's choices, which may differ between Go versions while
// the table does not.
func openContent(path string) (io.ReadCloser, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	z, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
	}
	return gzipFile{z, f}, nil
}

type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzipFile) Close() error {
	g.Reader.Close()
	return g.f.Close()
}

// ContentSHA256 is the hex sha256 of what a file of a folder holds: its
// bytes, or those of the table a .gz file compresses (openContent).
func ContentSHA256(path string) (string, error) {
	f, err := openContent(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ChecksumDiffers is the Msg of a Difference that Verify cannot place
// in the file: it has no block digests, or only its header differs.
const ChecksumDiffers = "does not match its checksum in manifest.json"

// LineEndsDiffer is the Msg of a Difference whose file differs from what
// borderwork wrote only in its line ends: Windows' (CRLF) where
// borderwork writes LF, as Git writes text files on checkout when
// core.autocrlf is set (Git for Windows' default) and no .gitattributes
// says otherwise. Its contents are the same; its bytes are not.
const LineEndsDiffer = "differs from its checksum in manifest.json only in its line ends: Windows' (CRLF), as Git writes them on checkout with core.autocrlf, where borderwork wrote LF (check it out again with -text in .gitattributes, or copy it byte for byte)"

// Difference is where a file of a folder first differs from what its
// manifest records.
type Difference struct {
	File string
	// Line is the first line that differs, or where the differing block
	// of runs begins (Exact false); 0 when the file is missing.
	Line  int
	Exact bool
	// Block is the index of the first block of runs that differs (-1:
	// none; the rows are as recorded and the difference is elsewhere).
	Block int
	Msg   string
}

func (d *Difference) Error() string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.File, d.Msg)
}

// Verify checks the file of dir that c records against its checksum. It
// returns nil if the bytes are as recorded; otherwise where they first
// differ, as closely as the block digests tell (Locate, given the rows
// the runs should have, finds the exact line). A table with a line longer
// than borderwork writes differs there.
func Verify(dir string, c Checked) (*Difference, error) {
	return VerifyContext(context.Background(), dir, c)
}

// VerifyContext is Verify, stopping with ctx's error if ctx ends while a
// file is read.
func VerifyContext(ctx context.Context, dir string, c Checked) (*Difference, error) {
	path := filepath.Join(dir, filepath.FromSlash(c.File))
	f, err := openContent(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Difference{File: c.File, Block: -1, Msg: "is missing"}, nil
	}
	if errors.Is(err, gzip.ErrHeader) {
		return &Difference{File: c.File, Block: -1, Msg: "is not the gzip file borderwork wrote"}, nil
	}
	if nf := (*notAFileError)(nil); errors.As(err, &nf) {
		return &Difference{File: c.File, Block: -1, Msg: nf.what()}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := newTableHasher()
	t.lineEnds = true
	if err := hashLines(ctx, f, t); err != nil {
		var long *lineTooLongError
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &long):
			return &Difference{File: c.File, Line: long.Line, Exact: true, Block: -1,
				Msg: longLine()}, nil
		}
		if strings.HasSuffix(path, ".gz") && !errors.Is(err, os.ErrPermission) {
			return &Difference{File: c.File, Block: -1, Msg: "is not the gzip file borderwork wrote (" + err.Error() + ")"}, nil
		}
		return nil, err
	}
	got := t.finish()
	if got.SHA256 == c.SHA256 {
		return nil, nil
	}
	if t.lf != nil && hex.EncodeToString(t.lf.Sum(nil)) == c.SHA256 {
		return &Difference{File: c.File, Block: -1, Msg: LineEndsDiffer}, nil
	}
	d := &Difference{File: c.File, Block: -1, Msg: ChecksumDiffers}
	if len(c.Blocks) == 0 || !t.isRuns {
		return d, nil
	}
	if t.notRun > 0 {
		d.Line, d.Exact = t.notRun, true
		d.Msg = fmt.Sprintf("a row borderwork did not write: its run, %q, is not a run number", t.notRunText)
		return d, nil
	}
	for j := range max(len(got.Blocks), len(c.Blocks)) {
		switch {
		case j >= len(got.Blocks):
			d.Line, d.Exact, d.Block = t.line+1, true, j
			d.Msg = fmt.Sprintf("the table ends here, before the rows of %s of runs (cut short?)", words.Count(len(c.Blocks)-j, "more block"))
			return d, nil
		case j >= len(c.Blocks):
			d.Line, d.Exact, d.Block = t.starts[j], true, j
			d.Msg = "rows of runs the manifest does not record begin here"
			return d, nil
		case got.Blocks[j] != c.Blocks[j]:
			d.Line, d.Block = t.starts[j], j
			runs := "run " + t.spans[j][0]
			if t.spans[j][1] != t.spans[j][0] {
				runs = "runs " + t.spans[j][0] + " to " + t.spans[j][1]
			}
			d.Msg = fmt.Sprintf("a row among those of %s, from this line on, differs from what borderwork wrote", runs)
			return d, nil
		}
	}
	if t.line >= 1 {
		d.Line, d.Exact = 1, true
		d.Msg = "the header, or the checksum in manifest.json, was changed"
	}
	return d, nil
}

// Locate finds the exact first differing line of a table within a block
// Verify found, given want, the lines the block's runs should have (each
// with its line break), for example from running them again. If every
// line of the block is as it should be, the block digest in manifest.json
// was changed.
func Locate(dir string, d *Difference, want [][]byte) error {
	if d.Exact || d.Block < 0 || d.Line == 0 {
		return nil
	}
	f, err := openContent(filepath.Join(dir, filepath.FromSlash(d.File)))
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	line := 0
	i := 0
	var got []byte
	for {
		var err error
		got, err = readLine(br, got)
		if err == errLineTooLong {
			d.Line, d.Exact = line+1, true
			d.Msg = longLine()
			return nil
		}
		if len(got) > 0 {
			line++
			if line >= d.Line {
				if i >= len(want) {
					break // the block's rows are as they should be
				}
				if !bytes.Equal(got, want[i]) {
					d.Line, d.Exact = line, true
					d.Msg = "this row differs from what borderwork wrote"
					return nil
				}
				i++
			}
		}
		if err == io.EOF {
			if i < len(want) {
				d.Line, d.Exact = line+1, true
				d.Msg = "the table ends here, before rows borderwork wrote (cut short?)"
				return nil
			}
			break
		}
		if err != nil {
			return err
		}
	}
	d.Msg = "the digest it records for " + d.File + " was changed"
	d.File, d.Line, d.Exact = "manifest.json", 0, true
	return nil
}

// FirstDifference is the first line where two files differ (0 if they
// are the same), for naming the row a rerun writes differently; .gz files
// are compared decompressed.
func FirstDifference(a, b string) (int, error) {
	fa, err := openContent(a)
	if err != nil {
		return 0, err
	}
	defer fa.Close()
	fb, err := openContent(b)
	if err != nil {
		return 0, err
	}
	defer fb.Close()
	ra, rb := bufio.NewReaderSize(fa, 1<<16), bufio.NewReaderSize(fb, 1<<16)
	var la, lb []byte
	for line := 1; ; line++ {
		var ea, eb error
		la, ea = readLine(ra, la)
		lb, eb = readLine(rb, lb)
		if ea == errLineTooLong || eb == errLineTooLong {
			return line, nil // longer than borderwork writes: read no further
		}
		for _, err := range []error{ea, eb} {
			if err != nil && err != io.EOF {
				return 0, err
			}
		}
		if !bytes.Equal(la, lb) {
			return line, nil
		}
		if ea == io.EOF && eb == io.EOF {
			return 0, nil
		}
	}
}
