package sim

// State is where a migrant stands in its journey. Every migrant ever
// created is in exactly one state on every day.
type State uint8

// The migrant states. Arrived, Returned, Stayed and Dead are final.
const (
	Travelling   State = iota // on a road or walking an irregular path alone
	Waiting                   // at a location: in a post's queue, at a hub, held
	Trapped                   // waiting away from home, and blocked by the trapped rule (see MODEL.md)
	Stranded                  // waiting at home, wanting to leave, and blocked by the same rule
	WithSmuggler              // on an irregular path in a smuggler's vehicle
	Assisted                  // sheltered in a centre
	Arrived
	Returned // went home after setting out
	Stayed   // gave up at home without ever leaving it
	Dead
	NumStates
)

var stateNames = [...]string{"travelling", "waiting", "trapped", "stranded", "with_smuggler", "assisted", "arrived", "returned", "stayed", "dead"}

func (s State) String() string { return stateNames[s] }

// Final reports whether a migrant in state s has left the simulation.
func (s State) Final() bool { return s >= Arrived }

// AtPlace reports whether a migrant in state s spends the day at a
// location deciding what to do: waiting, trapped or stranded.
func (s State) AtPlace() bool { return s == Waiting || s == Trapped || s == Stranded }

// Immobile reports whether a migrant in state s is blocked by the trapped
// rule, away from home (trapped) or at home (stranded).
func (s State) Immobile() bool { return s == Trapped || s == Stranded }

// Vulnerability is the kind of vulnerability a migrant has, if any.
type Vulnerability uint8

// The kinds of vulnerability.
const (
	NotVulnerable Vulnerability = iota
	Minor
	Sick
	Trafficked
)

// Flags are a migrant's yes/no attributes, packed.
type Flags uint16

// The flags.
const (
	Documented     Flags = 1 << iota // holds documents valid at closed posts
	WillSmuggle                      // would travel irregularly: pay a smuggler, or walk alone when desperate
	WillTurnBack                     // would ever turn back
	Queued                           // in the queue of the post at its location
	Refused                          // refused by the post at its location
	Alone                            // on an irregular path without a smuggler
	Abandoned                        // abandoned by a smuggler on the current path
	Returning                        // heading home
	Held                             // held by kidnappers
	Referred                         // on its way to a centre, referred or seeking help
	Departed                         // has left home at least once
	AssistedReturn                   // heading home on a return arranged by a centre
	Seatless                         // its last request for a seat at the market here found none left
)

// Bit positions of the flags the queue's day reads as 0s and 1s
// (stepMigrants). The constant expressions compile only while they match
// the flags: a negative typed constant does not.
const (
	willSmuggleBit  = 1
	willTurnBackBit = 2
	seatlessBit     = 12
	_               = Flags(WillSmuggle-1<<willSmuggleBit) + Flags(1<<willSmuggleBit-WillSmuggle)
	_               = Flags(WillTurnBack-1<<willTurnBackBit) + Flags(1<<willTurnBackBit-WillTurnBack)
	_               = Flags(Seatless-1<<seatlessBit) + Flags(1<<seatlessBit-Seatless)
	// The queue's day works out Waiting, Trapped or Stranded as Waiting
	// plus 0, 1 or 2.
	_ = State(Trapped-Waiting-1) + State(1+Waiting-Trapped) + State(Stranded-Waiting-2) + State(2+Waiting-Stranded)
)

// Migrant is one person on the move. It is small and pointer-free so that a
// million fit in a few tens of megabytes; beliefs live in a parallel slice.
type Migrant struct {
	Money    float32 // USD
	Born     uint16  // day created
	Loc      uint16  // current location; while moving, the location left
	Next     uint16  // while moving: the location ahead
	Link     uint16  // while moving: the link
	Prev     uint16  // the location before Loc (decides whether a move crosses a border)
	Dest     uint16  // destination location
	Home     uint16  // origin location
	DaysLeft uint16  // moving: days to go; held: days still held; queued: day it joined
	DaysHere uint16  // days spent at the current location
	Abuse    uint16  // abuse events suffered (saturates)
	State    State
	Vuln     Vulnerability
	Flags    Flags
}

// Is reports whether all of f are set.
func (m *Migrant) Is(f Flags) bool { return m.Flags&f == f }

// smuggler is one smuggler of a market.
type smuggler struct {
	market     int32
	active     bool
	busy       int32 // days until back from a trip
	idle       int32 // consecutive days without passengers
	seatsTaken int32 // today
	propensity float64
}

// AbuseKind is the kind of an abuse event.
type AbuseKind uint8

// The kinds of abuse.
const (
	Extortion AbuseKind = iota
	Violence
	Abandonment
	Kidnap
	NumAbuseKinds
)

var abuseKindNames = [...]string{"extortion", "violence", "abandonment", "kidnap"}

func (k AbuseKind) String() string { return abuseKindNames[k] }

// Perpetrator is who commits an abuse event.
type Perpetrator uint8

// The perpetrators.
const (
	BySmuggler Perpetrator = iota
	ByOfficial
	NumPerpetrators
)

var perpetratorNames = [...]string{"smuggler", "official"}

func (p Perpetrator) String() string { return perpetratorNames[p] }
