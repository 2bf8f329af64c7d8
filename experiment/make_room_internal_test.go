package experiment

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

// TestMakeRoom: a folder that found no room is completed once there is
// room: space freed on a full disk or under a quota, a limit raised
// under a file-size limit (where freeing space changes nothing; it was
// the advice once).
func TestMakeRoom(t *testing.T) {
	for _, tt := range []struct {
		errno syscall.Errno
		want  string
	}{
		{syscall.ENOSPC, "free some space"},
		{syscall.EDQUOT, "free some space"},
		{syscall.EFBIG, "raise the limit on file size (ulimit -f)"},
	} {
		err := fmt.Errorf("writing the runs: %w", &fs.PathError{Op: "write", Path: "s/timeseries.csv", Err: tt.errno})
		if !noRoom(err) {
			t.Errorf("%v: noRoom is false", tt.errno)
		}
		if got := makeRoom(err); got != tt.want {
			t.Errorf("%v: makeRoom = %q; want %q", tt.errno, got, tt.want)
		}
	}
}
