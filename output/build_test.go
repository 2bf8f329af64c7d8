package output

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadBuildModified: a revision set at link time with Modified beside
// it (as scripts/release.sh sets both) gives the revision and whether
// the sources were modified, known, with no note; without Modified,
// whether they were is unknown unless the version-control stamp is of
// the same revision. Before, release.sh wrote "REV-modified" into
// Commit, which recorded a commit no checkout has and left dirty
// unknown.
func TestReadBuildModified(t *testing.T) {
	defer func(c, m string) { Commit, Modified = c, m }(Commit, Modified)
	for _, c := range []struct {
		modified string
		dirty    string // "true", "false" or "" (unknown)
	}{
		{"true", "true"},
		{"false", "false"},
		{"", ""}, // go test stamps no revision: unknown
		{"yes", ""},
	} {
		Commit, Modified = "0123456789abcdef0123456789abcdef01234567", c.modified
		b := ReadBuild()
		if b.Revision != Commit {
			t.Errorf("Modified %q: Revision %q; want %q", c.modified, b.Revision, Commit)
		}
		got := ""
		if b.Dirty != nil {
			got = map[bool]string{true: "true", false: "false"}[*b.Dirty]
		}
		if got != c.dirty {
			t.Errorf("Modified %q: Dirty %q; want %q", c.modified, got, c.dirty)
		}
		if (c.dirty == "") != (b.Note != "") {
			t.Errorf("Modified %q: Note %q; want one only when Dirty is unknown", c.modified, b.Note)
		}
	}
}

// TestReleaseScriptStampsModified: scripts/release.sh sets Modified
// beside Commit, and Commit to the revision alone.
func TestReleaseScriptStampsModified(t *testing.T) {
	b, err := os.ReadFile("../scripts/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"-X github.com/borderwork/borderwork/output.Commit=$commit ",
		"-X github.com/borderwork/borderwork/output.Modified=$modified",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("scripts/release.sh does not link with %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^\s*commit="\$commit-modified"`).MatchString(s) {
		t.Errorf("scripts/release.sh writes REV-modified into the binaries' Commit")
	}
}
