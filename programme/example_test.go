package programme_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/programme"
	"github.com/borderwork/borderwork/scenarios"
)

// Analyse the toy world's programmes over 300 days with 4 replicates per
// arm, and print how their effect on abuse splits into channels.
func Example() {
	path := filepath.Join("testdata", "toy.toml")
	s, err := scenarios.Load(path)
	if err != nil {
		panic(err)
	}
	for _, kv := range []string{"days=300", "replicates=4"} {
		if err := s.Set(kv); err != nil {
			panic(err)
		}
	}
	dir, _ := os.MkdirTemp("", "programme-example-")
	defer os.RemoveAll(dir)
	res, err := programme.Run(context.Background(), s, path, programme.Options{}, filepath.Join(dir, "out"), 2, nil, nil)
	if err != nil {
		panic(err)
	}
	for _, eff := range programme.Effects {
		e, _ := res.Find("malfunctioning", eff, "abuse_events", programme.All)
		fmt.Printf("%-11s %s\n", eff, programme.FormatInterval(e))
	}
	// Output:
	// total       -5,636 [-9,416, -1,856]
	// repair      -5,780 [-9,582, -1,978]
	// tightening  +4.8 [-64.5, +74.0]
	// interaction +139 [-114, +392]
}
