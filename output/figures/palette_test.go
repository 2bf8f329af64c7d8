package figures

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot/vg"
)

// luma is the grey a colour prints as (ITU-R BT.601), 0 to 255.
func luma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 257
}

// chromatic counts the pixels of img that are not grey: those with a
// colour a greyscale figure cannot have.
func chromatic(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(r, g, bl)-min(r, g, bl) > 3*257 {
				n++
			}
		}
	}
	return n
}

// TestPartsAreNoRegimeColours: categories that are not regimes (Part) are
// drawn in greys, as bars, as lines and as Morris's points, so that no
// colour of the regimes means something else in the same folder; and
// those greys are none of the palette's colours.
func TestPartsAreNoRegimeColours(t *testing.T) {
	for k := range 4 {
		if c := palette.Color(palette.Slot(0, palette.Part(k))); isPaletteColour(c) {
			t.Errorf("palette.Part(%d) is the palette's %v", k, c)
		}
	}
	var groups []Group
	var bands []Band
	for k := range 4 {
		groups = append(groups, Group{Label: fmt.Sprint("part ", k), Style: palette.Part(k),
			Bars: []Bar{{Label: "a", Mean: 3 + float64(k), Lo: 2, Hi: 9}, {Label: "b", Mean: 5, Lo: math.NaN(), Hi: math.NaN()}}})
		bands = append(bands, Band{Label: fmt.Sprint("part ", k), Style: palette.Part(k), X: []float64{0, 1, 2},
			Mean: []float64{1, 2 + float64(k), 3}, Lo: []float64{0, 1, 2}, Hi: []float64{2, 4, 5}})
	}
	bars, err := GroupedBars("t", "x", groups, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := TimeBands("t", "day", "y", bands, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	points, err := IntervalScatter("t", "x", "y", []IntervalPoint{{Tag: "p", X: 1, Y: 2, XLo: 0.5, XHi: 1.5, YLo: 1, YHi: 3}, {Tag: "q", X: 2, Y: 1, XLo: 1.5, XHi: 2.5, YLo: 0.5, YHi: 1.5}}, nil, "", nil, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	for name, fig := range map[string]*Figure{"bars": bars, "lines": lines, "intervals": points} {
		if n := chromatic(pngOf(t, fig)); n > 0 {
			t.Errorf("%s of Part categories: %d pixels in colour, want greys only", name, n)
		}
	}
}

// isPaletteColour reports whether c is one of the palette's colours.
func isPaletteColour(c color.NRGBA) bool {
	for s := range palette.Colors() {
		if palette.Color(s) == c {
			return true
		}
	}
	return false
}

// TestBarsApartInGreyscale: bars of any two of the palette's eight
// colours, or of any two Parts, look different when printed in greys, as
// lines do by their dashes: by lightness or by hatch. (Without hatches,
// bluish green and vermillion differ by 13 of 255 in grey, orange and
// sky blue by 4.)
func TestBarsApartInGreyscale(t *testing.T) {
	// One bar filling most of its half of the data area, drawn in each
	// style, beside a Neutral one: hatches are for several series (one
	// alone is plain: TestOneSeriesBarsArePlain). The figure is twice as
	// tall as Double, so that the bar is as large as one alone would be
	// in a Double figure. All have the same layout, so a window inside
	// the bar is the same pixels in each.
	tall := Double
	tall.Height *= 2
	tall.figHeight *= 2
	render := func(style int) image.Image {
		fig, err := GroupedBars("t", "x", []Group{
			{Label: "g", Style: style, Bars: []Bar{{Label: "a", Mean: 10, Lo: math.NaN(), Hi: math.NaN()}}},
			{Label: "n", Style: palette.Neutral, Bars: []Bar{{Label: "a", Mean: 10, Lo: math.NaN(), Hi: math.NaN()}}},
		}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		fig.SetSize(tall)
		return pngOf(t, fig)
	}
	styles := []int{1, 2, 3, 4, 5, 6, 7, 8, palette.Part(0), palette.Part(1), palette.Part(2), palette.Part(3)}
	imgs := make([]image.Image, len(styles))
	for i, st := range styles {
		imgs[i] = render(st)
	}
	// The window: the middle of the pixels of the first bar's fill.
	want := color.NRGBAModel.Convert(palette.Color(0))
	b := imgs[0].Bounds()
	win := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(imgs[0].At(x, y)) == want {
				win = win.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if win.Dx() < 100 || win.Dy() < 100 {
		t.Fatalf("the bar covers %v; want a large bar", win)
	}
	win = win.Inset(win.Dy() / 4)
	apart := func(a, b image.Image) float64 {
		var sum float64
		for y := win.Min.Y; y < win.Max.Y; y++ {
			for x := win.Min.X; x < win.Max.X; x++ {
				sum += math.Abs(luma(a.At(x, y)) - luma(b.At(x, y)))
			}
		}
		return sum / float64(win.Dx()*win.Dy())
	}
	for i := range styles {
		for j := range i {
			if d := apart(imgs[i], imgs[j]); d < 25 {
				t.Errorf("bars of Style %d and %d differ in grey by %.1f of 255 on average; want 25 or more", styles[j], styles[i], d)
			}
		}
	}
}

// TestBarStyleOverridesGroup: a bar with a Style of its own is drawn in
// it, not its group's, and the legend names it by its Key, in the order
// the bars stand (top to bottom: category by category, group by group);
// bars without one keep their group's entry.
func TestBarStyleOverridesGroup(t *testing.T) {
	nan := math.NaN()
	fig, err := GroupedBars("t", "x", []Group{
		{Label: "g0", Bars: []Bar{{Label: "a", Mean: 5, Lo: nan, Hi: nan, Style: 5, Key: "a0"}, {Label: "b", Mean: 6, Lo: nan, Hi: nan, Style: 6, Key: "b0"}}},
		{Label: "g1", Bars: []Bar{{Label: "a", Mean: 7, Lo: nan, Hi: nan, Style: 7, Key: "a1"}, {Label: "b", Mean: 8, Lo: nan, Hi: nan, Style: 7, Key: "a1"}}},
		{Label: "g2", Style: 8, Bars: []Bar{{Label: "a", Mean: 2, Lo: nan, Hi: nan}, {Label: "b", Mean: 3, Lo: nan, Hi: nan}}},
	}, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	lg := fig.side.(*legendPanel)
	var got []string
	for _, e := range lg.entries {
		got = append(got, fmt.Sprintf("%s:%d", e.label, e.thumb.(barThumb).slot+1))
	}
	if want := []string{"a0:5", "a1:7", "g2:8", "b0:6"}; !slices.Equal(got, want) {
		t.Errorf("legend %q; want %q", got, want)
	}
	img := pngOf(t, fig)
	count := func(c color.NRGBA) int {
		n := 0
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if color.NRGBAModel.Convert(img.At(x, y)) == c {
					n++
				}
			}
		}
		return n
	}
	for _, st := range []int{5, 6, 7, 8} {
		if n := count(palette.StyleColor(st)); n < 2000 {
			t.Errorf("Style %d fills %d pixels; want its bars' worth", st, n)
		}
	}
	for _, st := range []int{1, 2, 3} { // the groups' own positions: not drawn
		if n := count(palette.StyleColor(st)); n > 0 {
			t.Errorf("Style %d, no bar's, fills %d pixels", st, n)
		}
	}
}

// TestPartsLookApartFromRegimes: no Part category shares a look with a
// regime of the same folder (audit figures2, finding 1: a programme's
// "repairing malfunction" channel, dark grey hatched /, looked like its
// "decreed+tightening" arm, the palette's black hatched /, and "the whole
// programme" was near-black). A Part's hatch, dash pattern and marker
// shape are none of any palette slot's; its grey is apart in luma from
// the palette's black and from the other Parts'; and no Part's (colour,
// hatch) is a slot's.
func TestPartsLookApartFromRegimes(t *testing.T) {
	const slots = 24 // every pairing of the palette's colours with the regimes' patterns
	for k := range 4 {
		p := palette.Part(k)
		for s := range slots {
			if palette.HatchOf(p) == palette.HatchOf(s) {
				t.Errorf("palette.Part(%d) has the hatch %d of palette slot %d", k, palette.HatchOf(p), s)
			}
			if palette.Color(p) == palette.Color(s) && palette.HatchOf(p) == palette.HatchOf(s) {
				t.Errorf("palette.Part(%d) has the colour and hatch of palette slot %d", k, s)
			}
			if slices.Equal(dashesOf(p), dashesOf(s)) {
				t.Errorf("palette.Part(%d) has the dash pattern %v of palette slot %d", k, dashesOf(p), s)
			}
			if fmt.Sprintf("%T%v", markerStyle(p, &Double.theme).Shape, markerStyle(p, &Double.theme).Shape) ==
				fmt.Sprintf("%T%v", markerStyle(s, &Double.theme).Shape, markerStyle(s, &Double.theme).Shape) {
				t.Errorf("palette.Part(%d) has the marker shape of palette slot %d", k, s)
			}
		}
		if d := palette.Luma(palette.Color(p)) - palette.Luma(palette.Color(7)); d < 60 {
			t.Errorf("palette.Part(%d)'s grey is %.0f of 255 lighter than the palette's black; want 60 or more", k, d)
		}
		for j := range k {
			if d := math.Abs(palette.Luma(palette.Color(p)) - palette.Luma(palette.Color(palette.Part(j)))); d < 30 {
				t.Errorf("palette.Part(%d) and palette.Part(%d) differ by %.0f of 255 in grey; want 30 or more", j, k, d)
			}
			if palette.HatchOf(p) == palette.HatchOf(palette.Part(j)) || slices.Equal(dashesOf(p), dashesOf(palette.Part(j))) {
				t.Errorf("palette.Part(%d) and palette.Part(%d) share a hatch or dash pattern", j, k)
			}
		}
	}
}

// TestLightSlotsShow: a series in a colour close to white (the palette's
// yellow; audit figures2, finding 4) shows on the white ground in
// greyscale: its line, drawn alone, puts at least 3/4 as much grey ink
// on the page as the palette's blue line (a plain yellow line, 1/4), and
// its bar is hatched and puts at least 3/4 the grey ink of the palette's
// orange one (a plain yellow bar, about 2/5).
func TestLightSlotsShow(t *testing.T) {
	var light []int
	for s := range palette.Colors() {
		if palette.Light(s) {
			light = append(light, s+1)
			if palette.HatchOf(s) == palette.NoHatch {
				t.Errorf("palette slot %d (%v) is light and has plain bars", s, palette.Color(s))
			}
		}
	}
	if len(light) == 0 {
		t.Fatal("no light slot in the palette; want yellow's")
	}
	ink := func(img image.Image) float64 {
		var sum float64
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				sum += 255 - luma(img.At(x, y))
			}
		}
		return sum
	}
	line := func(style int, show bool) image.Image {
		mean := []float64{1, 3, 2, 4}
		if !show {
			mean = []float64{math.NaN(), math.NaN(), math.NaN(), 4} // the same axes, no line
		}
		fig, err := TimeBands("t", "day", "y", []Band{
			{Label: "s", Style: style, X: []float64{0, 1, 2, 3}, Mean: mean, Lo: []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}, Hi: []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}},
		}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return pngOf(t, fig)
	}
	lineInk := func(style int) float64 { return ink(line(style, true)) - ink(line(style, false)) }
	blue := lineInk(1)
	bar := func(style int) image.Image {
		fig, err := GroupedBars("t", "x", []Group{{Label: "g", Style: style,
			Bars: []Bar{{Label: "a", Mean: 10, Lo: math.NaN(), Hi: math.NaN()}}}}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return pngOf(t, fig)
	}
	orange := ink(bar(2))
	for _, st := range light {
		if got := lineInk(st); got < 0.75*blue {
			t.Errorf("the line of Style %d puts %.0f of grey ink on the page, the palette's blue %.0f; want 3/4 as much or more", st, got, blue)
		}
		if got := ink(bar(st)); got < 0.75*orange {
			t.Errorf("the bar of Style %d has %.0f of grey ink, the palette's orange %.0f; want 3/4 as much or more", st, got, orange)
		}
	}
}

// TestZeroBarDrawsNothing: a bar of 0 is drawn as no bar, as a NaN one
// is, not as an outlined sliver on the axis that reads as a tiny bar
// (audit figures2, finding 10: robustness_claim's "holds" at 0%).
func TestZeroBarDrawsNothing(t *testing.T) {
	render := func(mean float64) []byte {
		fig, err := GroupedBars("t", "x", []Group{
			{Label: "a", Style: 8, Bars: []Bar{{Label: "c", Mean: mean, Lo: math.NaN(), Hi: math.NaN()}, {Label: "d", Mean: 3, Lo: math.NaN(), Hi: math.NaN()}}},
			{Label: "b", Bars: []Bar{{Label: "c", Mean: 5, Lo: math.NaN(), Hi: math.NaN()}, {Label: "d", Mean: 0, Lo: math.NaN(), Hi: math.NaN()}}},
		}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return encodeAll(t, fig)["png"]
	}
	if !slices.Equal(render(0), render(math.NaN())) {
		t.Error("a bar of 0 draws something; want what no bar (NaN) draws")
	}
}

// TestZeroWidthErrorBarDrawsNothing: an interval of no width (0 to 0, as
// a harm that never happened gives every effect; or every replicate
// alike) draws no error bar, as no interval (NaN) draws none, rather than
// its caps as a short mark at the mean: a bar of 0 draws nothing, and
// its error bar from 0 to 0 must not draw either. So in GroupedBars, and
// along either axis of IntervalScatter. A figure whose only intervals
// are of no width draws none, and so its caption promises none.
func TestZeroWidthErrorBarDrawsNothing(t *testing.T) {
	nan := math.NaN()
	bars := func(lo, hi float64, others bool) func() (*Figure, error) {
		return func() (*Figure, error) {
			gs := []Group{
				{Label: "a", Bars: []Bar{{Label: "c", Mean: 0, Lo: lo, Hi: hi}, {Label: "d", Mean: 3, Lo: nan, Hi: nan}}},
				{Label: "b", Bars: []Bar{{Label: "c", Mean: 5, Lo: nan, Hi: nan}, {Label: "d", Mean: 2, Lo: nan, Hi: nan}}},
			}
			if others { // an error bar elsewhere: the caption says what they are either way
				gs[1].Bars[0].Lo, gs[1].Bars[0].Hi = 4, 6
			}
			return GroupedBars("t", "x", gs, sampleCaption)
		}
	}
	atMean := func(lo, hi float64) func() (*Figure, error) {
		return func() (*Figure, error) {
			return GroupedBars("t", "x", []Group{{Label: "a", Bars: []Bar{
				{Label: "c", Mean: 5, Lo: lo, Hi: hi}, {Label: "d", Mean: 3, Lo: 2, Hi: 4}}}}, sampleCaption)
		}
	}
	scatter := func(xlo, xhi, ylo, yhi float64) func() (*Figure, error) {
		return func() (*Figure, error) {
			return IntervalScatter("t", "x", "y", []IntervalPoint{
				{Tag: "1", X: 5, Y: 0, XLo: xlo, XHi: xhi, YLo: ylo, YHi: yhi},
				{Tag: "2", X: 2, Y: 3, XLo: 1, XHi: 3, YLo: 2, YHi: 4},
			}, nil, "", nil, sampleCaption)
		}
	}
	for _, tc := range []struct {
		name       string
		zero, none func() (*Figure, error)
	}{
		{"bar of 0, error bar 0 to 0, others with error bars", bars(0, 0, true), bars(nan, nan, true)},
		{"bar of 0, error bar 0 to 0, no other error bar", bars(0, 0, false), bars(nan, nan, false)},
		{"bar of 5, error bar 5 to 5", atMean(5, 5), atMean(nan, nan)},
		{"scatter, y interval 0 to 0", scatter(4, 6, 0, 0), scatter(4, 6, nan, nan)},
		{"scatter, x interval 5 to 5", scatter(5, 5, -1, 1), scatter(nan, nan, -1, 1)},
	} {
		zero, err := tc.zero()
		if err != nil {
			t.Fatal(err)
		}
		none, err := tc.none()
		if err != nil {
			t.Fatal(err)
		}
		if zero.Caption() != none.Caption() {
			t.Errorf("%s: caption %q, want %q, as without the interval", tc.name, zero.Caption(), none.Caption())
		}
		if !slices.Equal(encodeAll(t, zero)["png"], encodeAll(t, none)["png"]) {
			t.Errorf("%s: draws something; want what no interval (NaN) draws", tc.name)
		}
	}
}

// TestHaloLeavesBarsVisible: the white halo under an error bar leaves a
// bar visible however short or thin it is (audit figures2, finding 5: on
// a bar 2 to 3 pixels long it covered the whole bar, and on the thin bars
// of a single-column figure it cut the hatch to fragments). An error bar
// hides at most a third of a thin bar's fill, and at most half that of a
// bar too short for a halo (where its black caps cover what they cross).
func TestHaloLeavesBarsVisible(t *testing.T) {
	nan := math.NaN()
	fillPixels := func(groups []Group, size Size, c color.NRGBA) int {
		fig, err := GroupedBars("t", "x", groups, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		fig.SetSize(size)
		img := pngOf(t, fig)
		n := 0
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				if color.NRGBAModel.Convert(img.At(x, y)) == c {
					n++
				}
			}
		}
		return n
	}
	for _, tc := range []struct {
		name   string
		most   float64 // the largest share of the bar's fill an error bar may hide
		size   Size
		groups func(lo, hi float64) []Group // the bar of the fill, with lo and hi, first
		fill   color.NRGBA
	}{
		{"a short bar", 0.5, Double, func(lo, hi float64) []Group {
			gs := []Group{{Label: "g", Style: 2, Bars: []Bar{{Label: "a", Mean: 0.04, Lo: lo, Hi: hi}, {Label: "b", Mean: 10, Lo: 9.5, Hi: 10}}}}
			for g := range 7 { // thin bars, as in a comparison of eight regimes
				gs = append(gs, Group{Label: fmt.Sprint("g", g), Style: 3 + g%6, Bars: []Bar{{Label: "a", Mean: 3, Lo: nan, Hi: nan}, {Label: "b", Mean: 4, Lo: nan, Hi: nan}}})
			}
			return gs
		}, palette.Color(1)},
		{"thin bars of eight groups at single size", 1.0 / 3, Single, func(lo, hi float64) []Group {
			var gs []Group
			for g := range 8 {
				gs = append(gs, Group{Label: fmt.Sprint("g", g), Style: palette.Part(g % 4), Bars: []Bar{
					{Label: "a", Mean: 6, Lo: nan, Hi: nan}, {Label: "b", Mean: 5, Lo: nan, Hi: nan}, {Label: "c", Mean: 4, Lo: nan, Hi: nan}}})
			}
			gs[0].Style = 1
			gs[0].Bars[0].Lo, gs[0].Bars[0].Hi = lo, hi
			gs[1].Bars[2].Lo, gs[1].Bars[2].Hi = 3, 9 // an error bar in both: the same caption, and the same axis

			return gs
		}, palette.Color(0)},
	} {
		bare := fillPixels(tc.groups(nan, nan), tc.size, tc.fill)
		with := fillPixels(tc.groups(0.02, 9), tc.size, tc.fill)
		gone := tc.groups(nan, nan)
		gone[0].Bars[0].Mean = nan
		bar := bare - fillPixels(gone, tc.size, tc.fill) // the pixels of the bar under the error bar
		if bar <= 0 {
			t.Fatalf("%s: the bar has no pixel of the fill %v", tc.name, tc.fill)
		}
		t.Logf("%s: the bar has %d fill pixels, %d with an error bar", tc.name, bar, bar-(bare-with))
		if float64(bare-with) > tc.most*float64(bar) {
			t.Errorf("%s: an error bar hides %d of the bar's %d fill pixels; want %.2f at most", tc.name, bare-with, bar, tc.most)
		}
	}
}

// TestOneSeriesBarsArePlain: the bars of a chart of one series (the
// claim's effects, in Part(0)'s grey; one regime's) are plain, without
// the hatch that tells several series apart in greyscale, as is their
// legend sample; several series keep their hatches, and a colour too
// light to show plain (the palette's yellow) keeps its hatch alone too.
// Measured as the share of the middle of the first bar that is its fill
// colour exactly: all of it when plain, about half under a hatch.
func TestOneSeriesBarsArePlain(t *testing.T) {
	nan := math.NaN()
	group := func(label string, style int) Group {
		return Group{Label: label, Style: style, Bars: []Bar{{Label: "a", Mean: 10, Lo: nan, Hi: nan}}}
	}
	for _, tc := range []struct {
		name   string
		groups []Group
		plain  bool
	}{
		{"one series of palette.Part(0)", []Group{group("", palette.Part(0))}, true},
		{"one regime, hatched / among others", []Group{group("closed", 2)}, true},
		{"two series of Parts", []Group{group("x", palette.Part(0)), group("y", palette.Part(1))}, false},
		{"two regimes", []Group{group("closed", 2), group("malfunctioning", 3)}, false},
		{"one series of the palette's yellow", []Group{group("yellow", 7)}, false},
		{"one series, a bar in a style of its own", []Group{{Label: "x", Style: palette.Part(0), Bars: []Bar{
			{Label: "a", Mean: 10, Lo: nan, Hi: nan}, {Label: "b", Mean: 8, Lo: nan, Hi: nan, Style: 2, Key: "closed"}}}}, false},
	} {
		fig, err := GroupedBars("t", "x", tc.groups, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		img := pngOf(t, fig)
		fill := color.NRGBAModel.Convert(palette.Color(palette.Slot(0, tc.groups[0].Style)))
		px := func(l vg.Length) int { return int(float64(l) / 72 * DPI) }
		h := img.Bounds().Dy()
		d := fig.data
		// The first bar runs from 0 (the data area's left, with the axis
		// padding) to 10 of 10.4; its slot is the top category's, the
		// bar the top share of its cluster: sample the middle of both.
		n := len(tc.groups[0].Bars)
		slot := (d.Max.Y - d.Min.Y) / vg.Length(n)
		barH := slot * clusterWidth / vg.Length(len(tc.groups))
		top := d.Max.Y - slot*(1-clusterWidth)/2
		x0, x1 := px(d.Min.X+(d.Max.X-d.Min.X)*0.2), px(d.Min.X+(d.Max.X-d.Min.X)*0.6)
		y0, y1 := h-px(top-barH*0.25), h-px(top-barH*0.75)
		same, all := 0, 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				all++
				if color.NRGBAModel.Convert(img.At(x, y)) == fill {
					same++
				}
			}
		}
		share := float64(same) / float64(all)
		t.Logf("%s: %.2f of %d pixels are the fill", tc.name, share, all)
		if tc.plain && share < 0.99 {
			t.Errorf("%s: %.2f of the bar is its fill; want a plain bar", tc.name, share)
		}
		if !tc.plain && share > 0.8 {
			t.Errorf("%s: %.2f of the bar is its fill; want it hatched", tc.name, share)
		}
		var entries []legendEntry // none: one series without a label has no legend
		if lg, ok := fig.side.(*legendPanel); ok {
			entries = lg.entries
		}
		for _, e := range entries {
			if th, ok := e.thumb.(barThumb); ok && th.plain != tc.plain {
				t.Errorf("%s: legend sample %q plain %v, want %v as the bars", tc.name, e.label, th.plain, tc.plain)
			}
		}
	}
}
