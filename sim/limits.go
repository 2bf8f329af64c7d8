package sim

import (
	"fmt"
	"math"
	"unsafe"
)

// MaxMigrants is the most migrants a run may be expected to create:
// queues and smugglers' requests hold migrant IDs in 32 bits.
const MaxMigrants = math.MaxInt32

// maxRunBytes is more memory than any machine has; New refuses a
// configuration expected to need more, rather than ask the runtime for it.
const maxRunBytes = 1 << 45

// Size is what one run of a configuration is expected to need. It is an
// estimate from the configuration alone, made before anything is
// allocated, so that a front end can refuse what would not fit.
type Size struct {
	// Migrants is the mean number of migrants the run creates: those
	// present on day 0 plus the mean inflow over the run.
	Migrants float64
	// Bytes is the memory the run holds at its peak: the migrants and
	// their beliefs, route tables, information pools and daily records.
	Bytes float64
	// Steps is the work, in agent-steps (one migrant simulated for one
	// day): every migrant counted from its creation to the last day, as
	// if none left, plus building the route tables (about n³/32 for n
	// locations).
	Steps float64
}

// Estimate says what a run of c is expected to need.
func (c *Config) Estimate() Size {
	s := c.fromOrigins()
	days := float64(c.Days)
	perAgent := 0.0 // bytes an agent of the Flee rule set adds
	if c.Rules == RulesFlee {
		// Agents are placed by location and spawned by the day's data
		// instead of coming from origins (flee.go).
		for _, l := range c.Region.Locations {
			s.Migrants += float64(l.Initial)
			s.Steps += float64(float64(l.Initial) * days)
		}
		for day, n := range c.Flee.Spawn {
			if n > 0 && day < c.Days {
				s.Migrants += float64(n)
				s.Steps += float64(float64(n) * (days - float64(day)))
			}
		}
		perAgent = float64(unsafe.Sizeof(fleeAgent{})) + 3
	}
	n := float64(len(c.Region.Locations))
	posts := float64(len(c.Posts))
	dests := 0.0
	for _, l := range c.Region.Locations {
		if l.Kind == KindDestination {
			dests++
		}
	}
	// A migrant is a 32-byte struct plus a 2-byte belief per post, in
	// slices that may double once; queues and requests hold a few more
	// bytes each (107 bytes a migrant are measured with 3 posts: see
	// docs/PERFORMANCE.md).
	perMigrant := float64(2*(float64(unsafe.Sizeof(Migrant{}))+float64(2*posts)+perAgent)) + 32
	s.Bytes = float64((float64(s.Migrants*1.05)+64)*perMigrant) +
		float64(12*n*n) + // all-pairs distances and next steps
		float64(n*dests*(float64(unsafe.Sizeof(roadOption{}))+8+float64(4*posts))) + // route options, market and alone tables
		float64(12*n*posts*numClasses) + // information pools
		float64(days*float64(unsafe.Sizeof(DayRecord{})))
	if c.RecordLocations {
		s.Bytes += float64(days * n * float64(unsafe.Sizeof(LocationDay{})))
	}
	s.Steps += float64(n * n * n / 32)
	return s
}

// fromOrigins is the migrants the origins create, and their agent-steps.
func (c *Config) fromOrigins() Size {
	var s Size
	days := float64(c.Days)
	for _, o := range c.Origins {
		s.Migrants += float64(o.Initial)
		s.Steps += float64(float64(o.Initial) * days)
		for i, st := range o.Inflow {
			end := c.Days
			if i+1 < len(o.Inflow) {
				end = min(o.Inflow[i+1].From, c.Days)
			}
			if end > st.From {
				n := float64(end - st.From)
				s.Migrants += float64(st.Rate * n)
				// Migrants created on days from..end-1 live to the last day.
				s.Steps += float64(st.Rate * n * (days - float64(float64(st.From+end-1)/2)))
			}
		}
	}
	return s
}

// checkSize refuses a configuration that cannot be run whatever the
// machine: more migrants than IDs, or more memory than exists.
func (c *Config) checkSize() error {
	s := c.Estimate()
	switch {
	case !(s.Migrants <= MaxMigrants):
		return fmt.Errorf("sim: a run would create about %.3g migrants; at most %d fit", s.Migrants, MaxMigrants)
	case !(s.Bytes <= maxRunBytes):
		return fmt.Errorf("sim: a run would need about %.3g bytes of memory", s.Bytes)
	}
	return nil
}
