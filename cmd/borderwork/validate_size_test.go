package main

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"gonum.org/v1/plot/vg"
)

// TestValidateSize: validate draws its figures at --size, against a Flee
// case and against flow counts, as every other figure-drawing command
// does, and records the size in figure_options and its command line
// (the default, double, as no flag).
func TestValidateSize(t *testing.T) {
	t.Parallel()
	scenario := filepath.Join(t.TempDir(), "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	for _, kind := range []struct {
		name   string
		args   func(out string) []string
		figure string // a figure it draws, without extension
	}{
		{"flee", func(out string) []string {
			return []string{"validate", scenario, "--data", fleeCase, "--reps", "2", "--out", out}
		}, "error"},
		{"flows", func(out string) []string {
			return append(withoutOut(smallFlowValidation("")), "--out", out) // its --formats svg is overridden
		}, "flows-outgoing"},
	} {
		for _, tc := range []struct {
			flags []string // the --size flag given, if any
			size  figures.Size
			cl    string // what ends the command line
		}{
			{nil, figures.Double, " --formats png"},
			{[]string{"--size", "double"}, figures.Double, " --formats png"},
			{[]string{"--size", "single"}, figures.Single, " --size single --formats png"},
			{[]string{"--size", " Single"}, figures.Single, " --size single --formats png"},
		} {
			t.Run(kind.name+"/"+strings.Join(tc.flags, "="), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "v")
				mustRun(t, append(append(kind.args(out), tc.flags...), "--formats", "png", "--quiet")...)
				f, err := os.Open(filepath.Join(out, "figures", kind.figure+".png"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				cfg, err := png.DecodeConfig(f)
				if err != nil {
					t.Fatal(err)
				}
				px := func(l vg.Length) int { return int(math.Round(float64(l) / float64(vg.Inch) * figures.DPI)) }
				if cfg.Width != px(tc.size.Width) || cfg.Height != px(tc.size.Height) {
					t.Errorf("%s.png is %dx%d pixels; want %dx%d (%s)", kind.figure, cfg.Width, cfg.Height, px(tc.size.Width), px(tc.size.Height), tc.size.Name)
				}
				m, err := output.ReadManifest(out)
				if err != nil {
					t.Fatal(err)
				}
				if o := m.FigureOptions; o == nil || o.Size != tc.size.Name || strings.Join(o.Formats, ",") != "png" {
					t.Errorf("figure_options %+v; want size %s, formats png", o, tc.size.Name)
				}
				if !strings.HasSuffix(m.CommandLine, tc.cl) || strings.Count(m.CommandLine, "--size") > strings.Count(tc.cl, "--size") {
					t.Errorf("command_line %q; want it to end %q", m.CommandLine, tc.cl)
				}
			})
		}
	}
}
