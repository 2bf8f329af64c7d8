package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNewcomerMistakes: a newcomer's mistakes with files are one line that
// says what the file is, status 2, nothing written: a scenario file given
// to plot, reproduce or merge (it said "open my.toml/manifest.json: not a
// directory"); a CSV named as the scenario; an empty scenario; a
// top-level key appended below the last table.
func TestNewcomerMistakes(t *testing.T) {
	t.Chdir(t.TempDir())
	tiny, err := os.ReadFile(filepath.Join(startDir, small))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"my.toml":     string(tiny),
		"inflow.csv":  "day,rate\n0,10\n",
		"empty.toml":  "\n",
		"append.toml": string(tiny) + "\ndefault_regimes = [\"open\"]\n",
	}
	for name, data := range files {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"plot", "my.toml"}, []string{"borderwork plot: my.toml is a file, not an output folder: give a folder a borderwork command wrote"}},
		{[]string{"reproduce", "my.toml"}, []string{"borderwork reproduce: my.toml is a file, not an output folder"}},
		{[]string{"merge", "my.toml"}, []string{"borderwork merge: my.toml is a file, not an output folder"}},
		{[]string{"compare", "inflow.csv", "--out", "o"}, []string{"inflow.csv is a file, but not a scenario: a scenario file's name ends in .toml"}},
		{[]string{"compare", "my", "--out", "o"}, []string{`no bundled scenario "my"; did you mean the file my.toml?`}},
		{[]string{"compare", "empty.toml", "--out", "o"}, []string{"borderwork compare: empty.toml: the file is empty"}},
		{[]string{"compare", "append.toml", "--out", "o"}, []string{"append.toml:", "default_regimes is a top-level key, but below [", "write it above the first [table] or [[array]]"}},
	}
	for _, tt := range tests {
		wantRefusal(t, exitUsage, "o", tt.args, tt.want...)
	}
}

// TestPlotTheFolderOfFolders: plot given the folder that holds the
// output folders (plot out) names the output folders in it, rather than
// Go's "stat out/manifest.json: no such file or directory"; an empty
// folder is said to have no manifest.json.
func TestPlotTheFolderOfFolders(t *testing.T) {
	t.Chdir(t.TempDir())
	mustRun(t, "compare", filepath.Join(startDir, small), "--days", "5", "--reps", "2", "--formats", "", "--quiet", "--out", filepath.Join("out", "c"))
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	wantRefusal(t, exitUsage, "o", []string{"plot", "out"}, "borderwork plot: out is not a borderwork output folder (it has no manifest.json), but holds some: "+filepath.Join("out", "c")+"\n")
	wantRefusal(t, exitUsage, "o", []string{"plot", "empty"}, "borderwork plot: empty is not a borderwork output folder: it has no manifest.json\n")
}
