package experiment

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"syscall"

	"github.com/borderwork/borderwork/output"
)

// roomFile is the file, in the folder being written, that holds room for
// what a kept folder writes after its runs.
const roomFile = ".room"

// room holds, in a file of a sweep's or sensitivity analysis' folder
// being written, the room that the folder of the runs written so far
// needs after them (stats.csv, contrast.csv, its manifest): grown as each
// run is written, and given back by Finish before it writes them. A disk
// that fills up while the runs are written (the tables grew beyond the
// estimate FitsOnDisk checks, another job wrote, a quota ran out) then
// still has room to keep them (ErrOutOfRoom). Its bytes say nothing; it
// never reaches a folder put in place.
type room struct {
	roomNeed
	f      *os.File
	dir    string // the folder being written
	capped bool   // the file reached a limit on file size: it grows no more
}

// roomNeed counts the room a folder of x needs after its runs.
type roomNeed struct {
	x      *Prepared
	groups []bool // each point and regime: stats.csv has its rows
	points []bool // each point: contrast.csv has its rows
	// rows is the most bytes the rows of one point and regime take in
	// stats.csv (or of one point in contrast.csv), but its parameters'
	// values and the regime's (or contrast's) name.
	rows int64
}

// fill is what room's file is written with: bytes no file system
// compresses, lest the room it holds be less than its size.
var fill = func() []byte {
	b := make([]byte, 0, 4096)
	for h := sha256.Sum256([]byte(roomFile)); len(b) < cap(b); h = sha256.Sum256(h[:]) {
		b = append(b, h[:]...)
	}
	return b
}()

// newRoom starts the room of the folder of w, holding what the manifest
// needs whatever its runs, and room for the runs done, which a resumed
// folder starts with.
func newRoom(w *Writer, done []output.SummaryRow) (*room, error) {
	f, err := os.Create(w.Path(roomFile))
	if err != nil {
		return nil, err
	}
	r := &room{roomNeed: newRoomNeed(w.X), f: f, dir: w.Folder.Dir}
	need, err := r.base(w.manifestAdds)
	if err != nil {
		return nil, errors.Join(err, r.release(w))
	}
	for _, d := range done {
		need += r.of(d.Run)
	}
	if err := r.grow(need); err != nil {
		return nil, errors.Join(err, r.release(w))
	}
	return r, nil
}

func newRoomNeed(x *Prepared) roomNeed {
	r := roomNeed{x: x, groups: make([]bool, len(x.Points)*len(x.Regimes)), points: make([]bool, len(x.Points))}
	// A row per total: its name, n (at most the replicates), four numbers
	// of at most 24 bytes ("-1.2345678901234567e-308"; means and spreads
	// of counts take 18 or so), but for one replicate, whose spread and
	// interval are NaN; a comma after each field, the line's end.
	numbers := int64(4 * 24)
	if x.Reps == 1 {
		numbers = 24 + 3*int64(len("NaN"))
	}
	n := int64(len(strconv.Itoa(x.Reps)))
	for _, t := range output.Totals {
		r.rows += int64(len(t.Name)) + n + numbers + int64(len(x.Keys)+6) + 1
	}
	return r
}

// base is the room a folder needs whatever its runs: its manifest
// without them, and what the command adds to it (adds bytes, a
// sensitivity analysis' design, given unindented), twice over, and 8 KiB
// for what it lists of the tables and the figures' options and the
// tables' headers.
func (r *roomNeed) base(adds int) (int64, error) {
	head, err := json.MarshalIndent(r.x.Manifest("", nil), "", "  ")
	if err != nil {
		return 0, err
	}
	return 2*int64(len(head)+adds) + 8<<10, nil
}

// of is the room run needs: its entry in the manifest, and the rows of
// stats.csv and contrast.csv of its point and regime if it is the first
// run of them.
func (r *roomNeed) of(run output.Run) int64 {
	entry, _ := json.MarshalIndent(output.RunInfo{ID: run.ID, Regime: run.Regime, Replicate: run.Replicate, Seed: run.Seed, Params: run.Params}, "    ", "  ")
	need := int64(len(entry)) + 16 // its comma, line end and indent, and a share of the tables' block digests
	if r.x.SummaryOnly {
		return need
	}
	p, g, _ := r.x.Coords(run.ID)
	// Each row starts with the point's values (quoted names are not
	// among them: the parameters are numbers).
	var values int64
	for _, v := range run.Params {
		values += int64(len(output.FormatFloat(v)))
	}
	per := int64(len(output.Totals))
	if at := p*len(r.x.Regimes) + g; !r.groups[at] {
		r.groups[at] = true
		need += r.rows + per*(values+int64(len(run.Regime))+2)
	}
	if c := contrast(r.x); c != "" && !r.points[p] {
		r.points[p] = true
		need += r.rows + per*(values+int64(len(c))+2)
	}
	return need
}

// add grows the room by what run needs.
func (r *room) add(run output.Run) error { return r.grow(r.of(run)) }

// grow grows the room by n bytes. A write refused is said of the folder,
// which the file's name would only puzzle a reader of. A limit on the
// size of a file (ulimit -f) that the room reaches stops its growth
// without an error: it limits each file alone, and the folder's other
// files are smaller.
func (r *room) grow(n int64) error {
	for n > 0 && !r.capped {
		k, err := r.f.Write(fill[:min(n, int64(len(fill)))])
		if errors.Is(err, syscall.EFBIG) {
			r.capped = true
			return nil
		}
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			return &fs.PathError{Op: pe.Op, Path: r.dir, Err: pe.Err}
		} else if err != nil {
			return err
		}
		n -= int64(k)
	}
	return nil
}

// release closes and removes the room's file, giving its room back. Only
// a failure to remove it is an error: what the file holds is of no use,
// so a failure to close it (a quota some file systems report only then)
// must not cost the runs.
func (r *room) release(w *Writer) error {
	r.f.Close()
	return os.Remove(w.Path(roomFile))
}
