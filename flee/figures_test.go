package flee

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/figtest"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFiguresSayWhatTheyDraw: the validation figures' captions say that
// their lines are the mean of the replicates and their bands the 95%
// confidence interval of that mean (output.Describe's, as CampFigure and
// ErrorFigure draw them), not an interval "across replicates", which a
// reader takes for their spread. A camp figure's caption says too that
// its points are UNHCR's series as Flee reads it (corrected, interpolated),
// which a reader would otherwise take for UNHCR's reports.
func TestFiguresSayWhatTheyDraw(t *testing.T) {
	v := toyValidation("open")
	want := "scenario toy · seed 7 · lines: mean of 3 replicates · bands: 95% confidence intervals of the mean, cut at 0 · regime open"
	camp, err := v.CampFigure(0, v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	errs, err := v.ErrorFigure(v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	points := " · points: UNHCR's registrations after the case's registration corrections, interpolated between reports, every 7th day"
	for name, got := range map[string]string{"camp": strings.TrimSuffix(camp.Caption(), points), "error": errs.Caption()} {
		if name == "camp" && !strings.HasSuffix(camp.Caption(), points) {
			t.Errorf("camp figure's caption %q does not end %q", camp.Caption(), points)
		}
		if got != want || strings.Contains(got, "across replicates") {
			t.Errorf("%s figure's caption %q, want %q", name, got, want)
		}
	}
}

// toyValidation is a validation of two camps over 8 days, 3 replicates,
// under regime, with made-up series.
func toyValidation(regime string) *Validation {
	const days, reps = 8, 3
	v := &Validation{Scenario: "toy", Regime: regime, Seed: 7, Camps: []string{"A", "B"}, Days: days, Replicates: reps}
	for c := range v.Camps {
		obs := make([]float64, days)
		for d := range obs {
			obs[d] = float64(10 * d * (c + 1))
		}
		v.Observed = append(v.Observed, obs)
	}
	for r := range reps {
		var run [][]float64
		var e Errors
		for c := range v.Camps {
			sim := make([]float64, days)
			for d := range sim {
				sim[d] = float64((9 + r) * d * (c + 1))
			}
			run = append(run, sim)
		}
		for m := range NumMeasures {
			for d := range days {
				e[m] = append(e[m], float64(r+d)/100)
			}
		}
		v.Simulated = append(v.Simulated, run)
		v.RunErrors = append(v.RunErrors, e)
	}
	return v
}

// TestFiguresColourOnlyTheRegime: in the validation's figures the model
// takes its regime's colour, as in every other figure, and nothing else
// takes a colour: UNHCR's series and the error measures are no regimes,
// and are drawn in greys (palette.Part).
func TestFiguresColourOnlyTheRegime(t *testing.T) {
	v := toyValidation("closed")
	camp, err := v.CampFigure(0, v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	errs, err := v.ErrorFigure(v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	// The band's fill is the line's colour with an alpha, written rounded
	// (#E59E00): a channel apart at most.
	got := figtest.ChromaticColours(figtest.SVG(t, camp))
	for _, c := range got {
		if !near(c, "#E69F00") {
			t.Errorf("the camp figure under closed draws with %v; want only closed's orange #E69F00", got)
			break
		}
	}
	if len(got) == 0 {
		t.Error("the camp figure under closed draws no colour; want closed's orange #E69F00")
	}
	if got := figtest.ChromaticColours(figtest.SVG(t, errs)); len(got) > 0 {
		t.Errorf("the error figure draws with %v; want greys only", got)
	}
}

// near reports whether two #RRGGBB colours differ by at most 1 in each
// channel.
func near(a, b string) bool {
	for i := 1; i < 7; i += 2 {
		x, _ := strconv.ParseUint(a[i:i+2], 16, 8)
		y, _ := strconv.ParseUint(b[i:i+2], 16, 8)
		if x > y+1 || y > x+1 {
			return false
		}
	}
	return true
}

// TestFiguresLayOutCleanly: the validation's figures, at each size and in
// each format, draw no line of text over another, off the canvas or
// across the edge of the data area.
func TestFiguresLayOutCleanly(t *testing.T) {
	v := toyValidation("open")
	v.Camps = []string{"Bobo-Dioulasso", "Fassala-Mbera"} // long names, as mali2012's
	for _, size := range figures.Sizes() {
		camp, err := v.CampFigure(0, v.Caption())
		if err != nil {
			t.Fatal(err)
		}
		errs, err := v.ErrorFigure(v.Caption())
		if err != nil {
			t.Fatal(err)
		}
		for name, fig := range map[string]*figures.Figure{"camp": camp, "error": errs} {
			fig.SetSize(size)
			for _, format := range figures.Formats() {
				l, err := fig.Layout(format)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range l.Problems() {
					t.Errorf("%s, %s, %s: %s", name, size.Name, format, p)
				}
			}
		}
	}
}

// datedValidation is toyValidation under open, starting on 2012-02-29,
// with a raw UNHCR count and the errors it gives.
func datedValidation() *Validation {
	v := toyValidation("open")
	v.Start = "2012-02-29"
	for d := range v.Days {
		v.Raw = append(v.Raw, float64(25*d+1))
	}
	for r := range v.Simulated {
		v.RunErrors[r] = RunErrors(v.Simulated[r], v.Observed, v.Raw)
	}
	return v
}

// TestFigureDataReadsBack: what the figures show, read back from
// validation.csv (as validate and plot draw them), is exactly what the
// replicates give in memory, interval bounds and all: figures drawn from
// the folder are the validation's.
func TestFigureDataReadsBack(t *testing.T) {
	v := datedValidation()
	dir := t.TempDir()
	if _, err := v.Write(dir); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFigureData(filepath.Join(dir, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := v.FigureData(); !reflect.DeepEqual(got, want) {
		t.Errorf("validation.csv reads back as\n%+v\nwant\n%+v", got, want)
	}
	if got, want := got.FigureNames(), []string{"camp-a", "camp-b", "error"}; !reflect.DeepEqual(got, want) {
		t.Errorf("figure names %v; want %v", got, want)
	}
}

// TestFiguresCountDaysFromTheStart: the figures' day axis says the date
// of day 0 that validation.csv gives ("days since 2012-02-29"), so that a
// figure read alone places its days on the calendar; a table without
// dates keeps "day", and a date that is not one is refused, naming the
// line and the column.
func TestFiguresCountDaysFromTheStart(t *testing.T) {
	v := datedValidation()
	dir := t.TempDir()
	if _, err := v.Write(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "validation.csv")
	d, err := ReadFigureData(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.DayLabel(); got != "days since 2012-02-29" {
		t.Errorf("the day axis reads %q; want days since 2012-02-29", got)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	// Without the date column (as a table edited down), "day".
	var cut []string
	for _, l := range lines {
		if l == "" {
			continue
		}
		f := strings.Split(l, ",")
		cut = append(cut, strings.Join(append(f[:2:2], f[3:]...), ","))
	}
	undated := filepath.Join(dir, "undated.csv")
	if err := os.WriteFile(undated, []byte(strings.Join(cut, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := ReadFigureData(undated); err != nil || d.DayLabel() != "day" {
		t.Errorf("without dates: %v, axis %q; want day", err, d.DayLabel())
	}
	// A day 0 whose date is no date.
	lines[1] = strings.Replace(lines[1], "2012-02-29", "29/02/2012", 1)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFigureData(bad); err == nil || !strings.Contains(err.Error(), "bad.csv:2") || !strings.Contains(err.Error(), "date") {
		t.Errorf("a day 0 dated 29/02/2012: %v; want an error naming bad.csv:2 and date", err)
	}
}

// TestFigureNamesOfLongCamps: a camp's figure is named after it within
// the file system's limit (a camp of 300 letters failed the validation
// after its runs: "file name too long"), two long names that differ only
// at their ends keep apart, and a short name is as it was.
func TestFigureNamesOfLongCamps(t *testing.T) {
	a, b := strings.Repeat("a", 300), strings.Repeat("a", 299)+"b"
	d := &FigureData{Camps: []string{a, b, "Mentao"}}
	names := d.FigureNames()
	if len(names) != 4 || names[0] == names[1] || names[2] != "camp-mentao" || names[3] != "error" {
		t.Errorf("FigureNames = %q", names)
	}
	for _, n := range names {
		if len(n) > len("camp-")+maxSlug {
			t.Errorf("figure name of %d bytes: %q", len(n), n)
		}
	}
}

// TestFigureDataOutOfProportion: a validation.csv whose days or camps
// would size its series far beyond its rows (as no validation writes
// it) is refused naming the file, and the line of the day; a day of
// 9000000000000000000 panicked (makeslice: len out of range).
func TestFigureDataOutOfProportion(t *testing.T) {
	const head = "camp,day,date,observed,simulated_mean,simulated_lo,simulated_hi,measure,error_mean,error_lo,error_hi\n"
	dir := t.TempDir()
	for _, tt := range []struct{ name, rows, want string }{
		{"a day far on", "A,0,,1,1,1,1,,,,\nA,9000000000000000000,,1,1,1,1,,,,\n",
			"huge.csv:3: day: day 9000000000000000000, in a table of 2 rows: each day from 0 has a row for each camp and measure"},
		{"many camps on a late day", "A,0,,1,1,1,1,,,,\nB,3,,1,1,1,1,,,,\nC,3,,1,1,1,1,,,,\nD,3,,1,1,1,1,,,,\n",
			"huge.csv: 4 camps (and \"all\") over 4 days, in a table of 4 rows: each day from 0 has a row for each camp and measure"},
	} {
		path := filepath.Join(dir, "huge.csv")
		if err := os.WriteFile(path, []byte(head+tt.rows), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadFigureData(path); err == nil || err.Error() != filepath.Join(dir, tt.want) || !errors.Is(err, scenarios.ErrInvalid) {
			t.Errorf("%s: ReadFigureData = %v; want %q", tt.name, err, filepath.Join(dir, tt.want))
		}
	}
}
