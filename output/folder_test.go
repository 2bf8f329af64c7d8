package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/borderwork/borderwork/internal/infile"
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
	if owner.Command == "sweep" {
		m.Sweep = &SweepInfo{Shard: owner.Shard}
	}
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
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
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
		{"only a figure killed mid-write, no manifest", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "figures"), 0o755)
			os.WriteFile(filepath.Join(dir, "figures", ".trapped.png.tmp-4294967295"), nil, 0o644)
		}, false, ""},
		// Files of the user's named like temporary files, but not of a
		// kind borderwork writes or not with os.CreateTemp's digits, are
		// the user's: named, and kept (with --force, moved).
		{"yours, looking temporary", func(t *testing.T, dir string) {
			writeFolder(t, dir, owner)
			os.WriteFile(filepath.Join(dir, ".analysis.tmp-v2"), nil, 0o644)
			os.WriteFile(filepath.Join(dir, ".draft.tmp-2"), nil, 0o644)
		}, false, "files borderwork did not write (.analysis.tmp-v2, .draft.tmp-2)"},
		{"yours only, looking temporary, no manifest", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, ".notes.tmp-backup"), nil, 0o644)
		}, false, "files borderwork did not write (.notes.tmp-backup) and no manifest.json"},
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
		}, false, "changed since borderwork wrote them (summary.csv); choose another --out, or give --force to replace it, those files too (copy them first to keep your changes)"},
		{"another scenario", func(t *testing.T, dir string) { writeFolder(t, dir, Owner{Command: "compare", Source: "mine.toml"}) }, false, "a compare folder of mine.toml, not a compare folder of the bundled scenario sahel"},
		{"another command", func(t *testing.T, dir string) { writeFolder(t, dir, Owner{Command: "sweep", Source: "bundled:sahel"}) }, false, "holds a sweep folder of the bundled scenario sahel, not a compare folder of the bundled scenario sahel"},
		{"a file", func(t *testing.T, dir string) { os.Remove(dir); os.WriteFile(dir, nil, 0o644) }, true, "out is a file, not a folder; choose another --out"},
	}
	// Windows makes symbolic links only with privileges (or Developer
	// Mode): there the other cases are still tried.
	if canLink(t) {
		tests = append(tests, struct {
			name  string
			setup func(t *testing.T, dir string)
			force bool
			want  string
		}{"a link to a folder", func(t *testing.T, dir string) {
			os.Remove(dir)
			os.Mkdir(dir+"-real", 0o755)
			os.Symlink("out-real", dir)
		}, true, "out is a link to out-real, not a folder"})
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

// TestNotAFolderNamesTheLink: a link given as --out is refused naming
// where it points and the --out that writes there, its relative target
// read from the link's folder, as the shell would.
func TestNotAFolderNamesTheLink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "results"), 0o755)
	link := filepath.Join(dir, "runs", "out")
	os.Mkdir(filepath.Dir(link), 0o755)
	if !canLink(t) {
		t.Skip("no symbolic links here")
	}
	if err := os.Symlink(filepath.Join("..", "results"), link); err != nil {
		t.Fatal(err)
	}
	want := link + " is a link to " + filepath.Join("..", "results") + ", not a folder, and borderwork does not write through links: give --out " + filepath.Join(dir, "results") + " to write there, or choose another --out"
	if err := CheckTarget(link, Owner{Command: "compare", Source: "bundled:sahel"}, true); err == nil || err.Error() != want {
		t.Errorf("CheckTarget(link) = %v;\nwant %s", err, want)
	}
	// A link to where --out is refused too (/) is not given as the way.
	root := filepath.Join(dir, "root")
	if err := os.Symlink("/", root); err != nil {
		t.Fatal(err)
	}
	want = root + " is a link to /, not a folder, and borderwork does not write through links: choose another --out"
	if err := CheckTarget(root, Owner{Command: "compare", Source: "bundled:sahel"}, true); err == nil || err.Error() != want {
		t.Errorf("CheckTarget(link to /) = %v;\nwant %s", err, want)
	}
}

// TestCheckTargetShards: a shard's folder is not another shard's, nor the
// whole sweep's (and the other way round): replacing it would throw its
// runs away, so it is refused without --force, naming both, as another
// command's folder is; the same shard's folder is replaced as before.
func TestCheckTargetShards(t *testing.T) {
	shard := func(s string) Owner { return Owner{Command: "sweep", Source: "sahel.toml", Shard: s} }
	tests := []struct {
		name        string
		there, want Owner
		force       bool
		refusal     string // "" for allowed
	}{
		{"the same shard", shard("1/2"), shard("1/2"), false, ""},
		{"the whole sweep again", shard(""), shard(""), false, ""},
		{"another shard", shard("0/2"), shard("1/2"), false, "out holds shard 0/2 of a sweep, not shard 1/2; choose another --out, or give --force"},
		{"another shard, forced", shard("0/2"), shard("1/2"), true, ""},
		{"a shard of another count", shard("1/3"), shard("1/2"), false, "holds shard 1/3 of a sweep, not shard 1/2"},
		{"a shard over the whole sweep", shard(""), shard("1/2"), false, "holds a whole sweep, not shard 1/2 of it"},
		{"the whole sweep over a shard", shard("1/2"), shard(""), false, "holds shard 1/2 of a sweep, not the whole sweep"},
		{"another command over a shard", shard("1/2"), Owner{Command: "compare", Source: "sahel.toml"}, false, "holds shard 1/2 of a sweep of sahel.toml, not a compare folder of sahel.toml"},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "out")
		writeFolder(t, dir, tt.there)
		err := CheckTarget(dir, tt.want, tt.force)
		switch {
		case tt.refusal == "" && err != nil:
			t.Errorf("%s: CheckTarget = %v; want it allowed", tt.name, err)
		case tt.refusal != "" && (!errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), tt.refusal)):
			t.Errorf("%s: CheckTarget = %v; want a refusal saying %q", tt.name, err, tt.refusal)
		}
	}
}

// TestCommitRefusesAnotherShard: a shard written while another process
// puts another shard's folder at its place (two tasks given the same
// --out) is not swapped in over it: the commit checks again, refuses
// naming both shards, and the other shard's folder stays as it was.
func TestCommitRefusesAnotherShard(t *testing.T) {
	final := filepath.Join(t.TempDir(), "d")
	mine := Owner{Command: "sweep", Source: "sahel.toml", Shard: "1/2"}
	f, err := Create(final, mine, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Discard()
	os.WriteFile(f.Path("summary.csv"), []byte("run\n1\n"), 0o644)
	writeFolder(t, final, Owner{Command: "sweep", Source: "sahel.toml", Shard: "0/2"})
	before, err := os.ReadFile(filepath.Join(final, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	err = f.Commit()
	if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "holds shard 0/2 of a sweep, not shard 1/2") {
		t.Fatalf("Commit over another shard = %v; want a refusal naming both shards", err)
	}
	after, _ := os.ReadFile(filepath.Join(final, "manifest.json"))
	if string(after) != string(before) {
		t.Error("the other shard's manifest changed")
	}
	if f.Dir == final {
		t.Error("the folder was swapped in")
	}
	if _, err := os.Stat(f.Path("summary.csv")); err != nil {
		t.Errorf("the refused folder's runs are gone: %v", err)
	}
}

// TestCommitRefusesAFolderWrittenMeanwhile: two commands of one command
// line and scenario given the same --out both find it free; the one that
// finishes second is not swapped in over the other's folder (which it
// would replace as its own, saying nothing), and an earlier folder
// rewritten meanwhile is not replaced either. A rerun that finds its own
// earlier folder unchanged replaces it.
func TestCommitRefusesAFolderWrittenMeanwhile(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	for _, earlier := range []bool{false, true} {
		final := filepath.Join(t.TempDir(), "d")
		if earlier {
			writeFolder(t, final, owner)
		}
		f, err := Create(final, owner, false)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Discard()
		os.WriteFile(f.Path("summary.csv"), []byte("run\n1\n"), 0o644)
		other := filepath.Join(t.TempDir(), "other")
		writeFolder(t, other, owner)
		m, err := ReadManifest(other)
		if err != nil {
			t.Fatal(err)
		}
		m.CommandLine = "borderwork compare --reps 4"
		if err := m.Write(filepath.Join(other, "manifest.json")); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(final)
		if err := os.Rename(other, final); err != nil {
			t.Fatal(err)
		}
		err = f.Commit()
		want := final + " was written by another command while this one ran (borderwork compare --reps 4); it is left as it is"
		if !errors.Is(err, ErrNotOurs) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("earlier folder %v: Commit = %v; want a refusal beginning %q", earlier, err, want)
		}
		if got, _ := ReadManifest(final); got == nil || got.CommandLine != m.CommandLine {
			t.Errorf("earlier folder %v: the other command's folder was replaced", earlier)
		}
		if _, err := os.Stat(f.Path("summary.csv")); f.Dir == final || err != nil {
			t.Errorf("earlier folder %v: the refused folder is not kept where it was written: %v", earlier, err)
		}
	}
	// Unchanged since Create: replaced.
	final := filepath.Join(t.TempDir(), "d")
	writeFolder(t, final, owner)
	f, err := Create(final, owner, false)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f.Path("summary.csv"), []byte("run\n1\n"), 0o644)
	if err := f.Commit(); err != nil {
		t.Fatalf("Commit over its own earlier folder = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(final, "summary.csv")); string(b) != "run\n1\n" {
		t.Errorf("the rerun's folder is not in place: summary.csv %q", b)
	}
}

// TestForceKeepsUsersFiles: --force replaces a folder that is not the
// tool's, but never a file or folder of the user's: those are moved into
// the new folder, and where the new folder has a file of the same name
// the folder is refused, up front (a name every folder may hold) or at
// the commit (a table), with the user's bytes as they were.
func TestForceKeepsUsersFiles(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	type file struct{ path, bytes string }
	tests := []struct {
		name   string
		user   []file // bytes "" for an empty folder
		early  string // the refusal of CheckTarget, or ""
		commit string // the refusal of Commit, or ""
	}{
		{"a file the same name as an output", []file{{"report.md", "MY THESIS NOTES"}}, "out/report.md is not borderwork's and would be replaced", ""},
		{"a file the same name as a table", []file{{"timeseries.csv", "my,table"}}, "", "out/timeseries.csv is not borderwork's and would be replaced"},
		{"a plain file named figures", []file{{"figures", "my figures"}}, "out/figures is not borderwork's", ""},
		{"a folder named like an output file", []file{{"report.md/draft.txt", "draft"}}, "out/report.md/draft.txt is not borderwork's", ""},
		{"several in the way", []file{{"report.md", "a"}, {"scenario.toml", "b"}, {"manifest.json/x", "c"}, {"figures", "d"}}, "out/report.md and 1 more are not borderwork's and would be replaced: move them", ""},
		{"an empty folder named like an output file", []file{{"report.md", ""}}, "out/report.md is not borderwork's", ""},
		{"a folder named like an output folder", []file{{"figures/mine.png", "my plot"}, {"figures/old", ""}}, "", ""},
		{"empty folders", []file{{"empty", ""}, {"deep/er/still", ""}, {"figures", ""}}, "", ""},
		{"files of the user's", []file{{"thesis.tex", "\\begin"}, {"notes/a.md", "mine"}}, "", ""},
		{"files of the user's named like temporary files", []file{{".notes.tmp-backup", "mine"}, {"sub/.draft.tmp-2", "mine too"}}, "", ""},
	}
	for _, tt := range tests {
		final := filepath.Join(t.TempDir(), "out")
		writeFolder(t, final, Owner{Command: "compare", Source: "other.toml"})
		for _, f := range tt.user {
			p := filepath.Join(final, filepath.FromSlash(f.path))
			os.RemoveAll(p) // a file in place of the earlier folder's figures
			top := filepath.Join(final, strings.Split(f.path, "/")[0])
			if st, err := os.Lstat(top); err == nil && !st.IsDir() {
				os.Remove(top) // a folder in place of the earlier folder's manifest
			}
			if f.bytes == "" {
				os.MkdirAll(p, 0o755)
				continue
			}
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(f.bytes), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := listTree(t, filepath.Dir(final))
		f, err := Create(final, owner, true)
		if tt.early != "" {
			if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), filepath.FromSlash(tt.early)) {
				t.Errorf("%s: Create = %v; want a refusal saying %q", tt.name, err, tt.early)
			}
			if after := listTree(t, filepath.Dir(final)); after != before {
				t.Errorf("%s: a refused Create changed the folder:\n%s\nwas\n%s", tt.name, after, before)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: Create: %v", tt.name, err)
		}
		os.MkdirAll(f.Path("figures"), 0o755)
		os.WriteFile(f.Path("figures/a.svg"), []byte("<svg>new</svg>"), 0o644)
		os.WriteFile(f.Path("summary.csv"), []byte("run,regime\n0,closed\n"), 0o644)
		os.WriteFile(f.Path("timeseries.csv"), []byte("run,regime,day\n0,closed,0\n"), 0o644)
		os.WriteFile(f.Path("report.md"), []byte("new report"), 0o644)
		err = f.Commit()
		if tt.commit != "" {
			if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), filepath.FromSlash(tt.commit)) {
				t.Errorf("%s: Commit = %v; want a refusal saying %q", tt.name, err, tt.commit)
			}
			if b, _ := os.ReadFile(filepath.Join(f.Dir, "report.md")); string(b) != "new report" {
				t.Errorf("%s: the refused new folder is not kept where it was written (%s)", tt.name, f.Dir)
			}
			f.Discard()
			if after := listTree(t, filepath.Dir(final)); after != before {
				t.Errorf("%s: a refused Commit changed the folder:\n%s\nwas\n%s", tt.name, after, before)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: Commit: %v", tt.name, err)
		}
		for _, u := range tt.user {
			p := filepath.Join(final, filepath.FromSlash(u.path))
			if u.bytes == "" {
				if st, err := os.Stat(p); err != nil || !st.IsDir() {
					t.Errorf("%s: the user's folder %s is gone (%v)", tt.name, u.path, err)
				}
				continue
			}
			if b, err := os.ReadFile(p); string(b) != u.bytes {
				t.Errorf("%s: %s = %q, %v; want the user's %q", tt.name, u.path, b, err, u.bytes)
			}
		}
		for file, want := range map[string]string{"report.md": "new report", "figures/a.svg": "<svg>new</svg>"} {
			if b, _ := os.ReadFile(filepath.Join(final, file)); string(b) != want {
				t.Errorf("%s: %s = %q; want the new folder's %q", tt.name, file, b, want)
			}
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(final), ".*")); len(left) > 0 {
			t.Errorf("%s: left behind: %v", tt.name, left)
		}
	}
}

// listTree lists everything under dir with its bytes, to tell that
// nothing changed.
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		data := []byte("/")
		if !d.IsDir() {
			data, _ = os.ReadFile(p)
		}
		b.WriteString(p + " " + string(data) + "\n")
		return nil
	})
	return b.String()
}

// TestCheckTargetRefusesPlaces: the current folder, a folder holding it,
// a filesystem root, and a path under a file are refused whatever they
// hold, even with force, before anything is read or written.
func TestCheckTargetRefusesPlaces(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("afile", []byte("mine"), 0o644)
	os.Mkdir("sub", 0o755)
	os.MkdirAll(filepath.Join("homes", "me"), 0o755)
	t.Setenv("HOME", filepath.Join(dir, "homes", "me"))
	t.Setenv("USERPROFILE", filepath.Join(dir, "homes", "me"))
	tests := []struct{ out, want string }{
		{"homes/me", "homes/me is your home folder or holds it, which cannot be an output folder"},
		{"homes", "homes is your home folder or holds it"},
		{".", ". is the current folder, which cannot be an output folder"},
		{dir, dir + " is the current folder"},
		{"sub/..", ". is the current folder"},
		{"..", ".. holds the current folder, so it cannot be an output folder"},
		{"/", "/ is a filesystem root, which cannot be an output folder"},
		{"afile/sub", "afile is a file, so afile/sub cannot be made"},
		{"afile/a/b", "afile is a file, so afile/a/b cannot be made"},
	}
	if runtime.GOOS == "windows" {
		// Not roots, though Abs makes them \\.\AUX, which is its own Dir.
		tests = append(tests,
			struct{ out, want string }{"aux", "aux names a device (Windows keeps the name aux for one in every folder)"},
			struct{ out, want string }{"sub/CON", "sub/CON names a device (Windows keeps the name CON for one in every folder)"})
	}
	for _, tt := range tests {
		err := CheckTarget(tt.out, Owner{Command: "compare", Source: "bundled:sahel"}, true)
		if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), filepath.FromSlash(tt.want)) {
			t.Errorf("CheckTarget(%q) = %v; want a refusal saying %q", tt.out, err, tt.want)
		}
	}
	for _, out := range []string{"sub", "sub/new", "new/deeper", "homes/me/out"} {
		if err := CheckTarget(out, Owner{Command: "compare", Source: "bundled:sahel"}, false); err != nil {
			t.Errorf("CheckTarget(%q) = %v; want it allowed", out, err)
		}
	}
}

// TestCreateRefusesNamesTooLong: a folder whose name, or the name of a
// folder above it, or whose whole path with its hidden temporary name,
// is too long for the file system is refused (ErrNotOurs: a name to
// change, status 2), and Create leaves no folder behind, not even the
// folders above it that it made before the file system refused.
func TestCreateRefusesNamesTooLong(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	tests := []struct{ name, out, want string }{
		{"folder", "a/b/" + long("x", 240), "the folder's name is 240 bytes long"},
		{"above", "a/" + long("y", 256) + "/c", "is 256 bytes long, and file systems take at most 255"},
	}
	if runtime.GOOS == "linux" { // PATH_MAX, 4,096 bytes: the folders above are made, the hidden one cannot be
		var parts []string
		for range 20 {
			parts = append(parts, long("d", 200))
		}
		out := strings.Join(parts, "/") + "/" + long("e", 4090-20*201)
		tests = append(tests, struct{ name, out, want string }{"path", out, "the path, 4090 bytes long, is too long"})
	}
	for _, tt := range tests {
		_, err := Create(tt.out, Owner{Command: "compare", Source: "bundled:sahel"}, false)
		if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Create = %v; want a refusal saying %q", tt.name, err, tt.want)
		}
		if left, _ := os.ReadDir("."); len(left) > 0 {
			t.Errorf("%s: Create left %s behind", tt.name, left[0].Name())
			os.RemoveAll(left[0].Name())
		}
	}
	if f, err := Create("a/b/"+long("x", 239), Owner{Command: "compare", Source: "bundled:sahel"}, false); err != nil {
		t.Errorf("Create of a name of 239 bytes = %v; want it made", err)
	} else {
		f.Discard()
	}
}

// TestRemoveOursKeepsEmptyFolders: removing a folder of the tool's keeps
// an empty folder the user made in it (and so the folder).
func TestRemoveOursKeepsEmptyFolders(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	dir := filepath.Join(t.TempDir(), "out")
	writeFolder(t, dir, owner)
	os.MkdirAll(filepath.Join(dir, "keep", "me"), 0o755)
	if err := RemoveOurs(dir, owner); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "keep", "me")); err != nil || !st.IsDir() {
		t.Errorf("the user's empty folder is gone: %v", err)
	}
	for _, gone := range []string{"manifest.json", "summary.csv", "figures"} {
		if _, err := os.Lstat(filepath.Join(dir, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived RemoveOurs (%v)", gone, err)
		}
	}
	writeFolder(t, filepath.Join(dir+"2"), owner)
	if err := RemoveOurs(dir+"2", owner); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir + "2"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("RemoveOurs left a folder of the tool's only: %v", err)
	}
}

// TestFileSHA256NotAFile: a folder's file that is a device is refused
// unread, in the words infile uses for a file the user gives (one
// wording; output's said "a FIFO, a device or a socket" and infile's "a
// device, pipe or socket; give a file").
func TestFileSHA256NotAFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, path, want string }{
		{"folder", dir, dir + ": is a folder, not a file"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct{ name, path, want string }{"device", "/dev/zero", "/dev/zero: is not a regular file (a pipe, a device or a socket)"})
	}
	for _, tt := range tests {
		_, err := FileSHA256(tt.path)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrNotAFile) {
			t.Errorf("%s: FileSHA256(%q) = %v; want %q matching ErrNotAFile", tt.name, tt.path, err, tt.want)
		}
		if _, ierr := infile.Table.Read(tt.path); ierr == nil || tt.path+": "+ierr.Error() != tt.want {
			t.Errorf("%s: infile says %v; output says %v", tt.name, ierr, err)
		}
	}
}

// TestWriteFileLeavesNothingOnFailure: a write that cannot be renamed
// into place (a folder is there) or has no folder to go into says so
// plainly and leaves no temporary file.
func TestWriteFileLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "x.toml"), 0o755)
	err := WriteFile(filepath.Join(dir, "x.toml"), []byte("a"))
	if err == nil || err.Error() != filepath.Join(dir, "x.toml")+" is a folder, not a file" {
		t.Errorf("WriteFile onto a folder = %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	missing := filepath.Join(dir, "nonexist", "x.toml")
	err = WriteFile(missing, []byte("a"))
	if err == nil || err.Error() != missing+": no such folder "+filepath.Join(dir, "nonexist") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteFile into a missing folder = %v", err)
	}
}

func TestParseManifestRefusesPathsOutside(t *testing.T) {
	for _, file := range []string{"../x", "/etc/passwd", "figures/../../x", "a/./b", ""} {
		data := `{"tool":"borderwork","tables":[{"file":"` + file + `","sha256":"00"}]}`
		if _, err := ParseManifest([]byte(data)); err == nil {
			t.Errorf("ParseManifest accepted a file %q", file)
		}
	}
	// Only names borderwork gives its files: the files a manifest lists
	// are the tool's to replace and delete (audit: plot removed a file
	// listed as a figure through a linked folder, and the folder's
	// summary.csv listed as one).
	for _, c := range []struct {
		field, file string
		ok          bool
	}{
		{"tables", "summary.csv", true},
		{"tables", "events.csv.gz", true},
		{"figures", "figures/a.png", true},
		{"figures", "figures/channels_hbm_abuse_events.pdf", true},
		{"report", "report.md", true},
		{"tables", "figures/a.png", false},
		{"tables", "notes.txt", false},
		{"tables", "sub/secret.csv", false},
		{"tables", `a\u0000b.csv`, false}, // a NUL, as JSON writes it
		{"tables", ".hidden.csv", false},
		{"figures", "summary.csv", false},
		{"figures", "scenario.toml", false},
		{"figures", "sub/thesis.txt", false},
		{"figures", "figures/sub/x.png", false},
		{"figures", "figures/x.txt", false},
		{"figures", "figures/" + strings.Repeat("a", 240) + ".png", true},  // a sweep's, of a long regime's name
		{"figures", "figures/" + strings.Repeat("a", 252) + ".png", false}, // longer than a file system holds
		{"tables", "report.md", true},                                      // a validate folder of flow counts lists it
		{"tables", "scenario.toml", false},
		{"report", "notes.md", false},
	} {
		entry := `{"file":"` + c.file + `","sha256":"00"}`
		if c.field != "report" {
			entry = "[" + entry + "]"
		}
		_, err := ParseManifest([]byte(`{"tool":"borderwork","` + c.field + `":` + entry + `}`))
		if c.ok && err != nil || !c.ok && (err == nil || !strings.Contains(err.Error(), "the manifest was changed")) {
			t.Errorf("ParseManifest of %s %q: %v; want it accepted: %v", c.field, c.file, err, c.ok)
		}
	}
	// Saved by an editor with a byte-order mark (audit hostile7, minor).
	if _, err := ParseManifest([]byte("\ufeff" + `{"tool":"borderwork"}`)); err != nil {
		t.Errorf("ParseManifest refused a manifest with a byte-order mark: %v", err)
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
	if want := "a row among those of runs 64 to 127, from this line on"; !strings.Contains(d.Msg, want) {
		t.Errorf("Verify says %q; want %q (runs as the table numbers them)", d.Msg, want)
	}
	if err := Locate(dir, d, want); err != nil || d.Line != edit || !d.Exact {
		t.Errorf("Locate = %+v, %v; want line %d exactly", d, err, edit)
	}
	// A row added whose run is no run number: that line, exactly,
	// not the block it falls in, named by it ("runs 192 to a").
	added := b.String() + "a,b\n"
	os.WriteFile(p, []byte(added), 0o644)
	if d, _ := Verify(dir, c[0]); d == nil || !d.Exact || d.Line != strings.Count(added, "\n") || !strings.Contains(d.Msg, `its run, "a", is not a run number`) {
		t.Errorf("Verify of a table with a row added = %+v; want line %d exactly, naming its run", d, strings.Count(added, "\n"))
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

// TestVerifyNamesTheRunsThereAre: the runs of a changed block are named
// as the table numbers them, up to the last there is.
func TestVerifyNamesTheRunsThereAre(t *testing.T) {
	for _, tt := range []struct {
		runs, edit int
		want       string
	}{{40, 7, "among those of runs 0 to 39,"}, {65, 64, "among those of run 64,"}, {130, 3, "among those of runs 0 to 63,"}} {
		dir := t.TempDir()
		var b strings.Builder
		b.WriteString("run,regime\n")
		for run := range tt.runs {
			b.WriteString(strconv.Itoa(run) + ",open\n")
		}
		p := filepath.Join(dir, "summary.csv")
		os.WriteFile(p, []byte(b.String()), 0o644)
		c, err := Check(dir, []string{"summary.csv"})
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, []byte(strings.Replace(b.String(), "\n"+strconv.Itoa(tt.edit)+",open\n", "\n"+strconv.Itoa(tt.edit)+",shut\n", 1)), 0o644)
		if d, err := Verify(dir, c[0]); d == nil || !strings.Contains(d.Msg, tt.want) {
			t.Errorf("Verify of %d runs, run %d changed = %v, %v; want %q", tt.runs, tt.edit, d, err, tt.want)
		}
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

// TestOccupied: only nothing, or an empty folder, is unoccupied.
func TestOccupied(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "file"), nil, 0o644))
	must(os.MkdirAll(filepath.Join(dir, "nested", "empty"), 0o755))
	must(os.Mkdir(filepath.Join(dir, "full"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "full", "f"), nil, 0o644))
	for name, want := range map[string]bool{"missing": false, "empty": false, "file": true, "nested": true, "full": true} {
		if got := Occupied(filepath.Join(dir, name)); got != want {
			t.Errorf("Occupied(%s) = %v, want %v", name, got, want)
		}
	}
}

// TestCommitSaysWhereTheEarlierFolderIsLeft: when the earlier folder
// cannot be deleted once the new one is in place (a read-only folder),
// the error says that the new folder is in place and where the earlier
// one is left.
func TestCommitSaysWhereTheEarlierFolderIsLeft(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	final := filepath.Join(t.TempDir(), "res")
	writeFolder(t, final, owner)
	old := removeFile
	removeFile = func(string) error { return errors.New("unlinkat: permission denied") }
	t.Cleanup(func() { removeFile = old })
	f, err := Create(final, owner, false)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f.Path("summary.csv"), []byte("run,regime\n0,closed\n"), 0o644)
	err = f.Commit()
	aside, _ := filepath.Glob(filepath.Join(filepath.Dir(final), ".res.old-*"))
	if len(aside) != 1 {
		t.Fatalf("Commit = %v; left %v beside the new folder, want one .res.old-*", err, aside)
	}
	want := "unlinkat: permission denied; the new folder is in place at " + final + ", and what is left of the earlier one is at " + aside[0] + " (look in it before you delete it: files put there while this command ran may not have been moved)"
	if err == nil || err.Error() != want {
		t.Errorf("Commit = %v; want %q", err, want)
	}
	if b, _ := os.ReadFile(filepath.Join(final, "summary.csv")); string(b) != "run,regime\n0,closed\n" {
		t.Errorf("the new folder is not in place: summary.csv %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(aside[0], "summary.csv")); string(b) != "run,regime\n0,open\n" {
		t.Errorf("the earlier folder is not at %s: summary.csv %q", aside[0], b)
	}
}

// TestParseManifestModelVersion: a model_version of 0 or less, which
// borderwork never writes, is refused naming the key, rather than read as
// version 1, as an absent one is (audit hostile7, minor); 1 and more, and
// none, are read.
func TestParseManifestModelVersion(t *testing.T) {
	for _, c := range []struct {
		field string // the model_version member, "" for none
		want  int    // as read (0: none recorded); -1: refused
	}{
		{"", 0},
		{`,"model_version":1`, 1},
		{`,"model_version":3`, 3},
		{`,"model_version":99`, 99},
		{`,"model_version":null`, 0},
		{`,"model_version":0`, -1},
		{`,"model_version":-1`, -1},
		{`,"model_version":-7`, -1},
	} {
		m, err := ParseManifest([]byte("\ufeff" + `{"tool":"borderwork"` + c.field + `}`))
		if c.want < 0 {
			if err == nil || !strings.Contains(err.Error(), "model_version") || !strings.Contains(err.Error(), "the manifest was changed") {
				t.Errorf("%s: ParseManifest = %v; want a refusal naming model_version", c.field, err)
			}
			continue
		}
		if err != nil || m.ModelVersion != c.want {
			t.Errorf("%s: ParseManifest = %+v, %v; want model version %d", c.field, m, err, c.want)
		}
	}
}

// TestMountPointsRefused: a folder that is a mount point, or holds one,
// is refused even with --force, naming it: replacing a folder renames
// it, which a mount point refuses, and the user's files were left split
// between the new folder and the hidden earlier one. (Devices are faked:
// a test cannot mount.)
func TestMountPointsRefused(t *testing.T) {
	dir := t.TempDir()
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	mounted := func(names ...string) {
		was := deviceOf
		t.Cleanup(func() { deviceOf = was })
		deviceOf = func(path string, fi fs.FileInfo) (uint64, bool) {
			if slices.Contains(names, filepath.Base(path)) {
				return 2, true
			}
			return 1, true
		}
	}
	withData := filepath.Join(dir, "withdata")
	os.MkdirAll(filepath.Join(withData, "data"), 0o755)
	os.WriteFile(filepath.Join(withData, "data", "m.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(withData, "notes.txt"), []byte("mine"), 0o644)
	usb := filepath.Join(dir, "usb")
	os.Mkdir(usb, 0o755)
	mounted("data", "usb")
	for _, c := range []struct{ out, want string }{
		{withData, withData + " holds " + filepath.Join(withData, "data") + ", another file system mounted there, which borderwork cannot move"},
		{usb, usb + " is a mount point (another file system), which borderwork cannot replace"},
	} {
		for _, force := range []bool{false, true} {
			err := CheckTarget(c.out, owner, force)
			if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("CheckTarget(%s, force %v) = %v; want a refusal saying %q", c.out, force, err, c.want)
			}
		}
	}
	mounted() // no mount points: the folder with the user's files is replaced with --force
	if err := CheckTarget(withData, owner, true); err != nil {
		t.Errorf("CheckTarget(%s, force) with no mount point = %v", withData, err)
	}
}

// TestDiscardRemovesTheFoldersCreateMade: a folder discarded unwritten
// (a command interrupted, or failing, before it put anything in place)
// takes with it the folders above it that Create made for it, as far as
// they are still empty, and no folder that was there before: a command
// that writes nothing leaves no empty a/b behind --out a/b/out.
func TestDiscardRemovesTheFoldersCreateMade(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "a", "b", "out"), Owner{Command: "run", Source: "bundled:x"}, false)
	if err != nil {
		t.Fatal(err)
	}
	f.Discard()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%s holds %v after Discard; want nothing", dir, entries)
	}
	// a, there before, stays; b, made, holds a file of the user's now.
	a := filepath.Join(dir, "a")
	if err := os.Mkdir(a, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err = Create(filepath.Join(a, "b", "out"), Owner{Command: "run", Source: "bundled:x"}, false)
	if err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(a, "b", "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.Discard()
	if _, err := os.Stat(notes); err != nil {
		t.Errorf("a file of the user's beside the discarded folder: %v", err)
	}
	f, err = Create(filepath.Join(a, "c", "out"), Owner{Command: "run", Source: "bundled:x"}, false)
	if err != nil {
		t.Fatal(err)
	}
	f.Discard()
	if entries, _ := os.ReadDir(a); len(entries) != 1 || entries[0].Name() != "b" {
		t.Errorf("%s holds %v after Discard; want only b, which holds a file", a, entries)
	}
}

// TestCommitKeepsFilesPutInTheEarlierFolder: a file or folder put in the
// earlier folder after Commit listed it (as a user might, while a long
// command replaces the folder) is not deleted with the earlier folder's
// files: it is moved into the new folder, or, where the new folder has a
// file of its name, left with the earlier folder, which the error names.
func TestCommitKeepsFilesPutInTheEarlierFolder(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	for _, clash := range []bool{false, true} {
		t.Run(fmt.Sprintf("clash=%v", clash), func(t *testing.T) {
			final := filepath.Join(t.TempDir(), "res")
			writeFolder(t, final, owner)
			old := asideHook
			asideHook = func(aside string) {
				os.WriteFile(filepath.Join(aside, "notes.txt"), []byte("mine"), 0o644)
				os.MkdirAll(filepath.Join(aside, "figures", "drafts"), 0o755)
				os.WriteFile(filepath.Join(aside, "figures", "drafts", "d.txt"), []byte("draft"), 0o644)
				os.Mkdir(filepath.Join(aside, "empty"), 0o755)
				if clash {
					os.WriteFile(filepath.Join(aside, "report.md"), []byte("my report"), 0o644)
				}
			}
			t.Cleanup(func() { asideHook = old })
			f, err := Create(final, owner, false)
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(f.Path("figures"), 0o755)
			os.WriteFile(f.Path("summary.csv"), []byte("run,regime\n0,closed\n"), 0o644)
			os.WriteFile(f.Path("report.md"), []byte("# new"), 0o644)
			err = f.Commit()
			aside, _ := filepath.Glob(filepath.Join(filepath.Dir(final), ".res.old-*"))
			if b, _ := os.ReadFile(filepath.Join(final, "summary.csv")); string(b) != "run,regime\n0,closed\n" {
				t.Errorf("the new folder is not in place: summary.csv %q", b)
			}
			for rel, want := range map[string]string{"notes.txt": "mine", "figures/drafts/d.txt": "draft"} {
				if b, err := os.ReadFile(filepath.Join(final, filepath.FromSlash(rel))); string(b) != want {
					t.Errorf("%s, put in the earlier folder, is not in the new one: %q, %v", rel, b, err)
				}
			}
			if st, err := os.Stat(filepath.Join(final, "empty")); err != nil || !st.IsDir() {
				t.Errorf("the empty folder put in the earlier folder is not in the new one: %v", err)
			}
			if !clash {
				if err != nil || len(aside) != 0 {
					t.Errorf("Commit = %v, left %v; want nil and nothing left", err, aside)
				}
				return
			}
			if len(aside) != 1 {
				t.Fatalf("Commit = %v; left %v, want the earlier folder kept", err, aside)
			}
			if b, _ := os.ReadFile(filepath.Join(aside[0], "report.md")); string(b) != "my report" {
				t.Errorf("report.md put in the earlier folder is not kept in %s: %q", aside[0], b)
			}
			if b, _ := os.ReadFile(filepath.Join(final, "report.md")); string(b) != "# new" {
				t.Errorf("the new folder's report.md was replaced: %q", b)
			}
			if err == nil || !strings.Contains(err.Error(), "report.md, put in "+final) || !strings.Contains(err.Error(), aside[0]) {
				t.Errorf("Commit = %v; want an error naming report.md and %s", err, aside[0])
			}
			if _, err := os.Stat(filepath.Join(aside[0], "summary.csv")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the earlier folder's own files are not deleted: %v", err)
			}
		})
	}
}

// TestCheckTargetUnreadable: a folder holding something the user may not
// read is refused as not the tool's to replace (ErrNotOurs, status 2),
// naming what, rather than failing as a write would (audit: status 1,
// "could not write DIR/locked").
func TestCheckTargetUnreadable(t *testing.T) {
	err := unreadableIn("out", &fs.PathError{Op: "open", Path: "out/locked", Err: fs.ErrPermission})
	if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "out holds out/locked, which you may not read") {
		t.Errorf("unreadable = %v; want ErrNotOurs naming out/locked", err)
	}
	other := &fs.PathError{Op: "open", Path: "out/x", Err: syscall.EIO}
	if err := unreadableIn("out", other); err != other {
		t.Errorf("unreadable of another error = %v; want it as it is", err)
	}
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("permissions do not bind root (or Windows' owner)")
	}
	final := filepath.Join(t.TempDir(), "out")
	locked := filepath.Join(final, "locked")
	if err := os.MkdirAll(filepath.Join(locked, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(locked, 0)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	for _, force := range []bool{false, true} {
		if err := CheckTarget(final, Owner{Command: "compare", Source: "bundled:sahel"}, force); !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "which you may not read") {
			t.Errorf("CheckTarget(force %v) = %v; want ErrNotOurs naming what may not be read", force, err)
		}
	}
}

// TestCommitFindsAFolderSwappedInMeanwhile: when another command puts its
// folder at the same place after this one checked it and before this
// one moves it aside, this one puts that folder back and is refused
// (ErrNotOurs), its own folder kept where it was written (audit: with
// delays injected, both commands said they wrote the folder, and one's
// results were lost).
func TestCommitFindsAFolderSwappedInMeanwhile(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	root := t.TempDir()
	final, other := filepath.Join(root, "res"), filepath.Join(root, "other")
	writeFolder(t, final, owner)
	writeFolder(t, other, owner)
	os.WriteFile(filepath.Join(other, "summary.csv"), []byte("run,regime\n0,closed\n"), 0o644)
	m, err := ReadManifest(other)
	if err != nil {
		t.Fatal(err)
	}
	m.CommandLine = "borderwork compare --seed 6"
	if m.Tables, err = Check(other, []string{"summary.csv"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(filepath.Join(other, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	f, err := Create(final, owner, false)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(f.Path("summary.csv"), []byte("run,regime\n0,hbm\n"), 0o644)
	old := swapHook
	swapHook = func(final string) {
		os.RemoveAll(final)
		if err := os.Rename(other, final); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { swapHook = old })
	err = f.Commit()
	if !errors.Is(err, ErrNotOurs) || !strings.Contains(err.Error(), "was written by another command while this one ran (borderwork compare --seed 6)") {
		t.Errorf("Commit = %v; want ErrNotOurs naming the other command", err)
	}
	if b, _ := os.ReadFile(filepath.Join(final, "summary.csv")); string(b) != "run,regime\n0,closed\n" {
		t.Errorf("the other command's folder is not in place: summary.csv %q", b)
	}
	if b, _ := os.ReadFile(f.Path("summary.csv")); f.Dir == final || string(b) != "run,regime\n0,hbm\n" {
		t.Errorf("this command's folder is not kept where it was written (%s): summary.csv %q", f.Dir, b)
	}
	if aside, _ := filepath.Glob(filepath.Join(root, ".res.old-*")); len(aside) != 0 {
		t.Errorf("left %v", aside)
	}
}

// canLink reports whether symbolic links can be made here: Windows makes
// them only with privileges (or Developer Mode), and Wine 8 says it made
// one and makes nothing.
func canLink(t *testing.T) bool {
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(".", link); err != nil {
		if runtime.GOOS != "windows" {
			t.Fatal(err)
		}
		return false
	}
	st, err := os.Lstat(link)
	return err == nil && st.Mode()&os.ModeSymlink != 0
}
