package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSensitivityNoiseExamplesDoc: docs/SENSITIVITY.md's two examples of
// what 4 trajectories of classroom leave uncertain are what `borderwork
// sensitivity classroom --trajectories 4` finds: the post's capacity 1st
// by µ* on the harm index under open with an interval reaching below its
// noise level; on trapped person-days under hbm, the 1st above its noise
// level with such an interval, the 5th below it, and the first that
// clearly matters 6th.
func TestSensitivityNoiseExamplesDoc(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(sensitivityMD)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	for _, want := range []string{
		"With 4 trajectories of `classroom`, for example, the post's capacity is 1st by µ\\* on the harm index under open, with an interval reaching below its noise level.",
		"With 4 trajectories of `classroom`, for example, the parameter with the largest µ\\* on trapped person-days under hbm lies above its noise level with an interval reaching below it, the fifth lies below its noise level, and the first that clearly matters is sixth.",
	} {
		if !strings.Contains(text, want) {
			t.Fatalf("docs/SENSITIVITY.md no longer says %q: change this test with it", want)
		}
	}

	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "sensitivity", "classroom", "--trajectories", "4", "--formats", "", "--quiet", "--out", out)
	f, err := os.Open(filepath.Join(out, "morris.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("morris.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	type place struct {
		parameter          string
		muStar, low, noise float64
		aboveNoise         bool
	}
	// ranked is an output's parameters by rank, the first at index 0.
	ranked := func(metric, regime string) []place {
		var ps []place
		for _, r := range records[1:] {
			if r[col["metric"]] != metric || r[col["regime"]] != regime || r[col["effect"]] != "" {
				continue
			}
			num := func(c string) float64 {
				v, err := strconv.ParseFloat(r[col[c]], 64)
				if err != nil {
					t.Fatalf("morris.csv: %s %q: %v", c, r[col[c]], err)
				}
				return v
			}
			if rank := int(num("rank")); rank != len(ps)+1 {
				t.Fatalf("morris.csv: %s under %s, rank %d after %d rows", metric, regime, rank, len(ps))
			}
			ps = append(ps, place{r[col["parameter"]], num("mu_star"), num("mu_star_low"), num("noise_level"), r[col["above_noise"]] == "true"})
		}
		if len(ps) < 6 {
			t.Fatalf("morris.csv: %d parameters on %s under %s", len(ps), metric, regime)
		}
		return ps
	}
	wide := func(p place) bool { return p.muStar > p.noise && p.low <= p.noise }

	if p := ranked("harm_index", "open")[0]; p.parameter != "posts.Post.capacity" || !wide(p) {
		t.Errorf("harm index under open: 1st by µ* %+v; docs/SENSITIVITY.md says the post's capacity, above its noise level with an interval reaching below it", p)
	}
	hbm := ranked("trapped_person_days", "hbm")
	if !wide(hbm[0]) {
		t.Errorf("trapped person-days under hbm: 1st by µ* %+v; docs/SENSITIVITY.md says above its noise level with an interval reaching below it", hbm[0])
	}
	if hbm[4].muStar > hbm[4].noise {
		t.Errorf("trapped person-days under hbm: 5th by µ* %+v; docs/SENSITIVITY.md says below its noise level", hbm[4])
	}
	first := 0
	for i, p := range hbm {
		if p.aboveNoise && p.muStar >= 0.01*hbm[0].muStar {
			first = i + 1
			break
		}
	}
	if first != 6 {
		t.Errorf("trapped person-days under hbm: the first parameter that matters is %dth by µ*; docs/SENSITIVITY.md says 6th", first)
	}
}
