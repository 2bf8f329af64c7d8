package scenarios

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// parallelTOML is two identical crossings side by side: Home to Away
// through the post at West or the one at East, each road as long, each
// post as large (audit metamorphic, S2).
const parallelTOML = `
name = "parallel"
seed = 7
days = 120
countries = ["A", "B"]

[[locations]]
name = "Home"
kind = "origin"
country = "A"

[[locations]]
name = "West"
kind = "border"
country = "A"

[[locations]]
name = "East"
kind = "border"
country = "A"

[[locations]]
name = "Away"
kind = "destination"
country = "B"

#LINKS#

[[origins]]
location = "Home"
inflow = 12
documented = 0.3
destinations = ["Away"]

[[posts]]
name = "West"
location = "West"
capacity = 10

[[posts]]
name = "East"
location = "East"
capacity = 10
`

const (
	westLinks = "[[links]]\nfrom = \"Home\"\nto = \"West\"\ndays = 2\n\n[[links]]\nfrom = \"West\"\nto = \"Away\"\ndays = 1\n"
	eastLinks = "[[links]]\nfrom = \"Home\"\nto = \"East\"\ndays = 2\n\n[[links]]\nfrom = \"East\"\nto = \"Away\"\ndays = 1\n"
)

// TestParallelCrossingsShared: migrants who believe in two crossings
// exactly alike take each as often, whichever the file lists first.
// Before model version 6 the first listed took all but a few of them
// under closed (0.995) and most under open (0.88), and the other post
// stood idle.
func TestParallelCrossingsShared(t *testing.T) {
	for _, order := range []struct {
		name, links string
	}{{"west first", westLinks + "\n" + eastLinks}, {"east first", eastLinks + "\n" + westLinks}} {
		s := parseText(t, strings.Replace(parallelTOML, "#LINKS#", order.links, 1))
		for _, regime := range []string{"open", "closed"} {
			cfg, err := s.Config(regime)
			if err != nil {
				t.Fatal(err)
			}
			west, all := flowsFrom(t, cfg, "Home", "West")
			// Some 5,000 migrants set out; a fair split puts West's share
			// within a few hundredths of a half.
			if share := float64(west) / float64(all); all < 1000 || share < 0.45 || share > 0.55 {
				t.Errorf("%s, %s: %d of %d set out toward West (%.3f); want about half", order.name, regime, west, all, share)
			}
		}
	}
}

// forkedGateTOML is one post with two equally long roads beyond it, into the
// same country: an admitted migrant may take either.
const forkedGateTOML = `
name = "gate"
seed = 7
days = 120
countries = ["A", "B"]

[[locations]]
name = "Home"
kind = "origin"
country = "A"

[[locations]]
name = "Gate"
kind = "border"
country = "A"

[[locations]]
name = "North"
kind = "hub"
country = "B"

[[locations]]
name = "South"
kind = "hub"
country = "B"

[[locations]]
name = "Away"
kind = "destination"
country = "B"

[[links]]
from = "Home"
to = "Gate"
days = 1

#LINKS#

[[origins]]
location = "Home"
inflow = 12
documented = 0.3
destinations = ["Away"]

[[posts]]
name = "Gate"
location = "Gate"
capacity = 20
`

const (
	northLinks = "[[links]]\nfrom = \"Gate\"\nto = \"North\"\ndays = 1\n\n[[links]]\nfrom = \"North\"\nto = \"Away\"\ndays = 1\n"
	southLinks = "[[links]]\nfrom = \"Gate\"\nto = \"South\"\ndays = 1\n\n[[links]]\nfrom = \"South\"\nto = \"Away\"\ndays = 1\n"
)

// TestAdmittedShareTiedCrossings: migrants a post admits, with two
// equally long roads on, take each as often, whichever the file lists
// first: the migrant's lot settles the tie (docs/MODEL.md 7.8), as it
// does for the roads to a post.
func TestAdmittedShareTiedCrossings(t *testing.T) {
	for _, order := range []struct {
		name, links string
	}{{"north first", northLinks + "\n" + southLinks}, {"south first", southLinks + "\n" + northLinks}} {
		s := parseText(t, strings.Replace(forkedGateTOML, "#LINKS#", order.links, 1))
		cfg, err := s.Config("open")
		if err != nil {
			t.Fatal(err)
		}
		north, all := flowsFrom(t, cfg, "Gate", "North")
		// Some 5,000 migrants are admitted; a fair split puts North's
		// share within a few hundredths of a half.
		if share := float64(north) / float64(all); all < 1000 || share < 0.45 || share > 0.55 {
			t.Errorf("%s: %d of %d admitted set out toward North (%.3f); want about half", order.name, north, all, share)
		}
	}
}

// flowsFrom runs cfg's replicates 0 to 3 and counts the migrants setting
// out from the place named from along the links the file lists from it:
// toward the place named to, and in all.
func flowsFrom(t *testing.T, cfg *sim.Config, from, to string) (toward, all int) {
	t.Helper()
	cfg.RecordFlows = true
	for rep := range 4 {
		res, err := sim.Run(cfg, sim.ReplicateSeed(7, rep))
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range res.Flows {
			l := cfg.Region.Links[i%len(cfg.Region.Links)]
			if cfg.Region.Locations[l.From].Name == from {
				all += f.Forward
				if cfg.Region.Locations[l.To].Name == to {
					toward += f.Forward
				}
			}
		}
	}
	return toward, all
}
