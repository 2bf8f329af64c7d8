package sim

import "github.com/borderwork/borderwork/internal/portable"

// exp and ln are e**x and the natural logarithm as the engine has always
// computed them, from Expm1 and Log1p. Every elementary function the
// engine calls comes from internal/portable, which computes it to the
// same bits on every architecture (math.Exp and math.Log have assembly
// versions on amd64, and the standard library's pure Go code is compiled
// with fused multiply-adds on arm64 and others); every product the
// engine adds to something is rounded first, float64(x*y) + z, which no
// compiler may fuse. portable's TestNoFusedMultiplyAdd keeps both true.
func exp(x float64) float64 { return portable.Expm1(x) + 1 }

func ln(x float64) float64 { return portable.Log1p(x - 1) }
