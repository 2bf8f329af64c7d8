package flee_test

import (
	"context"
	"fmt"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/scenarios"
)

// ExampleValidate compares the bundled mali2012 scenario, imported from
// Flee's Mali 2012 case, with the case's UNHCR registrations: its first
// 60 days, 2 replicates under the open regime, as `borderwork validate
// mali2012 --data data/flee/mali2012 --days 60 --reps 2` does (it
// prints the same errors, to four places). The seed is the scenario's,
// as the command's: ValidateOptions.Seed has no default, and 0 is a seed
// like any other.
func ExampleValidate() {
	c, err := flee.Read("../data/flee/mali2012")
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := scenarios.Load("mali2012")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Set("days=60"); err != nil {
		fmt.Println(err)
		return
	}
	v, err := flee.Validate(context.Background(), s, c, flee.ValidateOptions{Replicates: 2, Seed: uint64(s.File.Seed), Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s under %s: days 0 to %d of %d, camps %v\n", v.Scenario, v.Regime, v.Days-1, v.CaseDays, v.Camps)
	for m := range flee.NumMeasures {
		st := v.Summary(m)
		fmt.Printf("%-8s error %.3f [%.3f, %.3f]\n", m, st.Mean, st.Lo, st.Hi)
	}
	// Output:
	// mali2012 under open: days 0 to 59 of 300, camps [Fassala-Mbera Mentao Bobo-Dioulasso Abala Mangaize Niamey Tabareybarey]
	// rescaled error 0.357 [0.355, 0.358]
	// normal   error 0.458 [0.455, 0.460]
	// total    error 0.271 [0.269, 0.272]
}

// ExampleImport turns a Flee case into a borderwork scenario in memory, as
// `borderwork import flee data/flee/mali2012 --out mali.toml
// --post-capacity 1000` does into a file (which names it mali2012, after
// the folder, where this names it mali): every location and route, a
// border location with a post where a route crosses a border, and the
// Flee rule set. The TOML it returns is parsed as any scenario is (with no
// folder: it names no file), and is valid as Import promises; ExampleValidate
// runs the bundled copy of it.
func ExampleImport() {
	c, err := flee.Read("../data/flee/mali2012")
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := flee.Import(c, flee.ImportOptions{Name: "mali", PostCapacity: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := scenarios.Parse(text, "mali.toml", "mali.toml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	kinds := map[string]int{}
	for _, l := range s.File.Locations {
		kinds[l.Kind]++
	}
	fmt.Printf("%s: rules %s, start %s, %d days\n", s.File.Name, s.File.Rules, s.File.Start, s.File.Days)
	fmt.Printf("%d locations (%d origins, %d hubs, %d borders, %d destinations), %d links, %d posts\n",
		len(s.File.Locations), kinds["origin"], kinds["hub"], kinds["border"], kinds["destination"], len(s.File.Links), len(s.File.Posts))
	fmt.Println("valid:", s.Validate() == nil)
	// Output:
	// mali: rules flee, start 2012-02-29, 300 days
	// 32 locations (12 origins, 4 hubs, 9 borders, 7 destinations), 44 links, 9 posts
	// valid: true
}
