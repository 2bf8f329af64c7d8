package dtm

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// Band is a prediction summarised over the forward runs: the median and
// the central band holding Options.Band of the runs.
type Band struct{ Median, Lo, Hi float64 }

// rowBand is regime g's prediction of row r: the people the points
// counted over the row's days, across the runs.
func (st *Study) rowBand(g int, r Row) Band {
	runs := st.Prediction.Runs[g]
	vals := make([]float64, len(runs))
	for k, fw := range runs {
		vals[k] = r.sum(pick(r.Direction, fw.Out, fw.In))
	}
	return st.band(vals)
}

func (st *Study) band(vals []float64) Band {
	a := float64((1 - st.Options.Band) / 2)
	q := quantiles(vals, 0.5, a, 1-a)
	return Band{q[0], q[1], q[2]}
}

// fitBand is calibration row ri as the accepted draws' calibration runs
// count it: their median and band.
func (st *Study) fitBand(j int) Band {
	cal := st.Calibration
	vals := make([]float64, len(cal.Accepted))
	for k, a := range cal.Accepted {
		vals[k] = cal.Counts[a][j]
	}
	return st.band(vals)
}

// Baseline is the naive prediction: the mean count per day over the
// calibration rows of direction d whose counts are exact, carried
// forward.
func (st *Study) Baseline(d Direction) float64 { return baseline(st.Rows, d) }

// baseline is Baseline over rows, in their order.
func baseline(rows []Row, d Direction) float64 {
	count, days := 0.0, 0
	for _, r := range rows {
		if r.Role == Fitted && r.Direction == d && !r.LowerBound {
			count += r.Count
			days += r.Days()
		}
	}
	if days == 0 {
		return math.NaN()
	}
	return count / float64(days)
}

// Score is how far one prediction is from the rows of one direction (or
// both, Direction -1) with a given role.
type Score struct {
	Role      Role
	Direction Direction // -1: both
	Rows      int
	// MeanAbsLog is the mean over rows of |ln(predicted / observed)|: 0.69
	// is off by a factor of two on average.
	MeanAbsLog float64
	// MeanAbs is the mean absolute difference, in people.
	MeanAbs float64
	// Inside counts the rows whose observation lies inside the band (the
	// model's; NaN for the baseline).
	Inside int
}

// Factor is exp(MeanAbsLog): the typical factor by which the prediction
// is off.
func (s Score) Factor() float64 { return portable.Exp(s.MeanAbsLog) }

// Scores compares the regime that happened (Options.Regime) and the
// baseline with the rows of role (Fitted or Predicted), by direction and
// for both together. For the fitted rows the model's value is the kept
// draws' calibration runs' (fitBand); lower bounds are left out.
func (st *Study) Scores(role Role) (model, baseline []Score) {
	g := st.regimeIndex(st.Options.Regime)
	for _, d := range []Direction{Outgoing, Incoming, -1} {
		m, b := Score{Role: role, Direction: d}, Score{Role: role, Direction: d}
		for i, r := range st.Rows {
			if r.Role != role || r.LowerBound || (d >= 0 && r.Direction != d) {
				continue
			}
			var band Band
			if role == Fitted {
				band = st.fitBand(calIndex(st.Calibration.Rows, i))
			} else {
				band = st.rowBand(g, r)
			}
			base := st.Baseline(r.Direction) * float64(r.Days())
			m.add(band.Median, r.Count, band)
			b.add(base, r.Count, Band{math.NaN(), math.NaN(), math.NaN()})
		}
		m.finish()
		b.finish()
		model, baseline = append(model, m), append(baseline, b)
	}
	return model, baseline
}

func calIndex(rows []int, i int) int {
	for j, ri := range rows {
		if ri == i {
			return j
		}
	}
	return -1
}

func (s *Score) add(pred, obs float64, band Band) {
	s.Rows++
	s.MeanAbsLog += math.Abs(portable.Log(math.Max(pred, 1) / math.Max(obs, 1)))
	s.MeanAbs += math.Abs(pred - obs)
	if obs >= band.Lo && obs <= band.Hi {
		s.Inside++
	}
}

func (s *Score) finish() {
	if s.Rows == 0 {
		s.MeanAbsLog, s.MeanAbs = math.NaN(), math.NaN()
		return
	}
	s.MeanAbsLog /= float64(s.Rows)
	s.MeanAbs /= float64(s.Rows)
}

func (st *Study) regimeIndex(name string) int {
	for g, r := range st.Prediction.Regimes {
		if r == name {
			return g
		}
	}
	return -1
}
