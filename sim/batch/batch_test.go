package batch

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// slowFirst makes early jobs finish last, so that completion order is the
// reverse of job order.
func slowFirst(n int) func(context.Context, int) (int, error) {
	return func(_ context.Context, j int) (int, error) {
		time.Sleep(time.Duration(n-j) * 200 * time.Microsecond)
		return j * j, nil
	}
}

func TestRunEmitsInJobOrder(t *testing.T) {
	jobs := []int{5, 0, 9, 3, 7, 1, 8, 2, 6, 4}
	for _, workers := range []int{1, 3, 8} {
		var got []int
		err := Run(context.Background(), jobs, workers, 4, slowFirst(10), func(j, v int) error {
			if v != j*j {
				t.Errorf("job %d gave %d", j, v)
			}
			got = append(got, j)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range jobs {
			if got[i] != jobs[i] {
				t.Fatalf("workers %d: emitted %v; want %v", workers, got, jobs)
			}
		}
	}
}

func TestRunBoundsWindow(t *testing.T) {
	var started, emitted, most atomic.Int64
	jobs := make([]int, 200)
	for i := range jobs {
		jobs[i] = i
	}
	err := Run(context.Background(), jobs, 4, 6, func(_ context.Context, j int) (int, error) {
		ahead := started.Add(1) - emitted.Load()
		for {
			m := most.Load()
			if ahead <= m || most.CompareAndSwap(m, ahead) {
				break
			}
		}
		if j%17 == 0 {
			time.Sleep(time.Millisecond)
		}
		return j, nil
	}, func(int, int) error { emitted.Add(1); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if most.Load() > 6 {
		t.Errorf("%d jobs started ahead of emission; window is 6", most.Load())
	}
}

func TestRunStopsAtFirstError(t *testing.T) {
	boom := errors.New("boom")
	var emitted []int
	err := Run(context.Background(), []int{0, 1, 2, 3, 4, 5}, 3, 3, func(_ context.Context, j int) (int, error) {
		if j == 3 {
			return 0, boom
		}
		return j, nil
	}, func(j, _ int) error { emitted = append(emitted, j); return nil })
	if !errors.Is(err, boom) {
		t.Fatalf("Run() = %v; want boom", err)
	}
	if len(emitted) != 3 || emitted[2] != 2 {
		t.Errorf("emitted %v; want the prefix 0, 1, 2", emitted)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := make([]int, 1000)
	for i := range jobs {
		jobs[i] = i
	}
	n := 0
	err := Run(ctx, jobs, 2, 4, func(_ context.Context, j int) (int, error) {
		time.Sleep(100 * time.Microsecond)
		return j, nil
	}, func(j, _ int) error {
		if n != j {
			t.Errorf("emitted %d after %d", j, n-1)
		}
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run() = %v; want context.Canceled", err)
	}
	if n < 10 || n == len(jobs) {
		t.Errorf("emitted %d jobs; want a prefix of at least 10, not all", n)
	}
}
