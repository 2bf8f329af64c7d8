package sim

import (
	"math"
	"testing"
)

// TestRefusalAndAdmissionTeach: one's own refusal at a post moves one's
// belief in passing it toward 0, and one's own admission toward 1, by
// information.experience_weight of the way (docs/MODEL.md 7.3), to within
// the stored belief's unit, 1/65535.
func TestRefusalAndAdmissionTeach(t *testing.T) {
	for _, tt := range []struct {
		name   string
		weight float64
		admit  bool
	}{
		{"refused", 0.6, false},
		{"refused, lightly", 0.2, false},
		{"admitted", 0.6, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Information.ExperienceWeight = tt.weight
			m, err := New(cfg, 3)
			if err != nil {
				t.Fatal(err)
			}
			for len(m.Migrants()) == 0 {
				m.Step()
			}
			const id, post = 0, 0
			mg := &m.migrants[id]
			m.beliefs[id*m.nPst+post] = toBelief(0.5) // far from both ends, to tell a weight
			before := m.Belief(id, post)
			target := 0.0
			if tt.admit {
				m.admit(post, id, mg)
				target = 1
			} else {
				m.refuse(post, id, mg)
			}
			want := before + tt.weight*(target-before)
			if got := m.Belief(id, post); math.Abs(got-want) > 1.0/beliefScale {
				t.Errorf("belief %v before, %v after; want %v", before, got, want)
			}
		})
	}
}
