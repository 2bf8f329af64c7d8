package web_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/borderwork/borderwork/web"
)

// ExampleRun runs the experiment the classroom page sends when a student
// asks for 3 replicates of 120 days under two regimes, without a server:
// the same Go code the server and the static site run. Its table holds
// the numbers, in the same words and digits, that the command it gives to
// reproduce them prints.
func ExampleRun() {
	days, reps := 120, 3
	req := web.Request{Scenario: "classroom", Days: &days, Reps: &reps, Regimes: []string{"open", "closed"}}
	res, err := web.Run(context.Background(), req, web.DefaultLimits(), 2, web.Progress{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Scenario+":", res.Done, "runs")
	for _, row := range res.Table.Rows {
		var cells []string
		for i, c := range res.Table.Columns[:3] {
			cells = append(cells, fmt.Sprintf("%s %s (%s)", c.Title, row.Cells[i], c.Unit))
		}
		fmt.Printf("%s: %s\n", row.Regime, strings.Join(cells, "; "))
	}
	fmt.Println(res.Reproduce.Command)
	// Output:
	// classroom: 6 runs
	// open: trapped person-days 0.0 ± 0.0 (person-days); immobilised person-days 0.0 ± 0.0 (person-days); abuse by smugglers 9.0 ± 13.1 (events)
	// closed: trapped person-days 2,277 ± 371 (person-days); immobilised person-days 11,731 ± 3,607 (person-days); abuse by smugglers 167 ± 26.9 (events)
	// borderwork compare classroom --days 120 --reps 3 --regimes open,closed --out out/classroom-page
}
