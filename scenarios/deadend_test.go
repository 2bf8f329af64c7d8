package scenarios

import (
	"strings"
	"testing"
	"testing/fstest"
)

// sea is a route whose last leg no road takes, as a sea crossing: Home
// to Gate by road, across the border to Port, then by boat to Goal with
// the smugglers at Port.
const sea = `name = "sea"
countries = ["A", "B", "C"]

[[locations]]
name = "Home"
kind = "origin"
country = "A"

[[locations]]
name = "Gate"
kind = "border"
country = "A"

[[locations]]
name = "Port"
kind = "hub"
country = "B"

[[locations]]
name = "Goal"
kind = "destination"
country = "C"

[[links]]
from = "Home"
to = "Gate"
days = 2

[[links]]
from = "Gate"
to = "Port"
days = 2

[[links]]
from = "Port"
to = "Goal"
kind = "irregular"
days = 2

[[origins]]
location = "Home"
inflow = 5
destinations = ["Goal"]

[[posts]]
name = "Gate"
location = "Gate"
capacity = 10

[[markets]]
location = "Port"
to = "Goal"
max_smugglers = 5
`

// TestDeadEnds: a destination no road reaches, to which the routing rules
// leave an origin's migrants no way (they would queue at a post without
// end, or never leave), is refused at the origin's destination; one they
// can reach is not.
func TestDeadEnds(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replace old by new in sea
		want     string // "" for valid
	}{
		{name: "the smugglers beyond a post",
			want: `bad.toml:43: origins.Home.destinations.0: no road leads from "Home" to "Goal": its migrants go by road to the smugglers at "Port", crossing the border at post "Gate", but a migrant the post admits leaves it only by a road toward its destination, and none leads on to "Goal", so it would stay and queue again day after day, never arriving (docs/MODEL.md 7.8); join "Goal" to the roads beyond the post (a legal crossing through a post of its own, beside the smugglers' path), or put the smugglers on this side of the post`},
		{name: "a road on to the destination", old: "[[origins]]", new: "[[links]]\nfrom = \"Port\"\nto = \"Goal\"\ndays = 1\n\n[[origins]]"},
		{name: "no border at the post", old: "name = \"Port\"\nkind = \"hub\"\ncountry = \"B\"", new: "name = \"Port\"\nkind = \"hub\"\ncountry = \"A\""},
		// The market at Home is nearer; the one at Port is never sought.
		{name: "the smugglers before the post", old: "[[origins]]", new: "[[links]]\nfrom = \"Home\"\nto = \"Goal\"\nkind = \"irregular\"\ndays = 5\n\n[[markets]]\nlocation = \"Home\"\nto = \"Goal\"\nmax_smugglers = 5\n\n[[origins]]"},
		{name: "no smugglers in reach", old: "max_smugglers = 5\n", new: "max_smugglers = 5\n\n[migrants]\nmarket_reach_days = 3\n",
			want: `bad.toml:43: origins.Home.destinations.0: no road leads from "Home" to "Goal", and no smugglers within migrants.market_reach_days (3 road days) drive a path to it or to a place from which a road leads to it, nor is there such a path to walk alone (alone = true) from "Home": none of its migrants would ever set out (docs/MODEL.md 7.4); make a leg a road (a ferry, a bus), or add smugglers or a path that lead there`},
		// Boat, then jungle (the Darién): the first path ends where no
		// road leads on, so its smugglers are not sought.
		{name: "two paths in a row", old: "from = \"Home\"\nto = \"Gate\"\ndays = 2", new: "from = \"Home\"\nto = \"Gate\"\nkind = \"irregular\"\ndays = 2\n\n[[markets]]\nlocation = \"Home\"\nto = \"Gate\"\nmax_smugglers = 5",
			want: `bad.toml:49: origins.Home.destinations.0: no road leads from "Home" to "Goal", and no smugglers within migrants.market_reach_days (10 road days) drive a path to it or to a place from which a road leads to it, nor is there such a path to walk alone (alone = true) from "Home": none of its migrants would ever set out (docs/MODEL.md 7.4); make a leg a road (a ferry, a bus), or add smugglers or a path that lead there`},
		// Centres that evacuate take migrants there under hbm.
		{name: "a centre that evacuates", old: "max_smugglers = 5\n", new: "max_smugglers = 5\n\n[[centres]]\nlocation = \"Port\"\ncapacity = 50\nevacuation = 0.01\n"},
		// Queued at the post again and again, migrants out of patience
		// walk alone from there, and some arrive (641 a run under open
		// with 5 a day for 200 days).
		{name: "a path to walk alone from the post", old: "max_smugglers = 5\n", new: "max_smugglers = 5\n\n[[links]]\nfrom = \"Gate\"\nto = \"Goal\"\nkind = \"irregular\"\nalone = true\ndays = 6\n"},
		{name: "a path to walk alone from the origin", old: "max_smugglers = 5\n", new: "max_smugglers = 5\n\n[migrants]\nmarket_reach_days = 3\n\n[[links]]\nfrom = \"Home\"\nto = \"Goal\"\nkind = \"irregular\"\nalone = true\ndays = 5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := sea
			if tt.old != "" {
				if strings.Count(data, tt.old) != 1 {
					t.Fatalf("%q is not in the scenario once", tt.old)
				}
				data = strings.Replace(data, tt.old, tt.new, 1)
			}
			s, err := Parse([]byte(data), "bad.toml", "bad.toml", fstest.MapFS{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if err := s.Validate(); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate() = %q\nwant %q", got, tt.want)
			}
		})
	}
}
