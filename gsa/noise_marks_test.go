package gsa

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// TestMorrisPointsRingWithinNoise: on the μ*–σ plot, a parameter whose
// µ* cannot be told from its own replicate noise (morris.csv's
// above_noise false) is a ring, whatever its rank, and one above it a
// dot; the eight leaders are tagged either way. The figure used to draw
// every parameter alike, so that posts.Post.capacity, second by µ* and
// within its noise, read as a finding beside those the report names.
func TestMorrisPointsRingWithinNoise(t *testing.T) {
	header := []string{"parameter", "mu_star", "mu_star_low", "mu_star_high", "sigma", "sigma_low", "sigma_high", "above_noise"}
	above := []bool{true, false, true, false, false, true, false, true, false, true}
	tab := &output.Table{Path: "morris.csv", Header: header}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var rows []int
	labels := map[string]string{}
	for i, a := range above {
		name := "p" + string(rune('a'+i))
		mu := 100 - 9*float64(i)
		tab.Rows = append(tab.Rows, []string{name, f(mu), f(mu / 2), f(mu * 2), f(mu / 3), f(mu / 4), f(mu), strconv.FormatBool(a)})
		rows = append(rows, i)
		labels[name] = "label " + name
	}
	pts, keys, err := morrisPoints(tab, rows, labels)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != len(above) || len(keys) != morrisTagged {
		t.Fatalf("%d points, %d keys; want %d and %d", len(pts), len(keys), len(above), morrisTagged)
	}
	for i, p := range pts {
		if p.Open == above[i] {
			t.Errorf("row %d (above_noise %v): Open = %v", i, above[i], p.Open)
		}
		if tagged := p.Tag != ""; tagged != (i < morrisTagged) {
			t.Errorf("row %d: tag %q; want one only for the first %d", i, p.Tag, morrisTagged)
		}
	}

	tab.Rows[3][7] = "maybe"
	if _, _, err := morrisPoints(tab, rows, labels); err == nil || !strings.Contains(err.Error(), "morris.csv:5") || !strings.Contains(err.Error(), "above_noise") {
		t.Errorf("above_noise %q: error %v; want one naming morris.csv line 5 and above_noise", "maybe", err)
	}
}

// TestSobolGroupsMarkWithinNoise: on the Sobol' figure, a parameter whose
// total index cannot be told from its own replicate noise (sobol.csv's
// above_noise false) has its name marked with a dagger, joined to it by
// a non-breaking space, in both of its bars, and the others not; a bad
// above_noise names its line.
func TestSobolGroupsMarkWithinNoise(t *testing.T) {
	header := []string{"parameter", "first", "first_low", "first_high", "total", "total_low", "total_high", "above_noise"}
	above := []bool{true, false, true, false}
	tab := &output.Table{Path: "sobol.csv", Header: header}
	labels := map[string]string{}
	var rows []int
	for i, a := range above {
		name := "p" + string(rune('a'+i))
		labels[name] = "label " + name
		tab.Rows = append(tab.Rows, []string{name, "0.1", "0", "0.2", "0.3", "0.1", "0.5", strconv.FormatBool(a)})
		rows = append(rows, i)
	}
	first, total, marked, err := sobolGroups(tab, rows, labels)
	if err != nil {
		t.Fatal(err)
	}
	if !marked {
		t.Error("marked = false; want true: two parameters are within their noise")
	}
	for i, a := range above {
		want := "label p" + string(rune('a'+i))
		if !a {
			want += figures.NoBreak + withinNoiseMark
		}
		if first.Bars[i].Label != want || total.Bars[i].Label != want {
			t.Errorf("row %d (above_noise %v): labels %q and %q; want %q", i, a, first.Bars[i].Label, total.Bars[i].Label, want)
		}
	}
	if _, _, marked, _ := sobolGroups(tab, []int{0, 2}, labels); marked {
		t.Error("marked = true for rows all above noise")
	}
	tab.Rows[1][7] = ""
	if _, _, _, err := sobolGroups(tab, rows, labels); err == nil || !strings.Contains(err.Error(), "sobol.csv:3") {
		t.Errorf("empty above_noise: error %v; want one naming sobol.csv line 3", err)
	}
}

// TestSobolMarkStaysWithName: drawn at single size, where a label is
// wrapped to a third of the width, a within-noise parameter's dagger
// stays on its name's line; it used to wrap onto a line of its own.
func TestSobolMarkStaysWithName(t *testing.T) {
	header := []string{"parameter", "first", "first_low", "first_high", "total", "total_low", "total_high", "above_noise"}
	tab := &output.Table{Path: "sobol.csv", Header: header}
	labels := map[string]string{}
	var rows []int
	for i, name := range []string{"abuse.vulnerable_factor", "abuse.smuggler_extortion", "posts.Post.capacity"} {
		labels[name] = name
		tab.Rows = append(tab.Rows, []string{name, "0.1", "0", "0.2", "0.3", "0.1", "0.5", "false"})
		rows = append(rows, i)
	}
	first, total, _, err := sobolGroups(tab, rows, labels)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []figures.Size{figures.Single, figures.Double} {
		fig, err := figures.GroupedBars("Sobol' indices", "share of the variance", []figures.Group{first, total}, figures.Caption{Scenario: "classroom", Seed: 1, Reps: 2})
		if err != nil {
			t.Fatal(err)
		}
		fig.SetSize(size)
		var svg bytes.Buffer
		if err := fig.Encode(&svg, "svg"); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(svg.String(), ">"+withinNoiseMark+"</text>"); n > 0 {
			t.Errorf("at size %s, %d labels draw %s on a line of its own", size.Name, n, withinNoiseMark)
		}
		if n := strings.Count(svg.String(), withinNoiseMark+"</text>"); n != len(rows) {
			t.Errorf("at size %s, %d label lines end in %s; want %d", size.Name, n, withinNoiseMark, len(rows))
		}
	}
}
