// Package figures draws borderwork's figures: a Figure is one chart of
// already-aggregated results (time series with bands or replicate lines,
// horizontal grouped bars with error bars or replicate dots, a heat map of
// a grid, coloured points or a scatter of a Latin hypercube), and Save
// writes it as PNG, SVG and PDF files that are byte-identical whenever the
// same data is drawn again, in the same process or in a new one.
//
// The package does no statistics and reads no files: callers pass summary
// numbers (means and band bounds) and a Caption naming the scenario, seed
// and replicate count and saying what the bands show, which is printed
// under every figure so that a figure separated from its folder still says
// where it came from.
//
// A figure is drawn at a Size meant for print at 100%: Double (two journal
// columns, the default) or Single (one), PNG at 300 dpi. Every figure has
// the same layout: title on top, data area with axes, legend or colour bar
// to the right of the data (or, in a Single figure, under it, the colour
// bar horizontal and as wide as the data area: never over the data; a
// legend of one entry, or one too tall to stand beside the data, goes
// under it at either size), and
// the caption in small type at the bottom. Tick
// labels, category labels and colour-bar labels adapt to the space there
// is; Layout records where every line of text went, and its Problems say
// whether any overlaps another, leaves the canvas or runs across the edge
// of the data area (tests check every figure a command writes).
//
// Colours come from the Okabe–Ito colour-blind-safe palette by position in
// the caller's slice (or a Style the caller fixes), so the same regimes
// get the same colours in every figure; categories that are not regimes
// take Part's greys, so that no palette colour means one thing in one
// figure and another in the next. Lines also differ by dash pattern,
// markers by shape and bars by hatch (in the dashes' order), so they stay
// apart in greyscale print; the bars of a chart of one series are plain,
// having nothing to stay apart from. Heat maps
// use viridis, or a diverging blue–red palette centred on 0, on a scale
// fitted to the data or fixed by the caller (shares on [0, 1]).
//
// Determinism: nothing that reaches the output depends on the clock, map
// order or randomness. The PDF backend (fpdf) would otherwise stamp the
// current time and may emit its resource catalogues in map order; this
// package pins both at init (see init in figures.go). Those are
// process-wide defaults, as is gonum/plot's plot.DefaultTextHandler,
// which this package replaces at init so that a letter the font lacks is
// drawn as '?' (see Undrawable): a program importing this package, or
// one that imports it (experiment, claim, programme, gsa, validation),
// gets both in its own fpdf documents (dated 1 January 2000) and
// gonum/plot figures. PDFs embed the whole
// Liberation Sans font, which is deterministic too: the same font bytes,
// compressed the same way. PNG and PDF bytes do depend on the Go version's
// compress/flate and on the module versions in go.mod, so the golden
// hashes in testdata/ may need `go test ./output/figures/ -update` after
// an upgrade (then look at the figures before committing them).
//
// Limitations of the gonum/plot backends, and what this package does:
//   - vgpdf embeds every font face under one file name, so a PDF using two
//     faces (say regular and bold) would draw all text with one face's
//     glyphs and the other's spacing. All text is therefore Liberation Sans
//     regular; the title stands out by size.
//   - vgpdf writes text as Windows-1252 without converting Go's UTF-8, and
//     passes alpha-premultiplied colours. Encode writes the letters
//     Windows-1252 holds as text, in that code page, and draws the others
//     (Ş, ś, Greek, Cyrillic, the U+2212 minus) as the outlines of the
//     font's glyphs, which a PDF reader shows but cannot copy or search;
//     and it un-premultiplies colours, so translucent bands look the same
//     in all three formats.
//   - SVGs name the font without embedding it; Encode adds Arial and
//     Helvetica, which share its metrics, as fallbacks.
//   - Liberation Sans has Latin, Greek and Cyrillic letters only, and
//     plot draws a letter it lacks as nothing. Every such letter (Arabic,
//     Ethiopic, Chinese...) is drawn as '?' in every format instead, so
//     that a label is never silently empty; Undrawable names them, for a
//     command to say so.
package figures
