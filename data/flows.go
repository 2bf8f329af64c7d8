package data

import (
	"bytes"
	_ "embed"
	"io"
	"time"

	"github.com/borderwork/borderwork/internal/infile"
	"golang.org/x/text/unicode/norm"
)

//go:embed dtm-niger/flows.csv
var flowsCSV []byte

// Flow is what one source says about one period at one flow monitoring
// point: how many movements were counted leaving Niger (outgoing, towards
// Libya or Algeria) and entering it (incoming). Periods may overlap (a week
// inside a month, a month inside a five-month total); each row is a
// separate statement by its source, and derived rows say so in Note.
type Flow struct {
	Start, End time.Time // inclusive calendar dates
	Point      string    // "Arlit", "Séguédine", or "total" for both together
	Outgoing   Count
	Incoming   Count
	SourceURL  string
	Source     string // title of the report
	Note       string // how the number was read or derived
	File       string // the file, as messages name it
	Line       int    // line in the file, for messages
}

// FlowColumns is the header of dtm-niger/flows.csv, in order.
var FlowColumns = []string{"period_start", "period_end", "point", "outgoing", "incoming", "source_url", "source_title", "note"}

// Points are the values the point column may take.
var Points = []string{"Arlit", "Séguédine", "total"}

// FlowsName is what figures call the embedded series, as its README
// describes it.
const FlowsName = "IOM DTM Niger"

// FlowsCSV is the embedded dtm-niger/flows.csv, byte for byte: a copy of
// it, so that a caller can tell whether a file is the bundled series.
func FlowsCSV() []byte { return bytes.Clone(flowsCSV) }

// Flows returns the embedded DTM Niger flow series, in file order.
func Flows() ([]Flow, error) {
	return ReadFlows(bytes.NewReader(flowsCSV), "data/dtm-niger/flows.csv")
}

// ReadFlows parses a flows file and checks its shape: the header (in any
// case, after a UTF-8 byte-order mark, if any; empty cells past its
// columns and rows of empty cells, as a spreadsheet saves them, are
// skipped), at least one row, ISO dates with the
// end not before the start, a known point, counts that are empty or
// non-negative whole numbers (at least one given), a source address and
// title on every row, rows sorted by start, end and point, and no two rows
// for the same period and point. name is used in messages.
func ReadFlows(r io.Reader, name string) ([]Flow, error) {
	t := table{file: name, header: FlowColumns}
	var flows []Flow
	err := t.read(r, func(line int, rec []string) error {
		// The point in Unicode's composed form (NFC): Séguédine typed
		// with e and combining accents (macOS, a PDF) is Séguédine.
		f := Flow{Point: norm.NFC.String(rec[2]), SourceURL: rec[5], Source: rec[6], Note: rec[7], File: name, Line: line}
		var err error
		if f.Start, err = t.date(line, "period_start", rec[0]); err != nil {
			return err
		}
		if f.End, err = t.date(line, "period_end", rec[1]); err != nil {
			return err
		}
		if f.End.Before(f.Start) {
			return t.cell(line, "period_end", "%s is before period_start %s", rec[1], rec[0])
		}
		if !isPoint(f.Point) {
			return t.cell(line, "point", "%q is not one of Arlit, Séguédine, total", f.Point)
		}
		if f.Outgoing, err = t.count(line, "outgoing", rec[3]); err != nil {
			return err
		}
		if f.Incoming, err = t.count(line, "incoming", rec[4]); err != nil {
			return err
		}
		if !f.Outgoing.Known && !f.Incoming.Known {
			return t.cell(line, "", "neither outgoing nor incoming is given; a row must report at least one")
		}
		if err := t.url(line, "source_url", f.SourceURL); err != nil {
			return err
		}
		if f.Source == "" {
			return t.cell(line, "source_title", "empty; name the report")
		}
		if n := len(flows); n > 0 {
			switch prev := flows[n-1]; compareFlows(prev, f) {
			case 0:
				return t.cell(line, "", "same period and point as line %d", prev.Line)
			case 1:
				return t.cell(line, "", "out of order: rows are sorted by period_start, period_end, point, and line %d sorts after this one", prev.Line)
			}
		}
		flows = append(flows, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(flows) == 0 {
		return nil, &Error{File: name, Msg: "no rows after the header; want at least one count"}
	}
	return flows, nil
}

// ReadFlowsFile reads the flows file at path, at most
// infile.TableLimit bytes, with ReadFlows.
func ReadFlowsFile(path string) ([]Flow, error) {
	b, err := infile.Table.Read(path)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return ReadFlows(bytes.NewReader(b), path)
}

func isPoint(s string) bool {
	for _, p := range Points {
		if s == p {
			return true
		}
	}
	return false
}

// compareFlows orders rows by start, end, then point (bytewise), which
// also makes duplicates adjacent.
func compareFlows(a, b Flow) int {
	switch {
	case a.Start.Before(b.Start):
		return -1
	case b.Start.Before(a.Start):
		return 1
	case a.End.Before(b.End):
		return -1
	case b.End.Before(a.End):
		return 1
	case a.Point < b.Point:
		return -1
	case b.Point < a.Point:
		return 1
	}
	return 0
}
