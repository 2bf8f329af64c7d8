package batch_test

import (
	"context"
	"fmt"

	"github.com/borderwork/borderwork/sim/batch"
)

// Squares of 1 to 6 worked out on three workers arrive in job order,
// however the workers finish: the order a sweep's rows are written in.
func ExampleRun() {
	jobs := []int{1, 2, 3, 4, 5, 6}
	square := func(_ context.Context, j int) (int, error) { return j * j, nil }
	emit := func(j, v int) error {
		fmt.Println(j, v)
		return nil
	}
	if err := batch.Run(context.Background(), jobs, 3, 4, square, emit); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 1 1
	// 2 4
	// 3 9
	// 4 16
	// 5 25
	// 6 36
}
