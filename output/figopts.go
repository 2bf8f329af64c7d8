package output

import "slices"

// What a figure's bands and error bars show (output.FigureOptions.Bands).
const (
	// BandsPercentile, the default, shows the middle 95% of replicates:
	// from the 2.5th to the 97.5th percentile of their values (linear
	// interpolation between order statistics), so a band of counts
	// never goes below 0 and shows how far single runs stray, which a
	// reader of a figure of counts usually asks. With few replicates it
	// is nearly their range.
	BandsPercentile = "percentile"
	// BandsReplicates draws each replicate thinly (lines, or dots on a
	// bar) under the mean, and no band.
	BandsReplicates = "replicates"
	// BandsCI shows the 95% confidence interval of the mean (Student's
	// t, as stats.csv gives it): how precisely the replicates pin down
	// the mean, not how far runs spread. It can go below 0; the figures,
	// all of counts, cut it there (countSpread) and say so.
	BandsCI = "ci"
)

// BandChoices lists the band choices, default first.
var BandChoices = []string{BandsPercentile, BandsReplicates, BandsCI}

// DefaultFigureOptions are the figure options of a folder that records
// none.
func DefaultFigureOptions() FigureOptions {
	return FigureOptions{Bands: BandsPercentile, Size: DefaultFigureSize}
}

// DefaultFigureSize is the figures' default size (FigureOptions.Size):
// two journal columns wide, the size output/figures calls Double.
const DefaultFigureSize = "double"

// figureFormats are the formats figures are drawn in, each by default.
var figureFormats = []string{"png", "svg", "pdf"}

// FigureFormats lists the formats figures are drawn in
// (FigureOptions.Formats), in the order drawn: what output/figures
// writes, and every one unless a command asks for fewer.
func FigureFormats() []string { return slices.Clone(figureFormats) }
