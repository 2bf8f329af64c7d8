//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileKeepsPipes: WriteFile renames a file into place; where a
// FIFO is, or a link to one, it refuses, and leaves both as they were.
func TestWriteFileKeepsPipes(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(pipe, link); err != nil {
		t.Skip(err)
	}
	for _, path := range []string{pipe, link} {
		err := WriteFile(path, []byte("a"))
		if want := path + " is not a regular file (a pipe, a device or a socket)"; err == nil || err.Error() != want || !errors.Is(err, os.ErrExist) {
			t.Errorf("WriteFile(%s) = %v; want %q", path, err, want)
		}
	}
	if st, err := os.Lstat(pipe); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
