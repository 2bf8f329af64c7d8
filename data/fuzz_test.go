package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzReadFlows: a flows file of any content (validate --data) is read,
// or refused with an error wrapping ErrInvalid that names the file;
// never a panic. Rows read name their line, in increasing order, and
// satisfy what ReadFlows promises. Seeds are dtm-niger/flows.csv and
// any kept in testdata/fuzz/FuzzReadFlows.
func FuzzReadFlows(f *testing.F) {
	f.Add(FlowsCSV())
	lines := strings.SplitAfter(string(FlowsCSV()), "\n")
	f.Add([]byte(strings.Join(lines[:3], "")))
	f.Add([]byte("\ufeff" + strings.ToUpper(lines[0]) + lines[1]))
	f.Fuzz(func(t *testing.T, data []byte) {
		flows, err := ReadFlows(bytes.NewReader(data), "f.csv")
		if err != nil {
			if !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error %q does not name the file or wrap ErrInvalid", err)
			}
			return
		}
		for i, fl := range flows {
			if fl.Line < 2 || (i > 0 && fl.Line <= flows[i-1].Line) || compareFlows(flows[max(i-1, 0)], fl) > 0 ||
				fl.End.Before(fl.Start) || !isPoint(fl.Point) || !(fl.Outgoing.Known || fl.Incoming.Known) || fl.Source == "" {
				t.Fatalf("row %d read: %+v", i, fl)
			}
		}
	})
}
