//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// device is the file system a file is on, if its FileInfo says.
func device(fi fs.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Dev), true //nolint:unconvert // int32 on some systems
}
