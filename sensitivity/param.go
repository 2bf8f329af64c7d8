package sensitivity

import (
	"fmt"
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// Dist is how a parameter's values are spread over its range. A design
// works in the unit cube; Param.Value maps a unit coordinate u in [0, 1]
// to the parameter's scale by the distribution's quantile function.
type Dist int

const (
	// Uniform spreads values evenly over [Lo, Hi]: x = Lo + u(Hi − Lo).
	Uniform Dist = iota
	// LogUniform spreads values evenly over [log Lo, log Hi]:
	// x = Lo·(Hi/Lo)^u. For rates that span orders of magnitude; needs
	// 0 < Lo.
	LogUniform
)

var distNames = [...]string{Uniform: "uniform", LogUniform: "loguniform"}

func (d Dist) String() string {
	if d < 0 || int(d) >= len(distNames) {
		return fmt.Sprintf("Dist(%d)", int(d))
	}
	return distNames[d]
}

// ParseDist reads a distribution's name as String writes it.
func ParseDist(s string) (Dist, error) {
	for i, name := range distNames {
		if s == name {
			return Dist(i), nil
		}
	}
	return 0, fmt.Errorf("unknown distribution %q (want uniform or loguniform)", s)
}

// Param is one input of a sensitivity experiment: a named range of values.
type Param struct {
	Name    string
	Lo, Hi  float64
	Integer bool // takes whole numbers only: each whole number in [Lo, Hi] is equally likely
	Dist    Dist // Uniform unless set
}

// Validate reports what is wrong with the parameter, if anything.
func (p Param) Validate() error {
	switch {
	case p.Name == "":
		return fmt.Errorf("a parameter has no name")
	case math.IsNaN(p.Lo) || math.IsInf(p.Lo, 0) || math.IsNaN(p.Hi) || math.IsInf(p.Hi, 0):
		return fmt.Errorf("parameter %s: range [%v, %v] is not finite", p.Name, p.Lo, p.Hi)
	case !(p.Lo < p.Hi):
		return fmt.Errorf("parameter %s: range [%v, %v] is empty: want lo < hi", p.Name, p.Lo, p.Hi)
	case p.Dist != Uniform && p.Dist != LogUniform:
		return fmt.Errorf("parameter %s: unknown distribution %v", p.Name, p.Dist)
	case p.Dist == LogUniform && p.Lo <= 0:
		return fmt.Errorf("parameter %s: a log-uniform range needs lo > 0, got %v", p.Name, p.Lo)
	case p.Dist == LogUniform && p.Integer:
		return fmt.Errorf("parameter %s: integer parameters are uniform only", p.Name)
	case p.Integer && p.wholeCount() < 2:
		return fmt.Errorf("parameter %s: range [%v, %v] holds fewer than two whole numbers", p.Name, p.Lo, p.Hi)
	}
	return nil
}

// wholeCount is the number of whole numbers in [Lo, Hi].
func (p Param) wholeCount() float64 {
	return math.Floor(p.Hi) - math.Ceil(p.Lo) + 1
}

// Value maps a unit coordinate u in [0, 1] to the parameter's scale. For
// an integer parameter with n whole numbers in its range, [0, 1] is cut
// into n equal bins, one per whole number (u = 1 falls in the last), so
// each is equally likely and both ends of the range are reached; rounding
// Lo + u(Hi − Lo) instead would give the two ends half a bin each.
func (p Param) Value(u float64) float64 {
	u = math.Min(math.Max(u, 0), 1)
	if p.Integer {
		n := p.wholeCount()
		return math.Ceil(p.Lo) + math.Min(math.Floor(u*n), n-1)
	}
	if p.Dist == LogUniform {
		if u == 1 {
			return p.Hi
		}
		return p.Lo * portable.Pow(p.Hi/p.Lo, u)
	}
	if u == 1 {
		return p.Hi // exactly, whatever the rounding of Lo + (Hi − Lo)
	}
	return p.Lo + float64(u*(p.Hi-p.Lo))
}

// validateParams checks each parameter and that names are unique.
func validateParams(params []Param) error {
	if len(params) == 0 {
		return fmt.Errorf("no parameters to vary")
	}
	for i, p := range params {
		if err := p.Validate(); err != nil {
			return err
		}
		for _, q := range params[:i] {
			if q.Name == p.Name {
				return fmt.Errorf("parameter %s is given twice", p.Name)
			}
		}
	}
	return nil
}
