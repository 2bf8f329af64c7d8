package claim

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// The columns of the claim's tables (docs/CLAIM.md documents each).
var (
	effectColumns = []string{"effect", "kind", "label", "harm", "n", "mean", "sd", "ci_low", "ci_high",
		"reference", "relative", "relative_low", "relative_high", "sesoi", "p", "p_adjusted", "p_equivalence", "p_equivalence_adjusted", "verdict"}
	// verdictColumns are verdicts.csv's, long: a row per harm and effect
	// the claim rests on, named by its effects.csv ID, so that the two
	// tables join on (harm, effect). claimColumns are claim.csv's, a row
	// per harm: the claim's verdict on it and the chain's.
	verdictColumns = []string{"harm", "effect", "verdict"}
	// needColumns follow effectColumns in effects.csv, which folders
	// written before 2026-12-03 do not have: ReadEffects does not need
	// them.
	needColumns  = []string{"reps_needed"}
	claimColumns = []string{"harm", "claim", "chain_at_open", "chain_at_closed", "chain_share"}
	// noneClaimColumns follow claimColumns in claim.csv where the check
	// read the claim a second time, at protection none
	// (Analysis.ClaimAtNone): the claim and its chain there.
	noneClaimColumns = []string{"claim_protection_none", "chain_at_open_protection_none", "chain_at_closed_protection_none"}
	mediationColumns = []string{"row", "kind", "abuse_events", "abuse_immobile", "immobile_low", "immobile_high", "share_immobile"}
	// wideVerdictColumns are verdicts.csv's as borderwork wrote it before
	// 2026-12-03, wide, a row per harm (one column per effect of
	// verdictEffects, then the claim), with chainVerdictColumns after
	// them once the chain was judged: ReadVerdicts reads it still, and
	// reproduce compares such a folder with the rerun written so.
	wideVerdictColumns    = []string{"harm", "malfunction_at_open", "malfunction_at_closed", "closure", "malfunction_minus_closure", "claim"}
	chainVerdictColumns   = []string{"chain_at_open", "chain_at_closed", "chain_share"}
	chainMediationColumns = []string{"chain_difference", "chain_low", "chain_high", "chain_p_adjusted", "chain"}
	waitingColumns        = []string{"effect", "harm", "total", "total_low", "total_high", "direct", "direct_low", "direct_high", "through_waiting", "through_low", "through_high", "share_through"}
	robustnessColumns     = []string{"harm", "claim", "malfunction_at_open", "malfunction_at_closed", "closure", "malfunction_minus_closure", "margin"}
)

func f(v float64) string { return output.FormatFloat(v) }

// verdictEffects are the effects the claim's verdict on a harm rests on,
// as verdicts.csv names them (their effects.csv IDs) and as the wide
// verdicts.csv written before 2026-12-03 (and robustness.csv) names
// their columns, with where a ClaimVerdict keeps each.
var verdictEffects = []verdictEffect{
	{"malfunction|closure=" + Closure.Low, "malfunction_at_open", func(c *ClaimVerdict) *Verdict { return &c.AtOpen }},
	{"malfunction|closure=" + Closure.High, "malfunction_at_closed", func(c *ClaimVerdict) *Verdict { return &c.AtClosed }},
	{Closure.Name, "closure", func(c *ClaimVerdict) *Verdict { return &c.Closure }},
	{"malfunction-closure", "malfunction_minus_closure", func(c *ClaimVerdict) *Verdict { return &c.MalfunctionOverClose }},
}

type verdictEffect struct {
	ID, Column string
	Of         func(c *ClaimVerdict) *Verdict
}

// writeTables writes effects.csv (with each contrast's need of
// replicates, needs), verdicts.csv, claim.csv and mediation.csv, and
// waiting.csv where the design switches waiting's effects off.
func writeTables(w *experiment.Writer, a *Analysis, needs Needs) error {
	for _, t := range analysisTables(a, needs) {
		if err := w.WriteTable(t.Name, t.Header, t.Rows); err != nil {
			return err
		}
	}
	return nil
}

// analysisTables are the tables writeTables writes, in its order.
func analysisTables(a *Analysis, needs Needs) []experiment.Table {
	var rows [][]string
	for _, e := range a.Estimates {
		rows = append(rows, []string{e.Effect.ID, e.Effect.Kind, e.Effect.Label, e.Harm, strconv.Itoa(e.N), f(e.Mean), f(e.SD), f(e.Lo), f(e.Hi),
			f(e.Reference), f(e.Relative), f(e.RelLo), f(e.RelHi), f(e.SESOI), f(e.P), f(e.PAdj), f(e.PEquiv), f(e.PEquivAdj), string(e.Verdict),
			strconv.Itoa(needs.Of(e.Effect.ID, e.Harm))})
	}
	tables := []experiment.Table{{Name: "effects.csv", Header: slices.Concat(effectColumns, needColumns), Rows: rows}}
	verdicts, claims := claimRows(a.Claim, a.ClaimAtNone)
	tables = append(tables, experiment.Table{Name: "verdicts.csv", Header: verdictColumns, Rows: verdicts})
	cols := claimColumns
	if a.ClaimAtNone != nil {
		cols = slices.Concat(claimColumns, noneClaimColumns)
	}
	tables = append(tables, experiment.Table{Name: "claim.csv", Header: cols, Rows: claims})
	rows = nil
	for _, m := range a.Mediation {
		rows = append(rows, []string{m.Row, m.Kind, f(m.Events), f(m.Immobile), f(m.Lo), f(m.Hi), f(m.Share),
			f(m.ChainDiff), f(m.ChainLo), f(m.ChainHi), f(m.ChainPAdj), string(m.Chain)})
	}
	tables = append(tables, experiment.Table{Name: "mediation.csv", Header: slices.Concat(mediationColumns, chainMediationColumns), Rows: rows})
	if !a.Design.WaitingOff {
		return tables
	}
	rows = nil
	for _, x := range a.Waiting {
		rows = append(rows, []string{x.Effect, x.Harm, f(x.Total.Mean), f(x.Total.Lo), f(x.Total.Hi), f(x.Direct.Mean), f(x.Direct.Lo), f(x.Direct.Hi),
			f(x.Through.Mean), f(x.Through.Lo), f(x.Through.Hi), f(x.Share())})
	}
	return append(tables, experiment.Table{Name: "waiting.csv", Header: waitingColumns, Rows: rows})
}

// claimRows are the rows of verdicts.csv and claim.csv of the verdicts cs
// and, where the claim was read a second time, at protection none, of
// none (one per harm of cs, in its order; nil otherwise): on each harm,
// the effects of cs, then their counterparts at protection none (AtNone).
func claimRows(cs, none []ClaimVerdict) (verdicts, claims [][]string) {
	for i, c := range cs {
		for _, e := range verdictEffects {
			verdicts = append(verdicts, []string{c.Harm, e.ID, string(*e.Of(&c))})
		}
		row := []string{c.Harm, c.Holds, string(c.ChainAtOpen), string(c.ChainAtClosed), chainShare(c)}
		if none != nil {
			n := none[i]
			for _, e := range verdictEffects {
				verdicts = append(verdicts, []string{n.Harm, AtNone(e.ID), string(*e.Of(&n))})
			}
			row = append(row, n.Holds, string(n.ChainAtOpen), string(n.ChainAtClosed))
		}
		claims = append(claims, row)
	}
	return verdicts, claims
}

func chainShare(c ClaimVerdict) string {
	if c.ChainShare == 0 {
		return ""
	}
	return f(c.ChainShare)
}

// wideVerdicts is verdicts.csv as borderwork wrote it before 2026-12-03
// (wideVerdictColumns and chainVerdictColumns, a row per harm), from the
// verdicts cs.
func wideVerdicts(cs []ClaimVerdict) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(slices.Concat(wideVerdictColumns, chainVerdictColumns))
	for _, c := range cs {
		w.Write([]string{c.Harm, string(c.AtOpen), string(c.AtClosed), string(c.Closure), string(c.MalfunctionOverClose), c.Holds,
			string(c.ChainAtOpen), string(c.ChainAtClosed), chainShare(c)})
	}
	w.Flush()
	return b.Bytes()
}

// ReadEffects reads effects.csv back: the estimates as written, with
// their effects' IDs, kinds and labels (not their coefficients).
func ReadEffects(path string) ([]Estimate, error) {
	t, err := output.ReadTable(path, effectColumns...)
	if err != nil {
		return nil, err
	}
	var out []Estimate
	for i := range t.Rows {
		e := Estimate{Effect: Effect{ID: t.Cell(i, "effect"), Kind: t.Cell(i, "kind"), Label: t.Cell(i, "label")}, Harm: t.Cell(i, "harm")}
		if !slices.Contains([]string{Main, Conditional, Interaction, Difference, Arm}, e.Effect.Kind) {
			return nil, t.Errorf(i, "kind", "unknown kind of effect %q", e.Effect.Kind)
		}
		if e.N, err = t.Int(i, "n"); err != nil {
			return nil, err
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"mean", &e.Mean}, {"sd", &e.SD}, {"ci_low", &e.Lo}, {"ci_high", &e.Hi}, {"reference", &e.Reference},
			{"relative", &e.Relative}, {"relative_low", &e.RelLo}, {"relative_high", &e.RelHi}, {"sesoi", &e.SESOI},
			{"p", &e.P}, {"p_adjusted", &e.PAdj}, {"p_equivalence", &e.PEquiv}, {"p_equivalence_adjusted", &e.PEquivAdj}} {
			if *c.v, err = t.Float(i, c.col); err != nil {
				return nil, err
			}
		}
		if e.Verdict, err = readVerdict(t, i, "verdict"); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func readVerdict(t *output.Table, i int, col string) (Verdict, error) {
	v := Verdict(t.Cell(i, col))
	if !slices.Contains(Verdicts, v) {
		return v, t.Errorf(i, col, "unknown verdict %q", v)
	}
	return v, nil
}

// ReadVerdicts reads verdicts.csv back, with claim.csv beside it: the
// claim's verdict per harm, and, where the folder read the claim a second
// time at protection none (claim.csv's noneClaimColumns), its verdict
// there (none; nil otherwise). A wide verdicts.csv, as borderwork wrote
// it before 2026-12-03 with the claim in it and no claim.csv, is read
// too.
func ReadVerdicts(path string) (main, none []ClaimVerdict, err error) {
	t, err := output.ReadTable(path, "harm")
	if err != nil {
		return nil, nil, err
	}
	if t.Column("effect") < 0 {
		main, err = readWideVerdicts(path)
		return main, nil, err
	}
	if t, err = output.ReadTable(path, verdictColumns...); err != nil {
		return nil, nil, err
	}
	claims, err := output.ReadTable(filepath.Join(filepath.Dir(path), "claim.csv"), claimColumns...)
	if err != nil {
		return nil, nil, err
	}
	second := claims.Column(noneClaimColumns[0]) >= 0
	for i := range claims.Rows {
		c := ClaimVerdict{Harm: claims.Cell(i, "harm"), Holds: claims.Cell(i, "claim")}
		if err := readClaim(claims, i, &c); err != nil {
			return nil, nil, err
		}
		main = append(main, c)
		if second {
			n, err := readNoneClaim(claims, i)
			if err != nil {
				return nil, nil, err
			}
			none = append(none, n)
		}
	}
	// Each row's effect: one the claim rests on, read as it is or at
	// protection none, where claim.csv has that reading.
	ids := verdictEffects
	if second {
		for _, e := range verdictEffects {
			ids = append(ids, verdictEffect{ID: AtNone(e.ID), Of: e.Of})
		}
	}
	seen := map[[2]string]bool{}
	for i := range t.Rows {
		harm, effect := t.Cell(i, "harm"), t.Cell(i, "effect")
		k := slices.IndexFunc(main, func(c ClaimVerdict) bool { return c.Harm == harm })
		if k < 0 {
			return nil, nil, t.Errorf(i, "harm", "harm %q is not in claim.csv", harm)
		}
		e := slices.IndexFunc(ids, func(v verdictEffect) bool { return v.ID == effect })
		if e < 0 {
			return nil, nil, t.Errorf(i, "effect", "%q is not an effect the claim rests on", effect)
		}
		if seen[[2]string{harm, effect}] {
			return nil, nil, t.Errorf(i, "effect", "%s on %s is listed twice", effect, harm)
		}
		seen[[2]string{harm, effect}] = true
		to := &main[k]
		if e >= len(verdictEffects) {
			to = &none[k]
		}
		if *ids[e].Of(to), err = readVerdict(t, i, "verdict"); err != nil {
			return nil, nil, err
		}
	}
	for _, c := range main {
		for _, e := range ids {
			if !seen[[2]string{c.Harm, e.ID}] {
				return nil, nil, fmt.Errorf("%s: no verdict of %s on %s", path, e.ID, c.Harm)
			}
		}
	}
	return main, none, nil
}

// readNoneClaim reads the claim at protection none on row i of claim.csv
// (noneClaimColumns), with the chain share of the row's main reading.
func readNoneClaim(t *output.Table, i int) (ClaimVerdict, error) {
	c := ClaimVerdict{Harm: t.Cell(i, "harm"), Holds: t.Cell(i, noneClaimColumns[0])}
	if !slices.Contains(ClaimOutcomes, c.Holds) {
		return c, t.Errorf(i, noneClaimColumns[0], "unknown outcome %q", c.Holds)
	}
	var err error
	if c.ChainAtOpen, err = readChain(t, i, noneClaimColumns[1]); err != nil {
		return c, err
	}
	if c.ChainAtClosed, err = readChain(t, i, noneClaimColumns[2]); err != nil {
		return c, err
	}
	if t.Cell(i, "chain_share") != "" {
		if c.ChainShare, err = t.Float(i, "chain_share"); err != nil {
			return c, err
		}
	}
	return c, nil
}

// readClaim reads row i of a table with the claim's columns (claim.csv,
// or the wide verdicts.csv) into c.
func readClaim(t *output.Table, i int, c *ClaimVerdict) error {
	if !slices.Contains(ClaimOutcomes, c.Holds) {
		return t.Errorf(i, "claim", "unknown outcome %q", c.Holds)
	}
	if t.Column("chain_at_open") < 0 {
		return nil
	}
	var err error
	for _, v := range []struct {
		col string
		to  *ChainVerdict
	}{{"chain_at_open", &c.ChainAtOpen}, {"chain_at_closed", &c.ChainAtClosed}} {
		if *v.to, err = readChain(t, i, v.col); err != nil {
			return err
		}
	}
	if t.Cell(i, "chain_share") != "" {
		if c.ChainShare, err = t.Float(i, "chain_share"); err != nil {
			return err
		}
	}
	return nil
}

// readWideVerdicts reads verdicts.csv as borderwork wrote it before
// 2026-12-03: a row per harm, the claim in it.
func readWideVerdicts(path string) ([]ClaimVerdict, error) {
	t, err := output.ReadTable(path, wideVerdictColumns...)
	if err != nil {
		return nil, err
	}
	var out []ClaimVerdict
	for i := range t.Rows {
		c := ClaimVerdict{Harm: t.Cell(i, "harm"), Holds: t.Cell(i, "claim")}
		for _, e := range verdictEffects {
			if *e.Of(&c), err = readVerdict(t, i, e.Column); err != nil {
				return nil, err
			}
		}
		if err := readClaim(t, i, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// readChain reads a chain verdict: empty on a harm without one.
func readChain(t *output.Table, i int, col string) (ChainVerdict, error) {
	v := ChainVerdict(t.Cell(i, col))
	if v != "" && !slices.Contains(ChainVerdicts, v) {
		return v, t.Errorf(i, col, "unknown verdict on the chain %q", v)
	}
	return v, nil
}

// ReadMediation reads mediation.csv back.
func ReadMediation(path string) ([]Mediation, error) {
	t, err := output.ReadTable(path, mediationColumns...)
	if err != nil {
		return nil, err
	}
	var out []Mediation
	for i := range t.Rows {
		m := Mediation{Row: t.Cell(i, "row"), Kind: t.Cell(i, "kind")}
		if m.Kind != "arm" && m.Kind != "effect" {
			return nil, t.Errorf(i, "kind", "want arm or effect, got %q", m.Kind)
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"abuse_events", &m.Events}, {"abuse_immobile", &m.Immobile}, {"immobile_low", &m.Lo}, {"immobile_high", &m.Hi}, {"share_immobile", &m.Share},
			{"chain_difference", &m.ChainDiff}, {"chain_low", &m.ChainLo}, {"chain_high", &m.ChainHi}, {"chain_p_adjusted", &m.ChainPAdj}} {
			if t.Column(c.col) < 0 { // a folder written before the chain was judged
				*c.v = math.NaN()
				continue
			}
			if *c.v, err = t.Float(i, c.col); err != nil {
				return nil, err
			}
		}
		if t.Column("chain") >= 0 {
			if m.Chain, err = readChain(t, i, "chain"); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// ReadWaiting reads waiting.csv back: Waiting rows with each part's
// mean and interval.
func ReadWaiting(path string) ([]Waiting, error) {
	t, err := output.ReadTable(path, waitingColumns...)
	if err != nil {
		return nil, err
	}
	var out []Waiting
	for i := range t.Rows {
		w := Waiting{Effect: t.Cell(i, "effect"), Harm: t.Cell(i, "harm")}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"total", &w.Total.Mean}, {"total_low", &w.Total.Lo}, {"total_high", &w.Total.Hi}, {"direct", &w.Direct.Mean}, {"direct_low", &w.Direct.Lo}, {"direct_high", &w.Direct.Hi},
			{"through_waiting", &w.Through.Mean}, {"through_low", &w.Through.Lo}, {"through_high", &w.Through.Hi}} {
			if *c.v, err = t.Float(i, c.col); err != nil {
				return nil, err
			}
		}
		out = append(out, w)
	}
	return out, nil
}

func writeRobustness(path string, rr *RobustnessResult) error {
	c, err := output.CreateCSV(path, append(append([]string{"point"}, rr.IDs...), robustnessColumns...))
	if err != nil {
		return err
	}
	for p, point := range rr.Points {
		for h, cv := range rr.Claims[p] {
			row := []string{strconv.Itoa(p)}
			for _, v := range point {
				row = append(row, f(v))
			}
			row = append(row, cv.Harm, cv.Holds, string(cv.AtOpen), string(cv.AtClosed), string(cv.Closure), string(cv.MalfunctionOverClose), f(rr.Margins[p][h]))
			if err := c.Write(row); err != nil {
				c.Close()
				return err
			}
		}
	}
	return c.Close()
}

// ReadRobustness reads robustness.csv back: the assumptions varied (the
// columns between point and harm), the points, and the claim at each
// point on each harm, in the order written.
func ReadRobustness(path string) (*RobustnessResult, error) {
	t, err := output.ReadTable(path, append([]string{"point"}, robustnessColumns...)...)
	if err != nil {
		return nil, err
	}
	first, last := t.Column("point")+1, t.Column("harm")
	if last < first {
		return nil, t.Errorf(-1, "harm", "the assumptions' columns must lie between point and harm")
	}
	rr := &RobustnessResult{IDs: t.Header[first:last]}
	for i := range t.Rows {
		p, err := t.Int(i, "point")
		if err != nil {
			return nil, err
		}
		switch {
		case p == len(rr.Points):
			point := make([]float64, len(rr.IDs))
			for j, id := range rr.IDs {
				if point[j], err = t.Float(i, id); err != nil {
					return nil, err
				}
			}
			rr.Points = append(rr.Points, point)
			rr.Claims = append(rr.Claims, nil)
			rr.Margins = append(rr.Margins, nil)
		case p != len(rr.Points)-1:
			return nil, t.Errorf(i, "point", "points must come in order from 0, got %d after %d", p, len(rr.Points)-1)
		}
		cv := ClaimVerdict{Harm: t.Cell(i, "harm"), Holds: t.Cell(i, "claim")}
		for _, v := range []struct {
			col string
			to  *Verdict
		}{{"malfunction_at_open", &cv.AtOpen}, {"malfunction_at_closed", &cv.AtClosed}, {"closure", &cv.Closure}, {"malfunction_minus_closure", &cv.MalfunctionOverClose}} {
			if *v.to, err = readVerdict(t, i, v.col); err != nil {
				return nil, err
			}
		}
		margin, err := t.Float(i, "margin")
		if err != nil {
			return nil, err
		}
		rr.Claims[p] = append(rr.Claims[p], cv)
		rr.Margins[p] = append(rr.Margins[p], margin)
	}
	return rr, nil
}
