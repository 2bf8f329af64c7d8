package sim

// Flows: per-link daily counts of arrivals and deaths, the record that
// observers such as flow monitoring points read (Config.RecordFlows).

// LinkFlow is what happened on one link on one day, recorded when
// Config.RecordFlows is set: Forward counts the migrants who arrived at
// the link's To having come from its From, Backward those who arrived at
// From from To, and Deaths those who died on the link, either way. A
// migrant passing a place is counted there on the day it arrives, whether
// it travels alone, with a smuggler, on its way home or to a centre; a
// migrant intercepted on a path is sent back without arriving anywhere.
type LinkFlow struct {
	Forward, Backward int
	Deaths            int
}

// Arrived is the number of migrants who arrived at location at from the
// other end of link l, from a day's flow record on that link.
func (f LinkFlow) Arrived(l Link, at int) int {
	switch at {
	case l.To:
		return f.Forward
	case l.From:
		return f.Backward
	}
	return 0
}

// openFlowDay adds today's empty flow record of every link.
func (m *Model) openFlowDay() {
	for range m.cfg.Region.Links {
		m.flows = append(m.flows, LinkFlow{})
	}
}

// flowToday is today's record of link l.
func (m *Model) flowToday(l int) *LinkFlow {
	return &m.flows[m.day*len(m.cfg.Region.Links)+l]
}

// countArrival records a migrant arriving along its link at mg.Next.
func (m *Model) countArrival(mg *Migrant) {
	f := m.flowToday(int(mg.Link))
	if int(mg.Next) == m.cfg.Region.Links[mg.Link].To {
		f.Forward++
	} else {
		f.Backward++
	}
}
