// Package palette is how each series of a figure is drawn: its colour
// (the Okabe–Ito palette), dash pattern, the hatch over its bars and the
// dark edge of a colour too light to show alone, chosen by its Style (1
// for the palette's first colour, Neutral, Part(k)) through its slot.
// output/figures draws with it; other front ends (the classroom page)
// draw each regime as the figures do through StyleColor, StyleDashes,
// StyleEdge and StyleHatch. It imports no plotting code, so that a front
// end in a browser carries none. Lengths are in points.
package palette

import (
	"image/color"
	"slices"

	"github.com/borderwork/borderwork/scenarios"
)

// okabeIto is the Okabe–Ito colour-blind-safe palette, in the order the
// series of a figure take their colours.
var okabeIto = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	{0x00, 0x00, 0x00, 0xFF}, // black
}

// Neutral, as a Style, draws a series in a mid grey, apart from the
// palette's colours: for a share that is no finding (inconclusive), which
// black, the palette's last colour, would make the loudest bar.
const Neutral = -1

// neutralGrey is the colour of Neutral series: light enough that black
// error bars show on it, dark enough to stand apart from the white ground.
var neutralGrey = color.NRGBA{0xA8, 0xA8, 0xA8, 0xFF}

// Part returns the Style of the k-th (from 0) category of a figure whose
// categories are not regimes: the parts of a whole (the claim's
// mediation), the channels of an effect (a programme's channels), policy
// quantities over time (its path), the first-order and total Sobol'
// indices. They are drawn in greys, dark to light (partGreys), none as
// dark as the palette's black, with hatches, dash patterns and marker
// shapes of their own (partHatches, partDashes, partShapes) that no regime
// takes: so that none looks like a regime of the folder's other figures,
// in colour or in greyscale print.
func Part(k int) int { return -2 - k }

// partGreys are the colours of Part categories, dark to light: at most
// four in any figure (the programme's channels and path), each apart from
// the next in greyscale print too, the darkest well apart from the
// palette's black, the lightest still a visible line.
var partGreys = []color.NRGBA{
	{0x4A, 0x4A, 0x4A, 0xFF},
	{0x6E, 0x6E, 0x6E, 0xFF},
	{0x94, 0x94, 0x94, 0xFF},
	{0xBB, 0xBB, 0xBB, 0xFF},
}

// A series' slot says how it is drawn: from 0, a position in the palette
// (okabeIto); Neutral; or, from −2 down, Part(k)'s greys.

// Slot is the slot of the i-th series whose Style field is style:
// its own choice if it made one, else its position in the palette.
func Slot(i, style int) int {
	switch {
	case style > 0:
		return style - 1
	case style < 0:
		return style // Neutral, Part(k)
	}
	return i
}

// Rank is a slot's position in the orders of dash patterns, hatches and
// marker shapes: its palette position (in the regimes' orders), or a
// Part's k (in the Parts' own); 0 for Neutral.
func Rank(slot int) int {
	switch {
	case slot >= 0:
		return slot
	case slot == Neutral:
		return 0
	}
	return Part(0) - slot
}

// IsPart reports whether slot is a Part category's.
func IsPart(slot int) bool { return slot <= Part(0) }

// lightLuma is the luma (0 to 255, ITU-R BT.601) from which a colour is
// too close to the white ground to show alone, as a thin line, a small
// marker or a plain bar: the palette's yellow (213). Such a series' lines
// and markers are drawn with a dark casing, its bars always hatched.
const lightLuma = 200

// Light reports whether the series in slot is drawn in a colour whose
// luma reaches lightLuma.
func Light(slot int) bool { return Luma(Color(slot)) >= lightLuma }

// Luma is the grey c prints as, 0 to 255 (ITU-R BT.601). Each product
// is rounded (float64(x*y)), so that no machine fuses it into the sum
// and tells a colour light that another does not.
func Luma(c color.NRGBA) float64 {
	return float64(0.299*float64(c.R)) + float64(0.587*float64(c.G)) + float64(0.114*float64(c.B))
}

// Casing is the dark edge drawn around the lines and markers of light
// series (Light), and CasingWidth its width on either side, in points.
var Casing = color.Gray{Y: 0x33}

const CasingWidth = 0.45

// Colors is how many colours the palette has: slots past them take
// colours again (Color).
func Colors() int { return len(okabeIto) }

// Styles is how many slots, from 0, are drawn apart: no two of them
// draw lines of the same colour and dash pattern (28: the built-in
// regimes' four colours with one pattern each, the last four with all
// six). Slot Styles()+k is drawn as slot builtinSlots+k. In bars, which
// show colour and hatch, all but the last differ: slot 27 (yellow,
// dash-dot) is hatched crossed, as yellow's first bars (slot 6), too
// light to show plain, are.
func Styles() int { return builtinSlots + (len(okabeIto)-builtinSlots)*len(dashes) }

// builtinSlots is how many of the palette's first colours are the
// built-in regimes' (open, closed, malfunctioning, hbm): slots past the
// palette cycle over the colours after them, never back onto a built-in
// regime's, so that no other regime is ever drawn in open's blue or
// closed's orange. (The dash patterns, hatches and marker shapes, which
// follow the slot itself, still tell such regimes apart.)
const builtinSlots = 4

// Color is the colour of the series in slot. Past the palette, the
// colours after the built-in regimes' are taken in turn, one colour
// further on every 12 slots (when colour and dash pattern would come
// round together again), so that each is drawn with all six dash
// patterns before any slot looks like an earlier one (Styles).
func Color(slot int) color.NRGBA {
	switch {
	case slot >= len(okabeIto):
		n := len(okabeIto) - builtinSlots
		k := (slot - builtinSlots) % (n * len(dashes))
		const round = 12 // the least common multiple of 4 colours and 6 dash patterns
		return okabeIto[builtinSlots+(k-k/round)%n]
	case slot >= 0:
		return okabeIto[slot]
	case slot == Neutral:
		return neutralGrey
	}
	return partGreys[Rank(slot)%len(partGreys)]
}

// dashes are the line patterns of successive series. The first Styles()
// series' lines all differ in colour or pattern (past the 8th, colours
// cycle over the palette's last 4, Color), and the first 6 differ in
// both. (The 7th, yellow,
// has the first's solid line, but a dark casing: see Light.)
var dashes = [][]float64{
	nil, // solid
	{6, 3},
	{1.5, 2.5},
	{7, 2.5, 1.5, 2.5},
	{12, 4},
	{7, 2.5, 1.5, 2.5, 1.5, 2.5},
}

// partDashes are the line patterns of Part categories, in order: none is
// a regime's (dashes), so that a grey line never reads as a regime's.
var partDashes = [][]float64{
	{12, 2.5, 4, 2.5},          // long, short
	{1.5, 1.5, 1.5, 5},         // pairs of dots
	{7, 2.5, 7, 2.5, 1.5, 2.5}, // dash, dash, dot
	{3, 1.5},                   // short dashes
}

// Dashes is the dash pattern of the series in slot: nil for a solid
// line. It is the palette's own: not to be changed.
func Dashes(slot int) []float64 {
	if IsPart(slot) {
		return partDashes[Rank(slot)%len(partDashes)]
	}
	return dashes[Rank(slot)%len(dashes)]
}

// Hatch is a pattern drawn over a bar's fill, so that bars stay apart in
// greyscale print, where Okabe–Ito colours fall on nearly the same grey
// (bluish green and vermillion, orange and sky blue).
type Hatch int

const (
	NoHatch    Hatch = iota
	Rising           // lines up to the right, /
	Falling          // lines down to the right, \
	Crossed          // both
	Upright          // vertical lines
	Dotted           // a lattice of dots
	numHatches       // their count, that of the dash patterns

	// The hatches of Part categories (partHatches), which no regime takes.
	Squares    // horizontal and vertical lines, +
	Horizontal // horizontal lines
	Bricks     // a brick wall
	Zigzag     // rows of zigzags
)

// partHatches are the hatches of Part categories, in order.
var partHatches = []Hatch{Squares, Horizontal, Bricks, Zigzag}

// HatchOf is the Hatch of the series in slot. A regime's is in the order
// of the dash patterns: a regime whose line is solid (open) has plain
// bars, the one whose line is dashed (closed) has bars hatched /, and so
// on; hatches and dashes are as many, so the pairing holds for every
// slot, but for a light colour (the 7th, yellow), whose bars would not
// show plain: they are Crossed. A Part's is its own (partHatches).
func HatchOf(slot int) Hatch {
	if IsPart(slot) {
		return partHatches[Rank(slot)%len(partHatches)]
	}
	h := Hatch(Rank(slot) % int(numHatches))
	if h == NoHatch && Light(slot) {
		h = Crossed
	}
	return h
}

// HatchSpacing is the distance between a hatch's lines (and dots), and
// HatchWidth their width, in points: dense enough that the thinnest bar
// (a category of eight regimes in a single-column figure) shows a
// pattern, thin enough that its fill still shows its colour. HatchDot is
// the diameter of its dots.
const (
	HatchSpacing = 2.8
	HatchWidth   = 0.55
	HatchDot     = 0.6
)

// Ink is the colour of the hatch over fill: white on a dark fill,
// near-black on a light one, by the fill's luma (ITU-R BT.601), the grey
// it prints as.
func Ink(fill color.NRGBA) color.Gray {
	if 299*int(fill.R)+587*int(fill.G)+114*int(fill.B) < 128*1000 {
		return color.Gray{Y: 0xFF}
	}
	return color.Gray{Y: 0x1A}
}

// StyleColor is the colour of a series drawn with Style style (from 1, as
// RegimeStyle gives it), so that other front ends (the
// classroom page) draw each regime in the colour the figures give it.
func StyleColor(style int) color.NRGBA { return Color(Slot(0, style)) }

// StyleEdge is the dark edge the figures draw around the lines and
// markers of a series drawn with Style style, whose colour is too light
// to show alone on white (the palette's yellow): its colour and its
// width in points on either side of the line. ok is false for a colour
// that shows alone, drawn without an edge. Other front ends (the
// classroom page) draw the same edge.
func StyleEdge(style int) (edge color.Gray, width float64, ok bool) {
	if !Light(Slot(0, style)) {
		return color.Gray{}, 0, false
	}
	return Casing, CasingWidth, true
}

// hatchNames name the hatches for other front ends (StyleHatch).
var hatchNames = map[Hatch]string{
	NoHatch: "", Rising: "rising", Falling: "falling", Crossed: "crossed", Upright: "upright", Dotted: "dotted",
	Squares: "squares", Horizontal: "horizontal", Bricks: "bricks", Zigzag: "zigzag",
}

// Hatching is a hatch as other front ends draw it: its name ("" for plain
// bars, "rising" for /, "falling" for \, "crossed", "upright" for |,
// "dotted", and the Parts' "squares", "horizontal", "bricks" and
// "zigzag"), the grey of its ink, the spacing of its lines (and dots),
// the width of its lines and the diameter of its dots, in points.
type Hatching struct {
	Name                string
	Ink                 color.Gray
	Spacing, Width, Dot float64
}

// StyleHatch is the hatch the figures draw over the bars of a series
// drawn with Style style, so that other front ends (the classroom page)
// hatch each regime's bars as the figures do, and they read in
// greyscale print too.
func StyleHatch(style int) Hatching {
	slot := Slot(0, style)
	return Hatching{
		Name:    hatchNames[HatchOf(slot)],
		Ink:     Ink(Color(slot)),
		Spacing: HatchSpacing, Width: HatchWidth, Dot: HatchDot,
	}
}

// StyleDashes is the dash pattern, in points, of a series drawn with
// Style style: nil for a solid line.
func StyleDashes(style int) []float64 {
	return slices.Clone(Dashes(Slot(0, style)))
}

// Dash is the i-th of the regimes' dash patterns (i from 0, solid; 1
// the first dashed one), for lines that are no series (a figure's
// margins and reference lines), and NumDashes how many there are. Like
// Dashes', the pattern is the palette's own: not to be changed.
func Dash(i int) []float64 { return dashes[i%len(dashes)] }

// NumDashes is how many dash patterns the regimes take in turn.
func NumDashes() int { return len(dashes) }

// RegimeStyle gives each regime the same colour in every figure and
// front end: the built-in regimes fixed ones (their places in
// scenarios.BuiltinRegimes, from 1), other regimes the rest of the
// palette in the order they appear in regimes.
func RegimeStyle(name string, regimes []string) int {
	if i := slices.Index(scenarios.BuiltinRegimes, name); i >= 0 {
		return i + 1
	}
	n := 0
	for _, r := range regimes {
		if r == name {
			break
		}
		if !slices.Contains(scenarios.BuiltinRegimes, r) {
			n++
		}
	}
	return len(scenarios.BuiltinRegimes) + n + 1
}
