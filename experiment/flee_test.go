package experiment

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// fleeSmall is a scenario under the Flee rule set: a conflict zone A, a
// border post X and a camp C abroad; half the agents hold documents.
const fleeSmall = `
name = "flee-small"
days = 30
replicates = 2
rules = "flee"
countries = ["Home", "Far"]

[[locations]]
name = "A"
kind = "origin"
country = "Home"
population = 1000
conflict = [{from = 0, intensity = 1.0}]

[[locations]]
name = "X"
kind = "border"
country = "Home"

[[locations]]
name = "C"
kind = "destination"
country = "Far"

[[links]]
from = "A"
to = "X"
distance_km = 40.0

[[links]]
from = "X"
to = "C"
distance_km = 40.0

[[posts]]
name = "X"
location = "X"
capacity = 1000.0

[migrants]
trapped_after_days = 5
give_up_days = 20

[flee]
max_move_speed = 100.0
conflict_weight = 0.0
documented = 0.5
spawn = [40, 40, 40]
`

func loadFleeSmall(t *testing.T) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Parse([]byte(fleeSmall), "flee-small.toml", "test:flee-small", os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFleeReport: compare's report on a scenario under the Flee rule set
// says what its harms mean there and, with --by-location, where people
// are at the end and where they were trapped; the whereabouts figure is
// drawn. A scenario under borderwork's rules gets neither.
func TestFleeReport(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, p *Plan) (string, []string) {
		x, err := p.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Write(context.Background(), x, filepath.Join(dir, name), Options{Workers: 2, Formats: []string{"svg"}})
		if err != nil {
			t.Fatal(err)
		}
		report, err := os.ReadFile(filepath.Join(res.Dir, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		return string(report), res.Figures
	}
	report, figs := write("flee", &Plan{Command: "compare", Scenario: loadFleeSmall(t), Arg: "flee-small.toml", Regimes: []string{"open", "closed"}, Reps: 2, ByLocation: true})
	for _, want := range []string{
		"## Under the Flee rule set",
		"**Trapped** means waiting at a border post for at least 5 days",
		"After 20 days (`migrants.give_up_days`)",
		"every post processes 1,000 crossings a day; a share 0.5 of the agents hold travel documents",
		"this scenario has none, so there are none",
		"### Where people are on day 29",
		"|place|open|closed|",
		"|C|120 ± 0.0|",                         // under open everyone reaches the camp, in both replicates
		"|at border posts|0.0 ± 0.0|0.0 ± 0.0|", // under closed the undocumented have given up by day 29 (give_up_days 20; the last were spawned on day 2)
		"### Where people were trapped",
		"|X|0.0 ± 0.0|", // nobody is trapped under open
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report of a Flee-rule compare does not contain %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "|X|0.0 ± 0.0|0.0 ± 0.0|") || strings.Contains(report, "|C|120 ± 0.0|120 ± 0.0|") {
		t.Errorf("under closed nobody was trapped at X, or everyone reached the camp:\n%s", report)
	}
	if !slices.Contains(figs, "figures/whereabouts.svg") {
		t.Errorf("the Flee-rule folder's figures %v lack whereabouts", figs)
	}
	// Its outcomes do not call the people in its camps "still on the way".
	outcomes := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name, "figures", "outcomes.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if svg := outcomes("flee"); !strings.Contains(svg, ">"+fleeInTransitLabel+"<") || strings.Contains(svg, "still on the way") || !strings.Contains(svg, "Flee rule set: agents never leave") {
		t.Errorf("the Flee-rule outcomes figure does not label those still on the map %q, or calls them still on the way, or its caption does not say why", fleeInTransitLabel)
	}

	report, figs = write("borderwork", &Plan{Command: "compare", Scenario: loadSmall(t, 2, 20), Regimes: []string{"open", "closed"}, Reps: 2, ByLocation: true})
	if strings.Contains(report, "Flee") || slices.Contains(figs, "figures/whereabouts.svg") {
		t.Errorf("a borderwork-rule compare has a Flee section or the whereabouts figure (figures %v)", figs)
	}
	if svg := outcomes("borderwork"); strings.Contains(svg, fleeInTransitLabel) || !strings.Contains(svg, ">still on the way or waiting to leave<") {
		t.Errorf("a borderwork-rule outcomes figure does not label those still in transit \"still on the way or waiting to leave\"")
	}
}
