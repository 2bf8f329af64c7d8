package figures

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lineStyle is the style of the line of the series in slot, width wide.
func lineStyle(slot int, width vg.Length) draw.LineStyle {
	return draw.LineStyle{
		Color:  palette.Color(slot),
		Width:  width,
		Dashes: dashesOf(slot),
	}
}

// strokeSeries draws the line through pts of the series in slot, width
// wide, on c: with a dark casing under it if its colour is light
// (isLight), so that it shows on white and in greyscale print.
func strokeSeries(c draw.Canvas, slot int, width vg.Length, pts ...[]vg.Point) {
	ls := lineStyle(slot, width)
	if palette.Light(slot) {
		casing := ls
		casing.Color = palette.Casing
		casing.Width = width + 2*casingWidth
		c.StrokeLines(casing, pts...)
	}
	c.StrokeLines(ls, pts...)
}

// drawMarker draws the marker of the series in slot at pt: with a dark
// edge if its colour is light (isLight).
func drawMarker(c draw.Canvas, slot int, th *theme, pt vg.Point) {
	sty := markerStyle(slot, th)
	if palette.Light(slot) {
		edge := sty
		edge.Color = palette.Casing
		edge.Radius += casingWidth
		c.DrawGlyph(edge, pt)
	}
	c.DrawGlyph(sty, pt)
}

// thinStyle is the style of one replicate's line of the series in slot:
// thin, solid and translucent, so that many of them show where replicates
// gather without hiding the mean's line.
func thinStyle(slot int, width vg.Length) draw.LineStyle {
	c := palette.Color(slot)
	c.A = thinAlpha
	return draw.LineStyle{Color: c, Width: width}
}

// thinAlpha is the opacity of a replicate's line.
const thinAlpha = 0x66

var (
	gridColor    = color.Gray{Y: 0xE0}
	missingColor = color.Gray{Y: 0xB0} // heatmap cells without a value
	captionColor = color.Gray{Y: 0x40}
)

// sans is the one typeface: sans serif reads better than plot's default
// serif at the small sizes of tick labels and captions. Sizes come from
// the figure's Size.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle returns a black sans text style of the given size. All text
// uses the one face: vgpdf embeds every font face under the same file
// name, so in a PDF with two faces (say regular and bold) all text would be
// drawn with the glyphs of whichever was added last.
func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(sans, size),
		Handler: plot.DefaultTextHandler,
	}
}

// styleAxes gives p's axes thin tick marks and the number-formatting
// ticker; applyTheme gives them their fonts when the figure is drawn.
func styleAxes(p *plot.Plot, xLabel, yLabel string) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.Padding = vg.Points(3)
		a.Tick.Length = vg.Points(3)
		a.Tick.Marker = niceTicker{}
		a.Padding = vg.Points(3)
		a.LineStyle.Width = vg.Points(0.6)
		a.Tick.LineStyle.Width = vg.Points(0.6)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	applyTheme(p, &Double.theme)
}

// applyTheme sets the fonts of p's axes to the theme's sizes.
func applyTheme(p *plot.Plot, th *theme) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, th.labelSize)
		a.Tick.Label.Font = font.From(sans, th.tickSize)
	}
}

// grid returns light grid lines at the y ticks (and the x ticks if
// vertical), which help reading values off bars and lines without drawing
// attention.
func grid(vertical bool) plot.Plotter {
	g := &gridPlotter{Horizontal: gridLine}
	if vertical {
		g.Vertical = gridLine
	}
	return g
}

var gridLine = draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}

// gridPlotter draws grid lines at the major ticks of both axes (a
// zero-colour style draws none).
type gridPlotter struct{ Vertical, Horizontal draw.LineStyle }

func (g *gridPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if g.Vertical.Color != nil {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if x := trX(t.Value); !t.IsMinor() && c.ContainsX(x) {
				c.StrokeLine2(g.Vertical, x, c.Min.Y, x, c.Max.Y)
			}
		}
	}
	if g.Horizontal.Color != nil {
		for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if y := trY(t.Value); !t.IsMinor() && c.ContainsY(y) {
				c.StrokeLine2(g.Horizontal, c.Min.X, y, c.Max.X, y)
			}
		}
	}
}

// niceTicker places about target (default six) intervals' worth of
// ticks at multiples of 1, 2, 2.5 or 5 times a power of ten, labelled in
// plain notation with thousands separators ("1,250,000", never
// "1.25e+06"); whole: at whole numbers only (days, counts).
type niceTicker struct {
	target int
	whole  bool
}

func (n niceTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	target := n.target
	if target <= 0 {
		target = 6
	}
	step, decimals := niceStep(hi-lo, target)
	if n.whole && step < 1 {
		step, decimals = 1, 0
	}
	first := math.Ceil(lo/step - 1e-9)
	last := math.Floor(hi/step + 1e-9)
	var ticks []plot.Tick
	for k := first; k <= last; k++ {
		v := k * step
		// A tick let in by the tolerance sits on the axis's end, not a
		// rounding error beyond it (0.02 on an axis to 0.001 + 0.019):
		// plot makes room for the labels of ticks within the axis alone,
		// so that one just beyond ran off the canvas.
		ticks = append(ticks, plot.Tick{Value: math.Min(math.Max(v, lo), hi), Label: formatNumber(v, decimals)})
	}
	return ticks
}

// fitXTicks thins the round-number ticks of p's x axis, if it has them,
// until neighbouring labels are apart by a gap at least, given the width
// of the data area: long labels ("1,000,000") on a narrow figure would
// otherwise run into each other.
func fitXTicks(p *plot.Plot, width vg.Length) {
	n, ok := p.X.Tick.Marker.(niceTicker)
	if !ok || !(p.X.Max > p.X.Min) {
		return
	}
	sty := p.X.Tick.Label
	gap := sty.Font.Size
	for target := 6; target >= 1; target-- {
		t := niceTicker{target: target, whole: n.whole}
		ticks := t.Ticks(p.X.Min, p.X.Max)
		fits := true
		for i := 1; i < len(ticks); i++ {
			apart := vg.Length((ticks[i].Value-ticks[i-1].Value)/(p.X.Max-p.X.Min)) * width
			need := (sty.Width(ticks[i].Label)+sty.Width(ticks[i-1].Label))/2 + gap
			fits = fits && apart >= need
		}
		p.X.Tick.Marker = t
		if fits {
			return
		}
	}
}

// niceStep returns a round step that divides span into about target
// intervals, and the number of decimals its multiples need.
func niceStep(span float64, target int) (step float64, decimals int) {
	raw := span / float64(target)
	e := int(math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * math.Pow10(e)
		if step >= raw*(1-1e-9) {
			switch m {
			case 2.5: // 2.5×10^e needs one decimal more than 10^e
				decimals = max(0, 1-e)
			case 10:
				decimals = max(0, -e-1)
			default:
				decimals = max(0, -e)
			}
			return step, decimals
		}
	}
	panic("unreachable")
}

// formatNumber formats v with the given decimals and comma thousands
// separators, a negative with the minus sign U+2212 ("−1,500", as the
// figures' labels write "malfunction − closure"; a PDF draws it as its
// glyph's outline, pdfText), and never prints "-0".
func formatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	out := b.String()
	if neg && strings.Trim(out, "0.,") != "" {
		out = "−" + out
	}
	return out
}

// gridDecimals returns the fewest decimals (at most 6) with which every
// value in vs prints exactly, so that grid labels are short but distinct.
func gridDecimals(vs []float64) int {
	for d := 0; d < 6; d++ {
		ok := true
		for _, v := range vs {
			s := strconv.FormatFloat(v, 'f', d, 64)
			back, err := strconv.ParseFloat(s, 64)
			if err != nil || math.Abs(back-v) > 1e-9*math.Max(1, math.Abs(v)) {
				ok = false
				break
			}
		}
		if ok {
			return d
		}
	}
	return 6
}

// labelDecimals returns the decimals with which to label grid values vs:
// the fewest that print them exactly (gridDecimals), but no more than
// show three significant digits of the smallest step between neighbours
// (so 0.015617 reads 0.0156), and always enough that neighbours differ.
func labelDecimals(vs []float64) int {
	d := gridDecimals(vs)
	step := math.Inf(1)
	for i := 1; i < len(vs); i++ {
		step = math.Min(step, math.Abs(vs[i]-vs[i-1]))
	}
	if step > 0 && !math.IsInf(step, 0) {
		d = min(d, max(0, 2-int(math.Floor(math.Log10(step)))))
	}
	for ; d < 6; d++ {
		distinct := true
		for i := 1; i < len(vs); i++ {
			distinct = distinct && formatNumber(vs[i], d) != formatNumber(vs[i-1], d)
		}
		if distinct {
			break
		}
	}
	return d
}

// markerStyle is the point marker of the series in slot.
func markerStyle(slot int, th *theme) draw.GlyphStyle {
	shape := markerShapes[palette.Rank(slot)%len(markerShapes)]
	if palette.IsPart(slot) {
		shape = partShapes[palette.Rank(slot)%len(partShapes)]
	}
	return draw.GlyphStyle{Color: palette.Color(slot), Radius: th.markerSize, Shape: shape}
}

// markerShapes tell series of points apart in greyscale print.
var markerShapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
}

// partShapes are the marker shapes of Part categories, in order: none is
// a regime's (markerShapes).
var partShapes = []draw.GlyphDrawer{
	diamondGlyph{filled: true}, diamondGlyph{}, strokeGlyph{plus: true}, strokeGlyph{},
}

// glyphStroke is the width of the lines of open Part markers: wider than
// plot's own open markers (0.5 points), so that the lightest grey still
// shows.
var glyphStroke = vg.Points(0.9)

// diamondGlyph is a square standing on a corner, filled or open.
type diamondGlyph struct{ filled bool }

func (g diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.15 // as much ink as a circle of the radius
	pts := []vg.Point{{X: pt.X, Y: pt.Y + r}, {X: pt.X + r, Y: pt.Y}, {X: pt.X, Y: pt.Y - r}, {X: pt.X - r, Y: pt.Y}}
	if g.filled {
		c.FillPolygon(sty.Color, pts)
		return
	}
	c.StrokeLines(draw.LineStyle{Color: sty.Color, Width: glyphStroke}, append(pts, pts[0]))
}

// strokeGlyph is a plus, or else a cross (×), drawn glyphStroke wide.
type strokeGlyph struct{ plus bool }

func (g strokeGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	ls := draw.LineStyle{Color: sty.Color, Width: glyphStroke}
	if g.plus {
		c.StrokeLine2(ls, pt.X-r, pt.Y, pt.X+r, pt.Y)
		c.StrokeLine2(ls, pt.X, pt.Y-r, pt.X, pt.Y+r)
		return
	}
	d := r / math.Sqrt2 * 1.2
	c.StrokeLine2(ls, pt.X-d, pt.Y-d, pt.X+d, pt.Y+d)
	c.StrokeLine2(ls, pt.X-d, pt.Y+d, pt.X+d, pt.Y-d)
}

// NoBreak is a non-breaking space: figure text never wraps at it, so
// that a mark stays with the word it marks ("name NoBreak †"), where a
// line of its own would leave it marking nothing.
const NoBreak = "\u00a0"

// wrapText breaks s at spaces (not at NoBreak) into lines no wider than
// width when drawn in sty; a single word wider than width stays on its own
// line. Existing line breaks are kept. A difference "A − B" (a minus,
// hyphen or en dash standing alone between two words) is never broken: a
// line ending in "A −" reads as a stray dash.
func wrapText(s string, sty text.Style, width vg.Length) string {
	return wrap(s, sty, width, false)
}

// captionSep separates the parts of a caption (Caption.text), and
// captionDot is its mark.
const (
	captionSep = " · "
	captionDot = "·"
)

// wrapCaption wraps a caption to width, breaking between its parts
// before captionSep, which then starts the next line (a line ending in
// "·" reads as if something were missing), where it can: a part that
// fits on a line of its own is never split, so that "thin lines: single
// replicates" is not left as "thin lines: single" over "replicates". A
// part too long for any line is wrapped between words, never right after
// the separator (wrap binds it to the next word).
func wrapCaption(s string, sty text.Style, width vg.Length) string {
	var out []string
	line := ""
	parts := strings.Split(s, captionSep)
	for i, part := range parts {
		if i > 0 {
			part = strings.TrimLeft(captionSep, " ") + part // "a · b" is "a" and "· b", joined by a space
		}
		switch {
		case line == "" && sty.Width(part) <= width:
			line = part
		case line != "" && sty.Width(line+" "+part) <= width:
			line += " " + part
		case sty.Width(part) <= width:
			out = append(out, line)
			line = part
		default: // too long for a line: between words, from where the line stands
			lines := strings.Split(wrapText(strings.TrimSpace(line+" "+part), sty, width), "\n")
			out = append(out, lines[:len(lines)-1]...)
			line = lines[len(lines)-1]
		}
	}
	return strings.Join(append(out, line), "\n")
}

// wrap is wrapText that, if hyphens is set, may also break a word after
// any of its hyphens.
func wrap(s string, sty text.Style, width vg.Length, hyphens bool) string {
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		line := ""
		for _, word := range bindDifferences(strings.FieldsFunc(para, breaksAt)) {
			pieces := []string{word}
			if hyphens && !strings.Contains(word, " ") { // not inside a bound "A - B"
				pieces = strings.SplitAfter(word, "-")
			}
			for i, piece := range pieces {
				if piece == "" {
					continue
				}
				sep := " "
				if i > 0 {
					sep = "" // the rest of a hyphenated word
				}
				switch {
				case line == "":
					line = piece
				case sty.Width(line+sep+piece) <= width:
					line += sep + piece
				default:
					out = append(out, line)
					line = piece
				}
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// breaksAt reports whether wrap may break a line at r: at any space but
// NoBreak, which strings.Fields would break at too.
func breaksAt(r rune) bool { return unicode.IsSpace(r) && string(r) != NoBreak }

// breakWide breaks each line of s (wrapped already) that is wider than
// width, between characters: a name of 120 letters with no space or
// hyphen to end a line at, which would otherwise run off the figure or
// leave its data no room; never at NoBreak. Lines that fit are kept as
// they are.
func breakWide(s string, sty text.Style, width vg.Length) string {
	lines := strings.Split(s, "\n")
	if !slices.ContainsFunc(lines, func(l string) bool { return sty.Width(l) > width }) {
		return s
	}
	var out []string
	for _, l := range lines {
		// The pieces a line may break between: its characters, but that
		// NoBreak and the character after it stay with the one before.
		var pieces []string
		for _, r := range l {
			if n := len(pieces); n > 0 && (string(r) == NoBreak || strings.HasSuffix(pieces[n-1], NoBreak)) {
				pieces[n-1] += string(r)
				continue
			}
			pieces = append(pieces, string(r))
		}
		cut := ""
		for _, p := range pieces {
			if cut != "" && sty.Width(cut+p) > width {
				out = append(out, cut)
				cut = ""
			}
			cut += p
		}
		out = append(out, cut)
	}
	return strings.Join(out, "\n")
}

// bindDifferences joins each minus sign (or hyphen or en dash) that stands
// alone between two words to both of them, so that wrapping keeps "A − B"
// on one line; and a caption's separator "·" to the word after it, so
// that no line ends in it.
func bindDifferences(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == captionDot && i+1 < len(words) { // a caption's separator starts a line, never ends one
			out = append(out, w+" "+words[i+1])
			i++
			continue
		}
		if (w == "−" || w == "-" || w == "–") && len(out) > 0 && i+1 < len(words) {
			out[len(out)-1] += " " + w + " " + words[i+1]
			i++
			continue
		}
		out = append(out, w)
	}
	return out
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// bandAlpha is the opacity of a confidence band: light enough that a line
// and an overlapping band of another series stay visible through it.
const bandAlpha = 0x40

// bandColor is the translucent fill of the band of the series in slot.
func bandColor(slot int) color.NRGBA {
	c := palette.Color(slot)
	c.A = bandAlpha
	return c
}

// dashesOf is the dash pattern of the series in slot (palette.Dashes).
func dashesOf(slot int) []vg.Length { return points(palette.Dashes(slot)) }

// points are lengths in points as vg measures them.
func points(pts []float64) []vg.Length {
	if pts == nil {
		return nil
	}
	out := make([]vg.Length, len(pts))
	for i, p := range pts {
		out[i] = vg.Points(p)
	}
	return out
}

// The lengths of palette's edges and hatches, as vg measures them.
var (
	casingWidth  = vg.Points(palette.CasingWidth)
	hatchSpacing = vg.Points(palette.HatchSpacing)
	hatchWidth   = vg.Points(palette.HatchWidth)
	hatchDot     = vg.Points(palette.HatchDot)
)
