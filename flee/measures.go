package flee

import "math"

// Measure is one of Flee's three error measures of a simulated camp
// population against the observed one (FLEE-FORMAT.md §3.8). Each is a
// sum over camps of a per-camp term, computed day by day; a run's figure
// is the mean over its days.
type Measure int

// The measures.
const (
	// Rescaled is FabFlee's validate_flee "Error (rescaled)": each day the
	// simulated camp populations are first scaled to the observed total,
	// so that only their distribution over camps counts; then the sum of
	// absolute differences over the observed total. It is what Flee's
	// source calls the averaged relative difference (ARD): its
	// plot_flee_output.py labels this error graph so, and FabFlee's
	// validate_flee returns it (docs/VALIDATION.md, "The measures").
	Rescaled Measure = iota
	// Normal is extract-validation-results.py's "Error (normal)": the sum
	// of absolute differences over the observed total (at least 1).
	Normal
	// Total is run.py's "Total error": the sum of absolute differences over
	// the raw UNHCR count (with sum_from_camps, the total series on day 0
	// plus every series of the camps on the day, their day 0 included: a
	// quirk of Flee's day-0 sum; Case.Raw), 0 on days when that count is
	// 0 or less.
	Total
	NumMeasures
)

var measureNames = [...]string{"rescaled", "normal", "total"}

func (m Measure) String() string { return measureNames[m] }

// Doc says what the measure is, for reports (FLEE-FORMAT.md §3.8).
func (m Measure) Doc() string { return measureDocs[m] }

var measureDocs = [...]string{
	"Flee's averaged relative difference (ARD) as FabFlee's validation reports it: each day the simulated camp populations are scaled to the observed total, so that only their spread over camps counts, then the sum of absolute differences over the observed total",
	"the same without rescaling (FabFlee's mode=normal): the sum over camps of the absolute differences between simulated and observed populations, over the observed total",
	"Flee's run.py total error, which Flee's docs call the day's average relative error: the same sum over the raw UNHCR count of the day (0 on days that count is 0)",
}

// DayErrors returns, for one day, each camp's term of the three measures:
// terms[m][c]. The day's error by measure m is the sum of terms[m] over
// camps. sim and obs are the simulated and observed populations of each
// camp; raw is run.py's raw UNHCR count of that day.
func DayErrors(sim, obs []float64, raw float64) (terms [NumMeasures][]float64) {
	var simTotal, obsTotal float64
	for c := range sim {
		simTotal += sim[c]
		obsTotal += obs[c]
	}
	scale := 0.0 // extract-validation-results.py: rescaled values are 0 when nothing is simulated in camps
	if simTotal > 0 {
		scale = obsTotal / simTotal
	}
	den := math.Max(obsTotal, 1)
	for m := range terms {
		terms[m] = make([]float64, len(sim))
	}
	for c := range sim {
		diff := math.Abs(sim[c] - obs[c])
		terms[Rescaled][c] = math.Abs(float64(sim[c]*scale)-obs[c]) / den
		terms[Normal][c] = diff / den
		if raw > 0 {
			terms[Total][c] = diff / raw
		}
	}
	return terms
}

// Errors is one run's error series: Errors[m][day] is the day's error by
// measure m, the sum of DayErrors over camps.
type Errors [NumMeasures][]float64

// RunErrors computes the error series of one run. sim and obs are
// indexed [camp][day]; raw by day.
func RunErrors(sim, obs [][]float64, raw []float64) Errors {
	var e Errors
	days := len(raw)
	for m := range e {
		e[m] = make([]float64, days)
	}
	s, o := make([]float64, len(sim)), make([]float64, len(sim))
	for t := 0; t < days; t++ {
		for c := range sim {
			s[c], o[c] = sim[c][t], obs[c][t]
		}
		terms := DayErrors(s, o, raw[t])
		for m := range e {
			for _, v := range terms[m] {
				e[m][t] += v
			}
		}
	}
	return e
}

// Mean is the mean over days of a run's error by measure m: the number
// Flee and FabFlee report for a run.
func (e Errors) Mean(m Measure) float64 {
	sum := 0.0
	for _, v := range e[m] {
		sum += v
	}
	return sum / float64(len(e[m]))
}
