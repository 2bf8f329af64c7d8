package portable

import "math"

// Cos returns the cosine of x (radians), as math.Cos does (Cephes'
// sin.c) for |x| < 2**29. Beyond, where math.Cos reduces the argument by
// Payne and Hanek's method, Cos reduces it by an exact remainder of the
// float64 nearest 2π, which is portable but only as accurate as that
// period: borderwork only takes cosines of angles within one turn.
func Cos(x float64) float64 {
	const (
		pi4A = 7.85398125648498535156e-1  // 0x3fe921fb40000000, π/4 split into three parts
		pi4B = 3.77489470793079817668e-8  // 0x3e64442d00000000
		pi4C = 2.69515142907905952645e-15 // 0x3ce8469898cc5170

		reduceThreshold = 1 << 29
	)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	x = math.Abs(x)
	if x >= reduceThreshold {
		x = math.Mod(x, 2*math.Pi) // exact: see above
	}
	sign := false
	j := uint64(float64(x * (4 / math.Pi))) // the octant of x
	y := float64(j)
	if j&1 == 1 { // map zeros to the origin
		j++
		y++
	}
	j &= 7
	z := ((x - float64(y*pi4A)) - float64(y*pi4B)) - float64(y*pi4C) // x - y·π/4 in extra precision
	if j > 3 {
		j -= 4
		sign = !sign
	}
	if j > 1 {
		sign = !sign
	}
	zz := float64(z * z)
	if j == 1 || j == 2 {
		y = z + float64(z*zz*poly(&sinCoef, zz))
	} else {
		y = 1.0 - float64(0.5*zz) + float64(zz*zz*poly(&cosCoef, zz))
	}
	if sign {
		y = -y
	}
	return y
}

// poly is ((((c0·z + c1)·z + c2)·z + c3)·z + c4)·z + c5, in that order.
func poly(c *[6]float64, z float64) float64 {
	p := float64(c[0]*z) + c[1]
	p = float64(p*z) + c[2]
	p = float64(p*z) + c[3]
	p = float64(p*z) + c[4]
	return float64(p*z) + c[5]
}

// The coefficients of Cephes' sin.c.
var (
	sinCoef = [6]float64{
		1.58962301576546568060e-10, // 0x3de5d8fd1fd19ccd
		-2.50507477628578072866e-8, // 0xbe5ae5e5a9291f5d
		2.75573136213857245213e-6,  // 0x3ec71de3567d48a1
		-1.98412698295895385996e-4, // 0xbf2a01a019bfdf03
		8.33333333332211858878e-3,  // 0x3f8111111110f7d0
		-1.66666666666666307295e-1, // 0xbfc5555555555548
	}
	cosCoef = [6]float64{
		-1.13585365213876817300e-11, // 0xbda8fa49a0861a9b
		2.08757008419747316778e-9,   // 0x3e21ee9d7b4e3f05
		-2.75573141792967388112e-7,  // 0xbe927e4f7eac4bc6
		2.48015872888517045348e-5,   // 0x3efa01a019c844f5
		-1.38888888888730564116e-3,  // 0xbf56c16c16c14f91
		4.16666666666665929218e-2,   // 0x3fa555555555554b
	}
)
