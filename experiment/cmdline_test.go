package experiment_test

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestFigureArgs: the figure flags a command line records are those of
// the options that differ from the defaults, in the order --bands,
// --size, --formats, and BaseCommandLine takes them off again.
func TestFigureArgs(t *testing.T) {
	const base = `borderwork compare classroom --seed 2018 --days 40 --reps 2 --regimes open,closed --set "origins.Village.name=a b"`
	// A quoted argument that ends like figure flags is one argument,
	// quoted as this borderwork quotes it (single quotes, one written
	// '\'' inside them) or as an earlier one did (Go's double quotes).
	const tricky = `borderwork compare classroom --seed 2018 --days 40 --reps 2 --regimes open --set "origins.Village.name=x --bands ci"`
	const single = `borderwork compare classroom --seed 2018 --days 40 --reps 2 --regimes open --set 'origins.Village.name=x --size single' --set 'origins.Village.name=it'\''s --bands ci'`
	for _, c := range []struct {
		o    *output.FigureOptions
		want string // the flags after base
	}{
		{nil, ""},
		{&output.FigureOptions{}, ""},
		{&output.FigureOptions{Bands: "percentile", Size: "double", Formats: []string{"png", "svg", "pdf"}}, ""},
		{&output.FigureOptions{Bands: "ci"}, "--bands ci"},
		{&output.FigureOptions{Bands: "percentile", Size: "single"}, "--size single"},
		{&output.FigureOptions{Bands: "replicates", Size: "single", Formats: []string{"svg"}}, "--bands replicates --size single --formats svg"},
		{&output.FigureOptions{Formats: []string{"pdf", "png", "svg"}}, "--formats pdf,png,svg"},
		{&output.FigureOptions{NoFigures: true}, `--formats ''`},
		// A sweep's figure metrics and regimes, as plot chose them.
		{&output.FigureOptions{Metrics: []string{"arrivals", "abuse_events"}, Regimes: []string{"closed"}}, "--figure-metrics arrivals,abuse_events --figure-regimes closed"},
		{&output.FigureOptions{Bands: "ci", Formats: []string{"png"}, Regimes: []string{"closed", "hbm"}}, "--bands ci --formats png --figure-regimes closed,hbm"},
	} {
		got := runs.WithFigureArgs(base, c.o)
		for _, b := range []string{base, tricky, single} {
			if got := experiment.BaseCommandLine(runs.WithFigureArgs(b, c.o)); got != b {
				t.Errorf("BaseCommandLine(runs.WithFigureArgs(%q, %+v)) = %q; want %q", b, c.o, got, b)
			}
		}
		want := strings.TrimSpace(base + " " + c.want)
		if got != want {
			t.Errorf("runs.WithFigureArgs(%+v) = %q; want %q", c.o, got, want)
		}
		if b := experiment.BaseCommandLine(got); b != base {
			t.Errorf("BaseCommandLine(%q) = %q; want %q", got, b, base)
		}
	}
}
