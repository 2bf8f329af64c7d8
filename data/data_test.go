package data

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderwork/borderwork/internal/infile"
)

func TestEmbeddedFlowsAreWellFormed(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	if len(flows) == 0 {
		t.Fatal("Flows() returned no rows")
	}
	// The series must reach from the first week of monitoring to the end
	// of 2017, the window the agadez2016 validation needs.
	if first := flows[0].Start; !first.Equal(day("2016-02-01")) {
		t.Errorf("first period starts %s; want 2016-02-01", first.Format(dateLayout))
	}
	last := flows[0].End
	for _, f := range flows {
		if f.End.After(last) {
			last = f.End
		}
	}
	if last.Before(day("2017-09-30")) {
		t.Errorf("last period ends %s; want the series to reach at least September 2017", last.Format(dateLayout))
	}
}

const flowHeader = "period_start,period_end,point,outgoing,incoming,source_url,source_title,note\n"

func TestReadFlowsRejects(t *testing.T) {
	const ok = "2016-09-01,2016-09-30,total,27138,18803,https://example.org/r,Report,\n"
	tests := []struct {
		name, body, want string
	}{
		{"empty file", "", "f.csv: empty file"},
		{"header only", flowHeader, "f.csv: no rows after the header; want at least one count"},
		{"byte-order mark twice", "\uFEFF" + "\uFEFF" + flowHeader + ok, "f.csv:1: header must be"},
		{"wrong header", "start,end,point,outgoing,incoming,source_url,source_title,note\n", "f.csv:1: header must be"},
		// It said "wrong number of fields" and not how many (audit hostile7, minor).
		{"short row", flowHeader + "2016-09-01,2016-09-30,total\n", "f.csv:2: want 8 fields (period_start,period_end,point,outgoing,incoming,source_url,source_title,note), got 3"},
		{"long row", flowHeader + "2016-09-01,2016-09-30,total,1,2,https://x.org,R,,x\n", "f.csv:2: want 8 fields (period_start,period_end,point,outgoing,incoming,source_url,source_title,note), got 9"},
		{"short header", "period_start,period_end,point\n", "f.csv:1: header must be period_start,period_end,point,outgoing,incoming,source_url,source_title,note (8 columns); it has 3"},
		{"bad start date", flowHeader + "2016-9-1,2016-09-30,total,1,2,https://x.org,R,\n", "f.csv:2: period_start: \"2016-9-1\" is not a date"},
		{"bad end date", flowHeader + "2016-09-01,30/09/2016,total,1,2,https://x.org,R,\n", "f.csv:2: period_end: \"30/09/2016\" is not a date"},
		{"end before start", flowHeader + "2016-09-30,2016-09-01,total,1,2,https://x.org,R,\n", "f.csv:2: period_end: 2016-09-01 is before period_start"},
		{"unknown point", flowHeader + "2016-09-01,2016-09-30,Agadez,1,2,https://x.org,R,\n", "f.csv:2: point: \"Agadez\" is not one of"},
		{"negative count", flowHeader + "2016-09-01,2016-09-30,total,-1,2,https://x.org,R,\n", "f.csv:2: outgoing: \"-1\" is not a non-negative whole number"},
		{"thousands separator", flowHeader + "2016-09-01,2016-09-30,total,1,\"18,803\",https://x.org,R,\n", "f.csv:2: incoming: \"18,803\" is not a non-negative whole number"},
		// More people than any count: scored, it gave an error of 1e18.
		{"a count of many digits", flowHeader + "2016-09-01,2016-09-30,total,9223372036854775807,2,https://x.org,R,\n", "f.csv:2: outgoing: \"9223372036854775807\" is more people than any count here (at most 1000000000)"},
		{"beyond int64", flowHeader + "2016-09-01,2016-09-30,total,99999999999999999999,2,https://x.org,R,\n", "f.csv:2: outgoing: \"99999999999999999999\" is more people than any count here"},
		{"fraction", flowHeader + "2016-09-01,2016-09-30,total,1.5,2,https://x.org,R,\n", "f.csv:2: outgoing: \"1.5\""},
		{"no count at all", flowHeader + "2016-09-01,2016-09-30,total,,,https://x.org,R,\n", "f.csv:2: neither outgoing nor incoming"},
		{"no source url", flowHeader + "2016-09-01,2016-09-30,total,1,2,,R,\n", "f.csv:2: source_url: want an http(s) address"},
		{"source not a url", flowHeader + "2016-09-01,2016-09-30,total,1,2,DTM report,R,\n", "f.csv:2: source_url: want an http(s) address"},
		{"no source title", flowHeader + "2016-09-01,2016-09-30,total,1,2,https://x.org,,\n", "f.csv:2: source_title: empty"},
		{"duplicate period and point", flowHeader + ok + "2016-09-01,2016-09-30,total,5,6,https://y.org,Other,\n", "f.csv:3: same period and point as line 2"},
		{"out of order", flowHeader + ok + "2016-08-01,2016-08-31,total,5,6,https://y.org,Other,\n", "f.csv:3: out of order"},
		{"multi-line note keeps line numbers", flowHeader + "2016-08-01,2016-08-31,total,5,6,https://y.org,Other,\"two\nlines\"\n" + "2016-09-01,2016-09-30,total,x,2,https://x.org,R,\n", "f.csv:4: outgoing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFlows(strings.NewReader(tt.body), "f.csv")
			if err == nil {
				t.Fatalf("ReadFlows(%q) = nil error; want one containing %q", tt.body, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadFlows(%q) error = %q; want it to contain %q", tt.body, err, tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ReadFlows(%q) error %q does not wrap ErrInvalid", tt.body, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("ReadFlows(%q) error %q spans lines; want one line", tt.body, err)
			}
		})
	}
}

func TestReadFlowsAcceptsOneMissingCount(t *testing.T) {
	body := flowHeader +
		"2017-08-01,2017-08-31,total,,12082,https://x.org,R,incoming only\n" +
		"2017-08-01,2017-08-31,Séguédine,7,,https://x.org,R,\n"
	_, err := ReadFlows(strings.NewReader(body), "f.csv")
	if err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Fatalf("ReadFlows: error = %v; want out of order (Séguédine sorts before total)", err)
	}
	body = flowHeader +
		"2017-08-01,2017-08-31,Séguédine,7,,https://x.org,R,\n" +
		"2017-08-01,2017-08-31,total,,12082,https://x.org,R,incoming only\n"
	flows, err := ReadFlows(strings.NewReader(body), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := []Count{flows[0].Outgoing, flows[0].Incoming, flows[1].Outgoing, flows[1].Incoming}
	want := []Count{{7, true}, {}, {}, {12082, true}}
	if !slices.Equal(got, want) {
		t.Errorf("counts = %v; want %v", got, want)
	}
}

// TestReadFlowsByteOrderMark: a file saved as UTF-8 by Excel starts with
// a byte-order mark, which is not part of the first column's name.
func TestReadFlowsByteOrderMark(t *testing.T) {
	body := "\uFEFF" + flowHeader + "2016-09-01,2016-09-30,total,27138,18803,https://example.org/r,Report,\n"
	flows, err := ReadFlows(strings.NewReader(body), "f.csv")
	if err != nil || len(flows) != 1 || flows[0].Outgoing.N != 27138 || flows[0].File != "f.csv" || flows[0].Line != 2 {
		t.Errorf("ReadFlows with a byte-order mark = %+v, %v; want its one row", flows, err)
	}
}

// TestReadFlowsFile: the file is read through a size limit, and a device
// is refused before it is read.
func TestReadFlowsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flows.csv")
	if err := os.WriteFile(path, []byte(flowHeader+"2016-09-01,2016-09-30,total,1,2,https://x.org,R,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if flows, err := ReadFlowsFile(path); err != nil || len(flows) != 1 || flows[0].File != path {
		t.Errorf("ReadFlowsFile = %+v, %v", flows, err)
	}
	if err := os.Truncate(path, infile.TableLimit+1); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFlowsFile(path); err == nil || !errors.Is(err, ErrInvalid) || err.Error() != path+": the file is larger than 64 MiB, the most a data file may hold" {
		t.Errorf("ReadFlowsFile over the limit = %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if _, err := ReadFlowsFile("/dev/zero"); err == nil || err.Error() != "/dev/zero: is not a regular file (a pipe, a device or a socket)" {
		t.Errorf("ReadFlowsFile(/dev/zero) = %v", err)
	}
}

// TestReadmeListsTheGaps keeps the README's list of missing months true: a
// month counts as covered for a direction when some row with a known count
// for that direction lies wholly inside the month.
func TestReadmeListsTheGaps(t *testing.T) {
	flows, err := Flows()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("dtm-niger/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []struct {
		label string
		count func(Flow) Count
	}{
		{"Months with no outgoing figure:", func(f Flow) Count { return f.Outgoing }},
		{"Months with no incoming figure:", func(f Flow) Count { return f.Incoming }},
	} {
		want := monthsWithout(flows, dir.count, day("2016-02-01"), day("2017-12-01"))
		got, ok := listedMonths(string(readme), dir.label)
		if !ok {
			t.Errorf("dtm-niger/README.md has no line starting %q", dir.label)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("dtm-niger/README.md %q lists %v; the data leave %v uncovered", dir.label, got, want)
		}
	}
}

// monthsWithout returns, as YYYY-MM, the months from first to last (both
// first days of months) that no row with a known count lies inside.
func monthsWithout(flows []Flow, count func(Flow) Count, first, last time.Time) []string {
	var missing []string
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		end := m.AddDate(0, 1, -1)
		covered := false
		for _, f := range flows {
			if count(f).Known && !f.Start.Before(m) && !f.End.After(end) {
				covered = true
				break
			}
		}
		if !covered {
			missing = append(missing, m.Format("2006-01"))
		}
	}
	return missing
}

// listedMonths finds the line starting with label (after optional bold
// markers) and returns the YYYY-MM tokens on it.
func listedMonths(text, label string) ([]string, bool) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(line, "*- ")
		if !strings.HasPrefix(line, label) && !strings.HasPrefix(line, strings.TrimSuffix(label, ":")+":**") {
			continue
		}
		var months []string
		for _, tok := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '*' || r == ';' }) {
			if _, err := time.Parse("2006-01", tok); err == nil {
				months = append(months, tok)
			}
		}
		return months, true
	}
	return nil, false
}

func day(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}
