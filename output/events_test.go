package output

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestEventLogRows: the header and each run's rows, written as gzip
// members of their own, read back as one CSV table, names with commas
// and quotes quoted as encoding/csv would.
func TestEventLogRows(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEventsHeader(&buf, []string{"k"}); err != nil {
		t.Fatal(err)
	}
	places := []string{`Ville, "Nord"`, "Sud"}
	for _, run := range []Run{{ID: 0, Regime: "open", Replicate: 0, Params: []float64{0.5}}, {ID: 7, Regime: "a,b", Replicate: 3, Params: []float64{1}}} {
		l := NewEventLog(&buf, run, places)
		l.Event(sim.Event{Day: 2, Migrant: 11, Kind: sim.EventAbused, Location: 1, To: 0, Detail: "kidnap", By: sim.ByOfficial, Abuse: sim.Kidnap, State: sim.WithSmuggler})
		l.Event(sim.Event{Day: 3, Migrant: 12, Kind: sim.EventReached, Location: 0, To: -1, State: sim.Waiting, By: sim.ByOfficial})
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	z, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		EventsHeader([]string{"k"}),
		{"0", "open", "0", "0.5", "2", "11", "abused", "Sud", `Ville, "Nord"`, "kidnap", "official", "with_smuggler"},
		{"0", "open", "0", "0.5", "3", "12", "reached", `Ville, "Nord"`, "", "", "", "waiting"},
		{"7", "a,b", "3", "1", "2", "11", "abused", "Sud", `Ville, "Nord"`, "kidnap", "official", "with_smuggler"},
		{"7", "a,b", "3", "1", "3", "12", "reached", `Ville, "Nord"`, "", "", "", "waiting"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows; want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q; want %q", i, rows[i], want[i])
		}
	}
}

// TestCompressedTableChecksum: a .csv.gz table's checksums are those of
// the table it holds, however it is compressed.
func TestCompressedTableChecksum(t *testing.T) {
	dir := t.TempDir()
	table := "run,x\n0,1\n0,2\n1,3\n"
	if err := os.WriteFile(filepath.Join(dir, "t.csv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, level := range []int{gzip.BestSpeed, gzip.BestCompression} {
		var b bytes.Buffer
		z, _ := gzip.NewWriterLevel(&b, level)
		z.Write([]byte(table))
		z.Close()
		name := []string{"a.csv.gz", "b.csv.gz"}[i]
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Check(dir, []string{"t.csv", "a.csv.gz", "b.csv.gz"})
	if err != nil {
		t.Fatal(err)
	}
	for _, gz := range c[1:] {
		if gz.SHA256 != c[0].SHA256 || !slices.Equal(gz.Blocks, c[0].Blocks) || len(gz.Blocks) == 0 {
			t.Errorf("%s: %+v; want the checksums of the table, %+v", gz.File, gz, c[0])
		}
		if d, err := Verify(dir, gz); d != nil || err != nil {
			t.Errorf("Verify(%s) = %v, %v", gz.File, d, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "a.csv.gz"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := Verify(dir, c[1]); d == nil || err != nil {
		t.Errorf("Verify of a .gz that is not gzip = %v, %v; want a difference", d, err)
	}
}
