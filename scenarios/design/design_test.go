package design

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		spec   string
		lhs    bool
		values []float64
		lo, hi float64
		err    bool
	}{
		{"a.b=0:1:5", false, []float64{0, 0.25, 0.5, 0.75, 1}, 0, 0, false},
		{"a=0.1:0.3:3", false, []float64{0.1, 0.2, 0.3}, 0, 0, false},
		{"a=1,2,5", false, []float64{1, 2, 5}, 0, 0, false},
		{"a=7:9:1", false, []float64{7}, 0, 0, false}, // as a folder may record it; CheckGiven refuses it given now
		{"a=0:1", true, nil, 0, 1, false},
		{"a=0:1", false, nil, 0, 0, true},
		{"a=0:1:0", false, nil, 0, 0, true},
		{"a=x,2", false, nil, 0, 0, true},
		{"=1,2", false, nil, 0, 0, true},
		{"a=2:1", true, nil, 0, 0, true},
		{"a=1,2", true, nil, 0, 0, true},
		{"a=1,2,1", false, nil, 0, 0, true},    // a value twice
		{"a=0.1,0.10", false, nil, 0, 0, true}, // the same number, written twice
		{"a=3:3:4", false, nil, 0, 0, true},    // four times the same value
		{"a=3:3:1", false, []float64{3}, 0, 0, false},
		{"a=3:3", true, nil, 0, 0, true}, // every point the same value, as 3:3:4
		{"a=0.001:0.1:log", true, nil, 0.001, 0.1, false},
		{"a=0.001:0.1: log ", true, nil, 0.001, 0.1, false},
		{"a=0.001:0.1:LOG", true, nil, 0.001, 0.1, false}, // in any case, as --design LHS
		{"a=0:0.1:log", true, nil, 0, 0, true},            // no logarithm of 0
		{"a=-1:1:log", true, nil, 0, 0, true},             // nor of less
		{"a=0.1:1:lin", true, nil, 0, 0, true},            // log or nothing
		{"a=0.1:1:log", false, nil, 0, 0, true},           // a grid has no log
	}
	for _, tt := range tests {
		f, err := Parse(tt.spec, tt.lhs)
		if want := strings.HasSuffix(strings.ToLower(strings.TrimSpace(tt.spec)), "log"); err == nil && f.Log != want {
			t.Errorf("Parse(%q, %v) Log %v; want %v", tt.spec, tt.lhs, f.Log, want)
		}
		if (err != nil) != tt.err {
			t.Errorf("Parse(%q, %v) error = %v; want error %v", tt.spec, tt.lhs, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		for i := range tt.values {
			if math.Abs(f.Values[i]-tt.values[i]) > 1e-12 {
				t.Errorf("Parse(%q) values = %v; want %v", tt.spec, f.Values, tt.values)
				break
			}
		}
		if f.Lo != tt.lo || f.Hi != tt.hi {
			t.Errorf("Parse(%q) range = %v:%v; want %v:%v", tt.spec, f.Lo, f.Hi, tt.lo, tt.hi)
		}
	}
}

// TestGridValuesAreTheDecimals: a:b:n's values are the decimals a list
// of them would give (0.3, not 0.29999999999999993), exactly, so that a
// filter or a join on the key column finds them; values that differ only
// past 12 significant figures are refused, not repeated.
func TestGridValuesAreTheDecimals(t *testing.T) {
	tests := []struct {
		spec string
		want []float64
	}{
		{"a=0:0.7:8", []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}},
		{"a=0:0.3:4", []float64{0, 0.1, 0.2, 0.3}},
		{"a=0.1:0.9:9", []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}},
		{"a=-1:1:11", []float64{-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"a=1e-9:3e-9:3", []float64{1e-9, 2e-9, 3e-9}},
		{"a=0:1:3", []float64{0, 0.5, 1}},
		{"a=0.123456789012345:0.5:2", []float64{0.123456789012345, 0.5}}, // the ends as given
		{"a=25:5:3", []float64{25, 15, 5}},                               // a range may run down
		{"a=0.3:0.1:3", []float64{0.3, 0.2, 0.1}},
		{"a=1:-1:5", []float64{1, 0.5, 0, -0.5, -1}},
		{"a=1e-200:3e-200:3", []float64{1e-200, 2e-200, 3e-200}},
		{"a=3e-200:1e-200:3", []float64{3e-200, 2e-200, 1e-200}},
		{"a=-0.1:0.2:4", []float64{-0.1, 0, 0.1, 0.2}}, // 0, not 1.4e-17: rounded relative to the range
		{"a=0.2:-0.1:4", []float64{0.2, 0.1, 0, -0.1}},
		{"a=-0.3:0.3:7", []float64{-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3}},
		{"a=1:10000000000001:3", []float64{1, 5000000000001, 10000000000001}}, // a whole number is kept
		{"a=0:3e13:4", []float64{0, 1e13, 2e13, 3e13}},
		{"a=0:1e13:7", []float64{0, 1666666666700, 3333333333300, 5e12, 6666666666700, 8333333333300, 1e13}},
	}
	for _, tt := range tests {
		f, err := Parse(tt.spec, false)
		if err != nil || !slices.Equal(f.Values, tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.spec, f.Values, err, tt.want)
		}
		if list, err := Parse(strings.TrimSuffix(tt.spec[:2], "=")+"="+strings.Trim(strings.Join(strings.Fields(fmt.Sprint(tt.want)), ","), "[]"), false); err != nil || !slices.Equal(list.Values, f.Values) {
			t.Errorf("Parse(%q) = %v; the same values as a list give %v, %v", tt.spec, f.Values, list.Values, err)
		}
	}
	for _, spec := range []string{"a=1:1.000000000001:3", "a=1.000000000001:1:3"} {
		if f, err := Parse(spec, false); err == nil || !strings.Contains(err.Error(), "12 significant figures") {
			t.Errorf("Parse(%q), values closer than 12 significant figures = %v, %v; want refused", spec, f.Values, err)
		}
	}
}

// TestGridValuesThroughZero: every range -i/10 : j/10 in steps of 0.1
// gives the decimals k/10, and exactly 0 where it crosses zero (rounded
// to each value's own 12 figures, 118 of these 400 gave a left-over such
// as 1.4e-17 for 0).
func TestGridValuesThroughZero(t *testing.T) {
	for i := 1; i <= 20; i++ {
		for j := 1; j <= 20; j++ {
			spec := fmt.Sprintf("a=%g:%g:%d", -float64(i)/10, float64(j)/10, i+j+1)
			f, err := Parse(spec, false)
			if err != nil {
				t.Fatalf("Parse(%q): %v", spec, err)
			}
			for k, v := range f.Values {
				want, _ := strconv.ParseFloat(fmt.Sprintf("%g", float64(k-i)/10), 64)
				if v != want {
					t.Errorf("Parse(%q) value %d = %v; want %v", spec, k+1, v, want)
					break
				}
			}
		}
	}
}

func TestGrid(t *testing.T) {
	got := Grid([]Factor{{Values: []float64{1, 2}}, {Values: []float64{10, 20, 30}}})
	want := [][]float64{{1, 10}, {1, 20}, {1, 30}, {2, 10}, {2, 20}, {2, 30}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Grid = %v; want %v", got, want)
	}
}

func TestLatinHypercube(t *testing.T) {
	fs := []Factor{{Lo: 0, Hi: 1}, {Lo: 10, Hi: 20}, {Lo: 1, Hi: 5, Integer: true}}
	const n = 50
	pts := LatinHypercube(fs, n, 42)
	if !reflect.DeepEqual(pts, LatinHypercube(fs, n, 42)) {
		t.Fatal("same seed, different design")
	}
	if reflect.DeepEqual(pts, LatinHypercube(fs, n, 43)) {
		t.Fatal("different seeds, same design")
	}
	for j, f := range fs[:2] {
		strata := make([]int, n)
		for _, p := range pts {
			if p[j] < f.Lo || p[j] >= f.Hi {
				t.Fatalf("factor %d value %v outside [%v, %v)", j, p[j], f.Lo, f.Hi)
			}
			strata[int((p[j]-f.Lo)/(f.Hi-f.Lo)*n)]++
		}
		if slices.ContainsFunc(strata, func(c int) bool { return c != 1 }) {
			t.Errorf("factor %d: strata counts %v; want each stratum once", j, strata)
		}
	}
	for _, p := range pts {
		if p[2] != math.Round(p[2]) || p[2] < 1 || p[2] > 5 {
			t.Errorf("integer factor got %v", p[2])
		}
	}
}

// TestLatinHypercubeLog: a Log factor uses each stratum of its range's
// logarithms once, so that as many points fall in 0.001 to 0.002 as in
// 0.01 to 0.02 (a linear design puts about 5% of them below 0.002), a
// multiple of 0.5 to 2 falls below 1 as often as above it, and the
// permutations are those of the same factors drawn linearly: only the
// scale changes.
func TestLatinHypercubeLog(t *testing.T) {
	const n = 40
	lin := []Factor{{Lo: 0.001, Hi: 0.02}, {Lo: 0.5, Hi: 2}}
	logs := []Factor{{Lo: 0.001, Hi: 0.02, Log: true}, {Lo: 0.5, Hi: 2, Log: true}}
	lp, gp := LatinHypercube(lin, n, 7), LatinHypercube(logs, n, 7)
	for j, f := range logs {
		strata := make([]int, n)
		below := 0
		for i, p := range gp {
			v := p[j]
			if v < f.Lo || v > f.Hi {
				t.Fatalf("factor %d value %v outside [%v, %v]", j, v, f.Lo, f.Hi)
			}
			k := int(math.Log(v/f.Lo) / math.Log(f.Hi/f.Lo) * n)
			strata[min(k, n-1)]++
			// The same stratum as the linear design's point.
			if kl := int((lp[i][j] - f.Lo) / (f.Hi - f.Lo) * n); kl != min(k, n-1) {
				t.Errorf("factor %d point %d: stratum %d on the log scale, %d linearly", j, i, k, kl)
			}
			if v < math.Sqrt(f.Lo*f.Hi) {
				below++
			}
		}
		if slices.ContainsFunc(strata, func(c int) bool { return c != 1 }) {
			t.Errorf("factor %d: strata counts %v; want each stratum once", j, strata)
		}
		if below != n/2 {
			t.Errorf("factor %d: %d of %d points below the range's geometric middle; want half", j, below, n)
		}
	}
	ints := LatinHypercube([]Factor{{Lo: 7, Hi: 120, Integer: true, Log: true}}, n, 7)
	short := 0
	for _, p := range ints {
		if p[0] != math.Round(p[0]) || p[0] < 7 || p[0] > 120 {
			t.Errorf("integer log factor got %v", p[0])
		}
		if p[0] <= 29 { // √(7·120) ≈ 29
			short++
		}
	}
	if short < n/2-1 || short > n/2+1 {
		t.Errorf("%d of %d whole numbers of days at most 29; want about half", short, n)
	}
}

// TestCheckIntegerShowsSpecAsParseDoes: CheckInteger's message shows the
// --vary argument as Parse's messages do, unquoted (it alone quoted it:
// --vary "markets.Mid.smugglers=0:3:3"), quoted only if it holds a control
// character.
func TestCheckIntegerShowsSpecAsParseDoes(t *testing.T) {
	for spec, want := range map[string]string{
		"markets.Mid.smugglers=0:3:3":   "--vary markets.Mid.smugglers=0:3:3: markets.Mid.smugglers takes whole numbers, got 1.5",
		"markets.Mid.smugglers=0:3:3\t": `--vary "markets.Mid.smugglers=0:3:3\t": markets.Mid.smugglers takes whole numbers, got 1.5`,
	} {
		f, err := Parse(spec, false)
		if err != nil {
			t.Fatalf("%q: %v", spec, err)
		}
		f.Integer = true
		if err := f.CheckInteger(); err == nil || err.Error() != want {
			t.Errorf("%q: %v; want %s", spec, err, want)
		}
	}
}

// TestParseStartStepStop: a range written start:step:stop, as MATLAB,
// Julia or NetLogo write one, is refused saying how to write it here;
// an n that is no number at all gets only the form.
func TestParseStartStepStop(t *testing.T) {
	for _, tt := range []struct{ spec, want string }{
		{"k=0:0.05:0.2", "--vary k=0:0.05:0.2: a range is KEY=a:b:n, n values from a to b, and n must be a whole number from 1 to 1000000 (not start:step:stop: for 0 to 0.2 in steps of 0.05, write 0:0.2:5)"},
		{"k=1:0.5:3.5", "(not start:step:stop: for 1 to 3.5 in steps of 0.5, write 1:3.5:6)"},
		{"k=0:0.2:x", "--vary k=0:0.2:x: a range is KEY=a:b:n, n values from a to b, and n must be a whole number from 1 to 1000000"},
		{"k=0:0.03:0.2", "must be a whole number from 1 to 1000000"}, // 0.2 is no whole number of steps of 0.03
		{"k=0.1:1:log", "must be a whole number from 1 to 1000000 (KEY=a:b:log, drawn log-uniformly, is for --design lhs)"},
	} {
		_, err := Parse(tt.spec, false)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v; want %q", tt.spec, err, tt.want)
		}
		if strings.HasSuffix(tt.want, "1000000") && err != nil && strings.Contains(err.Error(), "start:step:stop") {
			t.Errorf("Parse(%q) = %v; want no guess at a step", tt.spec, err)
		}
	}
}

// TestCheckGiven: a:b:1 with b other than a, given on a command line now,
// is refused (one value, a, b dropped without a word); a:a:1, a:b:n with
// n of 2 or more, lists and Latin hypercube ranges pass.
func TestCheckGiven(t *testing.T) {
	for spec, refused := range map[string]bool{
		"a=7:9:1": true, "a=0:0.3:1": true, "a = 0 : 0.3 : 1": true,
		"a=3:3:1": false, "a=7:9:2": false, "a=1,2": false, "a=0:1": false, "a=x:9:1": false,
	} {
		if err := CheckGiven(spec); (err != nil) != refused {
			t.Errorf("CheckGiven(%q) = %v; refused %v", spec, err, refused)
		}
	}
}
