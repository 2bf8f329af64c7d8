package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// TestReadSummaryKeepsOnlyWhatRowsNeed: plot, merge and resume hold every
// row ReadSummary returns, so a row must not keep more than its values.
// It kept the csv reader's whole line through its regime's name (the
// reader's fields share one string per line), and room for 64 totals
// where there are fewer: a plot of 100,000 runs peaked at 216 MB.
func TestReadSummaryKeepsOnlyWhatRowsNeed(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.Join(SummaryHeader([]string{"k"}), ",") + "\n")
	totals := strings.TrimSuffix(strings.Repeat("1.5,", len(Totals)), ",")
	for i, regime := range []string{"open", "closed", "open", "closed"} {
		b.WriteString(strings.Join([]string{string(rune('0' + i)), regime, "0", "0.25", "7", totals}, ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "summary.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rows, err := ReadSummary(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("read %d rows, want 4", len(rows))
	}
	for i, row := range rows {
		if cap(row.Totals) != len(Totals) || len(row.Totals) != len(Totals) {
			t.Errorf("row %d: %d totals in room for %d; want %d in room for as many", i, len(row.Totals), cap(row.Totals), len(Totals))
		}
	}
	// Rows of one regime share its name, which is none of the lines'.
	if unsafe.StringData(rows[0].Run.Regime) != unsafe.StringData(rows[2].Run.Regime) ||
		unsafe.StringData(rows[1].Run.Regime) != unsafe.StringData(rows[3].Run.Regime) {
		t.Error("rows of one regime hold their own copies of its name, or their lines")
	}
	if rows[0].Run.Regime != "open" || rows[1].Run.Regime != "closed" {
		t.Errorf("regimes read %q, %q; want open, closed", rows[0].Run.Regime, rows[1].Run.Regime)
	}
}
