package dtm_test

import (
	"context"
	"fmt"
	"time"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/dtm"
	"github.com/borderwork/borderwork/scenarios"
)

// The rows of IOM's counts that a study of agadez2016 fits, predicts and
// leaves out, for a run of 2016 and 2017 that changes on 1 August 2016.
func ExampleObserve() {
	flows, _ := data.Flows()
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	rows, _ := dtm.Observe(flows, start, 731, 213, dtm.NigerExclusions())
	n := map[dtm.Role]int{}
	for _, r := range rows {
		n[r.Role]++
		if r.Role == dtm.Excluded || r.Role == dtm.Straddling {
			fmt.Println(r.Label(), r.Direction, r.Role)
		}
	}
	fmt.Println(n[dtm.Fitted], "fitted,", n[dtm.Predicted], "predicted,", n[dtm.Overlapped], "covered by finer rows")
	// Output:
	// 2016-07-01..2016-08-31 outgoing straddling
	// 2017-02 incoming excluded
	// 30 fitted, 18 predicted, 5 covered by finer rows
}

// A seeded calibration of agadez2016, small: eight draws, the two
// closest kept, and their prediction for the first days after the
// change under the regime that happened.
func ExampleRun() {
	s, _ := scenarios.Load("agadez2016")
	s.File.Days = 274 // to the end of September: a month after the change to score
	flows, _ := data.Flows()
	st, err := dtm.Run(context.Background(), s, flows, dtm.Options{
		Regimes: []string{"closed"}, Draws: 8, Accept: 2, Replicates: 1, Seed: 1, Exclude: dtm.NigerExclusions(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	cal := st.Calibration
	for _, k := range cal.Accepted {
		p := cal.Points[k]
		fmt.Printf("draw %d: level %.0f a day, amplitude %.2f, peak on day %.0f, distance %.3f\n", k, p.Level(), p.Amplitude(), p.PeakDay(), cal.Distance[k])
	}
	fw := st.Prediction.Runs[0][0]
	fmt.Printf("counted outgoing, 1-27 August 2016: %.0f\n", sum(fw.Out[213:240]))
	// Output:
	// draw 4: level 419 a day, amplitude 0.56, peak on day 259, distance 1.106
	// draw 0: level 459 a day, amplitude 0.81, peak on day 63, distance 1.268
	// counted outgoing, 1-27 August 2016: 6860
}

func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}
