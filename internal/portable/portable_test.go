package portable

import (
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// function is one of the package's functions with the arguments it is
// tested on and the standard library's version of it.
type function struct {
	name string
	f    func(x, y float64) float64
	std  func(x, y float64) float64
	args func(r *rand.Rand) (x, y float64)
}

// uniform and logUniform make the same arguments on every architecture:
// the product is rounded before it is added, and Ldexp is exact.
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + float64((hi-lo)*r.Float64()) }

// logUniform spreads arguments over the binades 2**lo to 2**hi.
func logUniform(r *rand.Rand, lo, hi int) float64 {
	return math.Ldexp(1+r.Float64(), lo+r.IntN(hi-lo))
}

var functions = []function{
	{"Exp", func(x, _ float64) float64 { return Exp(x) }, func(x, _ float64) float64 { return math.Exp(x) },
		func(r *rand.Rand) (float64, float64) {
			if r.IntN(2) == 0 {
				return uniform(r, -2, 2), 0
			}
			return uniform(r, -750, 712), 0
		}},
	{"Expm1", func(x, _ float64) float64 { return Expm1(x) }, func(x, _ float64) float64 { return math.Expm1(x) },
		func(r *rand.Rand) (float64, float64) {
			switch r.IntN(3) {
			case 0:
				return uniform(r, -3, 3), 0
			case 1:
				return math.Copysign(logUniform(r, -60, 0), uniform(r, -1, 1)), 0
			}
			return uniform(r, -50, 712), 0
		}},
	{"Log", func(x, _ float64) float64 { return Log(x) }, func(x, _ float64) float64 { return math.Log(x) },
		func(r *rand.Rand) (float64, float64) {
			if r.IntN(2) == 0 {
				return uniform(r, 0.5, 2), 0
			}
			return logUniform(r, -1074, 1023), 0
		}},
	{"Log1p", func(x, _ float64) float64 { return Log1p(x) }, func(x, _ float64) float64 { return math.Log1p(x) },
		func(r *rand.Rand) (float64, float64) {
			switch r.IntN(3) {
			case 0:
				return uniform(r, -1, 1), 0
			case 1:
				return math.Copysign(logUniform(r, -60, 0), uniform(r, -1, 1)), 0
			}
			return logUniform(r, 0, 1023), 0
		}},
	{"Cos", func(x, _ float64) float64 { return Cos(x) }, func(x, _ float64) float64 { return math.Cos(x) },
		func(r *rand.Rand) (float64, float64) {
			if r.IntN(2) == 0 {
				return uniform(r, 0, 2*math.Pi), 0
			}
			return uniform(r, -1000, 1000), 0
		}},
	{"Pow", Pow, math.Pow,
		func(r *rand.Rand) (float64, float64) {
			switch r.IntN(3) {
			case 0:
				return uniform(r, 0, 10), uniform(r, -4, 4)
			case 1:
				return logUniform(r, -20, 20), float64(r.IntN(41) - 20)
			}
			return logUniform(r, -60, 60), uniform(r, -10, 10)
		}},
}

// special arguments every function is also tested on.
var special = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, -2, 1e-300, -1e-300,
	math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(),
	709.78, 709.79, -745.1, -745.2, 1 << 29, 1 << 40, math.Pi / 4, math.Pi / 2, math.Pi, 0x1p-28, 0x1p-54, 0x1p-20}

const nArgs = 200_000

// arguments are function f's test arguments: the special values (and
// their pairs, for Pow), then nArgs drawn from a fixed PCG stream.
func (f function) arguments() [][2]float64 {
	var a [][2]float64
	for _, x := range special {
		if f.name == "Pow" {
			for _, y := range special {
				a = append(a, [2]float64{x, y})
			}
			continue
		}
		a = append(a, [2]float64{x, 0})
	}
	r := rand.New(rand.NewPCG(1, uint64(len(f.name))))
	for range nArgs {
		x, y := f.args(r)
		a = append(a, [2]float64{x, y})
	}
	return a
}

// TestGolden pins the bits of each function's results on its test
// arguments (a SHA-256 of them, in testdata/golden.txt): the same on every
// architecture, which is the package's promise. Run it for another
// architecture with, e.g., GOARCH=arm64 go test -exec qemu-aarch64-static.
func TestGolden(t *testing.T) {
	var b strings.Builder
	for _, f := range functions {
		h := sha256.New()
		for _, a := range f.arguments() {
			v := f.f(a[0], a[1])
			if math.IsNaN(v) {
				v = math.NaN() // a NaN's sign and payload are the processor's
			}
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)))
		}
		fmt.Fprintf(&b, "%s %x\n", f.name, h.Sum(nil))
	}
	// Student's t on a grid: each quantile is 64 survivals.
	q, s := sha256.New(), sha256.New()
	for nu := 1; nu <= 120; nu++ {
		for _, p := range []float64{0.6, 0.9, 0.95, 0.975, 0.99, 0.995, 0.9995} {
			q.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(StudentTQuantile(p, nu))))
		}
		for x := -5.0; x <= 60; x += 0.25 {
			s.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(StudentTSurvival(x, nu))))
		}
	}
	fmt.Fprintf(&b, "StudentTQuantile %x\nStudentTSurvival %x\n", q.Sum(nil), s.Sum(nil))
	path := filepath.Join("testdata", "golden.txt")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("results differ from %s (rerun with -update only if the change is meant):\ngot\n%swant\n%s", path, got, want)
	}
}

// TestAccuracy: every result is within a relative 1e-14 of the standard
// library's (whichever code it runs here; 1e-13 for Pow, whose error
// grows with y·ln x), which no slip in a coefficient or an operation
// would be, and special values agree exactly.
func TestAccuracy(t *testing.T) {
	for _, f := range functions {
		tol := 1e-14
		if f.name == "Pow" {
			tol = 1e-13
		}
		differ := 0
		for _, a := range f.arguments() {
			got, want := f.f(a[0], a[1]), f.std(a[0], a[1])
			switch {
			case got == want || math.IsNaN(got) && math.IsNaN(want):
				continue
			case f.name == "Cos" && math.Abs(a[0]) >= 1<<29:
				continue // reduced differently, as documented
			case math.IsInf(want, 1) && got > 1e308:
				continue // amd64's assembly math.Exp overflows from about 709.4
			case math.Abs(got) < 0x1p-1070 && math.Abs(want) < 0x1p-1070:
				continue // arm64's assembly math.Exp underflows a little earlier
			case (f.name == "Log" || f.name == "Pow") && a[0] > 0 && a[0] < 0x1p-1022:
				continue // amd64's assembly math.Log is wrong on subnormals: TestLogSubnormal
			}
			differ++
			if math.IsInf(want, 0) || math.IsNaN(want) || math.Abs(got-want) > tol*math.Abs(want) {
				t.Errorf("%s(%v, %v) = %v; math: %v", f.name, a[0], a[1], got, want)
			}
		}
		t.Logf("%s: %d of %d results differ from the standard library's here", f.name, differ, nArgs+len(special))
	}
}

// TestLogSubnormal checks Log on subnormal numbers against Log of the
// same number scaled into the normal range.
func TestLogSubnormal(t *testing.T) {
	for _, x := range []float64{5e-324, 5e-323, 1e-310, 0x1p-1023, 0x1.fffp-1023} {
		got, want := Log(x), Log(x*0x1p100)-100*math.Ln2
		if math.Abs(got-want) > 1e-14*math.Abs(want) {
			t.Errorf("Log(%v) = %v; want %v", x, got, want)
		}
	}
}
