package flee

import (
	"fmt"
	"math"
	"testing"
)

func TestDayErrors(t *testing.T) {
	tests := []struct {
		name          string
		sim, obs      []float64
		raw           float64
		rescaled, nor float64
		total         float64
	}{
		// 300 simulated against 100 observed: rescaled, the simulation is
		// the observed distribution exactly.
		{"scaled copy", []float64{30, 270}, []float64{10, 90}, 200, 0, 200.0 / 100, 200.0 / 200},
		// Same total, wrong distribution: |60-10| + |40-90| = 100 over 100.
		{"misplaced", []float64{60, 40}, []float64{10, 90}, 400, 1, 1, 100.0 / 400},
		// Nothing in camps: rescaled values are 0 (Flee's rule), so the
		// rescaled error is the observed total over itself.
		{"empty camps", []float64{0, 0}, []float64{10, 90}, 100, 1, 1, 1},
		// Nothing observed: the denominator is at least 1; a raw count of 0
		// gives a total error of 0, as run.py writes it.
		{"nothing observed", []float64{2, 0}, []float64{0, 0}, 0, 0, 2, 0},
	}
	for _, tt := range tests {
		terms := DayErrors(tt.sim, tt.obs, tt.raw)
		sum := func(m Measure) float64 {
			s := 0.0
			for _, x := range terms[m] {
				s += x
			}
			return s
		}
		for _, c := range []struct {
			m    Measure
			want float64
		}{{Rescaled, tt.rescaled}, {Normal, tt.nor}, {Total, tt.total}} {
			if got := sum(c.m); math.Abs(got-c.want) > 1e-12 {
				t.Errorf("%s: %s error = %g; want %g", tt.name, c.m, got, c.want)
			}
		}
	}
}

func TestRunErrors(t *testing.T) {
	sim := [][]float64{{10, 20, 30}, {0, 10, 10}}
	obs := [][]float64{{10, 10, 10}, {0, 10, 30}}
	raw := []float64{10, 20, 0}
	e := RunErrors(sim, obs, raw)
	wantNormal := []float64{0, 10.0 / 20, 40.0 / 40}
	wantTotal := []float64{0, 10.0 / 20, 0}
	for d := range raw {
		if math.Abs(e[Normal][d]-wantNormal[d]) > 1e-12 || math.Abs(e[Total][d]-wantTotal[d]) > 1e-12 {
			t.Errorf("day %d: normal %g, total %g; want %g, %g", d, e[Normal][d], e[Total][d], wantNormal[d], wantTotal[d])
		}
	}
	if got, want := e.Mean(Normal), (0+0.5+1)/3.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("Mean(Normal) = %g; want %g", got, want)
	}
}

// ExampleDayErrors compares one day of two camps with the observed
// registrations: the simulation puts too many in the first camp.
func ExampleDayErrors() {
	sim := []float64{600, 300} // agents in each camp at the end of the day
	obs := []float64{400, 600} // UNHCR registrations that day
	raw := 1200.0              // run.py's raw UNHCR count that day
	terms := DayErrors(sim, obs, raw)
	for m := range NumMeasures {
		sum := 0.0
		for _, x := range terms[m] {
			sum += x
		}
		fmt.Printf("%-8s %.3f\n", m, sum)
	}
	// Output:
	// rescaled 0.533
	// normal   0.500
	// total    0.417
}
