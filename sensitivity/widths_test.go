package sensitivity

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestIntervalWidthsDoc recomputes docs/SENSITIVITY.md's table "How
// accurate is N?": on the Ishigami function (a = 7, b = 0.1), the mean
// width of the 95% intervals of the three S and the three ST, over seeds
// 1 to 10 with the scrambled Sobol' base and 1000 resamples, at each N
// the table lists, with its runs N(k + 2). Each width is quoted to two
// decimals.
func TestIntervalWidthsDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/SENSITIVITY.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i := strings.Index(text, "How accurate is N?")
	if i < 0 {
		t.Fatal(`docs/SENSITIVITY.md has no paragraph "How accurate is N?"`)
	}
	if !strings.Contains(strings.Join(strings.Fields(text[i:i+300]), " "), "(seeds 1 to 10, scrambled Sobol'") {
		t.Errorf(`docs/SENSITIVITY.md, "How accurate is N?", does not name the seeds this test uses: "(seeds 1 to 10, scrambled Sobol'"`)
	}
	var rows [][]string
	for _, line := range strings.Split(text[i:], "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			if len(rows) > 0 {
				break
			}
			continue
		}
		c := strings.Split(strings.Trim(line, "| "), "|")
		for j := range c {
			c[j] = strings.TrimSpace(c[j])
		}
		if _, err := strconv.Atoi(c[0]); err == nil {
			rows = append(rows, c)
		}
	}
	if len(rows) < 4 {
		t.Fatalf(`docs/SENSITIVITY.md, "How accurate is N?": %d rows; want a row per N`, len(rows))
	}
	params := ishigamiParams()
	f := ishigami(7, 0.1)
	for _, row := range rows {
		n, _ := strconv.Atoi(row[0])
		var s, st float64
		for seed := uint64(1); seed <= 10; seed++ {
			d, err := NewSobol(params, SobolSettings{N: n, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			r, err := d.Analyze(evaluate(d, f), Bootstrap{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			for i := range params {
				s += r.First[0][i].Hi - r.First[0][i].Lo
				st += r.Total[0][i].Hi - r.Total[0][i].Lo
			}
		}
		cases := float64(10 * len(params))
		runs := strings.ReplaceAll(row[1], ",", "")
		want := []string{strconv.Itoa(n * (len(params) + 2)), fmt.Sprintf("%.2f", s/cases), fmt.Sprintf("%.2f", st/cases)}
		if got := []string{runs, row[2], row[3]}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("docs/SENSITIVITY.md, N = %d: runs, width of S, of ST = %v; computed %v", n, got, want)
		}
	}
}
