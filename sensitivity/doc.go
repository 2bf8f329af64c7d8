// Package sensitivity does global sensitivity analysis: Morris screening
// and variance-based Sobol' indices, with bootstrap confidence intervals.
// The central abstraction is the Design: every point of an experiment,
// generated up front from parameters (Param: a name and a range), settings
// and a seed. Points are numbered 0 to Len()-1 and each depends only on its
// number, so a command can run them on many workers, split them into
// shards and resume them; it then hands the outputs back in point order to
// the design's Analyze method. Nothing here runs a model.
//
// There are two designs, MorrisDesign (NewMorris) and SobolDesign
// (NewSobol). Each point may have any number of outputs (metrics); every
// index is computed for every output. Stochastic models run several
// replicates per point: AnalyzeReplicates analyses the replicate means and
// reports how much of the variation is replicate noise (Noise).
//
// # Parameters and the unit cube
//
// Designs are built in the unit cube [0, 1]^k; Param.Value maps a unit
// coordinate u to the parameter's scale: Lo + u(Hi − Lo) for a uniform
// parameter, Lo·(Hi/Lo)^u for a log-uniform one, and for an integer
// parameter with n whole numbers in [Lo, Hi] the (⌊nu⌋+1)-th of them (u = 1
// giving the last), so each is equally likely.
//
// # Morris elementary effects
//
// A MorrisDesign is r trajectories on the grid {0, 1/(p−1), …, 1}^k (p even,
// default 4), each of k+1 points (Morris 1991). A trajectory starts at a
// random grid point and moves the parameters one at a time, in random
// order, each by Δ = p/(2(p−1)) up or down; the design has r(k+1) points.
// The elementary effect of parameter i in trajectory t, on output y, is
//
//	EE_ti = (y(x + Δ e_i) − y(x)) / Δ
//
// with both points on the trajectory (for a step down, x + Δe_i is the point
// before the step). Effects are per unit of the unit cube, so they compare
// across parameters with different units. An integer parameter's grid
// levels land on whole numbers that need not be equally spaced (on [1, 3],
// 4 levels give 1, 2, 3, 3), so its effect divides by the move its values
// really make, (Value(after) − Value(before))/(Hi − Lo), instead of Δ: a
// linear output then gives it μ* = |slope|·(Hi − Lo) and σ = 0, as it
// gives a continuous parameter. (Choosing other grid levels would change
// the design's points, and a range with fewer whole numbers than levels
// has no equally spaced choice.) For each parameter,
//
//	μ_i  = (1/r) Σ_t EE_ti          mean effect; effects of opposite sign cancel
//	μ*_i = (1/r) Σ_t |EE_ti|        mean absolute effect (Campolongo et al. 2007): the importance measure
//	σ_i  = sqrt(Σ_t (EE_ti − μ_i)² / (r − 1))   spread: non-linearity or interactions
//
// With Candidates = M > r, M trajectories are drawn and r kept to maximise
// Campolongo et al.'s (2007) spread, Σ over kept pairs of d(m,l)², where
// d(m,l) is the sum of the Euclidean distances between all points of
// trajectories m and l. Campolongo et al. search every subset; this package
// maximises approximately, by greedy backward elimination (drop, one at a
// time, the trajectory whose removal keeps the largest spread), which costs
// O(M²k²) instead of C(M, r) subsets.
//
// # Sobol' indices
//
// For Y = f(X) with independent inputs, Sobol' (1993) decomposes V(Y) into
// parts due to each input and each group of inputs. The first-order index
// S_i = V(E[Y|X_i]) / V(Y) is the share of the variance that X_i explains
// alone; the total index ST_i = E[V(Y|X_~i)] / V(Y) is the share it
// explains with all its interactions, so ST_i ≥ S_i, and ST_i ≈ 0 means X_i
// can be fixed anywhere in its range.
//
// A SobolDesign is Saltelli's (2002) scheme: two N × k base matrices A and
// B, and for each parameter i the matrix A_B^(i), which is A with column i
// taken from B, in all N(k+2) points (ordered by base row: A, A_B^(1) …
// A_B^(k), B). With f(·)_j the output at row j and c, V the mean and the
// sample variance (divisor 2N − 1) of the 2N outputs of A and B,
//
//	S_i  = (1/N)  Σ_j (f(B)_j − c)(f(A_B^(i))_j − f(A)_j) / V     (Saltelli et al. 2010)
//	ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V               (Jansen 1999)
//
// Subtracting c changes neither estimator's expectation; it keeps the sums
// accurate when an output's level is large against its spread. Saltelli et
// al. (2010) compared the estimators in use and recommend these two: the
// first-order one is theirs, the total one Jansen's. Estimates can fall slightly outside [0, 1] when an index is
// near 0 or N is small; they are reported as computed. An output that does
// not vary over A and B has no indices: they are NaN.
//
// The base matrices are rows of one 2k-dimensional sequence, A taking the
// first k coordinates and B the next k (BaseSequence):
//   - ScrambledSobol (the default): the Sobol' sequence (Sobol' 1967) with
//     the direction numbers of Joe and Kuo (2008), new-joe-kuo-6.21201,
//     embedded for 1024 dimensions (so up to 512 parameters), with a random
//     linear matrix scramble and digital shift (Matoušek 1998) drawn from
//     the seed. Points in Gray-code order, identical to SciPy's unscrambled
//     qmc.Sobol (see TestSobolMatchesSciPy).
//   - PlainSobol: the same sequence unscrambled, identical for every seed.
//   - MonteCarlo: independent uniform draws, row j from its own stream.
//
// N a power of two keeps a Sobol' sequence balanced. Everything is
// deterministic for a seed: random numbers come only from
// sim.NewStream(seed, name) streams, named "sensitivity/morris/trajectories",
// "sensitivity/sobol/scramble", "sensitivity/sobol/random" (per row) and
// "sensitivity/…/bootstrap" (per resample).
//
// # Confidence intervals
//
// Intervals are Efron's percentile bootstrap (Efron 1979; Efron and
// Tibshirani 1993): the estimators are recomputed on B resamples (default
// 1000) of whole base rows (Sobol', all k+2 points of a row together) or
// whole trajectories (Morris), drawn with replacement, and the interval is
// the (1−level)/2 and (1+level)/2 quantiles of the resampled values (type 7
// interpolation); SE is their standard deviation. Resample b draws from its
// own stream, derived from the seed and b alone, so results do not depend on
// Bootstrap.Workers. The bootstrap treats rows as independent; for a
// scrambled Sobol' base the estimates are more accurate than that, so the
// intervals are conservative (in TestSobolCoverage, 95% intervals held the
// true Ishigami index in 100% of 240 cases with the scrambled base and in
// about 94% with the random base).
//
// # Replicate noise
//
// AnalyzeReplicates takes y[point][replicate][output], analyses the means
// over replicates, and reports per output a Noise: the pooled within-point
// variance W, the between-point variance of the true means (one-way
// ANOVA moments), the share of one run's variance that is noise, and
// ShareOfMeans, the share of the variance of the analysed means that is
// noise. Noise biases the indices in known directions: a total index of a
// parameter without effect reads about ShareOfMeans, first-order indices
// shrink by about 1 − ShareOfMeans, and a Morris μ* of a parameter without
// effect reads about NoiseFloor = 2·sqrt(W/(πR))/Δ. Indices at or below
// these levels cannot be told from noise. With common random numbers
// (the same replicate seeds at every point) noise is correlated between
// points and these levels are usually above what a parameter's
// differences show: reference levels, not bounds (W is pooled over all
// points, and a parameter whose steps fall where noise is larger than
// average can exceed them). The paired levels measure it
// instead, parameter by parameter, from the spread across replicates of
// each difference the estimators use, computed replicate by replicate:
// MorrisDesign.PairedNoiseFloor, sqrt(2·W_i/(πR))/Δ (each difference
// scaled by Δ over its step, for an integer parameter), and
// SobolDesign.PairedNoiseTotal, W_i/(2RV), with W_i the pooled variance of
// parameter i's per-replicate differences. They are 0 for a parameter
// whose change leaves every random draw as it was, and about the
// independent levels when noise is independent (TestPairedNoise...).
//
// # Sample sizes in the tests
//
// On the Ishigami function (a = 7, b = 0.1) and Sobol's G function with
// a = (0, 1, 4.5, 9, 99, 99, 99, 99), N = 4096 base samples (20,480 and
// 40,960 runs) put every true S_i and ST_i inside its 95% interval, within
// 0.04 (S) and 0.02 (ST). Morris with r = 20 trajectories kept out of 100
// (180 runs over 8 inputs) ranks the G function's inputs in the known order
// with non-overlapping intervals.
//
// # References
//
//   - Campolongo F, Cariboni J, Saltelli A (2007). An effective screening
//     design for sensitivity analysis of large models. Environmental
//     Modelling & Software 22(10):1509–1518.
//   - Efron B (1979). Bootstrap methods: another look at the jackknife.
//     Annals of Statistics 7(1):1–26. Efron B, Tibshirani RJ (1993). An
//     Introduction to the Bootstrap. Chapman & Hall.
//   - Jansen MJW (1999). Analysis of variance designs for model output.
//     Computer Physics Communications 117(1–2):35–43.
//   - Joe S, Kuo FY (2008). Constructing Sobol sequences with better
//     two-dimensional projections. SIAM Journal on Scientific Computing
//     30(5):2635–2654.
//   - Matoušek J (1998). On the L2-discrepancy for anchored boxes. Journal
//     of Complexity 14(4):527–556.
//   - Morris MD (1991). Factorial sampling plans for preliminary
//     computational experiments. Technometrics 33(2):161–174.
//   - Saltelli A (2002). Making best use of model evaluations to compute
//     sensitivity indices. Computer Physics Communications 145(2):280–297.
//   - Saltelli A, Annoni P, Azzini I, Campolongo F, Ratto M, Tarantola S
//     (2010). Variance based sensitivity analysis of model output. Design
//     and estimator for the total sensitivity index. Computer Physics
//     Communications 181(2):259–270.
//   - Sobol' IM (1967). On the distribution of points in a cube and the
//     approximate evaluation of integrals. USSR Computational Mathematics
//     and Mathematical Physics 7(4):86–112.
//   - Sobol' IM (1993). Sensitivity estimates for nonlinear mathematical
//     models. Mathematical Modeling and Computational Experiment
//     1(4):407–414.
package sensitivity
