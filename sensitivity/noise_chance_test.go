package sensitivity

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestAboveNoiseByChanceDoc measures what docs/SENSITIVITY.md, "'Above
// noise' is tested one parameter and output at a time", quotes: in pure
// noise (every run an independent standard normal draw, so no parameter
// has an effect), 10 parameters, 20 trajectories drawn at random, designs
// seeded 1 to 200, how often the lower end of a parameter's µ* interval
// lies above its own (paired) noise level, as gsa's "above noise" tests
// it, and above the pooled noise floor, with 2 and with 4 replicates.
func TestAboveNoiseByChanceDoc(t *testing.T) {
	const k, designs = 10, 200
	rate := func(reps int) (paired, pooled float64) {
		var above, abovePooled int
		for seed := range uint64(designs) {
			d, err := NewMorris(unitParams(k), MorrisSettings{Trajectories: 20, Seed: seed + 1})
			if err != nil {
				t.Fatal(err)
			}
			st := rand.New(sim.NewStream(seed+1, "test/noise").Source())
			y := make([][][]float64, d.Len())
			for i := range y {
				y[i] = make([][]float64, reps)
				for r := range y[i] {
					y[i][r] = []float64{st.NormFloat64()}
				}
			}
			res, err := d.AnalyzeReplicates(y, Bootstrap{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			floor, err := d.PairedNoiseFloor(y)
			if err != nil {
				t.Fatal(err)
			}
			for i := range k {
				lo := res.MuStar[0][i].Lo
				if lo > floor[0][i] {
					above++
				}
				if lo > res.NoiseFloor[0] {
					abovePooled++
				}
			}
		}
		return float64(above) / (k * designs), float64(abovePooled) / (k * designs)
	}
	p2, q2 := rate(2)
	p4, q4 := rate(4)
	doc, err := os.ReadFile("../docs/SENSITIVITY.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	want := fmt.Sprintf("came out above noise %.1f%% of the time with 2 replicates and %.1f%% with 4, where the one-sided 2.5%% the bound suggests would be met against the pooled noise floor (%.1f%% and %.1f%%)",
		100*p2, 100*p4, 100*q2, 100*q4)
	if !strings.Contains(text, want) {
		t.Errorf("docs/SENSITIVITY.md does not say %q", want)
	}
}
