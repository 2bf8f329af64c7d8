package figures

import (
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/portable"
	"gonum.org/v1/plot"
)

// LogOff is what a logarithmic axis cannot show, for a caption to say:
// a log axis has no place for 0 or less.
type LogOff struct {
	// Left is the values of 0 or less that are not drawn: lines' and
	// points' values (a gap in the line, a missing point), and band
	// spans whose upper end is 0 or less.
	Left int
	// Foot is the band spans whose lower end is 0 or less: the band is
	// drawn down to the foot of the axis, where it leaves the figure.
	Foot int
}

// LogY draws f, a TimeBands figure, on a logarithmic y axis: for values
// judged by ratios, where a linear axis makes a factor of three look small
// near 0 and large near the top. Nothing is drawn at 0 or below (a log
// axis has no such place): LogOff says what was left off and which band
// ends run to the axis's foot instead. The axis spans the values above 0,
// band ends included, with the headroom a linear axis has (yRange), and
// is labelled at 1, 10, 100, ... (and 2 and 5 between them where that
// gives too few labels), with unlabelled ticks between, and its label says
// "(logarithmic scale)". ok is false, and the axis left linear, if f is
// no TimeBands figure or has no value above 0.
func (f *Figure) LogY() (off LogOff, ok bool) {
	bp := f.bands
	if bp == nil {
		return LogOff{}, false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v float64) {
		if finite(v) && v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	for _, b := range bp.bands {
		for j := range b.X {
			lines := []float64{b.Mean[j]} // what is drawn as lines or points
			for _, rep := range b.Replicates {
				lines = append(lines, rep[j])
			}
			for _, v := range lines {
				see(v)
				if finite(v) && v <= 0 {
					off.Left++
				}
			}
			switch l, h := b.lo(j), b.hi(j); {
			case !finite(l) || !finite(h):
			case h <= 0:
				off.Left++
			case l <= 0:
				see(h)
				off.Foot++
			default:
				see(l)
				see(h)
			}
		}
	}
	if math.IsInf(lo, 0) {
		return LogOff{}, false
	}
	bp.logY = true
	f.yLabel += " (logarithmic scale)" // the axis says what it is
	f.p.Y.Tick.Marker = logTicker{}
	f.p.Y.Min, f.p.Y.Max = logRange(lo, hi)
	return off, true
}

// Log is v's natural logarithm, where a log axis places v: a figure
// drawn with its x (or y) values given as Log of the values, then
// LogAxisX (LogAxisY), shows them on a logarithmic axis. v must be above
// 0.
func Log(v float64) float64 { return logOf(v) }

// LogAxisX makes f's x axis logarithmic, for a figure drawn with its x
// values given as their logarithms (Log): ticked and labelled with the
// values as LogY's axis is (logTicker), its label saying so
// (logLabel). A sweep's Latin hypercube over a range drawn log-uniformly
// is drawn so.
func (f *Figure) LogAxisX() {
	f.xLabel = logLabel(f.xLabel)
	f.p.X.Tick.Marker = logTicker{}
}

// LogAxisY is LogAxisX for the y axis.
func (f *Figure) LogAxisY() {
	f.yLabel = logLabel(f.yLabel)
	f.p.Y.Tick.Marker = logTicker{}
}

// logLabel is an axis label saying its scale is logarithmic, inside the
// label's closing parenthesis of units if it has one: "rate (per day;
// logarithmic scale)", not "rate (per day) (logarithmic scale)".
func logLabel(label string) string {
	if strings.HasSuffix(label, ")") && strings.Contains(label, "(") {
		return strings.TrimSuffix(label, ")") + "; logarithmic scale)"
	}
	return label + " (logarithmic scale)"
}

// LogScaleY reports whether f's y axis is logarithmic (LogY).
func (f *Figure) LogScaleY() bool { return f.bands != nil && f.bands.logY }

// The log axis is a linear axis of the values' natural logarithms, ticked
// and labelled with the values (logTicker). It is not plot.LogScale: plot
// places the y axis's label by the scale's value halfway between the
// axis's ends (verticalAxis.GlyphBoxes), which on a log scale lies near
// the top, so that plot would leave room for a label that is not there
// above the data. Logarithms come from internal/portable, so that a
// point's place is the same bits on every machine (math.Log is assembly
// on amd64).
func logOf(v float64) float64 { return portable.Log(v) }

// logRange is the y axis range, in logarithms, of a log axis for positive
// data spanning [lo, hi]: 4% of the span beyond each end, as yRange
// leaves headroom, so that no value sits on the frame.
func logRange(lo, hi float64) (float64, float64) {
	if hi == lo {
		return logOf(lo / 2), logOf(hi * 2)
	}
	l, h := logOf(lo), logOf(hi)
	pad := 0.04 * (h - l)
	return l - pad, h + pad
}

// logTicker ticks a log axis, whose range lnLo to lnHi is in natural
// logarithms: at 1 to 9 times each power of ten within it, labelling the
// powers of ten as niceTicker labels ("1,000", "0.1"), and 2 and 5 times
// them too where the powers would give fewer than three labels; the
// others are unlabelled minor ticks. (plot.LogTicks labels only the
// powers of ten, as strconv's %g: "1e+06".) A range too narrow for two
// labels even so is labelled at niceTicker's ticks instead.
type logTicker struct{}

func (logTicker) Ticks(lnLo, lnHi float64) []plot.Tick {
	if !(lnHi > lnLo) || math.IsInf(lnLo, 0) || math.IsInf(lnHi, 0) {
		return nil
	}
	lo, hi := portable.Exp(lnLo), portable.Exp(lnHi)
	// The power of ten at or below lo, found exactly (math.Log10 may be
	// a bit off on another machine; Pow10 is exact).
	first := int(math.Floor(math.Log10(lo)))
	for math.Pow10(first) > lo {
		first--
	}
	for math.Pow10(first+1) <= lo {
		first++
	}
	const tol = 1e-9
	ticks := func(labelled ...int) (ticks []plot.Tick, labels int) {
		for e := first; math.Pow10(e) <= hi*(1+tol); e++ {
			for m := 1; m <= 9; m++ {
				v := float64(m) * math.Pow10(e)
				if v < lo*(1-tol) || v > hi*(1+tol) {
					continue
				}
				t := plot.Tick{Value: math.Min(math.Max(logOf(v), lnLo), lnHi)} // on the axis, as niceTicker's
				if slices.Contains(labelled, m) {
					t.Label = formatNumber(v, max(0, -e))
					labels++
				}
				ticks = append(ticks, t)
			}
		}
		return ticks, labels
	}
	out, n := ticks(1)
	if n < 3 {
		out, n = ticks(1, 2, 5)
	}
	if n < 2 {
		out = niceTicker{}.Ticks(lo, hi)
		for i := range out {
			out[i].Value = math.Min(math.Max(logOf(out[i].Value), lnLo), lnHi) // on the axis, after the round trip through Exp
		}
	}
	return out
}
