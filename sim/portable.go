package sim

import "math"

// exp and ln are math.Exp and math.Log computed the same way on amd64 and
// on WebAssembly, where the classroom page's static build runs the engine.
// math.Exp and math.Log have assembly versions on amd64 (and Exp's result
// there even depends on whether the CPU has FMA), which can differ in the
// last bit from the pure Go versions other architectures run; a price or
// a capacity one bit apart can flip a later comparison and change a run.
// math.Expm1 and math.Log1p are pure Go on every architecture. (Where the
// compiler fuses multiply-adds, as on arm64, pure Go code can still round
// differently.)
func exp(x float64) float64 { return math.Expm1(x) + 1 }

func ln(x float64) float64 { return math.Log1p(x - 1) }
