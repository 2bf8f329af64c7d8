package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// claimFolder is what a test reads of a claim's folder: its effects
// (effects.csv), the claim on each harm (claim.csv) and each regime's
// mean of each metric (stats.csv).
type claimFolder struct {
	effects map[[2]string]claimEffect // by effect and harm
	claims  map[string]string         // by harm
	means   map[[2]string]float64     // by regime and metric
	reps    int
}

type claimEffect struct {
	est     claim.Estimate
	verdict string
}

// runClaimFolder runs claim with args, without figures, and reads its
// folder.
func runClaimFolder(t *testing.T, args ...string) claimFolder {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, append([]string{"claim", "--quiet", "--formats", "", "--out", out}, args...)...)
	f := claimFolder{effects: map[[2]string]claimEffect{}, claims: map[string]string{}, means: map[[2]string]float64{}}
	num := func(row []string, col map[string]int, name string) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(row[col[name]], 64)
		if err != nil {
			t.Fatalf("claim %s: %s: %v", strings.Join(args, " "), name, err)
		}
		return v
	}
	read := func(name string, each func(row []string, col map[string]int)) {
		rows := readCSVFile(t, filepath.Join(out, name))
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, row := range rows[1:] {
			each(row, col)
		}
	}
	read("effects.csv", func(row []string, col map[string]int) {
		f.effects[[2]string{row[col["effect"]], row[col["harm"]]}] = claimEffect{
			est:     claim.Estimate{Mean: num(row, col, "mean"), Lo: num(row, col, "ci_low"), Hi: num(row, col, "ci_high")},
			verdict: row[col["verdict"]],
		}
		f.reps = int(num(row, col, "n"))
	})
	read("claim.csv", func(row []string, col map[string]int) { f.claims[row[col["harm"]]] = row[col["claim"]] })
	read("stats.csv", func(row []string, col map[string]int) {
		f.means[[2]string{row[col["regime"]], row[col["metric"]]}] = num(row, col, "mean")
	})
	return f
}

// effect is an effect on harm as docs/CLAIM.md's tables write it, with
// its verdict where withVerdict.
func (f claimFolder) effect(t *testing.T, effect, harm string, withVerdict bool) string {
	t.Helper()
	e, ok := f.effects[[2]string{effect, harm}]
	if !ok {
		t.Fatalf("effects.csv has no effect %s on %s", effect, harm)
	}
	s := docSigned(claim.FormatInterval(e.est))
	if withVerdict {
		s += ", " + e.verdict
	}
	return s
}

// mean is regime's mean of metric a run (stats.csv).
func (f claimFolder) mean(t *testing.T, regime, metric string) float64 {
	t.Helper()
	v, ok := f.means[[2]string{regime, metric}]
	if !ok {
		t.Fatalf("stats.csv has no %s of %s", metric, regime)
	}
	return v
}

// docWhole is a count as docs/CLAIM.md's prose writes a mean a run of
// what is counted in whole numbers: "57", "3,517".
func docWhole(v float64) string { return words.Group(fmt.Sprintf("%.0f", v)) }

// TestClaimAssumptionsDoc: every number of docs/CLAIM.md's sections on
// the assumptions behind closure's and protection's effects (the deadlier
// paths of patrolled borders, the patrols' violence, the centres' staff's
// abuse and their detention) is what the commands the sections name give,
// for classroom and sahel, with the verdicts and the changes the prose
// draws from them. A model change once left seven of these numbers
// stale; the first column of each table is also checked by
// TestClaimWorkedExample and TestClaimScenariosDoc.
func TestClaimAssumptionsDoc(t *testing.T) {
	t.Parallel()
	doc := claimMD(t)
	says := func(t *testing.T, want string) {
		t.Helper()
		if !strings.Contains(doc, want) {
			t.Errorf("docs/CLAIM.md does not say %q", want)
		}
	}
	const (
		hazard    = "factors.enforcement.patrolled.irregular_hazard=1.0"
		violence  = "factors.enforcement.patrolled.pushback_violence=5"
		abuse     = "factors.protection.hbm.centre_abuse="
		detention = "factors.protection.hbm.centre_detention=1"
	)
	type scenario struct {
		name, command string
		args          []string
		// The share of closure's effect on deaths that is the
		// multiplier, and the days in centres per day held, in words.
		multiplier, held string
		// Protection's verdict on migrants abused with the staff's abuse
		// at 0.1.
		abusedAtTenth string
	}
	// Each scenario's runs: its defaults and each assumption changed.
	type runs struct {
		base, hazard, violence, abuse2, abuse10, detention claimFolder
	}
	// Filled by each scenario's subtest, read once both have ended.
	results := map[string]*runs{"classroom": {}, "sahel": {}}
	for _, sc := range []scenario{
		{"classroom", "`borderwork claim classroom`", []string{"classroom"}, "third", "twelfth", "protective"},
		{"sahel", "`borderwork claim sahel --own none`", []string{"sahel", "--own", "none"}, "half", "thirteenth", "no meaningful difference"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			with := func(set string) claimFolder {
				if set == "" {
					return runClaimFolder(t, sc.args...)
				}
				return runClaimFolder(t, append(slices.Clone(sc.args), "--set", set)...)
			}
			r := results[sc.name]
			*r = runs{with(""), with(hazard), with(violence), with(abuse + "0.02"), with(abuse + "0.1"), with(detention)}
			if r.base.reps != 60 {
				t.Errorf("%s: %d replicates; docs/CLAIM.md's tables say 60", sc.name, r.base.reps)
			}
			row := func(command string, cells ...string) string {
				return "| `" + sc.name + "` | " + command + " | " + strings.Join(cells, " | ") + " |"
			}
			reps := sc.command + " (60 replicates)"

			// Deaths: the multiplier of patrolled paths' hazard.
			says(t, row(reps, r.base.effect(t, "closure", "deaths", false), r.hazard.effect(t, "closure", "deaths", false),
				r.base.claims["deaths"]+" → "+r.hazard.claims["deaths"]))
			share := 1 - r.hazard.effects[[2]string{"closure", "deaths"}].est.Mean/r.base.effects[[2]string{"closure", "deaths"}].est.Mean
			if got := nearestFraction(share); got != sc.multiplier {
				t.Errorf("%s: the multiplier is %.2f of closure's effect on deaths, about a %s; docs/CLAIM.md says a %s", sc.name, share, got, sc.multiplier)
			}

			// Abuse: the patrols' violence.
			same := func(a, b string) string {
				if a == b {
					return a + " → the same"
				}
				return a + " → " + b
			}
			says(t, row(reps, r.base.effect(t, "closure", "abuse_events", false), r.violence.effect(t, "closure", "abuse_events", false),
				r.base.effect(t, "malfunction-closure", "abuse_events", false), r.violence.effect(t, "malfunction-closure", "abuse_events", false),
				same(r.base.claims["abuse_events"], r.violence.claims["abuse_events"])))
			for _, harm := range []string{"abuse_events", "abused_migrants"} {
				if r.base.claims[harm] != r.violence.claims[harm] {
					t.Errorf("%s: with violent patrols the claim on %s changes from %s to %s; docs/CLAIM.md says no verdict on abuse changes", sc.name, harm, r.base.claims[harm], r.violence.claims[harm])
				}
			}
			if v := r.violence.effects[[2]string{"closure", "abused_migrants"}].verdict; v != string(claim.NoDifference) {
				t.Errorf("%s: with violent patrols closure's effect on migrants abused is %s; docs/CLAIM.md says it becomes no meaningful difference", sc.name, v)
			}

			// Abuse: the centres' staff.
			says(t, row(reps, r.base.effect(t, "protection", "abuse_events", true), r.abuse2.effect(t, "protection", "abuse_events", true),
				r.abuse10.effect(t, "protection", "abuse_events", true), r.base.effect(t, "protection", "harm_index", true),
				r.abuse10.effect(t, "protection", "harm_index", true)))
			if v := r.abuse10.effects[[2]string{"protection", "abused_migrants"}].verdict; v != sc.abusedAtTenth {
				t.Errorf("%s: with the staff's abuse at 0.1 protection's effect on migrants abused is %s; docs/CLAIM.md says %s", sc.name, v, sc.abusedAtTenth)
			}

			// Immobilisation: centres that hold everyone.
			detained, inCentres := r.detention.mean(t, "closed-failing-hbm", "detained_person_days"), r.detention.mean(t, "closed-failing-hbm", "centre_person_days")
			says(t, row(sc.command, output.FormatCount(detained)+" (of "+output.FormatCount(inCentres)+")",
				r.base.effect(t, "protection", "immobilised_person_days", true), r.detention.effect(t, "protection", "immobilised_person_days", true),
				r.base.effect(t, "protection", "harm_index", true), r.detention.effect(t, "protection", "harm_index", true)))
			if got := ordinals[int(math.Round(inCentres/detained))]; got != sc.held {
				t.Errorf("%s: a day in %.1f in centres is a day held; docs/CLAIM.md says a %s", sc.name, inCentres/detained, sc.held)
			}
			for _, r2 := range []struct {
				what string
				f    claimFolder
			}{{"the staff's abuse at 0.1", r.abuse10}, {"detention", r.detention}} {
				for harm, v := range r.base.claims {
					if r2.f.claims[harm] != v {
						t.Errorf("%s: with %s the claim on %s changes from %s to %s; docs/CLAIM.md says no verdict of the claim changes", sc.name, r2.what, harm, v, r2.f.claims[harm])
					}
				}
			}
		})
	}
	t.Run("sahel with 6 replicates", func(t *testing.T) {
		t.Parallel()
		six := []string{"sahel", "--reps", "6", "--max-reps", "6", "--own", "none"}
		base, hz := runClaimFolder(t, six...), runClaimFolder(t, append(slices.Clone(six), "--set", hazard)...)
		says(t, "| `sahel` | `borderwork claim sahel --reps 6 --max-reps 6 --own none` | "+base.effect(t, "closure", "deaths", false)+" | "+
			hz.effect(t, "closure", "deaths", false)+" | "+base.claims["deaths"]+" → "+hz.claims["deaths"]+" |")
		// "no longer shown to be protective"
		if b, h := base.effects[[2]string{"malfunction-closure", "deaths"}].verdict, hz.effects[[2]string{"malfunction-closure", "deaths"}].verdict; b != string(claim.Protective) || h == string(claim.Protective) {
			t.Errorf("sahel, 6 replicates: malfunction-closure on deaths is %s, and %s without the multiplier; docs/CLAIM.md says it is no longer shown to be protective", b, h)
		}
	})
	// The prose that sets the two scenarios side by side, once both have
	// run (a parallel subtest's t.Run returns before it ends).
	t.Cleanup(func() {
		c, s := results["classroom"], results["sahel"]
		if c.base.effects == nil || s.detention.effects == nil {
			return // a subtest failed before its runs were done
		}
		signed := func(v float64) string { return docSigned(output.FormatCount(v)) }
		change := func(from, to claimFolder, effect, harm string) (string, string) {
			return signed(from.effects[[2]string{effect, harm}].est.Mean), signed(to.effects[[2]string{effect, harm}].est.Mean)
		}
		cf, ct := change(c.base, c.abuse10, "closure", "abuse_events")
		sf, st := change(s.base, s.abuse10, "closure", "abuse_events")
		says(t, "(at 0.1, from "+cf+" to "+ct+" events a run in `classroom` and from "+sf+" to "+st+" in `sahel`)")
		cf, ct = change(c.base, c.abuse10, "malfunction-closure", "abuse_events")
		sf, st = change(s.base, s.abuse10, "malfunction-closure", "abuse_events")
		says(t, "lowers malfunction − closure (from "+cf+" to "+ct+", and from "+sf+" to "+st+")")
		says(t, "(in `closed-working-hbm`, from "+output.FormatCount(s.base.mean(t, "closed-working-hbm", "abuse_events"))+" to "+
			output.FormatCount(s.abuse10.mean(t, "closed-working-hbm", "abuse_events"))+" abuse events a run, but from "+
			output.FormatCount(s.base.mean(t, "closed-working-hbm", "abused_migrants"))+" to "+
			output.FormatCount(s.abuse10.mean(t, "closed-working-hbm", "abused_migrants"))+" migrants abused)")
		assisted := func(f claimFolder) string { return docWhole(f.mean(t, "closed-failing-hbm", "returns_assisted")) }
		says(t, "(in `closed-failing-hbm`, from "+assisted(c.base)+" to "+assisted(c.detention)+" a run in `classroom` and from "+
			assisted(s.base)+" to "+assisted(s.detention)+" in `sahel`)")
	})
}

// ordinals names the fractions docs/CLAIM.md writes as "a twelfth".
var ordinals = map[int]string{2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
	11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth"}

// nearestFraction is the unit fraction, 1/2 to 1/16, nearest share, as
// docs/CLAIM.md's prose names it ("about a third").
func nearestFraction(share float64) string {
	best, name := math.Inf(1), ""
	for n := 2; n <= 16; n++ {
		if d := math.Abs(share - 1/float64(n)); d < best {
			best, name = d, ordinals[n]
		}
	}
	return name
}
