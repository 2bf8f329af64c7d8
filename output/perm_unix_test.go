//go:build unix

package output

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFolderPermissions: a folder borderwork writes, and every file in it
// (those written in place and those written through a temporary file),
// has the permissions the umask gives, as files a user makes do: private
// under umask 077. A folder replaced with --force keeps its own (a private
// folder stays private). Not parallel: the umask is the process's.
func TestFolderPermissions(t *testing.T) {
	owner := Owner{Command: "compare", Source: "bundled:sahel"}
	write := func(t *testing.T, final string, force bool) {
		t.Helper()
		f, err := Create(final, owner, force)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(f.Path("figures"), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := WriteFile(f.Path("report.md"), []byte("report")); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileWith(f.Path("summary.csv"), func(w io.Writer) error { _, err := w.Write([]byte("run\n")); return err }); err != nil {
			t.Fatal(err)
		}
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	modes := func(t *testing.T, dir string) map[string]fs.FileMode {
		t.Helper()
		got := map[string]fs.FileMode{}
		for _, name := range []string{".", "figures", "report.md", "summary.csv"} {
			st, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got[name] = st.Mode().Perm()
		}
		return got
	}
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	private := filepath.Join(t.TempDir(), "private")
	write(t, private, false)
	for name, mode := range modes(t, private) {
		if want := fs.FileMode(0o600); name == "." || name == "figures" {
			if mode != 0o700 {
				t.Errorf("umask 077: %s is %v; want 0700", name, mode)
			}
		} else if mode != want {
			t.Errorf("umask 077: %s is %v; want %v", name, mode, want)
		}
	}
	syscall.Umask(0o022)
	mine := filepath.Join(t.TempDir(), "mine")
	if err := os.Mkdir(mine, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "secret.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, mine, true)
	got := modes(t, mine)
	if got["."] != 0o700 {
		t.Errorf("a private folder replaced with --force is %v; want it kept 0700", got["."])
	}
	if got["report.md"] != 0o644 || got["summary.csv"] != 0o644 || got["figures"] != 0o755 {
		t.Errorf("umask 022: %v; want files 0644 and folders 0755", got)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "secret.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
}
