package main

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// withoutFormats is args with its --formats flags (and their values)
// left out.
func withoutFormats(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == "--formats" {
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// figureExts are the formats of the figure files a folder's manifest
// lists, sorted.
func figureExts(t *testing.T, dir string) []string {
	t.Helper()
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	var exts []string
	for _, f := range m.Figures {
		if e := strings.TrimPrefix(path.Ext(f.File), "."); !slices.Contains(exts, e) {
			exts = append(exts, e)
		}
	}
	slices.Sort(exts)
	return exts
}

// TestResumeDrawsRecordedFormats: a resumed sweep or sensitivity folder
// given no --formats is drawn in the formats the interrupted command
// asked for (none, or png alone), as it would have been uninterrupted;
// a --formats given to the resume wins.
func TestResumeDrawsRecordedFormats(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		command func(out string, extra ...string) []string
		formats string   // of the interrupted command
		resume  []string // the resume's flags beside --resume
		alone   bool     // resume from the manifest alone (sweep --resume --out)
		cutAt   int
		want    []string // formats of the figures drawn
	}{
		{"sweep none", smallSweep, "", nil, false, 5, nil},
		{"sweep png", smallSweep, "png", nil, false, 5, []string{"png"}},
		{"sweep png alone", smallSweep, "png", nil, true, 5, []string{"png"}},
		{"sweep png, resumed with svg", smallSweep, "png", []string{"--formats", "svg"}, false, 5, []string{"svg"}},
		{"sensitivity none", smallSensitivity, "", nil, false, 20, nil},
		{"sensitivity png", smallSensitivity, "png", nil, false, 20, []string{"png"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut")
			status, _, stderr := runCLIInterrupted(t, c.cutAt, append(withoutFormats(c.command(cut, "--workers", "2")), "--formats", c.formats)...)
			if status != exitInterrupted {
				t.Fatalf("interrupted: status %d (%s)", status, stderr)
			}
			args := append(withoutFormats(c.command(cut, "--workers", "2", "--resume")), c.resume...)
			if c.alone {
				args = append([]string{"sweep", "--resume", "--out", cut}, c.resume...)
			}
			mustRun(t, args...)
			if got := figureExts(t, cut); !slices.Equal(got, c.want) {
				t.Errorf("the resumed folder's figures are in %v; want %v", got, c.want)
			}
			m, err := output.ReadManifest(cut)
			if err != nil {
				t.Fatal(err)
			}
			if !m.Complete || m.FigureOptions == nil || !slices.Equal(m.FigureOptions.Formats, c.want) {
				t.Errorf("the resumed folder's manifest records complete %v, figure options %+v; want complete, formats %v", m.Complete, m.FigureOptions, c.want)
			}
		})
	}
}

// TestParseFormats: --formats is a set in the order first given; an
// unknown or empty name is a usage error.
func TestParseFormats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []string
		bad  bool
	}{
		{"", nil, false},
		{"png", []string{"png"}, false},
		{"PDF, svg", []string{"pdf", "svg"}, false},
		{"png,png", []string{"png"}, false},
		{"svg,png,svg,pdf,png", []string{"svg", "png", "pdf"}, false},
		{"png,,svg", nil, true},
		{"jpeg", nil, true},
	} {
		got, err := parseFormats(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("parseFormats(%q): error %v, want error: %v", tc.in, err, tc.bad)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("parseFormats(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
