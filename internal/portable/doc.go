// Package portable computes the functions borderwork's results depend on
// — Exp, Expm1, Log, Log1p, Pow and Cos, and Student's t law for
// intervals and p-values — to the same bits on every architecture.
//
// The standard library's versions do not: math.Exp and math.Log run
// assembly on amd64 (and math.Exp's result there depends on whether the
// CPU has FMA), and its pure Go code is compiled with fused multiply-adds
// on arm64, ppc64le, s390x, riscv64 and loong64, which round once where
// amd64 rounds twice. A result one bit apart can flip a later comparison
// and change a run. The functions here follow the algorithms, constants
// and order of operations of Go's pure Go math package (from FreeBSD's
// msun and Cephes; see NOTICE), with every product that is added rounded
// explicitly (float64(x*y) + z), which the Go specification says no
// compiler may fuse. Expm1, Log1p and Cos therefore return exactly what
// math.Expm1, math.Log1p and math.Cos return on amd64, everywhere; Exp
// and Log return what the pure Go math.Exp and math.Log return, which
// amd64's assembly may differ from in the last bit. StudentTSurvival and
// StudentTQuantile replace gonum's distuv.StudentsT, whose incomplete
// beta function calls math.Exp, math.Log and math.Pow and is fused on
// arm64; they are accurate to about 1e-14 (gonum's to about 1e-13 at a
// thousand degrees of freedom), but not the same bits as gonum's.
//
// TestGolden pins each function's bits on a fixed set of arguments (run
// it for another architecture under an emulator: .ci/run does, for
// arm64), and TestNoFusedMultiplyAdd fails if a compiler fuses an
// operation in this package or in any package whose arithmetic reaches
// borderwork's results.
package portable
