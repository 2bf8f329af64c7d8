package data_test

import (
	"fmt"

	"github.com/borderwork/borderwork/data"
)

// The monthly totals at both points for the autumn of 2016, when Niger
// enforced law 2015-36 in the Agadez region.
func ExampleFlows() {
	flows, err := data.Flows()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range flows {
		if f.Point != "total" || f.Start.Year() != 2016 || f.Start.Month() < 9 || f.Start.Month() != f.End.Month() {
			continue
		}
		fmt.Printf("%s out %d in %d\n", f.Start.Format("2006-01"), f.Outgoing.N, f.Incoming.N)
	}
	// Output:
	// 2016-09 out 27138 in 18803
	// 2016-10 out 12654 in 1290
	// 2016-11 out 9932 in 3413
	// 2016-12 out 12923 in 1663
}
