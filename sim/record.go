package sim

// Sub-step 8, records: what a run records each day, and the Result it
// leaves.

import "math/bits"

// DayRecord is what is recorded at the end of each day of a run. Counts
// marked cumulative run from day 0.
type DayRecord struct {
	Day     int
	States  [NumStates]int // migrants in each state
	Created int            // migrants created so far

	Abuse           [NumAbuseKinds][NumPerpetrators]int // cumulative events by kind and perpetrator
	AbusedMigrants  int                                 // migrants abused at least once so far
	AbuseVulnerable int                                 // cumulative events suffered by vulnerable migrants
	AbuseImmobile   int                                 // cumulative events suffered by migrants trapped or stranded at the time

	TrappedPersonDays  int     // cumulative sum of the trapped count over days
	StrandedPersonDays int     // cumulative sum of the stranded count over days
	CentrePersonDays   int     // cumulative sum over days of migrants sheltered in centres
	DetainedPersonDays int     // cumulative person-days a centre held a migrant who would have left (among the centre person-days)
	ReturnsFree        int     // cumulative migrants who went home of their own accord (among the returned)
	ReturnsAssisted    int     // cumulative migrants taken home on a return arranged by a centre (among the returned)
	HarmIndex          float64 // cumulative severity-weighted harm (Config.Harm)
	ActiveSmugglers    int     // smugglers in business
	MeanPrice          float64 // mean price of markets with active smugglers, USD (0 if none)
	MeanTransitDays    float64 // mean days since creation of migrants not in a final state (including those still waiting at home)

	Queued        int // migrants in posts' queues
	PostArrivals  int // cumulative migrants who joined a post's queue
	PostsFailing  int // posts failing today
	Admitted      int // cumulative admissions at posts
	Bribed        int // cumulative admissions bought with a bribe by migrants the rules would refuse (among the admitted)
	Refused       int // cumulative refusals at posts
	Referrals     int // cumulative migrants sent to a centre or the protection channel by screening, or taken to a centre by assistance
	Evacuated     int // cumulative migrants evacuated from centres to their destination (counted among the arrived)
	Interceptions int // cumulative interceptions on irregular paths
	Boarded       int // cumulative migrants who boarded a smuggler's vehicle

	// Groups are the harms of each group of migrants, apart: documented,
	// undocumented (together, everyone) and vulnerable (of either).
	Groups [NumGroups]GroupRecord
}

// Group is a group of migrants whose harms the records count apart.
type Group uint8

// The groups. Documented and undocumented migrants are everyone;
// vulnerable ones (minors, the sick, victims of trafficking) are among
// both.
const (
	GroupDocumented Group = iota
	GroupUndocumented
	GroupVulnerable
	NumGroups
)

var groupNames = [...]string{"documented", "undocumented", "vulnerable"}

func (g Group) String() string { return groupNames[g] }

// in reports whether migrants of class c belong to group g.
func (g Group) in(c int) bool {
	switch g {
	case GroupDocumented:
		return c&1 == 1
	case GroupUndocumented:
		return c&1 == 0
	}
	return c >= 2
}

// GroupRecord is what the records count for one group of migrants; the
// counts marked cumulative run from day 0.
type GroupRecord struct {
	TrappedPersonDays  int // cumulative sum of the group's trapped count over days
	StrandedPersonDays int // cumulative, likewise stranded
	CentrePersonDays   int // cumulative, likewise sheltered in centres
	Abuse              int // cumulative abuse events the group suffered
	Dead               int // the group's migrants dead by the end of the day
	Refused            int // cumulative refusals of the group's migrants at posts
}

// AbuseEvents is the total of cumulative abuse events.
func (r *DayRecord) AbuseEvents() int {
	n := 0
	for k := range r.Abuse {
		for p := range r.Abuse[k] {
			n += r.Abuse[k][p]
		}
	}
	return n
}

// AbuseBy is the cumulative count of abuse events by one perpetrator.
func (r *DayRecord) AbuseBy(p Perpetrator) int {
	n := 0
	for k := range r.Abuse {
		n += r.Abuse[k][p]
	}
	return n
}

// LocationDay is the optional per-location record of one day.
type LocationDay struct {
	Waiting  int // migrants waiting (including trapped and stranded) at the end of the day
	Trapped  int
	Stranded int
	Queued   int
	Abuse    int // abuse events there that day
	Deaths   int // deaths there (or on links starting there) that day
}

// Result is what a run leaves behind.
type Result struct {
	Days      []DayRecord
	Locations []LocationDay // day-major: Locations[day*len(Region.Locations)+loc]; nil unless asked
	Flows     []LinkFlow    // day-major: Flows[day*len(Region.Links)+link]; nil unless Config.RecordFlows
}

// Final is the record of the last day.
func (r *Result) Final() DayRecord { return r.Days[len(r.Days)-1] }

func (m *Model) stepRecords() {
	r := &m.rec
	r.Day = m.day
	r.States = m.counts()
	r.TrappedPersonDays += r.States[Trapped]
	r.StrandedPersonDays += r.States[Stranded]
	r.CentrePersonDays += r.States[Assisted]
	for g := range NumGroups {
		gr := &r.Groups[g]
		gr.Dead = 0
		for c := range numClasses {
			if g.in(c) {
				cc := &m.byClass[c]
				gr.TrappedPersonDays += cc[Trapped]
				gr.StrandedPersonDays += cc[Stranded]
				gr.CentrePersonDays += cc[Assisted]
				gr.Dead += cc[Dead]
			}
		}
	}
	r.HarmIndex = m.harmIndex()
	r.ActiveSmugglers = 0
	priceSum, priced := 0.0, 0
	for i := range m.markets {
		if a := m.markets[i].active; a > 0 {
			r.ActiveSmugglers += a
			priceSum += m.markets[i].price
			priced++
		}
	}
	r.MeanPrice = 0
	if priced > 0 {
		r.MeanPrice = priceSum / float64(priced)
	}
	final := r.States[Arrived] + r.States[Returned] + r.States[Stayed] + r.States[Dead]
	r.MeanTransitDays = 0
	if inTransit := r.Created - final; inTransit > 0 {
		r.MeanTransitDays = float64(m.day) - float64(m.sumBorn)/float64(inTransit)
	}
	r.Queued, r.PostsFailing = 0, 0
	for i := range m.posts {
		for _, q := range m.posts[i].queued {
			r.Queued += q
		}
		if m.posts[i].down {
			r.PostsFailing++
		}
	}
	m.days = append(m.days, *r)
	if m.locs != nil {
		n := len(m.cfg.Region.Locations)
		today := m.locs[m.day*n : (m.day+1)*n]
		for w, word := range m.live {
			for ; word != 0; word &= word - 1 {
				mg := &m.migrants[w<<6|bits.TrailingZeros64(word)]
				switch mg.State {
				case Waiting:
					today[mg.Loc].Waiting++
				case Trapped:
					today[mg.Loc].Waiting++
					today[mg.Loc].Trapped++
				case Stranded:
					today[mg.Loc].Waiting++
					today[mg.Loc].Stranded++
				}
				if mg.Flags&Queued != 0 {
					today[mg.Loc].Queued++
				}
			}
		}
	}
}

// harmIndex is the severity-weighted sum of the harms recorded so far.
func (m *Model) harmIndex() float64 {
	w := &m.cfg.Harm
	r := &m.rec
	by := func(k AbuseKind) float64 { return float64(r.Abuse[k][BySmuggler] + r.Abuse[k][ByOfficial]) }
	// Each product is rounded on its own (float64), as on every
	// architecture: see portable.go.
	return float64(w.Death*float64(r.States[Dead])) +
		float64(w.Kidnap*by(Kidnap)) + float64(w.Violence*by(Violence)) + float64(w.Abandonment*by(Abandonment)) + float64(w.Extortion*by(Extortion)) +
		float64(w.TrappedDay*float64(r.TrappedPersonDays)) + float64(w.StrandedDay*float64(r.StrandedPersonDays)) +
		float64(w.CentreDay*float64(r.CentrePersonDays-r.DetainedPersonDays)) + float64(w.AssistedReturn*float64(r.ReturnsAssisted)) +
		float64(w.TrappedDay*float64(r.DetainedPersonDays)) // a day held weighs as a day trapped, not as one sheltered
}
