package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestCommonFlagsWordedAlike: --set, --formats and --out read the same in
// every command that writes an output folder or reads a scenario (claim's
// said nothing of an empty --formats nor of a dotted path for --set, and
// its --out default named no SCENARIO; check's --set likewise).
func TestCommonFlagsWordedAlike(t *testing.T) {
	t.Parallel()
	other := map[string]bool{"merge": true, "import": true, "plot": true} // their --out and --formats mean other things
	n := 0
	for _, c := range commands() {
		_, fs := helpOf(t, c, "--help")
		if f := fs.Lookup("set"); f != nil {
			n++
			if f.Usage != setUsage {
				t.Errorf("%s --set: %q; want %q", c.name, f.Usage, setUsage)
			}
		}
		if other[c.name] {
			continue
		}
		if f := fs.Lookup("formats"); f != nil && f.Usage != formatsUsage {
			t.Errorf("%s --formats: %q; want %q", c.name, f.Usage, formatsUsage)
		}
		if f := fs.Lookup("out"); f != nil && !strings.HasPrefix(f.Usage, outUsage(c.name)) {
			t.Errorf("%s --out: %q; want it to begin %q", c.name, f.Usage, outUsage(c.name))
		}
	}
	if n < 8 {
		t.Errorf("%d commands take --set; want at least 8", n)
	}
}

// TestCommandListIsAColumn: borderwork help lists each command's summary
// in one column, two spaces at least after the longest name
// ("sensitivity which assumptions..." had one).
func TestCommandListIsAColumn(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	usage(&b)
	line := regexp.MustCompile(`^\t([a-z]+)( +)(\S.*)$`)
	names := map[string]bool{}
	for _, c := range commands() {
		names[c.name] = true
	}
	col := -1
	for _, l := range strings.Split(b.String(), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil || !names[m[1]] {
			continue
		}
		if len(m[2]) < 2 {
			t.Errorf("%q: one space after the command", l)
		}
		if at := len(m[1]) + len(m[2]); col < 0 {
			col = at
		} else if at != col {
			t.Errorf("%q: its summary starts at %d, the first's at %d", l, at, col)
		}
	}
	if col < 0 {
		t.Fatalf("no command listed in\n%s", b.String())
	}
}
