package sensitivity

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
)

// TestSobolMatchesSciPy compares the unscrambled sequence with SciPy's
// (scipy.stats.qmc.Sobol(d=1024, scramble=False, bits=32), SciPy 1.10.1,
// whose direction numbers are Joe and Kuo's new-joe-kuo-6.21201): the
// SHA-256 of points 0 to 4095 in all 1024 dimensions, each coordinate
// times 2^32 as a little-endian uint32, point by point, and a few values
// to read. The script that printed these is kept with the project's
// notes (sensitivity-sobol-scipy-reference.py).
func TestSobolMatchesSciPy(t *testing.T) {
	s, err := NewSobolSequence(MaxSobolDims)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	var pt []uint32
	buf := make([]byte, 4*MaxSobolDims)
	for n := range uint32(4096) {
		pt = s.Uint32s(n, pt)
		for d, v := range pt {
			binary.LittleEndian.PutUint32(buf[4*d:], v)
		}
		h.Write(buf)
	}
	const want = "bab6b69ab23ba5b2d3122b5aba75b059cb465e25e433638fe8e394b94da8791a"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("SHA-256 of points 0..4095 × 1024 dimensions = %s; want %s (SciPy)", got, want)
	}

	dims := []int{0, 1, 2, 9, 99, 511, 1023}
	for _, c := range []struct {
		n    uint32
		want []uint32
	}{
		{1, []uint32{2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648}},
		{2, []uint32{3221225472, 1073741824, 1073741824, 3221225472, 3221225472, 3221225472, 3221225472}},
		{5, []uint32{3758096384, 3758096384, 536870912, 536870912, 1610612736, 3758096384, 1610612736}},
		{100, []uint32{1778384896, 1107296256, 3321888768, 2986344448, 3791650816, 2248146944, 4060086272}},
		{4095, []uint32{1048576, 4042260480, 1435500544, 1058013184, 4134535168, 3929014272, 1523580928}},
	} {
		pt = s.Uint32s(c.n, pt)
		for i, d := range dims {
			if pt[d] != c.want[i] {
				t.Errorf("point %d, dimension %d = %d; want %d (SciPy)", c.n, d+1, pt[d], c.want[i])
			}
		}
	}
}

// TestDirectionNumbersValid checks every line of joekuo.txt against what
// Joe and Kuo's construction requires, so that a damaged line cannot go
// unnoticed: the polynomial x^s + a_1 x^(s-1) + … + 1 is primitive over
// GF(2) and differs from every other, degrees never decrease, and each
// m_k is odd and below 2^k.
func TestDirectionNumbersValid(t *testing.T) {
	seen := map[uint32]int{} // looked up only
	lastDegree, dims := 0, 1
	for n, line := range strings.Split(joeKuoText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		num := func(i int) uint32 {
			v, err := strconv.ParseUint(f[i], 10, 32)
			if err != nil {
				t.Fatalf("joekuo.txt:%d: %v", n+1, err)
			}
			return uint32(v)
		}
		d, s, a := int(num(0)), int(num(1)), num(2)
		dims++
		if d != dims {
			t.Fatalf("joekuo.txt:%d: dimension %d; want %d", n+1, d, dims)
		}
		if len(f) != 3+s {
			t.Fatalf("joekuo.txt:%d: %d initial numbers for degree %d", n+1, len(f)-3, s)
		}
		if s < lastDegree {
			t.Errorf("joekuo.txt:%d: degree %d after %d", n+1, s, lastDegree)
		}
		lastDegree = s
		poly := uint32(1)<<s | a<<1 | 1
		if a>>(s-1) != 0 {
			t.Errorf("joekuo.txt:%d: a = %d has more than s−1 = %d bits", n+1, a, s-1)
		}
		if other, dup := seen[poly]; dup {
			t.Errorf("joekuo.txt:%d: polynomial %b already used by dimension %d", n+1, poly, other)
		}
		seen[poly] = d
		if got := gf2Order(poly, s); got != 1<<s-1 {
			t.Errorf("joekuo.txt:%d: polynomial %b has x of order %d; a primitive one has %d", n+1, poly, got, 1<<s-1)
		}
		for k := 1; k <= s; k++ {
			if m := num(2 + k); m%2 != 1 || m >= 1<<k {
				t.Errorf("joekuo.txt:%d: m_%d = %d; want odd and below 2^%d", n+1, k, m, k)
			}
		}
	}
	if dims != MaxSobolDims {
		t.Errorf("joekuo.txt describes %d dimensions; want %d", dims, MaxSobolDims)
	}
}

// gf2Order returns the multiplicative order of x modulo the degree-s
// polynomial poly over GF(2), or 0 if it exceeds 2^s − 1.
func gf2Order(poly uint32, s int) int {
	x := uint32(1)
	for order := 1; order < 1<<s; order++ {
		x <<= 1
		if x>>s&1 == 1 {
			x ^= poly
		}
		if x == 1 {
			return order
		}
	}
	return 0
}

// TestSobolStratified checks the property every Sobol' sequence has,
// scrambled or not: the first 2^m points put exactly one point in each
// interval [i/2^m, (i+1)/2^m) of every coordinate.
func TestSobolStratified(t *testing.T) {
	plain, err := NewSobolSequence(MaxSobolDims)
	if err != nil {
		t.Fatal(err)
	}
	scrambled, err := NewScrambledSobolSequence(MaxSobolDims, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s    *SobolSequence
	}{{"plain", plain}, {"scrambled", scrambled}} {
		for _, m := range []int{1, 4, 8} {
			n := 1 << m
			count := make([]int, MaxSobolDims*n)
			var pt []uint32
			for i := range uint32(n) {
				pt = c.s.Uint32s(i, pt)
				for d, v := range pt {
					count[d*n+int(v>>(32-m))]++
				}
			}
			for d := range MaxSobolDims {
				for i := range n {
					if count[d*n+i] != 1 {
						t.Fatalf("%s: first %d points, dimension %d: %d points in [%d/%d, %d/%d); want 1", c.name, n, d+1, count[d*n+i], i, n, i+1, n)
					}
				}
			}
		}
	}
}

func TestScrambledSobolSeeds(t *testing.T) {
	a, _ := NewScrambledSobolSequence(10, 1)
	b, _ := NewScrambledSobolSequence(10, 1)
	c, _ := NewScrambledSobolSequence(10, 2)
	plain, _ := NewSobolSequence(10)
	pa, pb, pc, pp := a.Point(3, nil), b.Point(3, nil), c.Point(3, nil), plain.Point(3, nil)
	for d := range pa {
		if pa[d] != pb[d] {
			t.Fatalf("seed 1 twice: dimension %d differs: %v, %v", d, pa[d], pb[d])
		}
	}
	if same(pa, pc) || same(pa, pp) {
		t.Errorf("point 3: seeds 1 and 2 or scrambled and plain agree: %v %v %v", pa, pc, pp)
	}
	if z := a.Point(0, nil); same(z, make([]float64, 10)) {
		t.Errorf("scrambled point 0 is the origin")
	}
}

func same(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSobolSequenceDims(t *testing.T) {
	for _, d := range []int{0, -1, MaxSobolDims + 1} {
		if _, err := NewSobolSequence(d); err == nil {
			t.Errorf("NewSobolSequence(%d) = nil error; want one", d)
		}
	}
}
