package experiment

import (
	"errors"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

func TestLabelProblem(t *testing.T) {
	for _, tc := range []struct {
		text, want string // want: "" for none
	}{
		{"Chance an outage starts (per day)", ""},
		{"Taux de défaillance, µ (‰)", ""},
		{strings.Repeat("x", MaxLabel), ""},
		{strings.Repeat("é", MaxLabel), ""}, // characters, not bytes
		{strings.Repeat("x", MaxLabel+1), "81 characters long"},
		{"", "is empty"},
		{"   ", "is blank"},
		{"two\nlines", "line break"},
		{"two\r\nlines", "line break"},
		{"a\tb", "control character U+0009"},
		{"bell\a", "control character U+0007"},
		{"\x7f", "control character U+007F"},
		{"bad \xff byte", "not UTF-8"},
	} {
		got := LabelProblem(tc.text)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("LabelProblem(%q) = %q; want %q", tc.text, got, tc.want)
		}
	}
}

func TestCheckLabels(t *testing.T) {
	keys := []string{"regimes.malfunctioning.outage_start", "posts.Gate.capacity"}
	for _, tc := range []struct {
		name   string
		labels map[string]string
		keys   []string
		want   string // "" for no error
	}{
		{"none", nil, keys, ""},
		{"one", map[string]string{"posts.Gate.capacity": "Places at the gate"}, keys, ""},
		{"both", map[string]string{"posts.Gate.capacity": "Places", keys[0]: "Outages"}, keys, ""},
		{"empty drops", map[string]string{"posts.Gate.capacity": ""}, keys, ""},
		{"misspelt", map[string]string{"posts.Gate.capacty": "x"}, keys, "did you mean posts.Gate.capacity?"},
		{"not varied", map[string]string{"days": "x"}, keys, `"days" is not a key this folder varies (regimes.malfunctioning.outage_start, posts.Gate.capacity)`},
		{"no keys", map[string]string{"days": "x"}, nil, "name no varied keys"},
		{"newline", map[string]string{keys[0]: "a\nb"}, keys, "the label of regimes.malfunctioning.outage_start holds a line break"},
		{"long", map[string]string{keys[0]: strings.Repeat("x", 100)}, keys, "100 characters long"},
	} {
		err := CheckLabels(tc.labels, tc.keys, "sweep", "--label")
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), "--label: ") || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v; want an error with --label and %q", tc.name, err, tc.want)
		case err != nil && !errors.Is(err, runs.ErrBadInput):
			t.Errorf("%s: %v does not wrap ErrBadInput", tc.name, err)
		}
	}
	// Several bad keys: the first in sorted order is named, whatever
	// order the map gives them in.
	labels := map[string]string{"zz": "x", "aa": "x", "mm": "x"}
	for range 20 {
		if err := CheckLabels(labels, keys, "sweep", "--label"); err == nil || !strings.Contains(err.Error(), `"aa"`) {
			t.Fatalf("%v; want the error to name aa", err)
		}
	}
	// A manifest records no empty label: one edited in is refused.
	if err := checkLabels(map[string]string{keys[0]: ""}, keys, "sweep", "manifest.json: figure_options.labels", true); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("a recorded empty label: %v; want it refused", err)
	}
}

func TestRelabelled(t *testing.T) {
	recorded := map[string]string{"a": "A", "b": "B"}
	got := Relabelled(recorded, map[string]string{"a": "New", "b": "", "c": "C"})
	if len(got) != 2 || got["a"] != "New" || got["c"] != "C" {
		t.Errorf("Relabelled = %v; want a=New, c=C", got)
	}
	if recorded["a"] != "A" || recorded["b"] != "B" {
		t.Errorf("Relabelled changed the recorded labels: %v", recorded)
	}
	if got := Relabelled(recorded, map[string]string{"a": "", "b": ""}); got != nil {
		t.Errorf("every label dropped: %v; want nil, recorded as none", got)
	}
	o := output.FigureOptions{Labels: map[string]string{"z": "Z", "a": "x=y", "m": "it's"}}
	if got := strings.Join(runs.FigureArgs(&o), " "); got != "--label a=x=y --label m=it's --label z=Z" {
		t.Errorf("FigureArgs = %q; want the labels sorted by key", got)
	}
}
