package output

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/borderwork/borderwork/sim"
)

// EventsTable is the name of the event log in an output folder: a CSV
// table, gzip-compressed, whose checksums in manifest.json are those of
// the table itself (see Check), so that a folder verifies whatever
// compressor wrote it.
const EventsTable = "events.csv.gz"

// EventsHeader is the header of the event log.
func EventsHeader(paramKeys []string) []string {
	return append(keyHeader(paramKeys), "day", "migrant", "event", "place", "to", "detail", "by", "state")
}

// WriteEventsHeader writes the event log's header to w as a gzip member
// of its own; each run's rows follow as members of their own (EventLog),
// which gzip readers read as one stream.
func WriteEventsHeader(w io.Writer, paramKeys []string) error {
	z := gzip.NewWriter(w)
	if _, err := z.Write(csvLine(EventsHeader(paramKeys))); err != nil {
		return err
	}
	return z.Close()
}

// EventLog writes the events of one run as rows of the event log, to a
// gzip member of its own. It is a sim.EventSink; an error in writing is
// kept and returned by Close.
type EventLog struct {
	z      *gzip.Writer
	b      *bufio.Writer
	key    []byte   // the run's key cells, each followed by a comma
	places [][]byte // location names as CSV cells
	rows   []byte   // rows not yet compressed
	err    error
}

// eventChunk is how many bytes of rows are compressed at once.
const eventChunk = 32 << 10

// eventLevel is the compression of the event log: the fastest, since the
// log is written while the runs go, and it still takes a table to a
// tenth or so of its size.
const eventLevel = gzip.BestSpeed

// NewEventLog starts the rows of run in w; places are the names of the
// region's locations, in order.
func NewEventLog(w io.Writer, run Run, places []string) *EventLog {
	b := bufio.NewWriterSize(w, 1<<16)
	z, _ := gzip.NewWriterLevel(b, eventLevel) // the level is valid
	l := &EventLog{z: z, b: b, key: csvLine(keyCells(run)), rows: make([]byte, 0, eventChunk+256)}
	l.key[len(l.key)-1] = ','
	for _, p := range places {
		c := csvLine([]string{p})
		l.places = append(l.places, c[:len(c)-1])
	}
	return l
}

// Event writes one row.
func (l *EventLog) Event(e sim.Event) {
	r := append(l.rows, l.key...)
	r = strconv.AppendInt(r, int64(e.Day), 10)
	r = append(r, ',')
	r = strconv.AppendInt(r, int64(e.Migrant), 10)
	r = append(r, ',')
	r = append(r, e.Kind.String()...)
	r = append(r, ',')
	r = append(r, l.places[e.Location]...)
	r = append(r, ',')
	if e.To >= 0 {
		r = append(r, l.places[e.To]...)
	}
	r = append(r, ',')
	r = append(r, e.Detail...)
	r = append(r, ',')
	if e.Kind == sim.EventAbused {
		r = append(r, e.By.String()...)
	}
	r = append(r, ',')
	r = append(r, e.State.String()...)
	r = append(r, '\n')
	l.rows = r
	if len(r) >= eventChunk {
		l.flush()
	}
}

func (l *EventLog) flush() {
	if l.err == nil {
		_, l.err = l.z.Write(l.rows)
	}
	l.rows = l.rows[:0]
}

// Close ends the run's gzip member and flushes it to the writer, which it
// does not close.
func (l *EventLog) Close() error {
	l.flush()
	if err := l.z.Close(); l.err == nil {
		l.err = err
	}
	if err := l.b.Flush(); l.err == nil {
		l.err = err
	}
	return l.err
}

// csvLine is cells as one line of CSV, with its line break.
func csvLine(cells []string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(cells) // writing to memory cannot fail
	w.Flush()
	return buf.Bytes()
}
