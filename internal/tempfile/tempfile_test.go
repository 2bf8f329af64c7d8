package tempfile

import (
	"path/filepath"
	"testing"
)

func TestMeant(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"m/.r.tmp-2613814346/figures/.trapped.png.tmp-1616151475", "m/r/figures/trapped.png"},
		{"/data/.sweep.v2.tmp-7/summary.csv", "/data/sweep.v2/summary.csv"},
		{"m/.r.old-1209422921", "m/.r.old-1209422921"}, // not a name Create or Mkdir makes
		{"m/.tmp-12", "m/.tmp-12"},                     // no name before the digits
		{"m/.r.tmp-", "m/.r.tmp-"},
		{"m/.r.tmp-12x", "m/.r.tmp-12x"},
		{".hidden/x.csv", ".hidden/x.csv"},
		{"/dev/stdout", "/dev/stdout"},
	} {
		in := filepath.FromSlash(tt.in)
		if got := Meant(in); got != filepath.FromSlash(tt.want) {
			t.Errorf("Meant(%q) = %q; want %q", in, got, tt.want)
		}
	}
}
