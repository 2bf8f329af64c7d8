package sim

// Events: what happens to each migrant, told as it happens to a caller who
// wants a log (Model.Sink). The records (record.go) count the same things;
// a run gives the same records, and draws the same numbers, with or
// without a sink. Without one, an event costs the engine one test of
// Model.Sink where it happens.

import "unsafe"

// EventKind is what happened to a migrant. docs/OUTPUTS.md ("events.csv")
// gives each kind's meaning, its detail and the record it agrees with.
type EventKind uint8

// The kinds of events, in the order of a journey.
const (
	EventCreated       EventKind = iota // appeared at its origin; To is its destination (-1 under the Flee rules); Detail its group
	EventDeparted                       // set out from its origin for the first time, onto a link toward To; Detail says how
	EventMoved                          // set out onto a link at any other time; Detail says how
	EventReached                        // came to the end of a link, at a place that is not its destination
	EventPushedBack                     // sent back from a link to where it started: Detail "patrol" (intercepted) or "link closed" (Flee rules)
	EventQueued                         // joined the queue of the post at its location
	EventRefused                        // refused by the post at its location
	EventBribed                         // bought passage with a bribe from a post whose rules refuse it (an admitted event follows)
	EventAdmitted                       // let through by the post at its location
	EventReferred                       // sent to a centre or the protection channel: Detail "screening", "protection" or "assistance"
	EventNoSeat                         // asked the market at its location for a seat and found none left: once a stay, at the first such answer (Seatless)
	EventTrapped                        // became trapped: blocked by the trapped rule away from home
	EventStranded                       // became stranded: blocked by the trapped rule at home
	EventUnblocked                      // no longer trapped or stranded, and still where it was
	EventAbused                         // suffered abuse: Detail its kind, By the perpetrator
	EventAbandoned                      // abandoned on the path by its smuggler (after the abuse event of abandonment): goes on alone
	EventReleased                       // released by kidnappers
	EventEnteredCentre                  // sheltered in the centre at its location
	EventLeftCentre                     // left the centre, and waits at its location
	EventDetained                       // held by the centre at its location on a day it would have left it
	EventArrived                        // reached its destination (final); Detail "evacuated" from a centre, "origin" if it was created there
	EventReturned                       // went home after setting out (final); Detail "free" or "assisted"
	EventStayed                         // gave up at home without ever leaving it (final)
	EventDied                           // died (final): Detail "hazard" on a link (To set), "illness" at a place
	NumEventKinds
)

var eventKindNames = [...]string{
	"created", "departed", "moved", "reached", "pushed_back", "queued", "refused", "bribed", "admitted", "referred",
	"no_seat", "trapped", "stranded", "unblocked", "abused", "abandoned", "released", "entered_centre", "left_centre", "detained",
	"arrived", "returned", "stayed", "died",
}

func (k EventKind) String() string { return eventKindNames[k] }

// Event is one thing that happened to one migrant.
type Event struct {
	Day     int
	Migrant int
	Kind    EventKind
	// Location is where it happened; for an event on or onto a link, the
	// location the link was entered from.
	Location int
	// To is, for an event on or onto a link, the location at its other
	// end; for EventCreated, the migrant's destination; -1 otherwise.
	To int
	// Detail qualifies the kind (see EventKind), or is "".
	Detail string
	// By is who committed an EventAbused; Abuse its kind, as in Detail.
	By    Perpetrator
	Abuse AbuseKind
	// State is the migrant's state just after the event.
	State State
}

// EventSink receives every event of a run as it happens, in the engine's
// order: day by day, sub-step by sub-step, and within a sub-step in the
// order the engine visits migrants (by ID in sub-step 4, by post and queue
// in sub-step 5, by market and ID in sub-step 6). A migrant's events in
// one sub-step come in the order they happened. It is optional: the
// records hold the counts.
type EventSink interface {
	Event(Event)
}

// EventSinkFunc adapts a function to EventSink.
type EventSinkFunc func(Event)

// Event calls f.
func (f EventSinkFunc) Event(e Event) { f(e) }

// idOf is the ID of a migrant the engine holds by pointer: its index in
// m.migrants, where every such pointer points. It is worked out only for
// a sink, so that the engine's functions need not carry IDs for it.
func (m *Model) idOf(mg *Migrant) int {
	return int((uintptr(unsafe.Pointer(mg)) - uintptr(unsafe.Pointer(unsafe.SliceData(m.migrants)))) / unsafe.Sizeof(Migrant{}))
}

// emit tells the sink of an event of mg at loc. Callers test m.Sink first.
func (m *Model) emit(mg *Migrant, k EventKind, loc, to int, detail string) {
	m.Sink.Event(Event{Day: m.day, Migrant: m.idOf(mg), Kind: k, Location: loc, To: to, Detail: detail, State: mg.State})
}

// groupDetail is the Detail of EventCreated: the migrant's papers, and its
// vulnerability if any.
var groupDetail = [2][4]string{
	{"undocumented", "undocumented minor", "undocumented sick", "undocumented trafficked"},
	{"documented", "documented minor", "documented sick", "documented trafficked"},
}

func (m *Model) emitCreated(mg *Migrant, to int) {
	m.emit(mg, EventCreated, int(mg.Loc), to, groupDetail[mg.Flags&Documented][mg.Vuln&3])
}

// emitState tells the sink of mg's change of state to s (tellState, before
// countState changes mg.State). Every change of state is an event, so that a
// migrant's state on any day is the State of its last event by then.
func (m *Model) emitState(mg *Migrant, s State) {
	from := mg.State
	if from == s {
		return
	}
	loc, to, detail := int(mg.Loc), -1, ""
	var k EventKind
	switch s {
	case Trapped:
		k = EventTrapped
	case Stranded:
		k = EventStranded
	case Waiting:
		switch from {
		case Trapped, Stranded:
			k = EventUnblocked
		case Assisted:
			k = EventLeftCentre
		default: // off a link: at its end, or back where it started
			k = EventReached
			if mg.Loc != mg.Next {
				k, to, detail = EventPushedBack, int(mg.Next), "patrol"
				if m.fl != nil {
					detail = "link closed"
				}
			}
		}
	case Travelling, WithSmuggler:
		to = int(mg.Next)
		switch {
		case from == WithSmuggler:
			k = EventAbandoned
		case from == Travelling:
			return // not a change of place
		default:
			k = EventMoved
			if mg.Flags&Departed == 0 {
				k = EventDeparted
			}
			switch {
			case s == WithSmuggler:
				detail = "smuggler"
			case mg.Flags&Returning != 0:
				detail = "home"
			case mg.Flags&Referred != 0:
				detail = "centre"
			case mg.Flags&Alone != 0:
				detail = "alone"
			default:
				detail = "road"
			}
		}
	case Assisted:
		k = EventEnteredCentre
	case Arrived:
		k = EventArrived
		switch {
		case from == Assisted:
			detail = "evacuated"
		case mg.Flags&Departed == 0:
			detail = "origin"
		}
	case Returned:
		k, detail = EventReturned, "free"
		if mg.Flags&AssistedReturn != 0 {
			detail = "assisted"
		}
	case Stayed:
		k = EventStayed
	case Dead:
		k, detail = EventDied, "illness"
		if from == Travelling || from == WithSmuggler {
			to, detail = int(mg.Next), "hazard"
		}
	}
	m.Sink.Event(Event{Day: m.day, Migrant: m.idOf(mg), Kind: k, Location: loc, To: to, Detail: detail, State: s})
}

// emitPresent tells the sink of the migrants New put in place before the
// first day (the Flee rule set's day-0 populations), as created on day 0.
func (m *Model) emitPresent() {
	for i := range m.migrants {
		m.emitCreated(&m.migrants[i], -1)
	}
}
