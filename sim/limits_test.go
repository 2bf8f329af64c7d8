package sim

import (
	"math"
	"strings"
	"testing"
)

// TestNewRefusesWhatCannotFit: a population beyond 32-bit IDs, or beyond
// any memory, is an error from New, never a panic from make.
func TestNewRefusesWhatCannotFit(t *testing.T) {
	tests := []struct {
		name string
		edit func(c *Config)
		want string
	}{
		{"inflow of 1e12 a day", func(c *Config) { c.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 1e12}} }, "migrants"},
		{"largest float inflow", func(c *Config) { c.Origins[0].Inflow = []InflowStep{{From: 0, Rate: math.MaxFloat64}} }, "migrants"},
		{"initial beyond 32 bits", func(c *Config) { c.Origins[0].Initial = int(min(math.MaxInt32+1, int64(math.MaxInt))) }, "migrants"}, // on 32-bit, as many as an int holds
		{"a schedule step of 1e12", func(c *Config) {
			c.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 1}, {From: 5, Rate: 1e12}, {From: 6, Rate: 0}}
		}, "migrants"},
	}
	for _, tt := range tests {
		cfg := smallConfig()
		tt.edit(cfg)
		m, err := New(cfg, 1)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New = %v, %v; want an error about %s", tt.name, m != nil, err, tt.want)
		}
	}
}

func TestEstimate(t *testing.T) {
	cfg := smallConfig() // 20 a day for 30 days, run for 120 days
	s := cfg.Estimate()
	if s.Migrants != 600 {
		t.Errorf("Migrants = %v; want 600", s.Migrants)
	}
	// Created on days 0..29, each counted to day 120: 20 × Σ(120 − d).
	steps := 0.0
	for d := 0; d < 30; d++ {
		steps += 20 * float64(120-d)
	}
	if routes := 5.0 * 5 * 5 / 32; s.Steps != steps+routes {
		t.Errorf("Steps = %v; want %v", s.Steps, steps+routes)
	}
	if s.Bytes < 600*32 || s.Bytes > 1<<20 {
		t.Errorf("Bytes = %v; want between the migrants' 19 KB and 1 MiB", s.Bytes)
	}
	cfg.RecordLocations = true
	if with := cfg.Estimate().Bytes; with <= s.Bytes {
		t.Errorf("recording locations does not add to the estimate: %v vs %v", with, s.Bytes)
	}
}
