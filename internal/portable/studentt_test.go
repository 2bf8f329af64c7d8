package portable

import (
	"math"
	"testing"
)

// Reference values computed independently, with mpmath at 40 digits:
// the root of ½·betainc(ν/2, ½, 0, ν/(ν+t²), regularized) = 1 − p, and
// that survival itself.
var (
	tQuantiles = []struct {
		p    float64
		nu   int
		want float64
	}{
		{0.975, 1, 12.706204736174705}, {0.995, 1, 63.656741162871581},
		{0.975, 2, 4.3026527297494639}, {0.995, 2, 9.9248432009182931},
		{0.975, 3, 3.1824463052837096}, {0.995, 3, 5.8409093097333573},
		{0.975, 5, 2.5705818356363155}, {0.995, 5, 4.0321429835552281},
		{0.975, 10, 2.2281388519862747}, {0.995, 10, 3.1692726726169512},
		{0.975, 19, 2.0930240544083098}, {0.995, 19, 2.8609346064649792},
		{0.975, 30, 2.0422724563012383}, {0.995, 30, 2.7499956535672253},
		{0.975, 100, 1.9839715185235523}, {0.995, 100, 2.6258905214380179},
		{0.975, 1000, 1.9623390808264085}, {0.995, 1000, 2.5807546980659511},
	}
	tSurvivals = []struct {
		x    float64
		nu   int
		want float64
	}{
		{0.5, 1, 0.35241638234956673}, {1000, 1, 0.00031830978008055894},
		{3, 2, 0.047732983133354566}, {2.5, 4, 0.033383272405994073},
		{1.2, 9, 0.13038659869523084}, {40, 9, 9.4914992246699132e-12},
		{2.1, 19, 0.024657199121636692}, {8, 29, 4.0062878248158514e-9},
		{0.3, 59, 0.38261580433894411}, {6, 200, 4.5575601744051927e-9},
		{2, 1000, 0.02288517324662582},
	}
)

func TestStudentT(t *testing.T) {
	for _, c := range tQuantiles {
		got := StudentTQuantile(c.p, c.nu)
		if math.Abs(got-c.want) > 1e-14*c.want {
			t.Errorf("StudentTQuantile(%v, %d) = %v; want %v", c.p, c.nu, got, c.want)
		}
		if got := StudentTQuantile(1-c.p, c.nu); math.Abs(got+c.want) > 1e-14*c.want {
			t.Errorf("StudentTQuantile(%v, %d) = %v; want %v", 1-c.p, c.nu, got, -c.want)
		}
	}
	for _, c := range tSurvivals {
		if got := StudentTSurvival(c.x, c.nu); math.Abs(got-c.want) > 1e-13*c.want {
			t.Errorf("StudentTSurvival(%v, %d) = %v; want %v", c.x, c.nu, got, c.want)
		}
		if got := StudentTSurvival(-c.x, c.nu); math.Abs(got-(1-c.want)) > 1e-15 {
			t.Errorf("StudentTSurvival(%v, %d) = %v; want %v", -c.x, c.nu, got, 1-c.want)
		}
	}
	for _, c := range []struct {
		p  float64
		nu int
	}{{0, 3}, {1, 3}, {math.NaN(), 3}, {0.9, 0}} {
		if got := StudentTQuantile(c.p, c.nu); !math.IsNaN(got) {
			t.Errorf("StudentTQuantile(%v, %d) = %v; want NaN", c.p, c.nu, got)
		}
	}
	if got := StudentTQuantile(0.5, 7); got != 0 {
		t.Errorf("StudentTQuantile(0.5, 7) = %v; want 0", got)
	}
	for x, want := range map[float64]float64{0: 0.5, math.Inf(1): 0, math.Inf(-1): 1} {
		if got := StudentTSurvival(x, 4); got != want {
			t.Errorf("StudentTSurvival(%v, 4) = %v; want %v", x, got, want)
		}
	}
}
