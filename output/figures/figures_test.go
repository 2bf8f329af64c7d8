package figures

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output/figures/palette"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenFigures are the figures whose output is pinned in testdata/:
// one or more per kind of figure, drawn at every Size.
var goldenFigures = []struct {
	name string
	draw func() (*Figure, error)
}{
	{"timebands", func() (*Figure, error) {
		return TimeBands("Migrants trapped at the border", "day", "migrants trapped", sampleBands(), sampleCaption)
	}},
	{"timebands_markers", func() (*Figure, error) {
		// A simulated band against observations drawn as points.
		days := []float64{0, 10, 20, 30, 40}
		bands := []Band{
			{Label: "simulated", X: days, Mean: []float64{100, 900, 2400, 3300, 3600}, Lo: []float64{100, 850, 2300, 3200, 3500}, Hi: []float64{100, 950, 2500, 3400, 3700}},
			{Label: "observed", X: []float64{0, 14, 28, 40}, Mean: []float64{100, 1500, 2900, 3500}, Markers: true},
		}
		return TimeBands("Refugees in camp", "day", "refugees", bands, sampleCaption)
	}},
	{"timebands_replicates", func() (*Figure, error) {
		c := sampleCaption
		c.Reps, c.Spread = 5, "thin lines: single replicates"
		return TimeBands("Migrants trapped at the border", "day", "migrants trapped", sampleReplicateBands(5), c)
	}},
	{"timebands_log", func() (*Figure, error) {
		fig, err := TimeBands("People counted a day", "day", "people a day", sampleLogBands(), sampleCaption)
		if err != nil {
			return nil, err
		}
		fig.LogY()
		return fig, nil
	}},
	{"groupedbars", func() (*Figure, error) {
		return GroupedBars("Harm by cause and regime", "share of migrants harmed", sampleGroups(), sampleCaption)
	}},
	{"groupedbars_dots", func() (*Figure, error) {
		c := sampleCaption
		c.Reps, c.Spread = 5, "dots: single replicates"
		return GroupedBars("Abuse by kind and perpetrator, with a label long enough to wrap twice", "abuse events per run",
			sampleDotGroups(), c)
	}},
	{"heatmap", func() (*Figure, error) {
		x, y, z := sampleGrid(false)
		return Heatmap("Migrants trapped by patrol and smuggler price", "patrol intensity",
			"smuggler price (USD)", "migrants trapped at day 180", x, y, z, false, sampleCaption)
	}},
	{"heatmap_diverging", func() (*Figure, error) {
		x, y, z := sampleGrid(true)
		c := sampleCaption
		c.Extra = "--set regimes.closed.patrol=0.1"
		return Heatmap("Migrants trapped: hbm minus closed", "patrol intensity",
			"smuggler price (USD)", "difference in migrants trapped", x, y, z, true, c)
	}},
	{"heatmap_shares", func() (*Figure, error) {
		x, y, z, n := sampleShares()
		c := sampleCaption
		c.Per, c.Extra = " per point", "numbers: points per cell"
		return HeatmapWith("Where malfunction harms more than closure", "information quality under malfunction",
			"desperation effect", "share of points where H1 holds", x, y, z, HeatOptions{Lo: 0, Hi: 1, Counts: n, Binned: true}, c)
	}},
	{"colorpoints", func() (*Figure, error) {
		x, y, z := samplePoints()
		return ColorPoints("Trapped person-days under malfunctioning", "regimes.malfunctioning.outage_start",
			"abuse.desperation_effect", "trapped person-days per run (mean)", x, y, z, HeatOptions{}, sampleCaption)
	}},
	{"scatter", func() (*Figure, error) {
		return Scatter("Deaths against outage length, the other keys varying", "outage days", "deaths per run (mean)",
			sampleSeries(), sampleCaption)
	}},
	{"intervals", sampleIntervals},
}

// goldenName is the name of a golden figure's files at a size.
func goldenName(name string, s Size) string {
	if s.Name == Double.Name {
		return name
	}
	return name + "_" + s.Name
}

// TestDump writes every golden figure at every size in every format to
// the folder $FIGURES_DUMP, to look at; it does nothing otherwise.
func TestDump(t *testing.T) {
	dir := os.Getenv("FIGURES_DUMP")
	if dir == "" {
		t.Skip("set FIGURES_DUMP to a folder to write the golden figures there")
	}
	for _, g := range goldenFigures {
		for _, s := range Sizes() {
			fig, err := g.draw()
			if err != nil {
				t.Fatal(err)
			}
			fig.SetSize(s)
			if err := Save(fig, dir, goldenName(g.name, s), Formats()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// encodeAll returns fig in every format, keyed by extension.
func encodeAll(t *testing.T, fig *Figure) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range Formats() {
		var b bytes.Buffer
		if err := fig.Encode(&b, f); err != nil {
			t.Fatalf("Encode %s: %v", f, err)
		}
		out[f] = b.Bytes()
	}
	return out
}

// goldenHashes returns "sha256  name.ext" lines for every golden figure
// at every size.
func goldenHashes(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, g := range goldenFigures {
		for _, s := range Sizes() {
			fig, err := g.draw()
			if err != nil {
				t.Fatalf("%s: %v", g.name, err)
			}
			fig.SetSize(s)
			enc := encodeAll(t, fig)
			for _, f := range Formats() {
				sum := sha256.Sum256(enc[f])
				lines = append(lines, hex.EncodeToString(sum[:])+"  "+goldenName(g.name, s)+"."+f)
			}
		}
	}
	return lines
}

// TestSameBytesTwice draws each figure kind twice, and encodes one figure
// twice, and requires identical bytes in every format.
func TestSameBytesTwice(t *testing.T) {
	for _, g := range goldenFigures {
		t.Run(g.name, func(t *testing.T) {
			a, err := g.draw()
			if err != nil {
				t.Fatal(err)
			}
			b, err := g.draw()
			if err != nil {
				t.Fatal(err)
			}
			ea, eb, ea2 := encodeAll(t, a), encodeAll(t, b), encodeAll(t, a)
			for _, f := range Formats() {
				if !bytes.Equal(ea[f], eb[f]) {
					t.Errorf("%s: two drawings of the same data differ", f)
				}
				if !bytes.Equal(ea[f], ea2[f]) {
					t.Errorf("%s: encoding one figure twice gives different bytes", f)
				}
			}
		})
	}
}

// TestGolden compares every format of the golden figures with the hashes
// (and, for SVG, the files) in testdata/. Run with -update to rewrite them
// after an intended change of the figures.
func TestGolden(t *testing.T) {
	hashFile := filepath.Join("testdata", "golden.sha256")
	got := goldenHashes(t)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(hashFile, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(hashFile)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if w := strings.Fields(string(want)); !slices.Equal(strings.Fields(strings.Join(got, "\n")), w) {
		t.Errorf("figure hashes differ from %s (go test -update rewrites it after an intended change)\ngot:\n%s\nwant:\n%s",
			hashFile, strings.Join(got, "\n"), want)
	}

	for _, g := range goldenFigures {
		fig, err := g.draw()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fig.Encode(&b, "svg"); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", g.name+".svg")
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s differs from the golden file; diff it against Encode's output to see how", path)
		}
	}
}

// TestFreshProcess compares the hashes drawn here with those drawn by a
// new process, whose font caches and fpdf state start empty.
func TestFreshProcess(t *testing.T) {
	if os.Getenv("FIGURES_PRINT_HASHES") == "1" {
		fmt.Println(strings.Join(goldenHashes(t), "\n"))
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFreshProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "FIGURES_PRINT_HASHES=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range goldenHashes(t) {
		if !bytes.Contains(out, []byte(line)) {
			t.Errorf("a new process drew something else: %s not in\n%s", line, out)
		}
	}
}

func TestPDFDatesPinned(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	pdf := encodeAll(t, fig)["pdf"]
	for _, want := range []string{"/CreationDate (D:20000101000000)", "/ModDate (D:20000101000000)"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

func TestSVGFontFallback(t *testing.T) {
	fig, err := goldenFigures[1].draw()
	if err != nil {
		t.Fatal(err)
	}
	svg := encodeAll(t, fig)["svg"]
	if bytes.Contains(svg, []byte("font-family:Liberation Sans;")) || !bytes.Contains(svg, []byte("Arial")) {
		t.Error("SVG font-family has no fallback")
	}
}

func TestSaveWritesEveryFormat(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Save(fig, dir, "trapped", []string{"png", "svg", "pdf", "svg"}); err != nil {
		t.Fatal(err)
	}
	want := encodeAll(t, fig)
	if got := dirNames(t, dir); !slices.Equal(got, []string{"trapped.pdf", "trapped.png", "trapped.svg"}) {
		t.Fatalf("files %v", got)
	}
	for _, f := range Formats() {
		path := filepath.Join(dir, "trapped."+f)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want[f]) {
			t.Errorf("%s differs from Encode's output", path)
		}
		if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v", path, st.Mode())
		}
	}
}

func TestSaveRejectsBeforeWriting(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name    string
		formats []string
	}{
		{"fig", []string{"png", "gif"}},
		{"fig", []string{"png", "PNG"}},
		{"fig", nil},
		{"", []string{"png"}},
		{"sub/fig", []string{"png"}},
		{"..", []string{"png"}},
	} {
		if err := Save(fig, dir, tc.name, tc.formats); err == nil {
			t.Errorf("Save(%q, %v): no error", tc.name, tc.formats)
		}
	}
	if err := Save(nil, dir, "fig", []string{"png"}); err == nil {
		t.Error("Save(nil): no error")
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("rejected calls wrote %v", got)
	}
	if err := Save(fig, filepath.Join(dir, "missing"), "fig", []string{"png"}); err == nil {
		t.Error("Save into a missing directory: no error")
	}
}

// TestSaveFailureLeavesNoTemp makes the rename of the second format fail
// (its target is a non-empty directory) and checks that the temporary file
// is gone and the first format was written whole.
func TestSaveFailureLeavesNoTemp(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "fig.svg", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Save(fig, dir, "fig", []string{"png", "svg"}); err == nil {
		t.Fatal("no error when fig.svg is a directory")
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"fig.png", "fig.svg"}) {
		t.Errorf("files after failed Save: %v", got)
	}
	b, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	if err != nil || !bytes.Equal(b, encodeAll(t, fig)["png"]) {
		t.Errorf("fig.png not written whole: %v", err)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestInvalidInput(t *testing.T) {
	nan := math.NaN()
	good := Band{Label: "a", X: []float64{0, 1}, Mean: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}
	bandCases := map[string][]Band{
		"no bands":          nil,
		"no points":         {{Label: "a"}},
		"short mean":        {{X: []float64{0, 1}, Mean: []float64{1}}},
		"short lo":          {{X: []float64{0, 1}, Mean: []float64{1, 2}, Lo: []float64{0}, Hi: []float64{2, 3}}},
		"lo without hi":     {{X: []float64{0, 1}, Mean: []float64{1, 2}, Lo: []float64{0, 1}}},
		"x not increasing":  {{X: []float64{1, 0}, Mean: []float64{1, 2}}},
		"x NaN":             {{X: []float64{0, nan}, Mean: []float64{1, 2}}},
		"infinite mean":     {{X: []float64{0, 1}, Mean: []float64{1, math.Inf(1)}}},
		"lo above hi":       {{X: []float64{0, 1}, Mean: []float64{1, 2}, Lo: []float64{0, 3}, Hi: []float64{2, 2}}},
		"second band wrong": {good, {X: []float64{0}, Mean: []float64{1, 2}}},
	}
	for name, bands := range bandCases {
		if _, err := TimeBands("t", "x", "y", bands, sampleCaption); err == nil {
			t.Errorf("TimeBands %s: no error", name)
		}
	}
	bar := func(l string, m float64) Bar { return Bar{Label: l, Mean: m, Lo: nan, Hi: nan} }
	groupCases := map[string][]Group{
		"no groups":       nil,
		"no bars":         {{Label: "a"}},
		"ragged":          {{Label: "a", Bars: []Bar{bar("x", 1)}}, {Label: "b", Bars: []Bar{bar("x", 1), bar("y", 1)}}},
		"other category":  {{Label: "a", Bars: []Bar{bar("x", 1)}}, {Label: "b", Bars: []Bar{bar("y", 1)}}},
		"infinite mean":   {{Label: "a", Bars: []Bar{bar("x", math.Inf(-1))}}},
		"lo above hi bar": {{Label: "a", Bars: []Bar{{Label: "x", Mean: 1, Lo: 2, Hi: 0}}}},
	}
	for name, gs := range groupCases {
		if _, err := GroupedBars("t", "y", gs, sampleCaption); err == nil {
			t.Errorf("GroupedBars %s: no error", name)
		}
	}
	x, y := []float64{0, 1}, []float64{0, 1, 2}
	z := [][]float64{{1, 2}, {3, 4}, {5, 6}}
	heatCases := map[string]func() ([]float64, []float64, [][]float64){
		"no x":         func() ([]float64, []float64, [][]float64) { return nil, y, z },
		"y decreasing": func() ([]float64, []float64, [][]float64) { return x, []float64{2, 1, 0}, z },
		"short z":      func() ([]float64, []float64, [][]float64) { return x, y, z[:2] },
		"short row":    func() ([]float64, []float64, [][]float64) { return x, y, [][]float64{{1, 2}, {3}, {5, 6}} },
		"infinite z":   func() ([]float64, []float64, [][]float64) { return x, y, [][]float64{{1, 2}, {3, math.Inf(1)}, {5, 6}} },
	}
	for name, f := range heatCases {
		hx, hy, hz := f()
		if _, err := Heatmap("t", "x", "y", "z", hx, hy, hz, false, sampleCaption); err == nil {
			t.Errorf("Heatmap %s: no error", name)
		}
	}
}

// TestDegenerateInput draws what is unusual but valid: NaN bands (one
// replicate), gaps, one point, all-zero data, all-NaN and one-cell grids,
// missing bars and negative values.
func TestDegenerateInput(t *testing.T) {
	for name, draw := range degenerateFigures() {
		fig, err := draw()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		encodeAll(t, fig)
	}
}

// degenerateFigures are figures of unusual but valid data.
func degenerateFigures() map[string]func() (*Figure, error) {
	nan := math.NaN()
	one := Caption{Scenario: "s", Seed: 1, Reps: 1}
	return map[string]func() (*Figure, error){
		"NaN bands": func() (*Figure, error) {
			return TimeBands("t", "day", "n", []Band{{Label: "a", X: []float64{0, 1, 2}, Mean: []float64{1, nan, 3},
				Lo: []float64{nan, nan, nan}, Hi: []float64{nan, nan, nan}}}, one)
		},
		"no bounds, one point": func() (*Figure, error) {
			return TimeBands("t", "day", "n", []Band{{X: []float64{5}, Mean: []float64{2}}}, one)
		},
		"all zero": func() (*Figure, error) {
			return TimeBands("t", "day", "n", []Band{{Label: "a", X: []float64{0, 1}, Mean: []float64{0, 0}}}, one)
		},
		"bars missing and negative": func() (*Figure, error) {
			return GroupedBars("t", "y", []Group{
				{Label: "a", Bars: []Bar{{Label: "x", Mean: nan, Lo: nan, Hi: nan}, {Label: "y", Mean: -2, Lo: -3, Hi: -1}}},
				{Label: "", Bars: []Bar{{Label: "x", Mean: 0, Lo: nan, Hi: nan}, {Label: "y", Mean: 4, Lo: 3, Hi: 5}}},
			}, one)
		},
		"all NaN grid": func() (*Figure, error) {
			return Heatmap("t", "x", "y", "z", []float64{1, 2}, []float64{1}, [][]float64{{nan, nan}}, true, one)
		},
		"one cell": func() (*Figure, error) {
			return Heatmap("t", "x", "y", "z", []float64{3}, []float64{0}, [][]float64{{7}}, false, one)
		},
		"one cell with a count": func() (*Figure, error) {
			return HeatmapWith("t", "x", "y", "z", []float64{3}, []float64{0}, [][]float64{{0.5}},
				HeatOptions{Lo: 0, Hi: 1, Counts: [][]int{{12}}}, one)
		},
		"one point": func() (*Figure, error) {
			return ColorPoints("t", "x", "y", "z", []float64{1}, []float64{2}, []float64{nan}, HeatOptions{}, one)
		},
		"scatter of NaN": func() (*Figure, error) {
			return Scatter("t", "x", "y", []Series{{Label: "a", X: []float64{nan}, Y: []float64{1}}}, one)
		},
		"long tick labels": func() (*Figure, error) {
			return GroupedBars("t", "y", []Group{{Label: "a", Bars: []Bar{{Label: "x", Mean: 1234567890, Lo: 1.1e9, Hi: 1.35e9}}}}, one)
		},
		"many categories": func() (*Figure, error) {
			var bars []Bar
			for i := range 12 {
				bars = append(bars, Bar{Label: fmt.Sprintf("a rather long category name number %d", i), Mean: float64(i), Lo: nan, Hi: nan})
			}
			return GroupedBars("t", "y", []Group{{Label: "only", Bars: bars}}, one)
		},
	}
}

func TestCaptionText(t *testing.T) {
	c := Caption{Scenario: "sahel", Seed: 20181001, Reps: 20}
	for _, tc := range []struct {
		c          Caption
		per, extra string
		want       string
	}{
		{c, "", CIBands, "scenario sahel · seed 20181001 · 20 replicates · bands: 95% confidence intervals of the mean"},
		{Caption{Scenario: "sahel", Seed: 3, Reps: 1, Extra: "--set a=1"}, "", CIBands, "scenario sahel · seed 3 · 1 replicate · --set a=1"},
		{c, " per cell", "", "scenario sahel · seed 20181001 · 20 replicates per cell"},
		{Caption{Seed: -5}, "", "x", "seed -5"},
		// Centre names the central mark with the replicates it is the mean of.
		{Caption{Scenario: "sahel", Seed: 3, Reps: 20, Centre: "lines: mean"}, "", CIBands, "scenario sahel · seed 3 · lines: mean of 20 replicates · bands: 95% confidence intervals of the mean"},
		{Caption{Seed: 3, Reps: 5, Centre: "colours: mean"}, " per cell", "", "seed 3 · colours: mean of 5 replicates per cell"},
		// One replicate is drawn itself: no mean, no spread.
		{Caption{Seed: 3, Reps: 1, Centre: "bars: mean"}, "", CIErrorBars, "seed 3 · 1 replicate"},
		{Caption{Seed: 3, Centre: "bars: mean"}, "", CIErrorBars, "seed 3"},
	} {
		if got := tc.c.text(tc.per, tc.extra); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{0, 1.2e6, []string{"0", "200,000", "400,000", "600,000", "800,000", "1,000,000", "1,200,000"}},
		{0, 0.397, []string{"0.0", "0.1", "0.2", "0.3"}},
		{0, 11250, []string{"0", "2,000", "4,000", "6,000", "8,000", "10,000"}},
		{-2700, 2700, []string{"−2,000", "−1,000", "0", "1,000", "2,000"}},
		{0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 0.0012, []string{"0.0000", "0.0002", "0.0004", "0.0006", "0.0008", "0.0010", "0.0012"}},
		{0, 187, []string{"0", "50", "100", "150"}},
		{0, 13000, []string{"0", "2,500", "5,000", "7,500", "10,000", "12,500"}},
	} {
		var got []string
		for _, tk := range (niceTicker{}).Ticks(tc.lo, tc.hi) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Ticks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
		}
	}
	// Days: whole numbers only, however short the run.
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{-0.5, 0.5, []string{"0"}},
		{0, 2, []string{"0", "1", "2"}},
		{0, 4, []string{"0", "1", "2", "3", "4"}},
		{0, 364, []string{"0", "100", "200", "300"}}, // as without whole
	} {
		var got []string
		for _, tk := range (niceTicker{whole: true}).Ticks(tc.lo, tc.hi) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("whole Ticks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"}, {-0.0001, 2, "0.00"}, {999, 0, "999"}, {1000, 0, "1,000"},
		{-1500, 0, "−1,500"}, {-0.25, 2, "−0.25"}, {1234567.891, 2, "1,234,567.89"}, {0.25, 2, "0.25"},
	} {
		if got := formatNumber(tc.v, tc.d); got != tc.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tc.v, tc.d, got, tc.want)
		}
	}
}

func TestHeatmapPositions(t *testing.T) {
	if got := positions([]float64{0, 0.1, 0.2, 0.3}); !slices.Equal(got, []float64{0, 0.1, 0.2, 0.3}) {
		t.Errorf("even grid moved: %v", got)
	}
	if got := positions([]float64{250, 500, 1000}); !slices.Equal(got, []float64{0, 1, 2}) {
		t.Errorf("uneven grid: %v", got)
	}
	if got := edges([]float64{0, 1, 3}); !slices.Equal(got, []float64{-0.5, 0.5, 2, 4}) {
		t.Errorf("edges: %v", got)
	}
}

// decode1252 is the Windows-1252 bytes s as UTF-8.
func decode1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

// pathBounds is the box of p's points, its control points included.
func pathBounds(p vg.Path) (lo, hi vg.Point) {
	lo = vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))}
	hi = vg.Point{X: vg.Length(math.Inf(-1)), Y: vg.Length(math.Inf(-1))}
	for _, c := range p {
		if c.Type == vg.CloseComp {
			continue
		}
		for _, q := range append([]vg.Point{c.Pos}, c.Control...) {
			lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
			hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
		}
	}
	return lo, hi
}

func TestColorScale(t *testing.T) {
	s := colorScale{anchors: blueRed, lo: -2, hi: 2}
	if got := s.at(0); got != (color.NRGBA{0xF7, 0xF7, 0xF7, 0xFF}) {
		t.Errorf("diverging scale at 0 is %v, want the neutral centre", got)
	}
	if got := s.at(-5); got != blueRed[0] {
		t.Errorf("below range: %v", got)
	}
	if got := s.at(math.NaN()); got != missingColor {
		t.Errorf("NaN: %v", got)
	}
}

// TestPDFTextAndColour: a PDF writes the letters Windows-1252 holds as
// text, in that code page, and draws each other letter (Ş, ś, Greek,
// Cyrillic, the minus sign) as its glyph's outline, where the font's
// advances put it: nothing becomes '?' or a stand-in. Before, "Şanlıurfa"
// printed as "?anl?urfa".
func TestPDFTextAndColour(t *testing.T) {
	f := font.DefaultCache.Lookup(sans, 10)
	pt := vg.Point{X: 100, Y: 50}
	for _, tt := range []struct {
		in    string
		runs  []string
		drawn []string // the letters drawn as outlines
	}{
		{"plain", []string{"plain"}, nil},
		{"a · b", []string{"a \xb7 b"}, nil},
		{"a · b − c", []string{"a \xb7 b ", " c"}, []string{"−"}},
		{"Şanlıurfa", []string{"anl", "urfa"}, []string{"Ş", "ı"}},
		{"Przemyśl", []string{"Przemy", "l"}, []string{"ś"}},
		{"Ужгород", nil, []string{"Ужгород"}},
		{"σ ≥ µ*, ±δ", []string{" ", " \xb5*, \xb1"}, []string{"σ", "≥", "δ"}},
	} {
		runs, outlines := pdfText(f, pt, tt.in)
		var texts []string
		for _, r := range runs {
			texts = append(texts, r.text)
			// A run starts where the line's letters before it end.
			before, _, _ := strings.Cut(tt.in, decode1252(r.text))
			if want := pt.X + f.Width(before); math.Abs(float64(r.at.X-want)) > 0.05 || r.at.Y != pt.Y {
				t.Errorf("pdfText(%q): run %q at %v; want (%.2f, %v)", tt.in, r.text, r.at, want, pt.Y)
			}
		}
		if !slices.Equal(texts, tt.runs) {
			t.Errorf("pdfText(%q) writes %q as text; want %q", tt.in, texts, tt.runs)
		}
		if (len(outlines) > 0) != (len(tt.drawn) > 0) {
			t.Errorf("pdfText(%q) draws %d outline components; want the outlines of %q", tt.in, len(outlines), tt.drawn)
			continue
		}
		if len(tt.drawn) == 0 {
			continue
		}
		// The outlines lie within the line, between its first drawn
		// letter's start and its last one's end, and reach above the
		// baseline.
		lo, hi := pathBounds(outlines)
		first := strings.Index(tt.in, tt.drawn[0])
		last := strings.LastIndex(tt.in, tt.drawn[len(tt.drawn)-1]) + len(tt.drawn[len(tt.drawn)-1])
		if min := pt.X + f.Width(tt.in[:first]); lo.X < min-0.5 || hi.X > pt.X+f.Width(tt.in[:last])+0.5 || hi.Y <= pt.Y {
			t.Errorf("pdfText(%q): outlines span %v to %v; want x within %.2f to %.2f and above the baseline y %v", tt.in, lo, hi, min, pt.X+f.Width(tt.in[:last]), pt.Y)
		}
	}
	r, g, b, a := straightColor{R: 0xE6, G: 0x9F, B: 0x00, A: 0x40}.RGBA()
	if r>>8 != 0xE6 || g>>8 != 0x9F || b != 0 || a>>8 != 0x40 {
		t.Errorf("straightColor premultiplied: %x %x %x %x", r, g, b, a)
	}
}

// TestFigureKeepsItsData changes the caller's data after drawing and
// requires the saved figure not to change.
func TestFigureKeepsItsData(t *testing.T) {
	bands := sampleBands()
	a, err := TimeBands("t", "day", "n", bands, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	before := encodeAll(t, a)["svg"]
	bands[0].Mean[3] = 1e9
	if !bytes.Equal(before, encodeAll(t, a)["svg"]) {
		t.Error("TimeBands figure changed with the caller's slice")
	}
	groups := sampleGroups()
	b, err := GroupedBars("t", "y", groups, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	before = encodeAll(t, b)["svg"]
	groups[0].Bars[0].Mean = 1e9
	if !bytes.Equal(before, encodeAll(t, b)["svg"]) {
		t.Error("GroupedBars figure changed with the caller's slice")
	}
	x, y, z := sampleGrid(false)
	h, err := Heatmap("t", "x", "y", "z", x, y, z, false, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	before = encodeAll(t, h)["svg"]
	z[0][0], x[0] = 1e9, -5
	if !bytes.Equal(before, encodeAll(t, h)["svg"]) {
		t.Error("Heatmap figure changed with the caller's slices")
	}
}

// TestLayout draws every golden figure, and the degenerate ones, at every
// size in every format, and requires that no line of text overlaps
// another, leaves the canvas or runs across the edge of the data area;
// and that the text lands in the same places in every format.
func TestLayout(t *testing.T) {
	type drawer struct {
		name string
		draw func() (*Figure, error)
	}
	var all []drawer
	for _, g := range goldenFigures {
		all = append(all, drawer{g.name, g.draw})
	}
	for name, d := range degenerateFigures() {
		all = append(all, drawer{"degenerate " + name, d})
	}
	for _, g := range all {
		for _, s := range Sizes() {
			fig, err := g.draw()
			if err != nil {
				t.Fatalf("%s: %v", g.name, err)
			}
			fig.SetSize(s)
			var first *Layout
			for _, format := range Formats() {
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatalf("%s %s %s: %v", g.name, s.Name, format, err)
				}
				if len(l.Text) == 0 {
					t.Errorf("%s %s %s: no text recorded", g.name, s.Name, format)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size, %s: %s", g.name, s.Name, format, p)
				}
				if first == nil {
					first = l
				} else if !slices.Equal(first.Text, l.Text) {
					t.Errorf("%s %s: text placed differently in %s than in %s", g.name, s.Name, format, Formats()[0])
				}
			}
		}
	}
}

// TestLayoutProblems checks the checker: overlapping boxes, a box off the
// canvas and one across the data area's edge are reported; touching
// lines of one paragraph and text inside the data area are not.
func TestLayoutProblems(t *testing.T) {
	box := func(text string, x0, y0, x1, y1 float64) TextBox {
		return TextBox{Text: text, Rectangle: vg.Rectangle{Min: vg.Point{X: vg.Length(x0), Y: vg.Length(y0)}, Max: vg.Point{X: vg.Length(x1), Y: vg.Length(y1)}}}
	}
	l := Layout{
		Canvas: vg.Rectangle{Max: vg.Point{X: 100, Y: 100}},
		Data:   vg.Rectangle{Min: vg.Point{X: 20, Y: 20}, Max: vg.Point{X: 90, Y: 90}},
		Text: []TextBox{
			box("line one", 0, 10, 15, 18), box("line two", 0, 2, 15, 10), // touching: fine
			box("inside", 30, 30, 40, 38),                        // in the data area: fine
			box("a", 40, 92, 60, 99), box("b", 55, 93, 70, 99.5), // overlap
			box("off", 95, 50, 105, 58),   // leaves the canvas (and crosses the data edge? no: x 95 > 90)
			box("across", 10, 50, 25, 58), // runs into the data area
		},
	}
	got := l.Problems()
	want := []string{`"a"`, `"off"`, `"across"`}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d = %q, want it about %s", i, got[i], w)
		}
	}
}

// TestLayoutRecordsRotatedText checks where the recorder puts the y axis
// label, which plot draws rotated a quarter turn: at the left edge,
// taller than wide, and as tall as the label is long.
func TestLayoutRecordsRotatedText(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	l, err := fig.Layout("svg")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(l.Text, func(b TextBox) bool { return b.Text == "migrants trapped" })
	if i < 0 {
		t.Fatal("the y axis label was not recorded")
	}
	b := l.Text[i]
	h, w := b.Max.Y-b.Min.Y, b.Max.X-b.Min.X
	want := textStyle(Double.labelSize).Width("migrants trapped")
	if b.Min.X > margin+vg.Points(1) || h <= w || math.Abs(float64(h-want)) > 0.01 || math.Abs(float64(w-Double.labelSize)) > 0.01 {
		t.Errorf("y label box %s (%v × %v): want at the left edge, %v tall and %v wide", rect(b.Rectangle), w, h, want, Double.labelSize)
	}
}

// TestBarsCaptionPromisesOnlyWhatIsDrawn: the caption speaks of error
// bars (or dots) if and only if some bar draws one.
func TestBarsCaptionPromisesOnlyWhatIsDrawn(t *testing.T) {
	nan := math.NaN()
	c := Caption{Scenario: "sahel", Seed: 1, Reps: 5}
	dots := c
	dots.Spread = "dots: single replicates"
	bars := c
	bars.Spread = "error bars: middle 95% of replicates"
	for _, tc := range []struct {
		name string
		bars []Bar
		c    Caption
		want string // "" for no spread in the caption
	}{
		{"intervals", []Bar{{Label: "a", Mean: 1, Lo: 0.5, Hi: 1.5}, {Label: "b", Mean: 2, Lo: nan, Hi: nan}}, c, "error bars: 95% confidence intervals of the mean"},
		{"no intervals", []Bar{{Label: "a", Mean: 1, Lo: nan, Hi: nan}, {Label: "b", Mean: 2, Lo: nan, Hi: nan}}, c, ""},
		{"one bound only", []Bar{{Label: "a", Mean: 1, Lo: 0.5, Hi: nan}}, c, ""},
		{"caller's spread, no intervals", []Bar{{Label: "a", Mean: 1, Lo: nan, Hi: nan}}, bars, ""},
		{"caller's spread, intervals", []Bar{{Label: "a", Mean: 1, Lo: 0, Hi: 2}}, bars, bars.Spread},
		{"dots", []Bar{{Label: "a", Mean: 1, Lo: nan, Hi: nan, Values: []float64{0.5, 1.5}}}, dots, dots.Spread},
	} {
		fig, err := GroupedBars("t", "y", []Group{{Label: "g", Bars: tc.bars}}, tc.c)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, s := range []string{"error bars", "dots", "interval"} {
			if got, want := strings.Contains(fig.caption, s), tc.want != "" && strings.Contains(tc.want, s); got != want {
				t.Errorf("%s: caption %q mentions %q: %v, want %v", tc.name, fig.caption, s, got, want)
			}
		}
		if tc.want != "" && !strings.Contains(fig.caption, tc.want) {
			t.Errorf("%s: caption %q lacks %q", tc.name, fig.caption, tc.want)
		}
	}
}

// TestDefaultSpreadIsTheCI: a caption that does not say what its bands
// or error bars are says what they are by default, the 95% confidence
// interval of the mean (output.Describe's), and never calls it an
// interval "across replicates", which reads as their spread; a figure
// of lines without bands says nothing of bands.
func TestDefaultSpreadIsTheCI(t *testing.T) {
	nan := math.NaN()
	c := Caption{Scenario: "sahel", Seed: 1, Reps: 5}
	days := []float64{0, 1}
	for _, tc := range []struct {
		name string
		draw func() (*Figure, error)
		want string // "" for no spread in the caption
	}{
		{"bands", func() (*Figure, error) {
			return TimeBands("t", "x", "y", []Band{{Label: "a", X: days, Mean: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}}, c)
		}, "bands: 95% confidence intervals of the mean"},
		{"lines only", func() (*Figure, error) {
			return TimeBands("t", "x", "y", []Band{{Label: "a", X: days, Mean: []float64{1, 2}}, {Label: "b", X: days, Mean: []float64{1, 2}, Lo: []float64{nan, nan}, Hi: []float64{nan, nan}}}, c)
		}, ""},
		{"error bars", func() (*Figure, error) {
			return GroupedBars("t", "y", []Group{{Label: "g", Bars: []Bar{{Label: "a", Mean: 1, Lo: 0, Hi: 2}}}}, c)
		}, "error bars: 95% confidence intervals of the mean"},
		{"error bars within a margin", func() (*Figure, error) {
			return GroupedBarsWithin("t", "y", []Group{{Bars: []Bar{{Label: "a", Mean: 1, Lo: 0, Hi: 2}}}}, Margin{Delta: 1, Label: "δ"}, c)
		}, "error bars: 95% confidence intervals of the mean"},
	} {
		fig, err := tc.draw()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if strings.Contains(fig.caption, "across replicates") || strings.Contains(fig.caption, "band") != strings.Contains(tc.want, "band") {
			t.Errorf("%s: caption %q", tc.name, fig.caption)
		}
		if tc.want == "" && !strings.HasSuffix(fig.caption, " · 5 replicates") {
			t.Errorf("%s: caption %q promises a spread", tc.name, fig.caption)
		}
		if tc.want != "" && !strings.HasSuffix(fig.caption, " · "+tc.want) {
			t.Errorf("%s: caption %q does not end in %q", tc.name, fig.caption, tc.want)
		}
	}
}

// TestMarginRefused: a margin that is not a finite width is an error.
func TestMarginRefused(t *testing.T) {
	g := []Group{{Bars: []Bar{{Label: "a", Mean: 1, Lo: math.NaN(), Hi: math.NaN()}}}}
	for _, d := range []float64{math.NaN(), math.Inf(1), -1} {
		if _, err := GroupedBarsWithin("t", "y", g, Margin{Delta: d, Label: "δ"}, sampleCaption); err == nil {
			t.Errorf("GroupedBarsWithin(margin %v): no error", d)
		}
	}
	if _, err := GroupedBarsWithin("t", "y", g, Margin{Delta: 2, Label: "δ"}, sampleCaption); err != nil {
		t.Errorf("GroupedBarsWithin(margin 2): %v", err)
	}
}

// TestErrorBarShowsOnBlackBar: an error bar and replicate dots lying
// inside a bar of the palette's black (its 8th colour) can still be seen.
// The same figure with a blue bar says where they are drawn: its dark
// pixels with blue on both sides. On the black bar, most of those must
// have a light pixel next to them.
func TestErrorBarShowsOnBlackBar(t *testing.T) {
	render := func(bar Bar, style int) image.Image {
		fig, err := GroupedBars("t", "y", []Group{{Label: "g", Bars: []Bar{bar}, Style: style}}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return pngOf(t, fig)
	}
	rgb := func(img image.Image, x, y int) (r, g, b uint32) {
		r, g, b, _ = img.At(x, y).RGBA()
		return r, g, b
	}
	near := func(img image.Image, x, y, d int, is func(r, g, b uint32) bool) bool {
		for dy := -d; dy <= d; dy++ {
			for dx := -d; dx <= d; dx++ {
				if is(rgb(img, x+dx, y+dy)) {
					return true
				}
			}
		}
		return false
	}
	// enclosed: blue lies within a halo's width on both sides of (x, y),
	// above and below or left and right: inside the bar, not at its edge.
	enclosed := func(img image.Image, x, y int) bool {
		blueToward := func(dx, dy int) bool {
			for k := 1; k <= 10; k++ {
				r, _, b := rgb(img, x+k*dx, y+k*dy)
				if r < 0x2000 && b > 0x8000 {
					return true
				}
			}
			return false
		}
		return blueToward(0, -1) && blueToward(0, 1) || blueToward(-1, 0) && blueToward(1, 0)
	}
	dark := func(r, g, b uint32) bool { return r < 0x2000 && g < 0x2000 && b < 0x2000 }
	light := func(r, g, b uint32) bool { return r > 0xC000 && g > 0xC000 && b > 0xC000 }
	for _, tc := range []struct {
		name string
		bar  Bar
	}{
		{"error bar", Bar{Label: "a", Mean: 10, Lo: 3, Hi: 7}},
		{"dots", Bar{Label: "a", Mean: 10, Lo: math.NaN(), Hi: math.NaN(), Values: []float64{4, 6}}},
	} {
		onBlue, onBlack := render(tc.bar, 1), render(tc.bar, palette.Colors())
		b := onBlue.Bounds()
		marks, seen := 0, 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if !dark(rgb(onBlue, x, y)) || !enclosed(onBlue, x, y) {
					continue
				}
				marks++
				if near(onBlack, x, y, 2, light) {
					seen++
				}
			}
		}
		if marks == 0 {
			t.Fatalf("%s: no mark found inside the blue bar", tc.name)
		}
		if seen*2 < marks {
			t.Errorf("%s inside a black bar: %d of its %d pixels have a light pixel near, want most", tc.name, seen, marks)
		}
	}
}

// TestNeutralBarsAreGrey: a group styled Neutral (an inconclusive share)
// is filled grey, in its bars and its legend sample, not with a colour of
// the palette (black, the last, was what the robustness figure used).
func TestNeutralBarsAreGrey(t *testing.T) {
	count := func(style int, c color.Color) int {
		fig, err := GroupedBars("t", "y", []Group{
			{Label: "a", Bars: []Bar{{Label: "x", Mean: 10, Lo: math.NaN(), Hi: math.NaN()}}, Style: 3},
			{Label: "b", Bars: []Bar{{Label: "x", Mean: 10, Lo: math.NaN(), Hi: math.NaN()}}, Style: style},
		}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		img := pngOf(t, fig)
		n := 0
		want := color.NRGBAModel.Convert(c)
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if color.NRGBAModel.Convert(img.At(x, y)) == want {
					n++
				}
			}
		}
		return n
	}
	neutral := count(palette.Neutral, palette.Color(palette.Neutral))
	if neutral < 10_000 {
		t.Errorf("a palette.Neutral bar has %d grey pixels, want a bar's worth", neutral)
	}
	// Control: the palette's black fills its bar (text is black too, in
	// both), and shows the neutral grey only where anti-aliasing blends
	// its edges and its white hatch.
	if n, text := count(8, palette.Color(7)), count(palette.Neutral, palette.Color(7)); n-text < 10_000 {
		t.Errorf("a bar of the palette's black has %d black pixels, a palette.Neutral bar %d; want a bar's worth more", n, text)
	}
	if n := count(8, palette.Color(palette.Neutral)); n*5 > neutral {
		t.Errorf("a bar of the palette's black has %d pixels of the neutral grey, a palette.Neutral bar %d", n, neutral)
	}
}

// pngOf is fig drawn as a PNG and decoded, for tests that read its pixels.
func pngOf(t *testing.T, fig *Figure) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := fig.Encode(&buf, "png"); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestWrapKeepsNoBreak: wrapping never breaks at NoBreak, so a Sobol'
// label's within-noise mark stays with its name (it was drawn on a line
// of its own at single size), in labels that may also break after
// hyphens or between characters (breakWide) and in captions; joined
// again, the lines are the text.
func TestWrapKeepsNoBreak(t *testing.T) {
	sty := textStyle(Single.tickSize)
	for _, tc := range []struct {
		s      string
		starts string // what no line may start with: the word after NoBreak
	}{
		{"abuse.vulnerable_factor" + NoBreak + "†", "†"},
		{"links.agadez-arlit.hazard" + NoBreak + "†", "†"},
		{"N = 8 base samples; †" + NoBreak + "within its replicate noise", "within"},
	} {
		s := tc.s
		for _, hyphens := range []bool{false, true} {
			for _, cut := range []string{"ab", "abuse.vulnerable", "abuse.vulnerable_factor", "links.agadez-", "N = 8 base samples; †"} {
				// As categoryTicks wraps a label: a word still too wide
				// is broken between characters (breakWide).
				got := breakWide(wrap(s, sty, sty.Width(cut), hyphens), sty, sty.Width(cut))
				if strings.Contains(got, "\n"+tc.starts) || strings.Contains(got, "\n"+NoBreak) || strings.Contains(got, NoBreak+"\n") {
					t.Errorf("wrap(%q) at the width of %q, hyphens %v: %q breaks at NoBreak", s, cut, hyphens, got)
				}
				if bare := strings.NewReplacer("\n", "", " ", ""); bare.Replace(got) != bare.Replace(s) {
					t.Errorf("wrap(%q) at the width of %q, hyphens %v: %q, joined, is not the text", s, cut, hyphens, got)
				}
			}
		}
	}
}

// TestWrapCaption: a caption wraps between its parts where it can, each
// line but the last ending in its separator, and between words only
// within a part too long for a line; joined again, the lines are the
// caption.
// TestWrapKeepsDifferences: wrapping never ends a line on the minus of a
// difference "A − B" (nor on a hyphen or en dash standing for one), as
// the colour bar of a sweep's METRIC_A_minus_B did ("... (malfunctioning
// -" over "closed)").
func TestWrapKeepsDifferences(t *testing.T) {
	sty := textStyle(Double.labelSize)
	for _, s := range []string{
		"difference in mean trapped person-days (malfunctioning − closed)",
		"difference in mean trapped person-days (malfunctioning - closed)",
		"difference in mean trapped person-days (malfunctioning – closed)",
	} {
		for _, cut := range []string{"difference in mean trapped person-days (malfunctioning", "difference in mean trapped"} {
			width := sty.Width(cut + " −")
			got := strings.Split(wrapText(s, sty, width), "\n")
			for _, l := range got {
				if strings.HasSuffix(l, " −") || strings.HasSuffix(l, " -") || strings.HasSuffix(l, " –") || strings.HasPrefix(l, "− ") || strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "– ") {
					t.Errorf("wrapText(%q) at the width of %q: %q breaks the difference", s, cut+" −", got)
				}
			}
			if strings.Join(got, " ") != s {
				t.Errorf("wrapText(%q): lines %q, joined, are not the text", s, got)
			}
		}
	}
	// Category labels, which may also break after hyphens, keep it too.
	if got := wrap("open - closed", sty, sty.Width("open -"), true); strings.Contains(got, "-\n") {
		t.Errorf("wrap with hyphens: %q", got)
	}
}

func TestWrapCaption(t *testing.T) {
	sty := textStyle(Single.captionSize)
	caption := "scenario small · seed 1 · lines: mean of 3 replicates · thin lines: single replicates"
	long := "scenario classroom · seed 2018 · bars: mean of 6 replicates · each bar is the paired effect of switching one setting on, with its verdict; intervals not adjusted for multiple tests"
	for _, tc := range []struct {
		s     string
		width vg.Length
		want  []string
	}{
		{caption, 1000, []string{caption}},
		// Word by word, "thin lines: single" would end the first line.
		{caption, sty.Width("scenario small · seed 1 · lines: mean of 3 replicates · thin lines: single"), []string{
			"scenario small · seed 1 · lines: mean of 3 replicates",
			"· thin lines: single replicates"}},
		{long, sty.Width("scenario classroom · seed 2018 · bars: mean of 6 replicates ·"), []string{
			"scenario classroom · seed 2018 · bars: mean of 6 replicates",
			"· each bar is the paired effect of switching one setting on,",
			"with its verdict; intervals not adjusted for multiple tests"}},
		// A part too long for a line is wrapped between words from where
		// the line stands, never right after the separator.
		{"scenario a · seed 1 · bands only for open-reliable, closed-reliable", sty.Width("scenario a · seed 1 · bands"), []string{
			"scenario a · seed 1 · bands",
			"only for open-reliable,",
			"closed-reliable"}},
		{"scenario a · seed 1 · bands only for open-reliable, closed-reliable", sty.Width("scenario a · seed 1 · band"), []string{
			"scenario a · seed 1",
			"· bands only for",
			"open-reliable,",
			"closed-reliable"}},
	} {
		got := strings.Split(wrapCaption(tc.s, sty, tc.width), "\n")
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrapCaption(%q, %v):\n%q\nwant\n%q", tc.s, tc.width, got, tc.want)
		}
		for _, l := range got {
			if strings.HasSuffix(l, "·") {
				t.Errorf("line %q ends in the separator", l)
			}
			if sty.Width(l) > tc.width {
				t.Errorf("line %q is wider than %v", l, tc.width)
			}
		}
		if strings.Join(got, " ") != tc.s {
			t.Errorf("the lines %q, joined, are not the caption", got)
		}
	}
}

// TestHeatmapMissingText: the colour bar's swatch for NaN cells says
// HeatOptions.Missing when set ("none conclusive": a share with no
// denominator), else "no data"; and none is drawn without a NaN cell.
func TestHeatmapMissingText(t *testing.T) {
	x, y := []float64{0, 1}, []float64{0, 1}
	for _, tc := range []struct {
		z             [][]float64
		missing, want string
	}{
		{[][]float64{{math.NaN(), 1}, {0, 0.5}}, "", noDataText},
		{[][]float64{{math.NaN(), 1}, {0, 0.5}}, "none conclusive", "none conclusive"},
		{[][]float64{{1, 1}, {0, 0.5}}, "none conclusive", ""},
	} {
		fig, err := HeatmapWith("t", "x", "y", "share", x, y, tc.z, HeatOptions{Lo: 0, Hi: 1, Missing: tc.missing}, Caption{})
		if err != nil {
			t.Fatal(err)
		}
		l, err := fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, b := range l.Text {
			texts = append(texts, b.Text)
		}
		for _, s := range []string{noDataText, "none conclusive"} {
			if got := slices.Contains(texts, s); got != (s == tc.want) {
				t.Errorf("Missing %q, z %v: %q drawn %v", tc.missing, tc.z, s, got)
			}
		}
	}
}

// TestAxisLabelsWrapToTheirAxes: a long x label on a narrow figure wraps
// to the data area's width, not narrower. Measured with the label
// unwrapped, the data area had been narrowed to fit it, and the label,
// wrapped to that, ran a word a line down the figure
// ("how often / failing / posts / break / down / (probability / per
// day)") and squeezed the data area to a strip.
func TestAxisLabelsWrapToTheirAxes(t *testing.T) {
	const xLabel = "how often failing posts break down (probability per day)"
	nan := math.NaN()
	fig, err := HeatmapWith("Where the claim holds on migrants abused", xLabel, "how long their outages last (days)", "share of conclusive points where the claim holds",
		[]float64{0.033, 0.1, 0.167}, []float64{6.5, 16, 25.5}, [][]float64{{nan, 0, nan}, {nan, 0, 0}, {nan, nan, 1}},
		HeatOptions{Lo: 0, Hi: 1, Binned: true}, Caption{Scenario: "classroom", Seed: 2018})
	if err != nil {
		t.Fatal(err)
	}
	fig.SetSize(Single)
	l, err := fig.Layout("png")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range l.Text {
		if b.Max.Y <= l.Data.Min.Y && strings.Contains(xLabel, b.Text) {
			lines = append(lines, b.Text)
		}
	}
	if strings.Join(lines, " ") != xLabel {
		t.Fatalf("x label drawn as %q", lines)
	}
	sty := fig.p.X.Label.TextStyle
	if want := strings.Split(wrapText(xLabel, sty, l.Data.Max.X-l.Data.Min.X), "\n"); len(lines) > len(want) {
		t.Errorf("x label in %d lines %q; wrapped to the data area's width (%v) it takes %d", len(lines), lines, l.Data.Max.X-l.Data.Min.X, len(want))
	}
}

// TestColorBarLabelFitsTheBar: a colour bar's label runs no longer than
// the bar, however short a long caption leaves it: wrapped to half the
// figure's height, a long label on a single-column map with a
// four-line caption ran above the bar and over the title. A bar beside
// the data (Double) is as tall as the data area; one under it (Single)
// as wide, its label under the data and within its width.
func TestColorBarLabelFitsTheBar(t *testing.T) {
	nan := math.NaN()
	c := Caption{Scenario: "classroom", Seed: 2018, Extra: "Latin hypercube of 24 points, 4 replicates per arm at each · colours: share of a cell's conclusive points (the claim holds, holds but not through trapping, or fails) where it holds · numbers: conclusive points · grey: none conclusive · 2 of the 24 points conclusive on migrants abused"}
	const zLabel = "share of conclusive points where the claim holds"
	fig, err := HeatmapWith("Where the claim holds on migrants abused", "how often failing posts break down (probability per day)", "how long their outages last (days)", zLabel,
		[]float64{0.033, 0.1, 0.167}, []float64{6.5, 16, 25.5}, [][]float64{{nan, 0, nan}, {nan, 0, 0}, {nan, nan, 1}},
		HeatOptions{Lo: 0, Hi: 1, Binned: true, Missing: "none conclusive"}, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sizes() {
		fig.SetSize(s)
		for _, format := range Formats() {
			l, err := fig.Layout(format)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Problems() {
				t.Errorf("%s %s: %s", s.Name, format, p)
			}
			found := false
			for _, b := range l.Text {
				if b.Text == "" || !strings.Contains(zLabel, b.Text) {
					continue
				}
				found = true
				switch {
				case s.legendBelow && (b.Max.Y > l.Data.Min.Y || b.Min.X < l.Data.Min.X-0.5 || b.Max.X > l.Data.Max.X+0.5):
					t.Errorf("%s %s: colour bar label line %q at %v, not under the data area %v and within its width", s.Name, format, b.Text, b.Rectangle, l.Data)
				case !s.legendBelow && (b.Min.X < l.Data.Max.X || b.Max.Y > l.Data.Max.Y+0.5 || b.Min.Y < l.Data.Min.Y-0.5):
					t.Errorf("%s %s: colour bar label line %q runs from %v to %v, beyond the bar beside the data area (%v to %v)", s.Name, format, b.Text, b.Min.Y, b.Max.Y, l.Data.Min.Y, l.Data.Max.Y)
				}
			}
			if !found {
				t.Errorf("%s %s: no line of the colour bar's label %q", s.Name, format, zLabel)
			}
		}
	}
}

// TestSingleMapTakesTheWidth: in a single-column figure the colour bar of
// a heat map (or of coloured points) stands under the data, so that the
// map takes most of the width: beside it, bar, tick labels and a label
// in two or three lines left the map half of it. Beside the data
// (Double) it stays. The tick labels at its ends stay on the canvas,
// even with no "no data" swatch at its right end and a tick at the end of
// the scale (1.50 on a scale fixed at 0 to 1.5 ran off the figure).
func TestSingleMapTakesTheWidth(t *testing.T) {
	drawers := slices.Clone(goldenFigures)
	drawers = append(drawers, struct {
		name string
		draw func() (*Figure, error)
	}{"fixed scale, no missing cell", func() (*Figure, error) {
		return HeatmapWith("t", "x", "y", "z", []float64{1, 2, 3}, []float64{1, 2}, [][]float64{{0, 0.5, 1}, {1.5, 1, 0.2}},
			HeatOptions{Lo: 0, Hi: 1.5}, sampleCaption)
	}})
	for _, g := range drawers {
		fig, err := g.draw()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fig.side.(*colorBar); !ok {
			continue
		}
		for _, s := range Sizes() {
			fig.SetSize(s)
			l, err := fig.Layout("png")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Problems() {
				t.Errorf("%s %s: %s", g.name, s.Name, p)
			}
			share := (l.Data.Max.X - l.Data.Min.X) / l.Canvas.Max.X
			t.Logf("%s %s: the data area takes %.2f of the width", g.name, s.Name, share)
			if s.legendBelow && share < 0.75 {
				t.Errorf("%s %s: the map takes %.2f of the figure's width; want 0.75 or more", g.name, s.Name, share)
			}
			// The "no data" swatch's text: under the data in Single,
			// right of it in Double.
			for _, b := range l.Text {
				if b.Text != noDataText {
					continue
				}
				if under := b.Max.Y <= l.Data.Min.Y; under != s.legendBelow {
					t.Errorf("%s %s: %q at %v, under the data area %v: %v", g.name, s.Name, b.Text, b.Rectangle, l.Data, under)
				}
			}
		}
	}
}

// TestManySeriesFitOrFail draws figures with legends of many entries (a
// split claim's 32 cells, named as it names them) at every size in every
// format: each must either be drawn with its data area and legend in
// place (no NaN coordinate, no text overlapping, leaving the canvas or
// crossing the data area) or be refused with an error saying there is no
// room, never written as a legend alone. 32 at single size cannot fit;
// at double size they go under the data, too tall to stand beside it.
func TestManySeriesFitOrFail(t *testing.T) {
	name := func(i int) string {
		parts := [][2]string{{"open", "closed"}, {"reliable", "failing"}, {"strong", "weak"}, {"accurate", "poor"}, {"none", "hbm"}}
		var s []string
		for b, p := range parts {
			s = append(s, p[i>>b&1])
		}
		return strings.Join(s, "-")
	}
	bands := func(n int) func() (*Figure, error) {
		return func() (*Figure, error) {
			var bs []Band
			for i := range n {
				b := Band{Label: name(i), Style: i + 1}
				for d := range 50 {
					m := float64(100*i + d*(i+1))
					b.X, b.Mean, b.Lo, b.Hi = append(b.X, float64(d)), append(b.Mean, m), append(b.Lo, m*0.9), append(b.Hi, m*1.1)
				}
				bs = append(bs, b)
			}
			return TimeBands("Migrants trapped", "day", "migrants trapped", bs, sampleCaption)
		}
	}
	bars := func(n int) func() (*Figure, error) {
		return func() (*Figure, error) {
			var gs []Group
			for i := range n {
				gs = append(gs, Group{Label: name(i), Style: i + 1, Bars: []Bar{{Label: "arrived", Mean: float64(i + 1), Lo: float64(i), Hi: float64(i + 2)}, {Label: "dead", Mean: 2, Lo: 1, Hi: 3}}})
			}
			return GroupedBars("Final outcomes", "migrants", gs, sampleCaption)
		}
	}
	for _, tc := range []struct {
		name string
		draw func() (*Figure, error)
		// fails lists the sizes at which the figure cannot fit.
		fails []string
		// below lists those at which the legend goes under the data.
		below []string
	}{
		{"4 bands", bands(4), nil, []string{"single"}},
		{"8 bands", bands(8), nil, []string{"single"}},
		{"32 bands", bands(32), []string{"single"}, []string{"double"}},
		{"8 groups of bars", bars(8), nil, []string{"single"}},
		{"32 groups of bars", bars(32), []string{"single"}, []string{"double"}},
	} {
		for _, s := range Sizes() {
			fig, err := tc.draw()
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			fig.SetSize(s)
			for _, format := range Formats() {
				var b bytes.Buffer
				err := fig.Encode(&b, format)
				if slices.Contains(tc.fails, s.Name) {
					if err == nil || !strings.Contains(err.Error(), "no room") {
						t.Errorf("%s, %s size, %s: err = %v, want no room", tc.name, s.Name, format, err)
					}
					if !LegendTooLong(fmt.Errorf("wrapped: %w", err)) { // the caller says how to draw fewer entries
						t.Errorf("%s, %s size, %s: LegendTooLong(%v) = false; want true", tc.name, s.Name, format, err)
					}
					if err == nil && format == "svg" && bytes.Contains(b.Bytes(), []byte("NaN")) {
						t.Errorf("%s, %s size: SVG holds NaN coordinates", tc.name, s.Name)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s, %s size, %s: %v", tc.name, s.Name, format, err)
					continue
				}
				if bytes.Contains(b.Bytes(), []byte("NaN")) {
					t.Errorf("%s, %s size, %s: NaN in the file", tc.name, s.Name, format)
				}
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size, %s: %s", tc.name, s.Name, format, p)
				}
				i := slices.IndexFunc(l.Text, func(b TextBox) bool { return b.Text == name(0) })
				if i < 0 {
					t.Fatalf("%s, %s size, %s: no legend entry %q", tc.name, s.Name, format, name(0))
				}
				if under, want := l.Text[i].Max.Y <= l.Data.Min.Y, slices.Contains(tc.below, s.Name); under != want {
					t.Errorf("%s, %s size, %s: legend entry at %v, under the data area %v: %v, want %v", tc.name, s.Name, format, l.Text[i].Rectangle, l.Data, under, want)
				}
			}
		}
	}
}

// TestLongNamesFit: a name with no space or hyphen to break at, wider
// than its room (a location or regime of 120 letters, a scenario's name
// in the caption, a camp's in the title), is broken between characters:
// the figure is drawn at every size with nothing off the canvas or
// across the data (it left the data no room at single size, failing the
// command after all its runs, or ran off the figure's edge).
func TestLongNamesFit(t *testing.T) {
	long := strings.Repeat("W", 120)
	short := []Group{{Label: "open", Style: 1, Bars: []Bar{{Label: "a", Mean: 2, Lo: 1, Hi: 3}, {Label: "short", Mean: 1, Lo: 0.5, Hi: 1.5}}}}
	for _, c := range []struct {
		name, title, scenario string
		groups                []Group
	}{
		{"a category and a regime", "Long names", "long", []Group{
			{Label: "open", Style: 1, Bars: []Bar{{Label: long, Mean: 2, Lo: 1, Hi: 3}, {Label: "short", Mean: 1, Lo: 0.5, Hi: 1.5}}},
			{Label: strings.Repeat("R", 120), Style: 2, Bars: []Bar{{Label: long, Mean: 3, Lo: 2, Hi: 4}, {Label: "short", Mean: 2, Lo: 1, Hi: 3}}},
		}},
		{"a title", "Camp " + long, "long", short},
		{"a caption", "Long names", long, short},
	} {
		for _, s := range Sizes() {
			fig, err := GroupedBars(c.title, "count", c.groups, Caption{Scenario: c.scenario, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			fig.SetSize(s)
			for _, format := range Formats() {
				if err := fig.Encode(io.Discard, format); err != nil {
					t.Errorf("%s, %s size, %s: %v", c.name, s.Name, format, err)
					continue
				}
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size, %s: %s", c.name, s.Name, format, p)
				}
			}
		}
	}
	// Text that fits is not broken.
	sty := textStyle(Double.labelSize)
	if got := breakWide("Segou-Bobo-Dioulasso border", sty, sty.Width("Segou-Bobo-Dioulasso border")); got != "Segou-Bobo-Dioulasso border" {
		t.Errorf("a label that fits was broken: %q", got)
	}
}

// TestOneEntryLegendUnderTheData: a legend of one entry stands under the
// data at either size, where it takes one line, and the data area takes
// the width. Beside the data, the claim's effects figure, whose legend
// names only the smallest effect of interest, gave that one line a
// column of the figure (the data area half its width), blank under
// it; a run's one regime did the same. A legend of more entries stays
// beside the data in a double-column figure.
func TestOneEntryLegendUnderTheData(t *testing.T) {
	days := []float64{0, 1, 2}
	one := []Band{{Label: "open", X: days, Mean: []float64{1, 2, 3}, Lo: []float64{0, 1, 2}, Hi: []float64{2, 3, 4}}}
	two := append(slices.Clone(one), Band{Label: "closed", X: days, Mean: []float64{2, 3, 4}, Lo: []float64{1, 2, 3}, Hi: []float64{3, 4, 5}})
	effects := []Group{{Style: palette.Part(0), Bars: []Bar{
		{Label: "malfunction, open: harmful", Mean: 640, Lo: 620, Hi: 660},
		{Label: "closure, failing: protective", Mean: -230, Lo: -245, Hi: -215},
	}}}
	const margin = "±43.5: smallest effect of interest"
	for _, tc := range []struct {
		name  string
		draw  func() (*Figure, error)
		entry string // a legend entry's text
		under map[string]bool
	}{
		{"effects within a margin", func() (*Figure, error) {
			return GroupedBarsWithin("Effects on abuse events", "abuse events per run, difference", effects, Margin{Delta: 43.5, Label: margin}, sampleCaption)
		}, margin, map[string]bool{"double": true, "single": true}},
		{"one regime over days", func() (*Figure, error) {
			return TimeBands("Migrants trapped", "day", "migrants trapped", one, sampleCaption)
		}, "open", map[string]bool{"double": true, "single": true}},
		{"two regimes over days", func() (*Figure, error) {
			return TimeBands("Migrants trapped", "day", "migrants trapped", two, sampleCaption)
		}, "open", map[string]bool{"double": false, "single": true}},
	} {
		for _, s := range Sizes() {
			fig, err := tc.draw()
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			fig.SetSize(s)
			for _, format := range Formats() {
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatalf("%s, %s size, %s: %v", tc.name, s.Name, format, err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s size, %s: %s", tc.name, s.Name, format, p)
				}
				i := slices.IndexFunc(l.Text, func(b TextBox) bool { return b.Text == tc.entry })
				if i < 0 {
					t.Fatalf("%s, %s size, %s: no legend entry %q", tc.name, s.Name, format, tc.entry)
				}
				b := l.Text[i]
				if under, want := b.Max.Y <= l.Data.Min.Y, tc.under[s.Name]; under != want {
					t.Errorf("%s, %s size, %s: legend entry at %v, under the data area %v: %v, want %v", tc.name, s.Name, format, b.Rectangle, l.Data, under, want)
				}
				share := (l.Data.Max.X - l.Data.Min.X) / l.Canvas.Max.X
				t.Logf("%s, %s size, %s: the data area takes %.2f of the width", tc.name, s.Name, format, share)
				if tc.under[s.Name] && share < 0.6 {
					t.Errorf("%s, %s size, %s: the data area takes %.2f of the figure's width with the legend under it; want 0.6 or more", tc.name, s.Name, format, share)
				}
			}
		}
	}
}
