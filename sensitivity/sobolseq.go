package sensitivity

import (
	_ "embed"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"github.com/borderwork/borderwork/sim"
)

// MaxSobolDims is the number of dimensions of the embedded direction
// numbers (joekuo.txt). A Saltelli design over k parameters needs 2k.
const MaxSobolDims = 1024

// sobolBits is the number of binary digits of each coordinate: points
// are multiples of 2^-32, and a sequence has 2^32 points.
const sobolBits = 32

//go:embed joekuo.txt
var joeKuoText string

var (
	directionsOnce sync.Once
	directions     [][sobolBits]uint32 // directions[d][k] = v_{k+1} of dimension d+1, scaled by 2^32
	directionsErr  error
)

// loadDirections expands the embedded initial numbers into 32 direction
// numbers per dimension with the recurrence of Bratley and Fox (1988), as
// Joe and Kuo (2008) state it: for a primitive polynomial
// x^s + a_1 x^(s-1) + … + a_(s-1) x + 1 and v_k = m_k / 2^k,
//
//	v_k = a_1 v_(k-1) ⊕ a_2 v_(k-2) ⊕ … ⊕ a_(s-1) v_(k-s+1) ⊕ v_(k-s) ⊕ (v_(k-s) / 2^s).
func loadDirections() ([][sobolBits]uint32, error) {
	directionsOnce.Do(func() {
		dirs := make([][sobolBits]uint32, 1, MaxSobolDims)
		for k := range sobolBits { // dimension 1: every m_k = 1, the van der Corput sequence
			dirs[0][k] = 1 << (sobolBits - 1 - k)
		}
		for n, line := range strings.Split(joeKuoText, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Fields(line)
			nums := make([]uint64, len(f))
			for i, s := range f {
				v, err := strconv.ParseUint(s, 10, 32)
				if err != nil {
					directionsErr = fmt.Errorf("joekuo.txt:%d: %q is not a number", n+1, s)
					return
				}
				nums[i] = v
			}
			if len(nums) < 4 || nums[0] != uint64(len(dirs)+1) || nums[1] == 0 || int(nums[1]) != len(nums)-3 {
				directionsErr = fmt.Errorf("joekuo.txt:%d: want d s a m_1 … m_s for dimension %d", n+1, len(dirs)+1)
				return
			}
			s, a, m := int(nums[1]), uint32(nums[2]), nums[3:]
			var v [sobolBits]uint32
			for k := range sobolBits {
				if k < s {
					v[k] = uint32(m[k]) << (sobolBits - 1 - k)
					continue
				}
				x := v[k-s] ^ (v[k-s] >> s)
				for j := 1; j < s; j++ {
					if (a>>(s-1-j))&1 == 1 {
						x ^= v[k-j]
					}
				}
				v[k] = x
			}
			dirs = append(dirs, v)
		}
		if len(dirs) != MaxSobolDims {
			directionsErr = fmt.Errorf("joekuo.txt holds %d dimensions, want %d", len(dirs), MaxSobolDims)
			return
		}
		directions = dirs
	})
	return directions, directionsErr
}

// SobolSequence is the Sobol' (1967) low-discrepancy sequence with the
// direction numbers of Joe and Kuo (2008), optionally scrambled. Points
// come in Gray-code order, as in Joe and Kuo's sobol.cc and SciPy: point n
// is the XOR of the direction numbers picked by the bits of n ⊕ (n >> 1).
// The first 2^m points are the same set as in natural order, and any
// point can be computed from its index alone, so a design can be
// generated point by point, in any order, on any worker.
type SobolSequence struct {
	dims  int
	v     [][sobolBits]uint32 // per dimension, possibly scrambled
	shift []uint32            // digital shift per dimension (zero if unscrambled)
}

// NewSobolSequence returns the first dims dimensions of the unscrambled
// sequence. Its point 0 is the origin.
func NewSobolSequence(dims int) (*SobolSequence, error) {
	if dims < 1 || dims > MaxSobolDims {
		return nil, fmt.Errorf("a Sobol' sequence has 1 to %d dimensions here, not %d", MaxSobolDims, dims)
	}
	all, err := loadDirections()
	if err != nil {
		return nil, err
	}
	return &SobolSequence{dims: dims, v: all[:dims:dims], shift: make([]uint32, dims)}, nil
}

// NewScrambledSobolSequence returns the sequence with a random linear
// matrix scramble and a random digital shift (Matoušek 1998), drawn from
// the stream "sensitivity/sobol/scramble" of seed. Each dimension's
// generator matrix C is replaced by L·C, with L a random lower-triangular
// binary matrix with unit diagonal, and each point is XORed with a random
// 32-bit shift. Both keep the sequence's net properties (every 2^m points
// still fill each elementary interval of volume 2^(t-m) evenly), move the
// origin away from point 0, and make estimates from different seeds
// independent replicates of one another.
func NewScrambledSobolSequence(dims int, seed uint64) (*SobolSequence, error) {
	s, err := NewSobolSequence(dims)
	if err != nil {
		return nil, err
	}
	src := sim.NewStream(seed, "sensitivity/sobol/scramble").Source()
	v := make([][sobolBits]uint32, dims)
	for d := range dims {
		// Row r of L (digit r, most significant first) has a one on the
		// diagonal, random bits to the left of it, zeros to the right.
		var rows [sobolBits]uint32
		for r := range sobolBits {
			diag := uint32(1) << (sobolBits - 1 - r)
			above := ^(diag | (diag - 1)) // digits 0..r-1
			rows[r] = diag | (uint32(src.Uint64()>>32) & above)
		}
		for k := range sobolBits {
			var x uint32
			for r := range sobolBits {
				x |= uint32(bits.OnesCount32(rows[r]&s.v[d][k])&1) << (sobolBits - 1 - r)
			}
			v[d][k] = x
		}
		s.shift[d] = uint32(src.Uint64() >> 32)
	}
	s.v = v
	return s, nil
}

// Dims returns the number of dimensions.
func (s *SobolSequence) Dims() int { return s.dims }

// Uint32s writes point n of the sequence, as multiples of 2^-32, into dst
// (grown if needed) and returns it.
func (s *SobolSequence) Uint32s(n uint32, dst []uint32) []uint32 {
	if cap(dst) < s.dims {
		dst = make([]uint32, s.dims)
	}
	dst = dst[:s.dims]
	g := n ^ (n >> 1)
	for d := range s.dims {
		x := s.shift[d]
		v := &s.v[d]
		for b := g; b != 0; b &= b - 1 {
			x ^= v[bits.TrailingZeros32(b)]
		}
		dst[d] = x
	}
	return dst
}

// Point writes point n of the sequence, in [0, 1)^dims, into dst (grown
// if needed) and returns it.
func (s *SobolSequence) Point(n uint32, dst []float64) []float64 {
	if cap(dst) < s.dims {
		dst = make([]float64, s.dims)
	}
	dst = dst[:s.dims]
	g := n ^ (n >> 1)
	for d := range s.dims {
		x := s.shift[d]
		v := &s.v[d]
		for b := g; b != 0; b &= b - 1 {
			x ^= v[bits.TrailingZeros32(b)]
		}
		dst[d] = float64(x) * 0x1p-32
	}
	return dst
}
