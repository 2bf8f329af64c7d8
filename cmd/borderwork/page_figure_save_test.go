package main

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageSavesFigures: after a run, each figure is offered as a file
// of its own, SVG or PNG, named after the scenario: the SVG holds the
// figure's title and what it shows, the chart as drawn, its legend and
// the command that gives the same numbers, and is well-formed XML that
// stands without the page; the PNG is the same at twice the chart's
// width on the page, drawn (not blank). Before results, nothing is
// offered.
func TestPageSavesFigures(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1280, 900)
	if shown := eval[int](t, ctx, `[...document.querySelectorAll(".fig-save")].filter(p => !p.hidden).length`); shown != 0 {
		t.Errorf("%d figures offered before any run", shown)
	}
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "20")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	dir := allowDownloads(t, ctx)
	command := eval[string](t, ctx, `document.getElementById("command").textContent`)
	regimes := eval[[]string](t, ctx, `[...document.querySelectorAll("#fig-trapped .legend .entry")].map(e => e.dataset.regime)`)
	if len(regimes) < 2 || !strings.HasPrefix(command, "borderwork compare classroom") {
		t.Fatalf("legend %q, command %q: want regimes and the command", regimes, command)
	}
	for _, fig := range []struct{ id, file, title, note string }{
		{"fig-trapped", "classroom-trapped", "", "mean of the replicates, with a band where 95% of such means would fall"},
		{"fig-series", "classroom-over-time", "", "What it counts:"},
		{"fig-abuse", "classroom-abuse", "Abuse by kind and perpetrator, per run, by the end", "mean, with its 95% confidence interval"},
		{"fig-outcomes", "classroom-outcomes", "Where the migrants are at the end of the run", "mean, with its 95% confidence interval"},
	} {
		if fig.title == "" { // the curve's own, as the page titles it
			fig.title = eval[string](t, ctx, `document.querySelector("#`+fig.id+` .fig-title").textContent`)
		}
		if hidden := eval[bool](t, ctx, `document.querySelector("#`+fig.id+` .fig-save").hidden`); hidden {
			t.Errorf("%s: not offered as a file", fig.id)
			continue
		}
		svg := saved(t, ctx, dir, "#"+fig.id+` .fig-save a[data-format="svg"]`, fig.file+".svg")
		var doc struct {
			XMLName xml.Name
			Width   int      `xml:"width,attr"`
			Texts   []string `xml:"text"`
			Charts  []struct {
				Role string `xml:"role,attr"`
			} `xml:"svg"`
		}
		if err := xml.Unmarshal(svg, &doc); err != nil || doc.XMLName.Local != "svg" || doc.XMLName.Space != "http://www.w3.org/2000/svg" {
			t.Errorf("%s: %s is no SVG file (%v, root %v)", fig.id, fig.file, err, doc.XMLName)
			continue
		}
		if len(doc.Charts) != 1 || doc.Charts[0].Role != "img" {
			t.Errorf("%s: the file holds %d charts; want the page's one", fig.id, len(doc.Charts))
		}
		words := strings.Join(doc.Texts, " ")
		for _, w := range []string{fig.title, fig.note, "Made with borderwork; the same numbers: borderwork compare classroom"} {
			if !strings.Contains(words, w) {
				t.Errorf("%s: the file does not say %q; it says %q", fig.id, w, words)
			}
		}
		// The whole command, over as many lines as it takes.
		if !strings.Contains(strings.Join(strings.Fields(words), " "), strings.Join(strings.Fields(command), " ")) {
			t.Errorf("%s: the file does not give the command %q", fig.id, command)
		}
		if strings.Contains(words, "Choosing another") || strings.Contains(words, "Over time:") {
			t.Errorf("%s: the file repeats the page's controls: %q", fig.id, words)
		}
		if fig.id == "fig-trapped" || fig.id == "fig-series" {
			for _, r := range regimes {
				if !slices.Contains(doc.Texts, r) {
					t.Errorf("%s: the legend has no %q", fig.id, r)
				}
			}
		}
	}
	width := eval[int](t, ctx, `+document.querySelector("#fig-abuse .chart > svg").getAttribute("viewBox").split(" ")[2]`)
	b := saved(t, ctx, dir, `#fig-abuse .fig-save a[data-format="png"]`, "classroom-abuse.png")
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("classroom-abuse.png: %v", err)
	}
	if got := img.Bounds().Dx(); got != 2*width {
		t.Errorf("the PNG is %d pixels wide; want %d, twice the chart's", got, 2*width)
	}
	if colours := distinctColours(img); colours < 8 {
		t.Errorf("the PNG has %d colours: drawn blank", colours)
	}
}

// distinctColours counts the colours of img, up to 1,000.
func distinctColours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y && len(seen) < 1000; y += 3 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 3 {
			r, g, b, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, b, a}] = true
		}
	}
	return len(seen)
}
