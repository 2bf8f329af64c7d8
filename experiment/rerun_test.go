package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/programme"
	"github.com/borderwork/borderwork/scenarios"
)

// folderWriters write a small folder of each kind that reproduce reruns,
// with figures in SVG drawn with the default figure options.
var folderWriters = []struct {
	kind  string
	write func(t *testing.T, out string)
}{
	{"compare", func(t *testing.T, out string) {
		x := comparePlan(t, classroom(t, 2, 20))
		if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
			t.Fatal(err)
		}
	}},
	{"sweep", func(t *testing.T, out string) {
		if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
			t.Fatal(err)
		}
	}},
	{"claim", func(t *testing.T, out string) {
		o := claim.DefaultOptions()
		o.MaxReps = 2
		if _, err := claim.Check(context.Background(), classroom(t, 2, 20), "classroom", o, out, 2, []string{"svg"}, nil); err != nil {
			t.Fatal(err)
		}
	}},
	{"programme", func(t *testing.T, out string) {
		s, err := scenarios.Load(filepath.Join("..", "programme", "testdata", "toy.toml"))
		if err != nil {
			t.Fatal(err)
		}
		s.File.Days, s.File.Replicates = 30, 2
		if _, err := programme.Run(context.Background(), s, "", programme.Options{}, out, 2, []string{"svg"}, nil); err != nil {
			t.Fatal(err)
		}
	}},
	{"sensitivity", func(t *testing.T, out string) {
		var entries []gsa.Entry
		for _, a := range []string{"origins.Village.inflow", "abuse.official_extortion"} {
			e, err := gsa.ParseEntry(a)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, e)
		}
		st, err := gsa.New(classroom(t, 2, 20), "classroom", gsa.Spec{Method: gsa.Morris, Trajectories: 2, Entries: entries, Regimes: []string{"malfunctioning"}, Metrics: []string{"abuse_events"}, Resamples: 20})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Write(context.Background(), out, gsa.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
			t.Fatal(err)
		}
	}},
}

// TestReproduceDrawsAsRecorded: a folder whose figures plot drew with
// other options than the defaults (another size, other bands where its
// figures draw them, another format) reproduces, of every kind that
// reruns: the rerun draws the figures with the options and formats the
// folder records.
func TestReproduceDrawsAsRecorded(t *testing.T) {
	for _, w := range folderWriters {
		t.Run(w.kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			w.write(t, out)
			for _, c := range []struct {
				formats []string
				change  experiment.FigureChange
			}{
				{nil, experiment.FigureChange{Size: "single", Bands: output.BandsReplicates}},
				{[]string{"pdf"}, experiment.FigureChange{Bands: output.BandsCI}},
			} {
				if k, _ := experiment.KindOf(w.kind); !k.DrawsBands {
					c.change.Bands = "" // refused: TestRedrawRefusesBands
				}
				r, err := experiment.Redraw(out, c.formats, c.change)
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Files) == 0 {
					t.Fatalf("Redraw %+v drew no figures", c.change)
				}
				rep, err := experiment.Reproduce(context.Background(), out, 2)
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Problems) > 0 || rep.Figures != len(r.Files) {
					t.Errorf("after Redraw %v %+v: Reproduce checked %d figure files, problems %q; want the %d drawn and none", c.formats, c.change, rep.Figures, rep.Problems, len(r.Files))
				}
			}
		})
	}
}

// TestReproduceWrittenWithFigureOptions: a folder written with other
// figure options than the defaults reproduces.
func TestReproduceWrittenWithFigureOptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	o := experiment.Options{Workers: 2, Formats: []string{"svg"}, FigureOptions: &output.FigureOptions{Bands: output.BandsReplicates, Size: "single"}}
	if _, err := experiment.Write(context.Background(), x, out, o); err != nil {
		t.Fatal(err)
	}
	rep, err := experiment.Reproduce(context.Background(), out, 2)
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("Reproduce = %+v, %v; want no problems", rep, err)
	}
}

// TestRedrawFormats: Redraw given no formats draws those the folder
// records, or, for a folder written before formats were recorded, those
// of the figure files it lists; a folder with no figures gets every
// format. Given formats, it records them.
func TestRedrawFormats(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	for _, c := range []struct {
		name    string
		written []string
		edit    func(m *output.Manifest)
		want    []string
	}{
		{"recorded", []string{"svg"}, nil, []string{"svg"}},
		{"two recorded", []string{"pdf", "svg"}, nil, []string{"pdf", "svg"}},
		{"an older manifest", []string{"svg"}, func(m *output.Manifest) { m.FigureOptions.Formats = nil }, []string{"svg"}},
		{"no figures", nil, nil, []string{"png", "svg", "pdf"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: c.written}); err != nil {
				t.Fatal(err)
			}
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(m.FigureOptions.Formats, c.written) {
				t.Errorf("manifest records formats %q; want %q", m.FigureOptions.Formats, c.written)
			}
			if c.edit != nil {
				c.edit(m)
				if err := m.Write(filepath.Join(out, "manifest.json")); err != nil {
					t.Fatal(err)
				}
			}
			r, err := experiment.Redraw(out, nil, experiment.FigureChange{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.Formats, c.want) || len(r.Files) != 5*len(c.want) || len(r.Removed) > 0 {
				t.Errorf("Redraw drew %q in %q, removed %q; want 5 figures in %q, nothing removed", r.Files, r.Formats, r.Removed, c.want)
			}
			if m, _ := output.ReadManifest(out); !slices.Equal(m.FigureOptions.Formats, c.want) {
				t.Errorf("after Redraw the manifest records formats %q; want %q", m.FigureOptions.Formats, c.want)
			}
		})
	}
}

// TestRedrawRemovesOnlyItsOwnFigures: the figure files Redraw does not draw
// again are removed and named if they are as borderwork drew them; one
// changed since is kept and named; a file the manifest never listed is
// not touched.
func TestRedrawRemovesOnlyItsOwnFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	fd := filepath.Join(out, "figures")
	changed, mine := filepath.Join(fd, "abuse.svg"), filepath.Join(fd, "my-sketch.svg")
	f, err := os.OpenFile(changed, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<!-- edited -->\n")
	f.Close()
	if err := os.WriteFile(mine, []byte("<svg/>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := experiment.Redraw(out, []string{"png"}, experiment.FigureChange{})
	if err != nil {
		t.Fatal(err)
	}
	wantRemoved := []string{"figures/trapped.svg", "figures/immobilised.svg", "figures/abuse_by_kind.svg", "figures/outcomes.svg"}
	slices.Sort(wantRemoved)
	removed := slices.Sorted(slices.Values(r.Removed))
	if !slices.Equal(removed, wantRemoved) || !slices.Equal(r.Kept, []string{"figures/abuse.svg"}) {
		t.Errorf("Redraw removed %q and kept %q; want removed %q and kept [figures/abuse.svg]", r.Removed, r.Kept, wantRemoved)
	}
	for _, f := range wantRemoved {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); !os.IsNotExist(err) {
			t.Errorf("%s: still there (%v); want it removed", f, err)
		}
	}
	for _, f := range []string{changed, mine} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s: %v; want it kept", f, err)
		}
	}
	m, _ := output.ReadManifest(out)
	if len(m.Figures) != 5 || slices.ContainsFunc(m.Figures, func(c output.Checked) bool { return filepath.Ext(c.File) != ".png" }) {
		t.Errorf("manifest lists %v; want the 5 PNGs only", m.Figures)
	}
}

// TestRedrawKeepsChangedFigures: a figure file changed since borderwork
// drew it, or one it never drew, is not replaced by a figure of the same
// name: the redraw is refused, naming it, and the folder is unchanged.
func TestRedrawKeepsChangedFigures(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(t *testing.T, fd string)
	}{
		{"changed since drawn", func(t *testing.T, fd string) {
			f, err := os.OpenFile(filepath.Join(fd, "abuse.svg"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("<!-- edited -->\n")
			f.Close()
		}},
		{"never drawn", func(t *testing.T, fd string) {
			if err := os.WriteFile(filepath.Join(fd, "abuse.png"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			x := comparePlan(t, classroom(t, 2, 20))
			if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			tt.edit(t, filepath.Join(out, "figures"))
			before := foldertest.Files(t, out)
			_, err := experiment.Redraw(out, []string{"svg", "png"}, experiment.FigureChange{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), filepath.Join("figures", "abuse.")) || !strings.Contains(err.Error(), "is not as borderwork drew it") {
				t.Errorf("Redraw = %v; want a refusal naming the figure", err)
			}
			foldertest.Same(t, "a refused redraw", out, before)
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.tmp-*")); len(left) > 0 {
				t.Errorf("a refused redraw left %q", left)
			}
		})
	}
}

// TestRedrawRefusesBands: the figures of sensitivity folders draw no
// bands by --bands; Redraw refuses other bands for them, before anything
// is written, and so their command lines, which plot rewrites, never hold
// a --bands their command does not take.
func TestRedrawRefusesBands(t *testing.T) {
	for _, w := range folderWriters {
		if k, _ := experiment.KindOf(w.kind); k.DrawsBands {
			continue
		}
		t.Run(w.kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			w.write(t, out)
			before, err := os.ReadFile(filepath.Join(out, "manifest.json"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = experiment.Redraw(out, nil, experiment.FigureChange{Bands: output.BandsCI})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "leave --bands out") {
				t.Errorf("Redraw --bands ci of a %s folder: %v; want it refused", w.kind, err)
			}
			if after, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(before, after) {
				t.Error("the refused Redraw changed manifest.json")
			}
		})
	}
}
