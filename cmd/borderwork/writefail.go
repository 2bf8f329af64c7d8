package main

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/borderwork/borderwork/internal/tempfile"
)

// writeFailures say in words why the machine refused a write: a full
// disk, a quota, a read-only or forbidden folder. The system's own words
// follow in brackets, for a search or a system administrator.
var writeFailures = []struct {
	errno syscall.Errno
	why   string
}{
	{syscall.ENOSPC, "the disk is full"},
	{syscall.EDQUOT, "your disk quota is used up"},
	{syscall.EROFS, "the file system there is read-only"},
	{syscall.EFBIG, "the file would be larger than allowed (a limit on file size, such as ulimit -f, or the file system's)"},
	{syscall.EACCES, "you may not write there"},
	{syscall.EPERM, "you may not write there"},
}

// plainWriteFailure is line, the one-line message of err, with the file
// operation that failed for one of writeFailures said plainly: "could not
// write DIR/figures/trapped.png: the disk is full (no space left on
// device)", naming the file the user asked for rather than the hidden
// name it was being written under (.DIR.tmp-*/figures/.trapped.png.tmp-*)
// and without the chain of steps that led there. What the message says
// after the failure (where a folder is kept) stays; so do earlier parts
// of a joined error. ok is false, and line is kept, for any other error.
func plainWriteFailure(err error, line string) (string, bool) {
	var path string
	var errno syscall.Errno
	var inner error
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe) && errors.As(pe.Err, &errno):
		path, inner = pe.Path, pe
	case errors.As(err, &le) && errors.As(le.Err, &errno):
		path, inner = le.Old, le // a rename: of the folder written, or of the one it replaces
	default:
		return line, false
	}
	i := strings.Index(line, inner.Error())
	if i < 0 {
		return line, false
	}
	for _, f := range writeFailures {
		if f.errno != errno {
			continue
		}
		what := tempfile.Meant(path)
		if path == os.Stdout.Name() {
			what = "standard output"
		}
		prefix := line[:i]
		if k := strings.LastIndex(prefix, "; "); k >= 0 {
			prefix = prefix[:k+2] // another failure, joined
		} else {
			prefix = "" // the steps that led to this one
		}
		return prefix + "could not write " + what + ": " + f.why + " (" + errno.Error() + ")" + line[i+len(inner.Error()):], true
	}
	return line, false
}
