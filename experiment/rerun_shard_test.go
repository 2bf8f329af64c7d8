package experiment_test

import (
	"context"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// TestReproduceNamesTheShard: the command reproduce says it reran is the
// shard's, with its --shard, which rerun alone writes that folder.
func TestReproduceNamesTheShard(t *testing.T) {
	dirs := shardsWith(t, t.TempDir(), "shard", 2, func(int) experiment.Options { return experiment.Options{} })
	rep, err := experiment.Reproduce(context.Background(), dirs[1], 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("reproducing a shard: %v", rep.Problems)
	}
	if !strings.HasSuffix(rep.CommandLine, " --shard 1/2") || !strings.HasPrefix(rep.CommandLine, "borderwork sweep ") {
		t.Errorf("Reproduce(shard 1/2).CommandLine = %q; want the sweep's command line with --shard 1/2", rep.CommandLine)
	}
}

func TestRerunCommandLine(t *testing.T) {
	tests := []struct {
		m    output.Manifest
		want string
	}{
		{output.Manifest{CommandLine: "borderwork compare classroom"}, "borderwork compare classroom"},
		{output.Manifest{CommandLine: "borderwork sweep --vary a=1,2", Sweep: &output.SweepInfo{}}, "borderwork sweep --vary a=1,2"},
		{output.Manifest{CommandLine: "borderwork sweep --vary a=1,2", Sweep: &output.SweepInfo{Shard: "2/3"}}, "borderwork sweep --vary a=1,2 --shard 2/3"},
		// Quoted as this borderwork quotes it: single quotes, inside which
		// a shell expands nothing.
		{output.Manifest{CommandLine: `borderwork run 'm$HOME' --set 'title=it'\''s' --formats ''`}, `borderwork run 'm$HOME' --set 'title=it'\''s' --formats ''`},
		// An earlier borderwork's double quotes, inside which a shell
		// expands $ and `, are given as this one quotes the arguments.
		{output.Manifest{CommandLine: `borderwork run "m$HOME" --set "title=it's \"x\"" --formats ""`}, `borderwork run 'm$HOME' --set 'title=it'\''s "x"' --formats ''`},
		{output.Manifest{CommandLine: `borderwork sweep "a b" --vary a=1,2`, Sweep: &output.SweepInfo{Shard: "2/3"}}, `borderwork sweep 'a b' --vary a=1,2 --shard 2/3`},
	}
	for _, tt := range tests {
		if got := experiment.RerunCommandLine(&tt.m); got != tt.want {
			t.Errorf("RerunCommandLine(%q, shard %v) = %q; want %q", tt.m.CommandLine, tt.m.Sweep, got, tt.want)
		}
	}
}
