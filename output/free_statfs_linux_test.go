package output

import "testing"

// TestFreeBytesOfKernelFileSystems: a file system of the kernel's, which
// stores nothing (/proc), has no free space to speak of, rather than 0
// bytes free: --out there once said to free some space. A folder on a
// real file system has its free space known.
func TestFreeBytesOfKernelFileSystems(t *testing.T) {
	if free, ok := FreeBytes("/proc/self"); ok {
		t.Errorf("FreeBytes(/proc/self) = %d, known; want unknown", free)
	}
	if _, ok := FreeBytes(t.TempDir()); !ok {
		t.Error("FreeBytes of a temporary folder is unknown; want it known")
	}
}
