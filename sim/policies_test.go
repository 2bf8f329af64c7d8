package sim

import "testing"

// TestNewbornsSetOutFromTodaysRules: a migrant created on the day a
// post's schedule window opens or closes takes its beliefs from that
// day's policy (docs/MODEL.md, section 3, sub-step 0; 7.3.2), on day 0 as
// on any other. With accuracy 1 and no rumours, a belief is the truth of
// the policy its holder was created under, and stays it until the
// migrant reaches the post.
func TestNewbornsSetOutFromTodaysRules(t *testing.T) {
	shut := DefaultPostPolicy()
	shut.Admission = AdmitNobody
	open := DefaultPostPolicy()
	tests := []struct {
		name     string
		own      PostPolicy
		window   PostWindow
		born     int
		believed float64 // the newborns' belief in the post
	}{
		{"a window opening the post on day 0", shut, PostWindow{From: 0, To: 20, Policy: open}, 0, truth(&open)[0]},
		{"a window opening the post on day 5", shut, PostWindow{From: 5, To: 20, Policy: open}, 5, truth(&open)[0]},
		{"a window shutting the post on day 5", open, PostWindow{From: 5, To: 20, Policy: shut}, 5, 0},
		{"the post's own policy again when a window ends", shut, PostWindow{From: 0, To: 5, Policy: open}, 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Information.Accuracy = 1
			cfg.Information.RumourRate = 0
			cfg.Origins[0].Inflow = []InflowStep{{From: tt.born, Rate: 30}, {From: tt.born + 1, Rate: 0}}
			cfg.Posts[0].Policy = tt.own
			cfg.Posts[0].Schedule = []PostWindow{tt.window}
			m, err := New(cfg, 3)
			if err != nil {
				t.Fatal(err)
			}
			for range tt.born + 1 {
				m.Step()
			}
			n := 0
			for id, mg := range m.Migrants() {
				if int(mg.Born) != tt.born {
					continue
				}
				n++
				if got := m.Belief(id, 0); !closeTo(got, tt.believed) {
					t.Fatalf("a migrant created on day %d believes %.3f of the post; want %.3f, the truth of that day's policy", tt.born, got, tt.believed)
				}
			}
			if n == 0 {
				t.Fatalf("no migrant was created on day %d; the test checks nothing", tt.born)
			}
		})
	}
}

// closeTo reports whether a stored belief (a multiple of 1/65535) is b.
func closeTo(got, b float64) bool { return got > b-1.0/65535 && got < b+1.0/65535 }
