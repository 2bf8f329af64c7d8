//go:build linux || darwin || freebsd

package output

import "syscall"

// FreeBytes is the space free to an unprivileged user on the file system
// holding path (an existing file or folder), if it can be known.
func FreeBytes(path string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil || st.Blocks == 0 {
		// No blocks at all: a file system of the kernel's (/proc, /sys),
		// which stores nothing; its "0 bytes free" would send a user off
		// to free space that is not the matter.
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true //nolint:unconvert // the fields' types differ by system
}
