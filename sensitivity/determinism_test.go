package sensitivity

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// fingerprint writes every point of d and every number of an analysis
// of f on it as bytes.
func fingerprint(t *testing.T, d Design, f func([]float64) float64, workers int) []byte {
	t.Helper()
	var buf bytes.Buffer
	put := func(v float64) { binary.Write(&buf, binary.LittleEndian, math.Float64bits(v)) }
	putE := func(es [][]Estimate) {
		for _, row := range es {
			for _, e := range row {
				put(e.Value)
				put(e.Lo)
				put(e.Hi)
				put(e.SE)
			}
		}
	}
	for _, x := range Points(d) {
		for _, v := range x {
			put(v)
		}
	}
	y := evaluate(d, f)
	for i := range y { // a second output, so outputs are kept apart
		y[i] = append(y[i], y[i][0]*y[i][0])
	}
	b := Bootstrap{Resamples: 200, Workers: workers}
	switch d := d.(type) {
	case *SobolDesign:
		r, err := d.Analyze(y, b)
		if err != nil {
			t.Fatal(err)
		}
		putE(r.First)
		putE(r.Total)
		putE([][]Estimate{r.FirstSum})
		for m := range r.HalfFirst {
			for i := range r.HalfFirst[m] {
				put(r.HalfFirst[m][i])
				put(r.HalfTotal[m][i])
			}
		}
		for m := range r.Mean {
			put(r.Mean[m])
			put(r.Variance[m])
		}
	case *MorrisDesign:
		r, err := d.Analyze(y, b)
		if err != nil {
			t.Fatal(err)
		}
		putE(r.Mu)
		putE(r.MuStar)
		putE(r.Sigma)
	}
	return buf.Bytes()
}

// TestDeterminism checks that a design and its analysis are the same
// bytes for the same seed, whatever the number of bootstrap workers, and
// change with the seed.
func TestDeterminism(t *testing.T) {
	f := gFunction(gA[:4])
	params := unitParams(4)
	makers := []struct {
		name string
		make func(seed uint64) Design
	}{
		{"sobol-scrambled", func(seed uint64) Design { d, _ := NewSobol(params, SobolSettings{N: 64, Seed: seed}); return d }},
		{"sobol-plain", func(seed uint64) Design {
			d, _ := NewSobol(params, SobolSettings{N: 64, Sequence: PlainSobol, Seed: seed})
			return d
		}},
		{"sobol-random", func(seed uint64) Design {
			d, _ := NewSobol(params, SobolSettings{N: 64, Sequence: MonteCarlo, Seed: seed})
			return d
		}},
		{"morris", func(seed uint64) Design {
			d, _ := NewMorris(params, MorrisSettings{Trajectories: 12, Seed: seed})
			return d
		}},
		{"morris-campolongo", func(seed uint64) Design {
			d, _ := NewMorris(params, MorrisSettings{Trajectories: 12, Candidates: 40, Seed: seed})
			return d
		}},
	}
	for _, m := range makers {
		one := fingerprint(t, m.make(42), f, 1)
		if again := fingerprint(t, m.make(42), f, 1); !bytes.Equal(one, again) {
			t.Errorf("%s: two runs with seed 42 differ", m.name)
		}
		if three := fingerprint(t, m.make(42), f, 3); !bytes.Equal(one, three) {
			t.Errorf("%s: 1 and 3 bootstrap workers differ", m.name)
		}
		if other := fingerprint(t, m.make(43), f, 1); bytes.Equal(one, other) {
			t.Errorf("%s: seeds 42 and 43 give the same bytes", m.name)
		}
	}
}

// TestPointsInAnyOrder checks that a point does not depend on which points
// were generated before it, as a sharded or resumed run needs.
func TestPointsInAnyOrder(t *testing.T) {
	params := unitParams(5)
	s, _ := NewSobol(params, SobolSettings{N: 32, Sequence: MonteCarlo, Seed: 1})
	m, _ := NewMorris(params, MorrisSettings{Trajectories: 6, Candidates: 12, Seed: 1})
	for _, d := range []Design{s, m} {
		forward := Points(d)
		for i := d.Len() - 1; i >= 0; i -= 3 {
			if x := d.Point(i, nil); !sameSlice(x, forward[i]) {
				t.Fatalf("%T: point %d is %v backwards, %v forwards", d, i, x, forward[i])
			}
		}
	}
}
