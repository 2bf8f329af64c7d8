package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCounts: check writes a count of one in the singular ("1
// smuggler", "reach 1 day", "1 replicate"), as it does a link's "1 day",
// and others in the plural, and says what a post's capacity and a centre's room count.
func TestCheckCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sets []string
		want string
	}{
		{nil, "Agadez to Sebha: 4 smugglers, at most 40\n"},
		{nil, "Sebha to Agadez: 1 smuggler, at most 15\n"},
		{[]string{"markets.Sebha.smugglers=0"}, "Sebha to Agadez: 0 smugglers, at most 15\n"},
		{nil, "Agadez: room for 400 migrants, reach 4 days\n"},
		{[]string{"centres.Agadez.reach=1"}, "Agadez: room for 400 migrants, reach 1 day\n"},
		// What a post's and a centre's numbers count: migrants.
		{[]string{"centres.Agadez.capacity=1"}, "Agadez: room for 1 migrant, reach 4 days\n"},
		{[]string{"posts.Toummo.capacity=1"}, "Toummo at Toummo: processes 1 migrant a day\n"},
		// The run's length and replicates in the digest's first line.
		{nil, "\n365 days, seed 2016, 20 replicates by default;"},
		{[]string{"days=1", "replicates=1"}, "\n1 day, seed 2016, 1 replicate by default;"},
	}
	for _, tt := range tests {
		args := []string{"check", "agadez"}
		for _, kv := range tt.sets {
			args = append(args, "--set", kv)
		}
		status, stdout, stderr := runCLI(t, args...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(args, " "), status, stderr)
		}
		if !strings.Contains(stdout, tt.want) {
			t.Errorf("%s: want %q in\n%s", strings.Join(args, " "), tt.want, stdout)
		}
	}
}

// TestSummaryTitle: the summary's first line is the scenario's name and
// title, or its name alone when it has no title, not "small: ".
func TestSummaryTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sets  []string
		first string
	}{
		{nil, "small"},
		{[]string{"title=A what-if"}, "small: A what-if"},
	}
	for i, tt := range tests {
		args := []string{"compare", small, "--reps", "2", "--days", "10", "--regimes", "open", "--formats", "", "--quiet",
			"--out", filepath.Join(t.TempDir(), "out"+string(rune('a'+i)))}
		for _, kv := range tt.sets {
			args = append(args, "--set", kv)
		}
		status, stdout, stderr := runCLI(t, args...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(args, " "), status, stderr)
		}
		if first, _, _ := strings.Cut(stdout, "\n"); first != tt.first {
			t.Errorf("%v: the summary begins %q; want %q", tt.sets, first, tt.first)
		}
	}
}
