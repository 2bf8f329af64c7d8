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

// sampleReplicateBands returns bands with n replicates each, their mean
// and the range of the replicates as the band.
func sampleReplicateBands(n int) []Band {
	bands := sampleBands()
	for bi := range bands {
		b := &bands[bi]
		for r := range n {
			rep := make([]float64, len(b.X))
			for j := range rep {
				rep[j] = math.Max(0, b.Mean[j]*(1+0.15*math.Sin(float64(j)/7+float64(r*3+bi))))
			}
			b.Replicates = append(b.Replicates, rep)
		}
		for j := range b.X {
			lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
			for _, rep := range b.Replicates {
				lo, hi, sum = math.Min(lo, rep[j]), math.Max(hi, rep[j]), sum+rep[j]
			}
			b.Mean[j], b.Lo[j], b.Hi[j] = sum/float64(n), lo, hi
		}
	}
	return bands
}

// sampleDotGroups returns abuse counts by kind, with each replicate's
// value; the first group (open) has none at all.
func sampleDotGroups() []Group {
	kinds := []string{"extortion by smugglers", "extortion by officials", "violence by smugglers",
		"violence by officials", "abandonment by smugglers", "kidnap by smugglers"}
	var gs []Group
	for r, name := range regimes[1:] {
		g := Group{Label: name, Style: r + 2}
		for k, kind := range kinds {
			m := float64(200 + 900*((r*5+k*7)%6))
			b := Bar{Label: kind, Mean: m, Lo: m * 0.8, Hi: m * 1.15}
			for i := range 5 {
				b.Values = append(b.Values, m*(0.82+0.08*float64((i*3+k)%5)))
			}
			g.Bars = append(g.Bars, b)
		}
		gs = append(gs, g)
	}
	return gs
}

// sampleShares returns a 4 × 4 binned map of shares with the points per
// cell, one cell empty.
func sampleShares() (x, y []float64, z [][]float64, n [][]int) {
	x = []float64{0.125, 0.375, 0.625, 0.875}
	y = []float64{0.25, 0.75, 1.25, 1.75}
	for r := range y {
		zr, nr := make([]float64, len(x)), make([]int, len(x))
		for c := range x {
			nr[c] = 1 + (r*3+c*5)%4
			zr[c] = float64((r+c)%(nr[c]+1)) / float64(nr[c])
		}
		z, n = append(z, zr), append(n, nr)
	}
	z[2][1], n[2][1] = math.NaN(), 0
	return x, y, z, n
}

// samplePoints returns 40 points of a Latin hypercube over two keys with
// a smooth value.
func samplePoints() (x, y, z []float64) {
	for i := range 40 {
		u := (float64(i) + 0.5) / 40
		v := (float64((i*17)%40) + 0.5) / 40
		x = append(x, 0.3*u)
		y = append(y, 0.2+1.6*v)
		z = append(z, 150000*u*(0.5+v)+12000)
	}
	return x, y, z
}

// sampleSeries returns two regimes' values at 30 points.
func sampleSeries() []Series {
	var out []Series
	for r, name := range []string{"closed", "malfunctioning"} {
		s := Series{Label: name, Style: r + 2}
		for i := range 30 {
			d := float64((i*13)%30) + 1
			s.X = append(s.X, d)
			s.Y = append(s.Y, float64(40+r*25)+3*d*float64(r)+10*math.Sin(float64(i)))
		}
		out = append(out, s)
	}
	return out
}
