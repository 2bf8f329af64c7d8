package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// outputColumns is where docs/OUTPUTS.md names the three columns that
// name an output in the tables of a sensitivity folder.
var outputColumns = [3]string{outputsDoc, "## Sensitivity folders", "### parameters.csv"}

// tableSections says where the docs describe each table a command writes:
// the file, and the text from start up to end (the next such heading).
// Every column of the table must be named, in backquotes, there; the
// package tests of output, dtm, gsa, programme and claim check their
// registries against the docs, but validate's tables of a Flee case
// (validation.csv, replicates.csv, fit.csv) were in none, and none read
// the headers the commands write.
var tableSections = map[string][3]string{
	"timeseries.csv":  {outputsDoc, "## Runs", "## summary.csv"},
	"summary.csv":     {outputsDoc, "## Runs", "## locations.csv"},
	"locations.csv":   {outputsDoc, "## Runs", "## events.csv.gz"},
	"events.csv.gz":   {outputsDoc, "## Runs", "## stats.csv"},
	"stats.csv":       {outputsDoc, "## stats.csv", "## contrast.csv"},
	"contrast.csv":    {outputsDoc, "## contrast.csv", "## manifest.json"},
	"validation.csv":  {outputsDoc, "**validation.csv**", "**replicates.csv**"},
	"replicates.csv":  {outputsDoc, "**replicates.csv**", "**fit.csv**"},
	"fit.csv":         {outputsDoc, "**fit.csv**", "**Figures**"},
	"channels.csv":    {outputsDoc, "**`channels.csv`**", "**`path.csv`**"},
	"path.csv":        {outputsDoc, "**`path.csv`**", "**Figures**"},
	"rows.csv":        {outputsDoc, "**rows.csv**", "**draws.csv**"},
	"draws.csv":       {outputsDoc, "**draws.csv**", "**posterior.csv**"},
	"posterior.csv":   {outputsDoc, "**posterior.csv**", "**scores.csv**"},
	"scores.csv":      {outputsDoc, "**scores.csv**", "**monthly.csv**"},
	"monthly.csv":     {outputsDoc, "**monthly.csv**", "**harms.csv**"},
	"harms.csv":       {outputsDoc, "**harms.csv**", "**mmp.csv**"},
	"parameters.csv":  {outputsDoc, "### parameters.csv", "### points.csv"},
	"points.csv":      {outputsDoc, "### points.csv", "### point_means.csv"},
	"point_means.csv": {outputsDoc, "### point_means.csv", "### noise.csv"},
	"noise.csv":       {outputsDoc, "### noise.csv", "### morris.csv"},
	"morris.csv":      {outputsDoc, "### morris.csv", "### sobol.csv"},
	"sobol.csv":       {outputsDoc, "### sobol.csv", "### Figures of sensitivity"},
	"effects.csv":     {claimDocPath, "| `effects.csv`", "| `verdicts.csv`"},
	"verdicts.csv":    {claimDocPath, "| `verdicts.csv`", "| `claim.csv`"},
	"claim.csv":       {claimDocPath, "| `claim.csv`", "| `mediation.csv`"},
	"mediation.csv":   {claimDocPath, "| `mediation.csv`", "| `waiting.csv`"},
	"waiting.csv":     {claimDocPath, "| `waiting.csv`", "| `robustness_summary.csv`"},
}

const claimDocPath = "../../docs/CLAIM.md"

// TestTablesAsDocumented runs every command that writes tables, small, and
// reads each table as an analyst's parser would: every column is named in
// the docs' section of its table (sobol.csv's intervals were not), and
// the cells are as docs/OUTPUTS.md, "Numbers", says (it said nothing of
// empty cells, yes-or-no columns or text encoding before): UTF-8 without
// a byte-order mark, rows ended by a line feed, whole numbers as
// integers, a missing number only as NaN or an empty cell (never NA or
// Inf), yes-or-no columns true or false but path.csv's 1 or 0.
func TestTablesAsDocumented(t *testing.T) {
	t.Parallel()
	docs := map[string]string{}
	for _, f := range []string{outputsDoc, claimDocPath} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = string(b)
	}
	numbers := docs[outputsDoc]
	numbers = numbers[strings.Index(numbers, "## Numbers"):]
	numbers = strings.Join(strings.Fields(numbers[:strings.Index(numbers, "## Runs")]), " ")
	for _, s := range []string{"never `NA`, `Inf`", "`NaN`", "an empty cell", "hold `true` or `false`, but for `path.csv`'s `programme` and `open`, which hold `1` or `0`",
		"UTF-8 without a byte-order mark", "a line feed ending each row"} {
		if !strings.Contains(numbers, s) {
			t.Errorf("docs/OUTPUTS.md, Numbers, does not say %q", s)
		}
	}

	root := t.TempDir()
	flows := filepath.Join("..", "..", "data", "dtm-niger")
	mali := filepath.Join("..", "..", "data", "flee", "mali2012")
	small := []string{"--workers", "1", "--formats", "", "--quiet"}
	commands := [][]string{
		{"run", "classroom", "--reps", "2", "--days", "30", "--by-location", "--events"},
		{"sweep", "classroom", "--vary", "regimes.malfunctioning.outage_start=0,0.5", "--vary", "migrants.patience_days=3,6",
			"--regimes", "closed,malfunctioning", "--reps", "2", "--days", "30"},
		{"claim", "classroom", "--reps", "2", "--max-reps", "3", "--days", "40", "--waiting-off"},
		{"programme", "mauritania", "--reps", "2", "--days", "30"},
		{"sensitivity", "classroom", "--params", "migrants.patience_days,migrants.give_up_days", "--trajectories", "2", "--reps", "2", "--days", "30"},
		{"sensitivity", "classroom", "--method", "sobol", "--params", "migrants.patience_days,migrants.give_up_days", "--samples", "4", "--reps", "2", "--days", "30"},
		{"validate", "mali2012", "--data", mali, "--reps", "2"},
		{"validate", "agadez2016", "--data", flows, "--draws", "8", "--accept", "2", "--reps", "1"},
	}
	seen := map[string]bool{}
	for i, c := range commands {
		out := filepath.Join(root, strconv.Itoa(i))
		args := append(append(append([]string{}, c...), small...), "--out", out)
		if status, _, stderr := runCLI(t, args...); status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(c, " "), status, stderr)
		}
		tables, err := filepath.Glob(filepath.Join(out, "*.csv*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range tables {
			name := filepath.Base(path)
			seen[name] = true
			where := strings.Join(c[:2], " ") + ": " + name
			sec, ok := tableSections[name]
			if !ok {
				t.Errorf("%s: the test knows no section of the docs for it", where)
				continue
			}
			text := sectionOf(t, docs, sec)
			if c[0] == "sensitivity" && name != "parameters.csv" && name != "points.csv" && name != "summary.csv" {
				text = sectionOf(t, docs, outputColumns) + text
			}
			checkTable(t, where, readTable(t, path), text)
		}
	}
	for name := range tableSections {
		if !seen[name] {
			t.Errorf("no command of the test wrote %s", name)
		}
	}
}

// sectionOf is the text of docs from sec's start up to its end.
func sectionOf(t *testing.T, docs map[string]string, sec [3]string) string {
	t.Helper()
	doc := docs[sec[0]]
	i := strings.Index(doc, sec[1])
	j := strings.Index(doc[i+1:], sec[2])
	if i < 0 || j < 0 {
		t.Fatalf("%s: no section from %q to %q", sec[0], sec[1], sec[2])
	}
	return doc[i : i+1+j]
}

// readTable returns a table's bytes, decompressed if it is gzipped.
func readTable(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(z); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func checkTable(t *testing.T, where string, b []byte, section string) {
	t.Helper()
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		t.Errorf("%s starts with a byte-order mark", where)
	case bytes.Contains(b, []byte("\r")):
		t.Errorf("%s holds a carriage return", where)
	case !utf8.Valid(b):
		t.Errorf("%s is not UTF-8", where)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Errorf("%s: %d rows, %v", where, len(rows), err)
		return
	}
	for col, name := range rows[0] {
		// A varied key (a sweep's, a point's) is named by the key.
		if !strings.Contains(name, ".") && !documentedColumn(section, name) {
			t.Errorf("%s: the docs' section of the table does not name its column %s", where, name)
		}
		var numbers, bools int
		for _, r := range rows[1:] {
			v := r[col]
			switch v {
			case "", "NaN":
				continue
			case "true", "false":
				bools++
				continue
			case "NA", "nan", "Inf", "+Inf", "-Inf", "inf", "null", "None":
				t.Errorf("%s: column %s holds %q", where, name, v)
				continue
			}
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue // text
			}
			numbers++
			if f == math.Trunc(f) && math.Abs(f) < 1<<53 && v != strconv.FormatInt(int64(f), 10) {
				t.Errorf("%s: column %s holds the whole number %s written as %q", where, name, strconv.FormatInt(int64(f), 10), v)
			}
		}
		if strings.HasSuffix(where, ": path.csv") && (name == "programme" || name == "open") {
			for _, r := range rows[1:] {
				if r[col] != "0" && r[col] != "1" {
					t.Errorf("%s: column %s holds %q, not 1 or 0", where, name, r[col])
					break
				}
			}
		}
		if numbers > 0 && bools > 0 {
			t.Errorf("%s: column %s holds both numbers and true or false", where, name)
		}
	}
}

// documentedColumn says whether section names column, in backquotes, or
// as a measure with its documented _low and _high (morris.csv, sobol.csv).
func documentedColumn(section, column string) bool {
	if strings.Contains(section, "`"+column+"`") {
		return true
	}
	for _, suffix := range []string{"_low", "_high"} {
		if base, ok := strings.CutSuffix(column, suffix); ok {
			return strings.Contains(section, "`"+base+"`") && strings.Contains(section, "`"+suffix+"`")
		}
	}
	return false
}
