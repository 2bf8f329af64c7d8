package figures

import (
	"slices"

	"gonum.org/v1/plot/vg"
)

// Size is the printed size of a figure, with the type sizes and line
// widths that stay legible at that size. A figure is meant to be printed
// at 100%: journals take figures one or two columns wide, and Single and
// Double fit the narrowest common columns (84 and 174 mm at Springer;
// Elsevier's are 90 and 190 mm, Nature's 89 and 183 mm), so no text is
// printed smaller than 7 points.
type Size struct {
	Name          string // "single" or "double", as --size names it
	Width, Height vg.Length
	theme
}

// theme is what a Size fixes besides the canvas: type sizes in points,
// line widths and where the legend goes.
type theme struct {
	titleSize, labelSize, tickSize, legendSize, captionSize vg.Length
	lineWidth                                               vg.Length // a series' line
	thinWidth                                               vg.Length // a replicate's line
	markerSize                                              vg.Length // radius of a point marker
	legendBelow                                             bool      // legend under the data rather than beside it
	figWidth                                                vg.Length // the figure's width
	figHeight                                               vg.Length // the figure's height
}

// The sizes.
var (
	Double = Size{Name: "double", Width: 17.4 * vg.Centimeter, Height: 10.4 * vg.Centimeter, theme: theme{
		titleSize: 11, labelSize: 9, tickSize: 8, legendSize: 8, captionSize: 7,
		lineWidth: vg.Points(1.5), thinWidth: vg.Points(0.5), markerSize: vg.Points(3),
		figWidth: 17.4 * vg.Centimeter, figHeight: 10.4 * vg.Centimeter,
	}}
	// Single is a column wide: the legend, or a heat map's colour bar,
	// goes under the data, where it takes no width from it.
	Single = Size{Name: "single", Width: 8.4 * vg.Centimeter, Height: 8.4 * vg.Centimeter, theme: theme{
		titleSize: 9, labelSize: 8, tickSize: 7, legendSize: 7, captionSize: 7,
		lineWidth: vg.Points(1.2), thinWidth: vg.Points(0.5), markerSize: vg.Points(2.2),
		legendBelow: true, figWidth: 8.4 * vg.Centimeter, figHeight: 8.4 * vg.Centimeter,
	}}
)

// DPI is the resolution of PNG files: 300 dots per inch, what journals
// ask of line art with text at print size.
const DPI = 300

// Sizes lists the sizes, default first.
func Sizes() []Size { return []Size{Double, Single} }

// SizeNames lists the sizes' names, default first.
func SizeNames() []string {
	var names []string
	for _, s := range Sizes() {
		names = append(names, s.Name)
	}
	return names
}

// SizeNamed is the size called name.
func SizeNamed(name string) (Size, bool) {
	i := slices.IndexFunc(Sizes(), func(s Size) bool { return s.Name == name })
	if i < 0 {
		return Size{}, false
	}
	return Sizes()[i], true
}
