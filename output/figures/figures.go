package figures

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/borderwork/borderwork/internal/tempfile"
	"github.com/borderwork/borderwork/output"
)

// pdfEpoch is the creation and modification date written into every PDF.
// fpdf otherwise stamps time.Now(), which would make two runs on the same
// data differ; a fixed date keeps reruns byte-identical. The date carries
// no meaning: a figure's provenance is in its caption.
var pdfEpoch = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

func init() {
	fpdf.SetDefaultCreationDate(pdfEpoch)
	fpdf.SetDefaultModificationDate(pdfEpoch)
	// fpdf keeps fonts and images in maps; sorting its catalogues makes
	// their order in the file independent of map iteration order.
	fpdf.SetDefaultCatalogSort(true)
	// These are process-wide fpdf defaults. Nothing else in borderwork
	// writes PDFs; code that needs a real date can still set it on its
	// own fpdf document.
}

// knownFormats lists the formats Save and Encode accept: those a
// folder's figures are drawn in (output.FigureFormats).
var knownFormats = output.FigureFormats()

// Formats returns the formats Save and Encode accept: "png", "svg", "pdf".
func Formats() []string { return slices.Clone(knownFormats) }

// Caption is the provenance line under every figure.
type Caption struct {
	Scenario string // scenario name, e.g. "sahel"
	Seed     int64
	Reps     int // replicates per regime (or per sweep point)
	// Per qualifies Reps, e.g. " per point"; "" takes the figure's own
	// (" per cell" for a heat map).
	Per string
	// Centre says what the figure's lines, bars or marks are, as
	// "lines: mean": the caption then reads "lines: mean of 20
	// replicates" where it would read "20 replicates". "" says nothing of
	// them (say it where they are not the replicates' mean). It is left
	// out when Reps is 1: one replicate is drawn itself.
	Centre string
	// Spread says what the figure's bands, error bars or marks show, e.g.
	// "bands: middle 95% of replicates"; "" takes the figure's default,
	// which for bands and error bars is the 95% confidence interval of
	// the mean (output.Describe's). It is left out when Reps is 1, since
	// one replicate has no spread.
	Spread string
	Extra  string // optional, appended, e.g. "--set regimes.closed.patrol=0.1"
}

// text renders the caption. per qualifies the replicate count (e.g. " per
// cell") and spread says what the figure's intervals are, unless the
// caption sets its own. A Reps of 0 or less is left out, and with it
// Centre and spread.
func (c Caption) text(per, spread string) string {
	if c.Per != "" {
		per = c.Per
	}
	if c.Spread != "" {
		spread = c.Spread
	}
	var parts []string
	if c.Scenario != "" {
		parts = append(parts, "scenario "+c.Scenario)
	}
	parts = append(parts, "seed "+strconv.FormatInt(c.Seed, 10))
	switch {
	case c.Reps == 1:
		parts = append(parts, "1 replicate"+per)
	case c.Reps > 1:
		reps := strconv.Itoa(c.Reps) + " replicates" + per
		if c.Centre != "" {
			reps = c.Centre + " of " + reps
		}
		parts = append(parts, reps)
		if spread != "" {
			parts = append(parts, spread)
		}
	}
	if c.Extra != "" {
		parts = append(parts, c.Extra)
	}
	return strings.Join(parts, captionSep)
}

// Figure is a drawn figure ready to save, at a Size (Double unless
// SetSize says otherwise). It is not safe for concurrent use: drawing
// adapts its tick labels to the space available.
type Figure struct {
	p       *plot.Plot
	title   string
	caption string
	side    sidePanel // legend or colour bar beside (or under) the data; may be nil

	// fit, if set, adapts p to the size of its data area before drawing
	// (wrapping or thinning tick labels).
	fit func(p *plot.Plot, data vg.Rectangle, th *theme)

	// xLabel and yLabel are the axis labels before wrapping.
	xLabel, yLabel string

	size Size
	// th is the size's theme, shared with the figure's plotters, which
	// read line widths and marker sizes from it when they draw.
	th *theme
	// data is the data area of the last drawing, for Layout.
	data vg.Rectangle
	// bands are a TimeBands figure's series, which marks' labels keep
	// clear of; nil for other figures.
	bands *bandsPlotter
}

// newFigure starts a figure of p at the default size; th is the theme
// its plotters were given.
func newFigure(p *plot.Plot, th *theme, title, xLabel, yLabel, caption string) *Figure {
	*th = Double.theme
	return &Figure{p: p, th: th, size: Double, title: title, xLabel: xLabel, yLabel: yLabel, caption: caption}
}

// newTheme is the theme a figure's plotters share with it.
func newTheme() *theme {
	th := Double.theme
	return &th
}

// SetSize sets the size the figure is drawn at.
func (f *Figure) SetSize(s Size) {
	f.size = s
	*f.th = s.theme
}

// Size is the size the figure is drawn at.
func (f *Figure) Size() Size { return f.size }

// Caption is the caption line drawn under the figure, before wrapping.
func (f *Figure) Caption() string { return f.caption }

// AddCaption appends part to the caption line, after the separator: for
// a note a caller knows and the figure's maker did not (which of a
// folder's regimes a figure draws).
func (f *Figure) AddCaption(part string) {
	if part == "" {
		return
	}
	if f.caption != "" {
		f.caption += captionSep
	}
	f.caption += part
}

// Title is the title drawn above the figure, before wrapping.
func (f *Figure) Title() string { return f.title }

// SetTitle sets the title drawn above the figure: for a figure drawn for
// part of a folder (one regime's), which its title names.
func (f *Figure) SetTitle(title string) { f.title = title }

// sidePanel is what stands right of the data area.
type sidePanel interface {
	// width is the horizontal space the panel needs.
	width(th *theme) vg.Length
	// draw draws the panel into c, whose vertical extent is the data area's.
	draw(c draw.Canvas, th *theme)
}

// belowPanel is a side panel that can stand under the data area instead,
// as a legend does in a narrow figure.
type belowPanel interface {
	sidePanel
	// height is the vertical space the panel needs in the given width.
	height(th *theme, width vg.Length) vg.Length
	// drawBelow draws the panel into c, as wide as the data area.
	drawBelow(c draw.Canvas, th *theme)
}

// Layout lengths.
const (
	margin   = 6 * vg.Length(1)  // around the figure
	sideGap  = 10 * vg.Length(1) // between data area and side panel
	belowGap = 4 * vg.Length(1)  // between the x axis and a panel under it
	titleGap = 5 * vg.Length(1)
	capGap   = 5 * vg.Length(1)
)

// minDataShare is the least share of the canvas's width and of its
// height the data area must keep: a legend or colour bar that would leave
// it less (32 legend entries under the data of a single-column figure)
// makes a figure of its legend alone, or one whose data area has no
// height at all and whose coordinates are NaN. Such a figure is refused
// (errNoRoom), not written.
const minDataShare = 0.2

// errNoRoom says that a figure's data area, or its legend, does not fit.
// legend is true when a legend of entries (one per regime, in most
// figures) takes the room: fewer entries would fit.
type errNoRoom struct {
	msg    string
	legend bool
}

func (e errNoRoom) Error() string { return e.msg }

// LegendTooLong reports whether err refuses a figure whose legend of
// entries leaves no room: the caller can say how to draw fewer.
func LegendTooLong(err error) bool {
	var e errNoRoom
	return errors.As(err, &e) && e.legend
}

// tallPanel is a side panel that knows the height it needs beside the
// data (a legend: the sum of its entries').
type tallPanel interface {
	sideHeight(th *theme) vg.Length
}

// draw draws f onto c: title, caption, plot, side panel. It draws
// nothing, and says why, if the data area would be too small
// (minDataShare) or a legend beside it would run past the caption.
func (f *Figure) draw(c draw.Canvas) error {
	err := f.drawOnce(c)
	if _, ok := f.side.(belowPanel); ok && LegendTooLong(err) && !f.th.legendBelow {
		// A legend too tall to stand beside the data goes under it, laid
		// out in columns as a single-column figure's is: the figure is
		// drawn again from the start, on a fresh white canvas.
		f.th.legendBelow = true
		err = f.drawOnce(c)
	}
	return err
}

// drawOnce is draw with the legend where the theme puts it.
func (f *Figure) drawOnce(c draw.Canvas) error {
	th := f.th
	applyTheme(f.p, th)
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	in := draw.Crop(c, margin, -margin, margin, -margin)
	w := in.Max.X - in.Min.X

	if f.title != "" {
		sty := textStyle(th.titleSize)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		t := breakWide(wrapText(f.title, sty, w), sty, w)
		in.FillText(sty, vg.Point{X: in.Center().X, Y: in.Max.Y}, t)
		in.Max.Y -= sty.Height(t) + titleGap
	}
	if f.caption != "" {
		sty := textStyle(th.captionSize)
		sty.Color = captionColor
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
		t := breakWide(wrapCaption(f.caption, sty, w), sty, w)
		in.FillText(sty, vg.Point{X: in.Min.X, Y: in.Min.Y + sty.FontExtents().Descent}, t)
		in.Min.Y += sty.Height(t) + capGap
	}

	var area draw.Canvas
	below, isBelow := f.side.(belowPanel)
	isBelow = isBelow && f.legendUnder()
	var belowH vg.Length
	belowW := w // the width a panel under the data is laid out in
	fit := func() {
		area = in
		switch {
		case isBelow:
			belowH = below.height(th, belowW)
			area.Min.Y += belowH + belowGap
		case f.side != nil:
			area.Max.X -= f.side.width(th) + sideGap
		}
		if f.fit != nil {
			f.fit(f.p, f.p.DataCanvas(area).Rectangle, th)
		}
		data := f.p.DataCanvas(area)
		fitXTicks(f.p, data.Max.X-data.Min.X)
		f.fitAxisLabels(area)
	}
	fit()
	cb, isBar := f.side.(*colorBar)
	switch {
	case isBar && isBelow:
		// A colour bar under the data stands as wide as the data area,
		// its label wrapped to that width.
		data := f.p.DataCanvas(area)
		belowW = data.Max.X - data.Min.X
		fit()
	case isBar:
		// A colour bar's label, wrapped before the bar's length was
		// known, may run longer than the bar: wrapped again to fit, it
		// may take another line, and the panel more width.
		if data := f.p.DataCanvas(area); cb.fitTo(th, data.Max.Y-data.Min.Y) {
			fit()
		}
	}
	data := f.p.DataCanvas(area)
	if err := f.checkRoom(data.Rectangle); err != nil {
		return err
	}
	f.p.Draw(area)
	f.data = data.Rectangle
	switch {
	case isBelow:
		panel := in
		panel.Max.Y = in.Min.Y + belowH
		if isBar {
			panel.Min.X, panel.Max.X = data.Min.X, data.Max.X
		}
		below.drawBelow(panel, th)
	case f.side != nil:
		panel := in
		panel.Min.X = area.Max.X + sideGap
		panel.Min.Y, panel.Max.Y = data.Min.Y, data.Max.Y
		f.side.draw(panel, th)
	}
	return nil
}

// legendUnder reports whether the side panel stands under the data
// rather than beside it: where the size puts it there (Single), once a
// legend too tall to stand beside the data was moved (draw), and for a
// legend of one entry, which beside the data would take a column of the
// figure's width for one line and leave the rest of that column blank (a
// claim's effects, whose legend names only the smallest effect of
// interest; a run's one regime). Under the data it takes one line.
func (f *Figure) legendUnder() bool {
	if f.th.legendBelow {
		return true
	}
	lp, ok := f.side.(*legendPanel)
	return ok && len(lp.entries) == 1
}

// checkRoom refuses a layout whose data area is less than minDataShare
// of the canvas either way (or not a number), or whose legend beside the
// data needs more height than the data area has: drawn top down beside
// it, it would run over the caption and off the canvas.
func (f *Figure) checkRoom(data vg.Rectangle) error {
	w, h := data.Max.X-data.Min.X, data.Max.Y-data.Min.Y
	minW, minH := f.size.Width*minDataShare, f.size.Height*minDataShare
	n := 0
	if lp, ok := f.side.(*legendPanel); ok {
		n = len(lp.entries)
	}
	what := "its legend"
	if n > 0 {
		what = fmt.Sprintf("its legend of %d entries", n)
	} else if _, ok := f.side.(*colorBar); ok {
		what = "its colour bar"
	}
	if !(w >= minW && h >= minH) { // also NaN
		if !(w > 0) {
			w = 0
		}
		if !(h > 0) {
			h = 0
		}
		return errNoRoom{fmt.Sprintf("no room for the data at size %s: %s, axes, title and caption leave a data area of %.0f × %.0f points, less than a fifth of the figure's %.0f × %.0f",
			f.size.Name, what, w.Points(), h.Points(), f.size.Width.Points(), f.size.Height.Points()), n > 0}
	}
	if tp, ok := f.side.(tallPanel); ok && !f.legendUnder() {
		if need, room := tp.sideHeight(f.th), h; need > room+layoutSlack {
			return errNoRoom{fmt.Sprintf("no room for %s at size %s: it needs %.0f points of height beside the data, which is %.0f high",
				what, f.size.Name, need.Points(), room.Points()), n > 0}
		}
	}
	return nil
}

// fitAxisLabels wraps the axis labels to the length of their axes, so a
// long label neither runs off the figure nor over the title. The axes'
// lengths are measured first without the labels: gonum narrows the data
// area to fit an x label wider than it, so measuring with the unwrapped
// label and wrapping to that would wrap it narrower still, down to a word
// a line ("how often failing posts break down (probability per day)" on a
// single-column figure). Then again with the labels so wrapped, which the
// data area fits beside, to wrap them to the axes they will stand by.
func (f *Figure) fitAxisLabels(area draw.Canvas) {
	f.p.X.Label.Text, f.p.Y.Label.Text = "", ""
	for range 2 {
		data := f.p.DataCanvas(area)
		f.p.X.Label.Text = breakWide(wrapText(f.xLabel, f.p.X.Label.TextStyle, data.Max.X-data.Min.X), f.p.X.Label.TextStyle, data.Max.X-data.Min.X)
		f.p.Y.Label.Text = breakWide(wrapText(f.yLabel, f.p.Y.Label.TextStyle, data.Max.Y-data.Min.Y), f.p.Y.Label.TextStyle, data.Max.Y-data.Min.Y)
	}
}

// Encode writes fig in format ("png", "svg" or "pdf") to w, at its size.
func (f *Figure) Encode(w io.Writer, format string) error {
	return f.encode(w, format, nil)
}

// encode is Encode with a hook that may wrap the backend's canvas (to
// record what is drawn).
func (f *Figure) encode(w io.Writer, format string, wrap func(vg.CanvasSizer) vg.CanvasSizer) (err error) {
	if f == nil || f.p == nil {
		return errors.New("figures: nil figure")
	}
	width, height := f.size.Width, f.size.Height
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(
			vgimg.UseWH(width, height), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))}
	case "svg":
		c = vgsvg.New(width, height)
	case "pdf":
		c = pdfCanvas{vgpdf.New(width, height)}
	default:
		return fmt.Errorf("figures: unknown format %q (want one of %s)", format, strings.Join(knownFormats, ", "))
	}
	// plot and its backends report some failures (bad ranges, font
	// errors) by panicking; a figure that cannot be drawn is an error
	// for the caller, not a crash of the simulation run.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("figures: drawing %s: %v", format, r)
			if format == "pdf" && strings.Contains(fmt.Sprint(r), "could not generate font data") {
				// vgpdf prepares the font it embeds in a folder of its
				// own under TMPDIR, once a process: a full /tmp fails
				// every PDF, however much room --out has.
				err = fmt.Errorf("figures: drawing pdf: its font is prepared in the temporary folder %s, where that failed (%v); free some space there, set TMPDIR to a folder with room, or leave pdf out of --formats", os.TempDir(), r)
			}
		}
	}()
	var target vg.CanvasSizer = c
	if wrap != nil {
		target = wrap(c)
	}
	if err := f.draw(draw.New(target)); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	if format == "pdf" {
		_, err = c.WriteTo(w)
		return err
	}
	var b bytes.Buffer
	if _, err = c.WriteTo(&b); err != nil {
		return err
	}
	if format == "png" {
		png, err := pngWithDPI(b.Bytes(), DPI)
		if err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		_, err = w.Write(png)
		return err
	}
	_, err = w.Write(svgFontFallback(b.Bytes()))
	return err
}

// pngWithDPI adds to png, after its header, a pHYs chunk saying that its
// pixels are dpi to the inch (in pixels per metre, rounded). Go's PNG
// encoder writes none, so a PNG drawn at 300 dpi opened at 72 or 96 (a
// word processor's, a journal's artwork check's) and a 8.4 cm figure
// came out three or four times too wide.
func pngWithDPI(png []byte, dpi float64) ([]byte, error) {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, then IHDR's length, type, data and CRC
	if len(png) < ihdrEnd || string(png[12:16]) != "IHDR" {
		return nil, errors.New("PNG without a header where one was expected")
	}
	ppm := uint32(math.Round(dpi / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // the unit is the metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := make([]byte, 0, len(png)+len(chunk))
	out = append(out, png[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, png[ihdrEnd:]...), nil
}

// svgFontFallback adds fallbacks to the SVG's font-family, which names
// only Liberation Sans: without them a viewer lacking that font falls back
// to its default, often a serif. Arial and Helvetica share Liberation
// Sans's metrics, so text keeps its width and labels their alignment.
// (Embedding the font instead would add about half a megabyte per file.)
func svgFontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
}

// Save writes fig to dir/name.EXT for each format in formats ("png",
// "svg", "pdf"). Formats are checked and every file is rendered in memory
// before anything is written; each file then goes through a temporary file
// in dir renamed into place, so an interrupted call never leaves a
// half-written figure, and a failed call leaves no temporary files.
func Save(fig *Figure, dir, name string, formats []string) error {
	return SaveContext(context.Background(), fig, dir, name, formats)
}

// SaveContext is Save, giving up with an error wrapping ctx.Err(),
// having written nothing, if ctx ends before the files are rendered:
// rendering a figure can take a second or more (a PDF embeds its fonts),
// and a command told to stop must not wait for it. A rendering given up
// on finishes in the background and writes nothing.
func SaveContext(ctx context.Context, fig *Figure, dir, name string, formats []string) error {
	if fig == nil || fig.p == nil {
		return errors.New("figures: nil figure")
	}
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return fmt.Errorf("figures: bad figure name %q", name)
	}
	if len(formats) == 0 {
		return errors.New("figures: no formats to save")
	}
	var todo []string
	for _, f := range formats {
		if !slices.Contains(knownFormats, f) {
			return fmt.Errorf("figures: unknown format %q (want one of %s)", f, strings.Join(knownFormats, ", "))
		}
		if !slices.Contains(todo, f) {
			todo = append(todo, f)
		}
	}
	data := make([][]byte, len(todo))
	rendered := make(chan error, 1)
	go func() {
		for i, f := range todo {
			var b bytes.Buffer
			if err := fig.Encode(&b, f); err != nil {
				rendered <- err
				return
			}
			data[i] = b.Bytes()
		}
		rendered <- nil
	}()
	select {
	case err := <-rendered:
		if err != nil {
			return err
		}
	case <-ctx.Done():
		return fmt.Errorf("figures: %s not written: %w", name, ctx.Err())
	}
	for i, f := range todo {
		if err := writeAtomic(filepath.Join(dir, name+"."+f), data[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory renamed into place; on error the temporary file is removed.
func writeAtomic(path string, data []byte) (err error) {
	// Named as output.WriteFile names its temporary files, which a
	// folder's inventory (output.Take) knows as borderwork's.
	tmp, err := tempfile.Create(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("figures: writing %s: %w", path, err)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// pdfCanvas mends two things in vgpdf's text and colour output:
//
//   - vgpdf hands fpdf the alpha-premultiplied components of a colour and
//     then sets its alpha as well, so translucent bands would come out
//     darker in the PDF than in PNG and SVG. SetColor un-premultiplies.
//   - vgpdf's fonts are encoded as Windows-1252 but it passes Go's UTF-8
//     strings through unchanged, so "·" would print as "Â·", and a
//     letter outside Windows-1252 (Ş, ś, Greek, Cyrillic, the minus
//     sign) cannot be printed as text at all. FillString writes what
//     Windows-1252 holds as text and draws the rest as the outlines of
//     the font's own glyphs (pdfText), so the PDF shows what PNG and SVG
//     show.
type pdfCanvas struct{ *vgpdf.Canvas }

func (c pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.Canvas.SetColor(straightColor(color.NRGBAModel.Convert(clr).(color.NRGBA)))
}

func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	runs, outlines := pdfText(f, pt, s)
	for _, r := range runs {
		c.Canvas.FillString(f, r.at, r.text)
	}
	if len(outlines) > 0 {
		c.Canvas.Fill(outlines)
	}
}

// straightColor is a colour whose RGBA method returns components that are
// NOT premultiplied by alpha. It breaks the color.Color contract on
// purpose and must only be given to vgpdf (see pdfCanvas).
type straightColor color.NRGBA

func (s straightColor) RGBA() (r, g, b, a uint32) {
	return uint32(s.R) * 0x101, uint32(s.G) * 0x101, uint32(s.B) * 0x101, uint32(s.A) * 0x101
}

// pdfRun is a piece of a text a PDF writes as text: Windows-1252 bytes,
// and the point its baseline starts at.
type pdfRun struct {
	at   vg.Point
	text string
}

// pdfText splits s, drawn in f from pt on its baseline, into what a PDF
// writes as text (runs of letters in Windows-1252, encoded) and the
// outlines of the others' glyphs. Each piece starts where the font's own
// advances and kerning put it, as gonum's font.Face.Width measures the
// line, so the line is as long as plot laid it out. Letters the font
// lacks were replaced by '?' before (glyphText).
func pdfText(f font.Face, pt vg.Point, s string) (runs []pdfRun, outlines vg.Path) {
	if isASCII(s) {
		return []pdfRun{{pt, s}}, nil
	}
	var (
		face = f.Face
		ppem = fixed.Int26_6(face.UnitsPerEm()) // so that lengths come in font units
		// unit is a font unit in points.
		unit   = f.Font.Size / vg.Length(face.UnitsPerEm())
		buf    sfnt.Buffer
		pen    int // font units from pt
		prev   sfnt.GlyphIndex
		text   []byte
		textAt int
	)
	at := func(x, y fixed.Int26_6) vg.Point {
		// The products are rounded before the sums (explicit
		// conversions) so that no platform fuses them into a
		// multiply-add, which would change the PDF's bytes there.
		return vg.Point{X: pt.X + vg.Length(float64(vg.Length(pen+int(x))*unit)), Y: pt.Y - vg.Length(float64(vg.Length(y)*unit))}
	}
	flush := func() {
		if len(text) > 0 {
			runs = append(runs, pdfRun{vg.Point{X: pt.X + vg.Length(float64(vg.Length(textAt)*unit)), Y: pt.Y}, string(text)})
			text = nil
		}
	}
	for i, r := range s {
		idx, err := face.GlyphIndex(&buf, r)
		if err != nil {
			idx = 0
		}
		if i > 0 {
			if kern, err := face.Kern(&buf, prev, idx, ppem, xfont.HintingNone); err == nil {
				pen += int(kern)
			}
		}
		if b, ok := charmap.Windows1252.EncodeRune(r); ok {
			if len(text) == 0 {
				textAt = pen
			}
			text = append(text, b)
		} else {
			flush()
			segments, err := face.LoadGlyph(&buf, idx, ppem, nil)
			if err == nil {
				for _, g := range segments {
					a := g.Args
					switch g.Op {
					case sfnt.SegmentOpMoveTo:
						if len(outlines) > 0 {
							outlines.Close()
						}
						outlines.Move(at(a[0].X, a[0].Y))
					case sfnt.SegmentOpLineTo:
						outlines.Line(at(a[0].X, a[0].Y))
					case sfnt.SegmentOpQuadTo:
						outlines.QuadTo(at(a[0].X, a[0].Y), at(a[1].X, a[1].Y))
					case sfnt.SegmentOpCubeTo:
						outlines.CubeTo(at(a[0].X, a[0].Y), at(a[1].X, a[1].Y), at(a[2].X, a[2].Y))
					}
				}
			}
		}
		if adv, err := face.GlyphAdvance(&buf, idx, ppem, xfont.HintingNone); err == nil {
			pen += int(adv)
		}
		prev = idx
	}
	flush()
	if len(outlines) > 0 {
		outlines.Close()
	}
	return runs, outlines
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
