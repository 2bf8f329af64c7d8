package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

const outputsDoc = "../../docs/OUTPUTS.md"

// outputsExamples are docs/OUTPUTS.md's example figures ("Bands and error
// bars"), grouped by the command OUTPUTS.md says draws them: the command
// as it gives it (after "borderwork"), and each docs/img file with the
// file of the command's figures/ it is. A plot, if any, is run on the
// command's folder afterwards, as OUTPUTS.md gives it (its folder last),
// and plotted lists the figures it draws.
var outputsExamples = []struct {
	command []string
	figures [][2]string
	plot    []string
	plotted [][2]string
}{
	{
		command: []string{"compare", "sahel", "--reps", "3"},
		figures: [][2]string{{"trapped-reps3.png", "trapped.png"}},
	},
	{
		command: []string{"compare", "sahel"},
		figures: [][2]string{{"abuse_by_kind.png", "abuse_by_kind.png"}},
		plot:    []string{"plot", "--size", "single", "--formats", "pdf", "out/compare-sahel"},
		// The PNG beside it, abuse_by_kind-single-pdf.png, is this PDF
		// rendered by poppler's pdftoppm, whose pixels depend on its
		// version: it is not compared, but -update renders it again
		// when the PDF changes (see outputsPDFRendering).
		plotted: [][2]string{{"abuse_by_kind-single.pdf", "abuse_by_kind.pdf"}},
	},
	{
		command: []string{"sweep", "--design", "lhs", "--samples", "40",
			"--vary", "regimes.malfunctioning.outage_start=0:0.4", "--vary", "regimes.closed.patrol=0:0.5",
			"--regimes", "closed,malfunctioning", "--metric", "abused_migrants", "--reps", "3"},
		figures: [][2]string{
			{"lhs-sweep.png", "abused_migrants_malfunctioning_minus_closed.png"},
			{"share-map.png", "abused_migrants_malfunctioning_above_closed_share.png"},
		},
	},
}

// outputsPDFRendering is the pdftoppm command line, as OUTPUTS.md gives
// it, that renders abuse_by_kind-single.pdf as abuse_by_kind-single-pdf.png.
var outputsPDFRendering = []string{"pdftoppm", "-png", "-r", "300", "-singlefile"}

// TestOutputsExampleFigures: docs/OUTPUTS.md's example figures are those
// the commands it names draw now, byte for byte (they had fallen behind
// when PNGs gained their pHYs chunk, and the sweep's when minus signs
// and caption breaks changed), OUTPUTS.md names each command and the
// model version that draws them, and what it says of the sweep holds in
// its folder. With -update it redraws the figures (look at them, and at
// what OUTPUTS.md says of them, before committing).
func TestOutputsExampleFigures(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs docs/OUTPUTS.md's example commands in full (two compares of sahel and a sweep of 240 runs, about 22 s of CPU)")
	}
	docBytes, err := os.ReadFile(outputsDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(string(docBytes)), " ")
	root := t.TempDir()
	var sweep string
	for i, ex := range outputsExamples {
		line := "borderwork " + strings.Join(ex.command, " ")
		if !strings.Contains(doc, "`"+line+"`") {
			t.Errorf("docs/OUTPUTS.md does not name the command that draws %v, `%s`", ex.figures, line)
		}
		out := filepath.Join(root, fmt.Sprint(i))
		// PNG only: the other formats do not change the PNG's bytes.
		args := append(append([]string{}, ex.command...), "--formats", "png", "--out", out)
		if status, _, stderr := runCLI(t, args...); status != 0 {
			t.Fatalf("%s: status %d: %s", line, status, stderr)
		}
		checkDocImages(t, line, out, ex.figures)
		if ex.command[0] == "sweep" {
			sweep = out
		}
		if ex.plot == nil {
			continue
		}
		line = "borderwork " + strings.Join(ex.plot, " ")
		if !strings.Contains(doc, "`"+line+"`") {
			t.Errorf("docs/OUTPUTS.md does not name the command that draws %v, `%s`", ex.plotted, line)
		}
		plot := append(append([]string{}, ex.plot[:len(ex.plot)-1]...), out)
		if status, _, stderr := runCLI(t, plot...); status != 0 {
			t.Fatalf("%s: status %d: %s", line, status, stderr)
		}
		checkDocImages(t, line, out, ex.plotted)
	}
	if !strings.Contains(doc, "rendered with `"+strings.Join(outputsPDFRendering, " ")+"`") {
		t.Errorf("docs/OUTPUTS.md does not say that abuse_by_kind-single-pdf.png is rendered with `%s`", strings.Join(outputsPDFRendering, " "))
	}
	if want := fmt.Sprintf("They are drawn with model version %d (`sim.ModelVersion`)", sim.ModelVersion); !strings.Contains(doc, want) {
		t.Errorf("docs/OUTPUTS.md does not say %q", want)
	}

	// "in that sweep malfunctioning abuses more migrants than closed at
	// every point, so every cell of the share map is 1": every point's
	// contrast of abused_migrants is above 0.
	if quote := "malfunctioning abuses more migrants than closed at every point, so every cell of the share map is 1"; !strings.Contains(doc, quote) {
		t.Errorf("docs/OUTPUTS.md no longer says %q: change the test with it", quote)
	} else if sweep != "" {
		// regimes.malfunctioning.outage_start,regimes.closed.patrol,contrast,metric,n,mean,...
		points := 0
		for _, row := range readCSVFile(t, filepath.Join(sweep, "contrast.csv"))[1:] {
			if row[2] != "malfunctioning-closed" || row[3] != "abused_migrants" {
				continue
			}
			points++
			if mean := csvFloat(t, row[5]); mean <= 0 {
				t.Errorf("docs/OUTPUTS.md says %q, but at outage_start %s, patrol %s malfunctioning minus closed is %v", quote, row[0], row[1], mean)
			}
		}
		if points != 40 {
			t.Errorf("the sweep's contrast.csv has %d points of abused_migrants, malfunctioning-closed; want 40", points)
		}
	}
}

// keepDocFigure checks that the docs' figure at shown holds the bytes of
// drawn, the file a documented command line drew, and says what to check
// when it does not (check: "its caption"); with -update it writes drawn
// there instead, and reports whether that changed it.
func keepDocFigure(t *testing.T, shown, drawn, line, check string) bool {
	t.Helper()
	now, err := os.ReadFile(drawn)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(shown)
	if !*update {
		if err != nil {
			t.Errorf("%s: %v; rerun with -update to write the figure %s draws now, look at it, and check %s", shown, err, line, check)
		} else if !bytes.Equal(old, now) {
			t.Errorf("%s is not the figure %s draws now, %s: rerun with -update, look at it, and check %s", shown, line, drawn, check)
		}
		return false
	}
	if err == nil && bytes.Equal(old, now) {
		return false
	}
	if err := os.WriteFile(shown, now, 0o644); err != nil {
		t.Fatal(err)
	}
	return true
}

// checkDocImages compares each docs/img file of figures with the file of
// folder's figures/ that line drew; with -update it writes the drawn one
// there instead (and renders a PDF again as OUTPUTS.md says, where
// pdftoppm is installed).
func checkDocImages(t *testing.T, line, folder string, figures [][2]string) {
	t.Helper()
	for _, f := range figures {
		shown := filepath.Join("../../docs/img", f[0])
		if !keepDocFigure(t, shown, filepath.Join(folder, "figures", f[1]), line, "what docs/OUTPUTS.md says of it") {
			continue
		}
		if filepath.Ext(shown) != ".pdf" {
			continue
		}
		png := strings.TrimSuffix(shown, ".pdf") + "-pdf.png"
		if _, err := exec.LookPath(outputsPDFRendering[0]); err != nil {
			t.Logf("%s changed, but %s is not installed: render %s from it with `%s %s` and look at it", shown, outputsPDFRendering[0], png, strings.Join(outputsPDFRendering, " "), shown)
			continue
		}
		// pdftoppm -singlefile writes PREFIX.png.
		prefix := filepath.Join(t.TempDir(), "page")
		cmd := exec.Command(outputsPDFRendering[0], append(outputsPDFRendering[1:], shown, prefix)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, msg)
		}
		rendered, err := os.ReadFile(prefix + ".png")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(png, rendered, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
