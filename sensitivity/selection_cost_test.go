package sensitivity

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var selectionCostFlag = flag.Bool("selection-cost", false, "measure what choosing Morris trajectories for their spread costs with 20 and 103 parameters too (about 20 s), as docs/SENSITIVITY.md quotes it")

// selectionCost is what keeping Morris trajectories for their spread
// (Campolongo et al. 2007) does to µ* and its intervals, on Sobol's G
// function: the share of the kept and of random designs' coordinates at
// 0 or 1; µ*'s bias, the mean over designs against the µ* of 20,000
// random trajectories, on average over the parameters and its lowest and
// highest; and the share of the cases (parameters × designs) whose 95%
// interval holds that µ*, with 20 trajectories kept out of 100 (cover)
// and with 20 drawn at random (plainCover). A parameter's own share of
// designs is not quoted: over 40 designs its binomial noise alone spans
// 80% to 100% of a 93% coverage.
type selectionCost struct {
	edgeKept, edgeRandom     float64
	biasMean                 float64
	bias                     [2]float64 // lowest and highest over the parameters
	cover, plainCover        float64
	plainCases, plainCovered int
}

// measureSelectionCost measures it with k parameters, a = (0, 1, 4.5, 9,
// 99, 99, ...), over designs seeded 1 to designs, the reference's seed 0.
func measureSelectionCost(t *testing.T, k, designs int) selectionCost {
	a := make([]float64, k)
	for i := range a {
		a[i] = 99
	}
	copy(a, []float64{0, 1, 4.5, 9})
	f := gFunction(a)
	params := unitParams(k)
	ref, err := NewMorris(params, MorrisSettings{Trajectories: 20000, Seed: 0})
	if err != nil {
		t.Fatal(err)
	}
	rr, err := ref.Analyze(evaluate(ref, f), Bootstrap{Resamples: 2})
	if err != nil {
		t.Fatal(err)
	}
	var c selectionCost
	for _, candidates := range []int{100, 0} {
		mean := make([]float64, k)
		var edge, all, covered int
		for seed := range designs {
			d, err := NewMorris(params, MorrisSettings{Trajectories: 20, Candidates: candidates, Seed: uint64(seed + 1)})
			if err != nil {
				t.Fatal(err)
			}
			x := make([]float64, k)
			for i := range d.Len() {
				for _, u := range d.Unit(i, x) {
					all++
					if u == 0 || u == 1 {
						edge++
					}
				}
			}
			r, err := d.Analyze(evaluate(d, f), Bootstrap{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			for i := range k {
				e, want := r.MuStar[0][i], rr.MuStar[0][i].Value
				mean[i] += e.Value / float64(designs)
				if e.Lo <= want && want <= e.Hi {
					covered++
				}
			}
		}
		if candidates == 0 {
			c.edgeRandom, c.plainCases, c.plainCovered = float64(edge)/float64(all), k*designs, covered
			c.plainCover = float64(covered) / float64(k*designs)
			continue
		}
		c.bias = [2]float64{math.Inf(1), math.Inf(-1)}
		for i := range mean {
			b := mean[i]/rr.MuStar[0][i].Value - 1
			c.biasMean += b / float64(k)
			c.bias[0], c.bias[1] = math.Min(c.bias[0], b), math.Max(c.bias[1], b)
		}
		c.edgeKept, c.cover = float64(edge)/float64(all), float64(covered)/float64(k*designs)
	}
	return c
}

// overstates says how much kept trajectories overstate µ*: on average, and
// the lowest and highest over the parameters.
func (c selectionCost) overstates() string {
	return fmt.Sprintf("%.0f%% (%.0f%% to %.0f%%)", 100*c.biasMean, 100*c.bias[0], 100*c.bias[1])
}

func pc(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

// TestSelectionCostDoc measures what docs/SENSITIVITY.md, "What the
// choice costs", quotes: with 8 parameters always, with 20 and 103 (the
// classroom's) given -selection-cost.
func TestSelectionCostDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/SENSITIVITY.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	c8 := measureSelectionCost(t, 8, 200)
	want := []string{
		fmt.Sprintf("a share %.2f of the coordinates at 0 or 1 against %.2f", c8.edgeKept, c8.edgeRandom),
		fmt.Sprintf("overstate it by %.0f%% on average over the parameters (%.0f%% to %.0f%%, by parameter) with 8 parameters", 100*c8.biasMean, 100*c8.bias[0], 100*c8.bias[1]),
		fmt.Sprintf("hold the random-design µ* in %s of the cases (parameters × designs) with 8 parameters", pc(c8.cover)),
	}
	if *selectionCostFlag {
		c20, c103 := measureSelectionCost(t, 20, 200), measureSelectionCost(t, 103, 40)
		plain := float64(c8.plainCovered+c20.plainCovered+c103.plainCovered) / float64(c8.plainCases+c20.plainCases+c103.plainCases)
		t.Logf("without choosing: %s, %s and %s of the cases with 8, 20 and 103 parameters", pc(c8.plainCover), pc(c20.plainCover), pc(c103.plainCover))
		want = append(want,
			fmt.Sprintf("%s with 20 and %s with 103", c20.overstates(), c103.overstates()),
			fmt.Sprintf("%s with 20 and %s with 103", pc(c20.cover), pc(c103.cover)),
			fmt.Sprintf("intervals held it in %s of the cases", pc(plain)))
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("docs/SENSITIVITY.md, \"What the choice costs\", does not say %q", w)
		}
	}
}
