package output

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeFolder makes a folder at dir as the tool leaves it: a manifest of
// owner recording a table and a figure.
func writeFolder(t *testing.T, dir string, owner Owner) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, "figures"), 0o755)
	os.WriteFile(filepath.Join(dir, "scenario.toml"), []byte("name = \"x\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "summary.csv"), []byte("run,regime\n0,open\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "figures", "a.svg"), []byte("<svg/>"), 0o644)
	m := NewManifest(owner.Command)
	m.ScenarioSource = owner.Source
	m.ScenarioSHA256 = SHA256([]byte("name = \"x\"\n"))
	var err error
	if m.Tables, err = Check(dir, []string{"summary.csv"}); err != nil {
		t.Fatal(err)
	}
	if m.Figures, err = Check(dir, []string{"figures/a.svg"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(filepath.Join(dir, "manifest.json")); err != nil {
		t.Fatal(err)
	}
}

func TestCheckTarget(t *testing.T) {
	owner := Owner{"compare", "bundled:sahel"}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		force bool
		want  string // "" for allowed
	}{
		{"absent", func(t *testing.T, dir string) { os.Remove(dir) }, false, ""},
		{"empty", func(t *testing.T, dir string) {}, false, ""},
		{"ours", func(t *testing.T, dir string) { writeFolder(t, dir, owner) }, false, ""},
		{"ours, with a file killed mid-write", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			os.WriteFile(filepath.Join(dir, ".stats.csv.tmp-123"), nil, 0o644)
		}, false, ""},
		{"an earlier version's, with its unrecorded report", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			m, _ := ReadManifest(dir)
			m.Tables[0].Blocks = nil
			m.Write(filepath.Join(dir, "manifest.json"))
			os.WriteFile(filepath.Join(dir, "report.md"), []byte("# report"), 0o644)
		}, false, ""},
		{"a report this version did not record", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			os.WriteFile(filepath.Join(dir, "report.md"), []byte("# my report"), 0o644)
		}, false, "report.md"},
		{"not ours", func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "thesis.tex"), nil, 0o644) }, false, "thesis.tex"},
		{"not ours, forced", func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "thesis.tex"), nil, 0o644) }, true, ""},
		{"ours plus a note", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			os.WriteFile(filepath.Join(dir, "figures", "note.txt"), nil, 0o644)
		}, false, "figures/note.txt"},
		{"a table changed", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			os.WriteFile(filepath.Join(dir, "summary.csv"), []byte("run,regime\n0,closed\n"), 0o644)
		}, false, "changed since borderwork wrote them (summary.csv)"},
		{"another scenario", func(t *testing.T, dir string) { writeFolder(t, dir, Owner{"compare", "mine.toml"}) }, false, "a compare folder of mine.toml, not a compare folder of bundled:sahel"},
		{"another command", func(t *testing.T, dir string) { writeFolder(t, dir, Owner{"sweep", "bundled:sahel"}) }, false, "a sweep folder"},
		{"a file", func(t *testing.T, dir string) { os.Remove(dir); os.WriteFile(dir, nil, 0o644) }, true, "not a folder"},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "out")
		os.Mkdir(dir, 0o755)
		tt.setup(t, dir)
		err := CheckTarget(dir, owner, tt.force)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: CheckTarget = %v; want it allowed", tt.name, err)
		case tt.want != "" && (!errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: CheckTarget = %v; want a refusal naming %q", tt.name, err, tt.want)
		}
	}
}

// TestCommitKeepsOthersFiles: a forced commit over a folder with the
// user's files keeps them, and the new folder's files win on a clash.
func TestCommitKeepsOthersFiles(t *testing.T) {
	owner := Owner{"compare", "bundled:sahel"}
	final := filepath.Join(t.TempDir(), "out")
	writeFolder(t, final, Owner{"compare", "other.toml"})
	os.MkdirAll(filepath.Join(final, "notes"), 0o755)
	os.WriteFile(filepath.Join(final, "notes", "a.md"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(final, "report.md"), []byte("my report"), 0o644)
	f, err := Create(final, owner, true)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f.Path("report.md"), []byte("new report"), 0o644)
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"notes/a.md": "mine", "report.md": "new report"} {
		if b, _ := os.ReadFile(filepath.Join(final, file)); string(b) != want {
			t.Errorf("%s = %q; want %q", file, b, want)
		}
	}
	if _, err := os.Stat(filepath.Join(final, "summary.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the earlier folder's own table survived the swap")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(final), ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestParseManifestRefusesPathsOutside(t *testing.T) {
	for _, file := range []string{"../x", "/etc/passwd", "figures/../../x", "a/./b", ""} {
		data := `{"tool":"borderwork","tables":[{"file":"` + file + `","sha256":"00"}]}`
		if _, err := ParseManifest([]byte(data)); err == nil {
			t.Errorf("ParseManifest accepted a file %q", file)
		}
	}
	if _, err := ParseManifest([]byte(`{"tool":"borderwork","tables":[{"file":"figures/a.png","sha256":"00"}]}`)); err != nil {
		t.Errorf("ParseManifest refused figures/a.png: %v", err)
	}
}

// TestVerifyFindsTheBlock: Verify names the block of runs that changed and
// Locate, given the right rows, the exact line.
func TestVerifyFindsTheBlock(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("run,regime,day\n")
	var want [][]byte
	for run := range 200 {
		for day := range 3 {
			line := strings.Join([]string{strconv.Itoa(run), "open", strconv.Itoa(day)}, ",") + "\n"
			b.WriteString(line)
			if run >= BlockRuns && run < 2*BlockRuns {
				want = append(want, []byte(line))
			}
		}
	}
	p := filepath.Join(dir, "timeseries.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	c, err := Check(dir, []string{"timeseries.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c[0].Blocks) != 4 {
		t.Fatalf("%d blocks for 200 runs; want 4", len(c[0].Blocks))
	}
	if d, err := Verify(dir, c[0]); d != nil || err != nil {
		t.Fatalf("Verify of the table as written = %v, %v", d, err)
	}
	// Line 2 + 3×70 + 1 is run 70, day 1: in the second block.
	lines := strings.SplitAfter(b.String(), "\n")
	edit := 2 + 3*70 + 1
	lines[edit-1] = "70,open,9\n"
	os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644)
	d, err := Verify(dir, c[0])
	if err != nil || d == nil || d.Block != 1 || d.Line != 2+3*BlockRuns || d.Exact {
		t.Fatalf("Verify = %+v, %v; want block 1 from line %d", d, err, 2+3*BlockRuns)
	}
	if err := Locate(dir, d, want); err != nil || d.Line != edit || !d.Exact {
		t.Errorf("Locate = %+v, %v; want line %d exactly", d, err, edit)
	}
	// Cut short.
	os.WriteFile(p, []byte(strings.Join(lines[:100], "")), 0o644)
	if d, _ := Verify(dir, c[0]); d == nil || !strings.Contains(d.Error(), "timeseries.csv:") {
		t.Errorf("Verify of a cut table = %v", d)
	}
	// Cut after whole blocks: how many are missing.
	for _, cut := range []struct {
		blocks int
		want   string
	}{{2, "before the rows of 2 more blocks of runs"}, {3, "before the rows of 1 more block of runs"}} {
		os.WriteFile(p, []byte(strings.Join(strings.SplitAfter(b.String(), "\n")[:1+3*cut.blocks*BlockRuns], "")), 0o644)
		if d, _ := Verify(dir, c[0]); d == nil || d.Block != cut.blocks || !strings.Contains(d.Error(), cut.want) {
			t.Errorf("Verify of a table cut after %d blocks = %v; want %q", cut.blocks, d, cut.want)
		}
	}
	os.Remove(p)
	if d, _ := Verify(dir, c[0]); d == nil || d.Error() != "timeseries.csv: is missing" {
		t.Errorf("Verify of a missing table = %v", d)
	}
}

// TestCSVCloseReportsOnce: a writer that fails (a full disk) makes Close
// report one error, not one per layer.
func TestCSVCloseReportsOnce(t *testing.T) {
	c := NewCSV(failing{})
	for range 5000 {
		c.Write([]string{"a", "b"})
	}
	err := c.Close()
	if err == nil || strings.Count(err.Error(), "no space left") != 1 {
		t.Errorf("Close = %v; want the failure once", err)
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("write x: no space left on device") }
