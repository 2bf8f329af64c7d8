package experiment

import "testing"

// TestRecordedShard: a manifest's shard reads only as borderwork writes
// it; a hand edit that Sscanf would read in part is refused.
func TestRecordedShard(t *testing.T) {
	tests := []struct {
		shard string
		i, n  int
		ok    bool
	}{
		{"0/1", 0, 1, true},
		{"2/3", 2, 3, true},
		{"1/2/3", 0, 0, false},
		{"1/2 ", 0, 0, false},
		{" 1/2", 0, 0, false},
		{"01/2", 0, 0, false},
		{"+1/2", 0, 0, false},
		{"1/2x", 0, 0, false},
		{"2/2", 0, 0, false},
		{"-1/2", 0, 0, false},
		{"0/0", 0, 0, false},
		{"1", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		if i, n, ok := RecordedShard(tt.shard); i != tt.i || n != tt.n || ok != tt.ok {
			t.Errorf("RecordedShard(%q) = %d, %d, %v; want %d, %d, %v", tt.shard, i, n, ok, tt.i, tt.n, tt.ok)
		}
	}
}
