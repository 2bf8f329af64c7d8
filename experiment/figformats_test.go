package experiment

import (
	"slices"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// TestRecordedFormats: what each kind of manifest says its figures are
// drawn in. An empty list of formats means no figures only where the
// manifest says so (NoFigures); a shard written before formats were
// recorded is merged in every format, as it was then, and a whole folder
// of that time in the formats of its figure files.
func TestRecordedFormats(t *testing.T) {
	shard := &output.SweepInfo{Shard: "0/2"}
	for _, tc := range []struct {
		name string
		m    output.Manifest
		want []string
	}{
		{"recorded", output.Manifest{FigureOptions: &output.FigureOptions{Formats: []string{"svg"}}}, []string{"svg"}},
		// A manifest edited by hand to list a format twice draws it once.
		{"recorded twice", output.Manifest{FigureOptions: &output.FigureOptions{Formats: []string{"svg", "png", "svg", "png"}}}, []string{"svg", "png"}},
		{"recorded none", output.Manifest{FigureOptions: &output.FigureOptions{NoFigures: true}}, nil},
		{"shard, recorded none", output.Manifest{Sweep: shard, FigureOptions: &output.FigureOptions{NoFigures: true}}, nil},
		{"shard, recorded svg", output.Manifest{Sweep: shard, FigureOptions: &output.FigureOptions{Formats: []string{"svg"}}}, []string{"svg"}},
		{"old shard", output.Manifest{Sweep: shard, FigureOptions: &output.FigureOptions{Bands: "percentile"}}, figures.Formats()},
		{"old shard without options", output.Manifest{Sweep: shard}, figures.Formats()},
		{"old folder", output.Manifest{FigureOptions: &output.FigureOptions{Bands: "percentile"},
			Figures: []output.Checked{{File: "figures/trapped.pdf"}, {File: "figures/trapped.png"}}}, []string{"pdf", "png"}},
		{"old folder without figures", output.Manifest{}, nil},
	} {
		if got := RecordedFormats(&tc.m); !slices.Equal(got, tc.want) {
			t.Errorf("%s: RecordedFormats = %q, want %q", tc.name, got, tc.want)
		}
	}
	var o output.FigureOptions
	if o.SetFormats(nil); !o.NoFigures || len(o.Formats) != 0 {
		t.Errorf("SetFormats(nil) = %+v, want NoFigures", o)
	}
	if o.SetFormats([]string{"png"}); o.NoFigures || !slices.Equal(o.Formats, []string{"png"}) {
		t.Errorf("SetFormats(png) = %+v", o)
	}
}

// TestRecordedOptionsHoldEachNameOnce: the figure options a folder
// records, and those a plot changes them to, list each metric, regime and
// format once, in the order first listed: a name listed twice would draw
// its figure files twice and list them twice.
func TestRecordedOptionsHoldEachNameOnce(t *testing.T) {
	m := output.Manifest{FigureOptions: &output.FigureOptions{Bands: output.BandsCI, Size: "single",
		Metrics: []string{"deaths", "abuse_events", "deaths"}, Regimes: []string{"closed", "closed", "open"}, Formats: []string{"png", "png"}}}
	check := func(what string, o output.FigureOptions, metrics, regimes []string) {
		t.Helper()
		if !slices.Equal(o.Metrics, metrics) || !slices.Equal(o.Regimes, regimes) || !slices.Equal(o.Formats, []string{"png"}) || o.Bands != output.BandsCI || o.Size != "single" {
			t.Errorf("%s = %+v; want metrics %q, regimes %q, formats [png]", what, o, metrics, regimes)
		}
	}
	check("RecordedFigureOptions", *RecordedFigureOptions(&m), []string{"deaths", "abuse_events"}, []string{"closed", "open"})
	check("Source.Options", Source{Manifest: &m}.Options(), []string{"deaths", "abuse_events"}, []string{"closed", "open"})
	ch := FigureChange{Metrics: []string{"peak_trapped", "peak_trapped"}, Regimes: []string{"open", "open"}}
	check("FigureChange.apply", ch.apply(Source{Manifest: &m}.Options()), []string{"peak_trapped"}, []string{"open"})
	if got := m.FigureOptions.Metrics; len(got) != 3 {
		t.Errorf("reading the options changed the manifest's: %q", got)
	}
}
