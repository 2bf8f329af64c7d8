package figures

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFFontTempDirSaid: vgpdf prepares its font in a folder under
// TMPDIR, once a process; where that fails (a full /tmp on a cluster
// node, with room enough where the folder is written) every PDF fails.
// The error names the temporary folder and what to do, not only vgpdf's
// "could not generate font data". A new process, whose font cache is
// empty, draws with a TMPDIR that does not exist.
func TestPDFFontTempDirSaid(t *testing.T) {
	if os.Getenv("FIGURES_PDF_TMPDIR") == "1" {
		fig, err := goldenFigures[0].draw()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("error: %v\n", fig.Encode(new(bytes.Buffer), "pdf"))
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	tmp := filepath.Join(t.TempDir(), "gone")
	cmd := exec.Command(os.Args[0], "-test.run=^TestPDFFontTempDirSaid$", "-test.count=1")
	cmd.Env = append(os.Environ(), "FIGURES_PDF_TMPDIR=1", "TMPDIR="+tmp)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, want := range []string{"error: figures: drawing pdf: its font is prepared in the temporary folder " + tmp + ", where that failed (", "set TMPDIR to a folder with room"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("a PDF drawn with TMPDIR=%s said\n%s\nwant %q in it", tmp, out, want)
		}
	}
}
