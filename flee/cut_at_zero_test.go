package flee

import (
	"bytes"
	"testing"

	"github.com/borderwork/borderwork/output/figures/figtest"
)

// TestBandsCutAtZero: with few replicates the 95% interval of a camp's
// mean population, or of an error measure, can reach below 0 (two
// replicates: t = 12.7); the figures draw such a band from 0, as compare's
// and claim's figures of counts do, rather than show negative refugees.
func TestBandsCutAtZero(t *testing.T) {
	v := toyValidation("open")
	d := v.FigureData()
	d.Simulated[0].Lo[3] = -40
	d.Errors[Rescaled].Lo[2] = -0.1
	cut := v.FigureData()
	cut.Simulated[0].Lo[3] = 0
	cut.Errors[Rescaled].Lo[2] = 0
	caption := v.Caption()
	got, err := d.CampFigure(0, "open", caption)
	if err != nil {
		t.Fatal(err)
	}
	want, err := cut.CampFigure(0, "open", caption)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(figtest.SVG(t, got), figtest.SVG(t, want)) {
		t.Error("a camp's band reaching below 0 is not drawn from 0")
	}
	gotE, err := d.ErrorFigure(caption)
	if err != nil {
		t.Fatal(err)
	}
	wantE, err := cut.ErrorFigure(caption)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(figtest.SVG(t, gotE), figtest.SVG(t, wantE)) {
		t.Error("an error band reaching below 0 is not drawn from 0")
	}
	if d.Simulated[0].Lo[3] != -40 {
		t.Error("drawing changed the data's interval, which validation.csv keeps as computed")
	}
}
