package scenarios

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// BenchmarkClassroomCompare is what a class does with the classroom
// scenario: the four built-in regimes, twenty replicates each, one after
// the other on one core. It should take well under a second per op.
func BenchmarkClassroomCompare(b *testing.B) {
	s, err := Load("classroom")
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		b.Fatal(err)
	}
	const replicates = 20
	var cfgs []*sim.Config
	for _, regime := range BuiltinRegimes {
		cfg, err := s.Config(regime)
		if err != nil {
			b.Fatal(err)
		}
		cfgs = append(cfgs, cfg)
	}
	seed := s.File.Seed
	for b.Loop() {
		for _, cfg := range cfgs {
			for rep := range replicates {
				if _, err := sim.Run(cfg, sim.ReplicateSeed(uint64(seed), rep)); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// header returns the comment block a file starts with: its leading lines
// that are comments or blank, up to the first other line.
func header(raw []byte) string {
	var h strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			break
		}
		h.WriteString(line)
		h.WriteByte('\n')
	}
	return h.String()
}

// citation matches an author-year citation such as "Frowd (2018)" or
// "Frowd, P. M. (2018)".
var citation = regexp.MustCompile(`\((19|20)\d\d\)`)

// TestBundledHeaders: every bundled scenario opens with a comment header
// that says where its numbers come from: its sources, and what is
// illustrative or cited.
func TestBundledHeaders(t *testing.T) {
	for _, name := range Names() {
		raw, err := Bundled(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("#")) {
			t.Errorf("%s.toml does not start with a comment header", name)
			continue
		}
		h := header(raw)
		if !strings.Contains(h, "Sources") && !strings.Contains(h, "sources") {
			t.Errorf("%s.toml: the header does not mention its sources", name)
		}
		if !strings.Contains(h, "illustrative") && !citation.MatchString(h) {
			t.Errorf("%s.toml: the header neither marks numbers as illustrative nor cites a source", name)
		}
	}
}

// keyLine matches a line that sets a key (bare or dotted), not a table
// header, a comment, or the continuation of a multi-line array.
var keyLine = regexp.MustCompile(`^\s*[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\s*=`)

// trailingComment reports whether a line ends in a comment: a '#'
// outside any string.
func trailingComment(line string) bool {
	inString, escaped := byte(0), false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inString != 0 && escaped:
			escaped = false
		case inString == '"' && c == '\\':
			escaped = true
		case inString != 0 && c == inString:
			inString = 0
		case inString == 0 && (c == '"' || c == '\''):
			inString = c
		case inString == 0 && c == '#':
			return true
		}
	}
	return false
}

// TestClassroom: the classroom scenario is as small as promised, and every
// key in it is explained, by a comment on its line or on the line above.
func TestClassroom(t *testing.T) {
	s, err := Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	f := s.File
	irregular := 0
	for _, l := range f.Links {
		if l.Kind == "irregular" {
			irregular++
		}
	}
	if len(f.Countries) != 2 || len(f.Posts) != 1 || irregular != 1 || len(f.Centres) != 1 {
		t.Errorf("classroom has %d countries, %d posts, %d irregular links, %d centres; want 2, 1, 1, 1",
			len(f.Countries), len(f.Posts), irregular, len(f.Centres))
	}
	lines := strings.Split(string(s.Raw), "\n")
	keys := 0
	for i, line := range lines {
		if !keyLine.MatchString(line) {
			continue
		}
		keys++
		above := i > 0 && strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#")
		if !trailingComment(line) && !above {
			t.Errorf("classroom.toml:%d: %q has no comment", i+1, strings.TrimSpace(line))
		}
	}
	if keys == 0 {
		t.Error("classroom.toml: no key lines found")
	}
}

// TestBundledCoordinates: every bundled scenario places every location on
// the classroom page's map (real coordinates for the real-world cases, a
// schematic layout for the invented classroom), and no two locations of a
// scenario share a position, so the map draws each one apart.
func TestBundledCoordinates(t *testing.T) {
	for _, name := range Names() {
		s, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[[2]float64]string{}
		for _, l := range s.File.Locations {
			if l.Lat == nil || l.Lon == nil {
				t.Errorf("%s: location %s has no lat and lon", name, l.Name)
				continue
			}
			at := [2]float64{*l.Lat, *l.Lon}
			if other, dup := seen[at]; dup {
				t.Errorf("%s: %s and %s are both at %v", name, other, l.Name, at)
			}
			seen[at] = l.Name
		}
	}
}
