package figures

import (
	"math"
)

// Sample data for tests and examples: smooth closed-form curves, so the
// figures look like borderwork's without depending on the simulator.

var regimes = []string{"open", "closed", "malfunctioning", "hbm"}

var sampleCaption = Caption{Scenario: "sahel", Seed: 20181001, Reps: 20}

// sampleBands returns one band per regime of migrants trapped per day.
func sampleBands() []Band {
	const days = 181
	var bands []Band
	for r, name := range regimes {
		b := Band{Label: name}
		level := []float64{150, 5200, 3100, 2400}[r]
		for d := 0; d < days; d++ {
			t := float64(d)
			m := level * (1 - math.Exp(-t/(25+10*float64(r)))) * (1 + 0.08*math.Sin(t/9+float64(r)))
			w := 0.06*m + 30
			b.X = append(b.X, t)
			b.Mean = append(b.Mean, m)
			b.Lo = append(b.Lo, math.Max(0, m-w))
			b.Hi = append(b.Hi, m+w)
		}
		bands = append(bands, b)
	}
	return bands
}

// sampleGroups returns, per regime, the share of migrants harmed by cause.
func sampleGroups() []Group {
	causes := []string{"extortion by smuggler", "detention", "death in desert", "pushback", "abandoned"}
	var gs []Group
	for r, name := range regimes {
		g := Group{Label: name}
		for c, cause := range causes {
			m := 0.02 + 0.03*float64((r*7+c*3)%11)
			b := Bar{Label: cause, Mean: m, Lo: m * 0.8, Hi: m * 1.2}
			if r == 0 && c == 4 {
				b.Lo, b.Hi = math.NaN(), math.NaN() // a single replicate: no error bar
			}
			g.Bars = append(g.Bars, b)
		}
		gs = append(gs, g)
	}
	return gs
}

// sampleGrid returns a sweep of patrol intensity (x) by smuggler price (y)
// with one NaN cell (a sweep point that failed).
func sampleGrid(diverging bool) (x, y []float64, z [][]float64) {
	x = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}
	y = []float64{250, 500, 1000, 1500, 2000, 3000}
	for j, yv := range y {
		row := make([]float64, len(x))
		for i, xv := range x {
			v := 12000 * xv * (1 - 0.6*yv/3000)
			if diverging {
				v = 4000 * math.Sin(3*xv-1) * (yv/3000 - 0.3)
			}
			row[i] = v
		}
		if j == 2 {
			row[7] = math.NaN()
		}
		z = append(z, row)
	}
	return x, y, z
}
