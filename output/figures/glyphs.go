package figures

import (
	"strings"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Liberation Sans, the one typeface, has Latin, Greek and Cyrillic
// letters and no others: a name in Arabic, Ethiopic or Chinese script
// (a camp of a Flee case, a location of a scenario of one's own) drew as
// nothing in a PNG, so that a bar or a tag had no label and the figure
// did not show it lacked one. Every letter the font lacks is drawn as
// '?', as a PDF already drew it, in every format, and the layout measures
// the '?'s that are drawn; Undrawable lets a command name such text
// before it draws.
func init() {
	plot.DefaultTextHandler = glyphText{text.Plain{Fonts: font.DefaultCache}}
}

// missingGlyph is what is drawn for a letter the font lacks.
const missingGlyph = '?'

// glyphText is text.Plain drawing missingGlyph for the letters the
// figures' font lacks.
type glyphText struct{ text.Plain }

func (h glyphText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	return h.Plain.Box(drawable(txt), fnt)
}

func (h glyphText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	h.Plain.Draw(c, drawable(txt), sty, pt)
}

// face is the figures' font, whose letters are checked.
func face() *sfnt.Font {
	return font.DefaultCache.Lookup(sans, 10).Face
}

// hasGlyph reports whether the figures' font draws r. Line ends and the
// other ASCII controls are not drawn, so are not replaced either.
func hasGlyph(f *sfnt.Font, b *sfnt.Buffer, r rune) bool {
	if r < 0x80 {
		return true
	}
	i, err := f.GlyphIndex(b, r)
	return err == nil && i != 0
}

// drawable is s with every letter the figures' font lacks replaced by
// missingGlyph.
func drawable(s string) string {
	f := face()
	var b sfnt.Buffer
	return strings.Map(func(r rune) rune {
		if hasGlyph(f, &b, r) {
			return r
		}
		return missingGlyph
	}, s)
}

// Undrawable returns the letters of s the figures' font (Liberation Sans:
// Latin, Greek and Cyrillic) lacks, each once, in the order they come;
// figures draw each as '?'. It is "" for s drawn as it is.
func Undrawable(s string) string {
	f := face()
	var b sfnt.Buffer
	var out []rune
	for _, r := range s {
		if !hasGlyph(f, &b, r) && !strings.ContainsRune(string(out), r) {
			out = append(out, r)
		}
	}
	return string(out)
}
