package programme

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures/palette"
)

// overDays reports whether a programme folder's figure called name is one
// of its figures over days (trapped, abuse; one per regime with several).
func overDays(name string) bool {
	for _, f := range []string{"trapped", "abuse"} {
		if name == f || strings.HasPrefix(name, f+"_") && !strings.HasPrefix(name, f+"_by_") {
			return true
		}
	}
	return false
}

// TestTimeFiguresOnePerRegime: a programme folder of several regimes
// draws its figures over days once per regime, as NAME_REGIME, each with
// that regime's four arms only: all the arms of five regimes in one
// figure were 20 lines that could not be followed. With one regime the
// figures keep their names (trapped, abuse). Plot draws the same figures
// again, and report.md lists them.
func TestTimeFiguresOnePerRegime(t *testing.T) {
	for _, tc := range []struct {
		regimes []string
		arms    map[string][]string // figure over days -> the arms its legend names
	}{
		{[]string{"malfunctioning"}, map[string][]string{
			"trapped": ArmNames(Arms([]string{"malfunctioning"})),
			"abuse":   ArmNames(Arms([]string{"malfunctioning"})),
		}},
		{[]string{"malfunctioning", "hbm"}, map[string][]string{
			"trapped_malfunctioning": ArmNames(Arms([]string{"malfunctioning"})),
			"trapped_hbm":            ArmNames(Arms([]string{"hbm"})),
			"abuse_malfunctioning":   ArmNames(Arms([]string{"malfunctioning"})),
			"abuse_hbm":              ArmNames(Arms([]string{"hbm"})),
		}},
	} {
		t.Run(strings.Join(tc.regimes, ","), func(t *testing.T) {
			s := loadToy(t, "days=60", "replicates=2")
			out := filepath.Join(t.TempDir(), "out")
			if _, err := Run(context.Background(), s, "", Options{Regimes: tc.regimes}, out, 2, []string{"svg"}, nil); err != nil {
				t.Fatal(err)
			}
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			drawn, _, err := experiment.DrawFigures(out, m, Figures, []string{"svg"})
			if err != nil {
				t.Fatal(err)
			}
			all := ArmNames(Arms(tc.regimes))
			var names []string
			for _, d := range drawn {
				if !overDays(d.Name) {
					continue
				}
				names = append(names, d.Name)
				want, ok := tc.arms[d.Name]
				if !ok {
					t.Errorf("drew %s; want only the figures over days %v", d.Name, slices.Sorted(mapsKeys(tc.arms)))
					continue
				}
				l, err := d.Fig.Layout("svg")
				if err != nil {
					t.Fatal(err)
				}
				var legend []string
				for _, text := range l.Text {
					if slices.Contains(all, text.Text) && !slices.Contains(legend, text.Text) {
						legend = append(legend, text.Text)
					}
				}
				if !slices.Equal(legend, want) {
					t.Errorf("%s draws the arms %v; want %v", d.Name, legend, want)
				}
				if len(tc.regimes) > 1 && !strings.Contains(d.Title, "per arm of ") {
					t.Errorf("%s's title %q does not say whose arms it draws", d.Name, d.Title)
				}
			}
			if slices.Sort(names); !slices.Equal(names, slices.Sorted(mapsKeys(tc.arms))) {
				t.Errorf("drew the figures over days %v; want %v", names, slices.Sorted(mapsKeys(tc.arms)))
			}
			// plot draws the same figures again, in another format, and
			// report.md, written again, lists them.
			if _, err := experiment.Redraw(out, []string{"png"}, experiment.FigureChange{}); err != nil {
				t.Fatal(err)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for name := range tc.arms {
				if _, err := os.Stat(filepath.Join(out, "figures", name+".png")); err != nil {
					t.Errorf("after plot: %v", err)
				}
				if !strings.Contains(string(report), "- `figures/"+name+"`: ") {
					t.Errorf("report.md does not list figures/%s", name)
				}
			}
		})
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestArmStyles: in a folder of several regimes, every arm keeps one
// style in all the folder's figures (Kind.Style), each regime keeps its
// own colour (as in a compare folder), and the four arms of a regime,
// which its figures over days draw together, differ in colour; with up
// to five regimes no two arms look alike, in lines (colour and dash
// pattern) or in bars (colour and hatch), as the palette draws them: the
// arms once took slots that differed only past the palette's 16 looks
// (decreed and decreed+programme, both reddish purple, long-dashed, in
// mauritania). With one regime the arms keep RegimeStyle's, as before.
func TestArmStyles(t *testing.T) {
	type look struct {
		c       color.NRGBA
		pattern string
	}
	for _, regimes := range [][]string{
		{"malfunctioning"},
		{"malfunctioning", "hbm"},
		{"open", "closed", "malfunctioning", "hbm", "decreed"},
		{"a", "b", "c", "d", "e"},
		{"hbm", "a", "closed", "b", "open"},
		{"open", "closed", "malfunctioning", "hbm", "decreed", "x"},
		{"a", "b", "c", "d", "e", "f", "g"},
	} {
		name := strings.Join(regimes, ",")
		m := &output.Manifest{Command: "programme", Regimes: ArmNames(Arms(regimes))}
		var err error
		if m.Programme, err = json.Marshal(Info{Regimes: regimes, Arms: ArmNames(Arms(regimes)), Reps: 2}); err != nil {
			t.Fatal(err)
		}
		st, err := style(experiment.Source{Manifest: m})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(regimes) == 1 {
			if st != nil {
				t.Errorf("%s: a style of its own; want RegimeStyle's", name)
			}
			continue
		}
		lines, bars := map[look]string{}, map[look]string{}
		for _, r := range regimes {
			if got, want := st(r), palette.RegimeStyle(r, regimes); got != want {
				t.Errorf("%s: %s takes style %d; want its regime's, %d", name, r, got, want)
			}
			colours := map[color.NRGBA]string{}
			for _, a := range ArmNames(Arms([]string{r})) {
				slot := st(a) - 1
				c := palette.Color(slot)
				if b, ok := colours[c]; ok {
					t.Errorf("%s: %s and %s share a colour (%v)", name, a, b, c)
				}
				colours[c] = a
				if len(regimes) > 5 {
					continue
				}
				for _, drawn := range []struct {
					as   string
					seen map[look]string
					l    look
				}{
					{"lines", lines, look{c, fmt.Sprint(palette.Dashes(slot))}},
					{"bars", bars, look{c, fmt.Sprint(palette.HatchOf(slot))}},
				} {
					if b, ok := drawn.seen[drawn.l]; ok {
						t.Errorf("%s: %s (slot %d) and %s look alike in %s: %v", name, a, slot, b, drawn.as, drawn.l)
					}
					drawn.seen[drawn.l] = a
				}
			}
		}
	}
}
