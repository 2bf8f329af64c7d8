package data

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCheckoutKeepsBytes: git checks every file out as the bytes
// committed (.gitattributes), so that a clone on Windows, where Git
// converts line ends to CRLF by default, has the data whose checksums
// output folders record, the scenarios the binary embeds and the golden
// files of the tests. Without it a folder written on Linux would not
// reproduce from a Windows clone ("data changed").
func TestCheckoutKeepsBytes(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	if err := exec.Command("git", "rev-parse", "--is-inside-work-tree").Run(); err != nil {
		t.Skip("not in a git checkout")
	}
	paths := []string{
		"data/flee/mali2012/input_csv/locations.csv",
		"data/dtm-niger/flows.csv",
		"scenarios/classroom.toml",
		"cmd/borderwork/testdata/small.toml",
		"docs/img/sahel-trapped.png",
	}
	out, err := exec.Command("git", append([]string{"-C", "..", "check-attr", "text", "--"}, paths...)...).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(paths) {
		t.Fatalf("git check-attr gave %q", out)
	}
	for _, l := range lines {
		if !strings.HasSuffix(l, ": text: unset") {
			t.Errorf("%s; want text unset (.gitattributes: * -text), so that no checkout converts line ends", l)
		}
	}
}
