package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readingSnippetOptions are the string literals of docs/OUTPUTS.md's
// snippets that name no table or column: the options they pass.
var readingSnippetOptions = map[string]bool{
	"": true, "NaN": true, ".": true, "true": true, "false": true,
	"round_trip": true, "uint64": true, "many_to_one": true, // pandas
	"character": true, "UTF-8": true, // R
}

// readingSnippetFolder is the folder the snippets read, relative to
// where they run.
const readingSnippetFolder = "out/sweep-sahel"

// TestOutputsReadingSnippets: docs/OUTPUTS.md, "Reading the tables", gives
// a pandas and an R snippet that read a sweep's tables as they are meant
// (every number exactly, seeds as unsigned integers, yes-or-no columns as
// booleans) and join its runs to their points' statistics. Each names
// only tables a sweep writes and columns of a sweep's or a sensitivity
// analysis' tables (the read function is for every table), so that a
// column renamed breaks this test rather than the reader's script; and
// where Python with pandas, or Rscript, is installed, the snippets run on
// a small grid sweep over two keys, one of which, days, has no dot in its
// name (the snippets first took the key columns to be those whose names
// hold one, and so joined each run to two points' statistics).
func TestOutputsReadingSnippets(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(outputsDoc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start, end := strings.Index(text, "### Reading the tables"), strings.Index(text, "\n## Runs")
	if start < 0 || end < start {
		t.Fatal(`docs/OUTPUTS.md has no section "Reading the tables" before "Runs"`)
	}
	section := text[start:end]
	snippets := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)```(python|r)\n(.*?)```").FindAllStringSubmatch(section, -1) {
		snippets[m[1]] = m[2]
	}
	if snippets["python"] == "" || snippets["r"] == "" {
		t.Fatalf("docs/OUTPUTS.md, Reading the tables: want a python and an r snippet, got %d snippets", len(snippets))
	}

	root := t.TempDir()
	sweep := filepath.Join(root, filepath.FromSlash(readingSnippetFolder))
	small := []string{"--workers", "1", "--formats", "", "--quiet", "--reps", "2"}
	commands := [][]string{
		append([]string{"sweep", "classroom",
			"--vary", "days=20,30", "--vary", "regimes.malfunctioning.outage_start=0,0.5",
			"--regimes", "closed,malfunctioning", "--out", sweep}, small...),
		append([]string{"sensitivity", "classroom", "--params", "migrants.patience_days,migrants.give_up_days",
			"--days", "30", "--trajectories", "2", "--out", filepath.Join(root, "sensitivity")}, small...),
	}
	columns := map[string]bool{}
	for _, c := range commands {
		if status, _, stderr := runCLI(t, c...); status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(c[:2], " "), status, stderr)
		}
		tables, err := filepath.Glob(filepath.Join(c[len(c)-len(small)-1], "*.csv"))
		if err != nil || len(tables) == 0 {
			t.Fatalf("%s wrote no tables (%v)", strings.Join(c[:2], " "), err)
		}
		for _, path := range tables {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			header, err := csv.NewReader(f).Read()
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for _, name := range header {
				columns[name] = true
			}
		}
	}

	literal := regexp.MustCompile(`"([^"\\]*)"`)
	rDollar := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_.]*)`)
	for lang, code := range snippets {
		var names []string
		for _, m := range literal.FindAllStringSubmatch(code, -1) {
			names = append(names, m[1])
		}
		if lang == "r" {
			for _, m := range rDollar.FindAllStringSubmatch(code, -1) {
				names = append(names, m[1])
			}
		}
		for _, name := range names {
			switch {
			case readingSnippetOptions[name] || name == readingSnippetFolder:
			case strings.HasSuffix(name, ".csv"):
				if _, err := os.Stat(filepath.Join(sweep, filepath.Base(name))); err != nil {
					t.Errorf("the %s snippet reads %q, which a sweep does not write", lang, name)
				}
			case !columns[name]:
				t.Errorf("the %s snippet names %q, no column of a sweep's or sensitivity analysis' tables", lang, name)
			}
		}
	}

	// Run them where their language is installed: the Go tests need
	// neither, so a machine without one only checks the names above.
	run := func(lang, file string, interpreter ...string) {
		path := filepath.Join(root, file)
		if err := os.WriteFile(path, []byte(snippets[lang]), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(interpreter[0], append(interpreter[1:], path)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("the %s snippet of docs/OUTPUTS.md fails on a sweep's folder: %v\n%s", lang, err, out)
		} else if len(out) > 0 {
			t.Errorf("the %s snippet of docs/OUTPUTS.md says something (a warning?) on a sweep's folder:\n%s", lang, out)
		}
	}
	if python, err := exec.LookPath("python3"); err != nil || exec.Command(python, "-c", "import pandas").Run() != nil {
		t.Log("no python3 with pandas: the python snippet is not run")
	} else {
		run("python", "snippet.py", python)
	}
	if rscript, err := exec.LookPath("Rscript"); err != nil {
		t.Log("no Rscript: the r snippet is not run")
	} else {
		run("r", "snippet.R", rscript)
	}
}
