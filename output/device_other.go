//go:build !unix

package output

import "io/fs"

// device is the file system a file is on: unknown here, so no folder is
// taken for a mount point.
func device(fs.FileInfo) (uint64, bool) { return 0, false }
