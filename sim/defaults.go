package sim

// The defaults below are the model's reference values. docs/MODEL.md gives
// the unit of each and the reason it was chosen; change both together.

// DefaultBehaviour returns the default rules migrants follow.
func DefaultBehaviour() Behaviour {
	return Behaviour{
		TrappedAfterDays: 14,
		PatienceDays:     5,
		BeliefThreshold:  0.5,
		GiveUpDays:       60,
		SeekHelpDays:     21,
		AloneAfterDays:   30,
		MarketReachDays:  10,
		DesperationDays:  60,
		EarnPerDay:       3,
		ReturnCost:       50,
		SickMortality:    0.0005,
	}
}

// DefaultInformation returns the default rules of belief.
func DefaultInformation() Information {
	return Information{
		Prior:            0.8,
		Accuracy:         1,
		ExperienceWeight: 0.6,
		QueueWeight:      0.1,
		RumourRate:       0.5,
		RumourWeight:     0.3,
		RumourNoise:      0.05,
		NewsRate:         0.05,
		CentreInfo:       true,
	}
}

// DefaultSmuggling returns the default smuggling market.
func DefaultSmuggling() Smuggling {
	return Smuggling{
		Seats:            20,
		Price:            400,
		PriceMin:         100,
		PriceMax:         3000,
		PriceResponse:    0.05,
		EntryRate:        0.2,
		ExitAfterDays:    30,
		Propensity:       1,
		PropensitySpread: 0.5,
	}
}

// DefaultAbuse returns the default abuse rates.
func DefaultAbuse() Abuse {
	return Abuse{
		DesperationEffect: 2,
		MarketPowerEffect: 1,
		VulnerableFactor:  1.5,
		SmugglerExtortion: 0.004,
		SmugglerViolence:  0.002,
		SmugglerKidnap:    0.0005,
		TripExtortion:     0.1,
		TripViolence:      0.05,
		TripAbandonment:   0.02,
		Extorted:          50,
		Ransom:            300,
		KidnapDays:        14,
		AbandonedHazard:   5,
		OfficialExtortion: 0.5,
		OfficialViolence:  0.005,
		Bribe:             30,
		QueueEffect:       0.5,
		PapersEffect:      2,
	}
}

// DefaultHarmWeights returns the default severity weights (docs/MODEL.md,
// "Harm index"): a death counts 100; a kidnap 20; violence and abandonment
// 10; an extortion 2; a person-day trapped 0.2, stranded at home 0.1, in a
// centre 0.05; an assisted return 1.
func DefaultHarmWeights() HarmWeights {
	return HarmWeights{
		Death: 100, Kidnap: 20, Violence: 10, Abandonment: 10, Extortion: 2,
		TrappedDay: 0.2, StrandedDay: 0.1, CentreDay: 0.05, AssistedReturn: 1,
	}
}

// DefaultPostPolicy is an open, reliable post: the policy a post has
// before any regime changes it.
func DefaultPostPolicy() PostPolicy {
	return PostPolicy{
		Admission:       AdmitEveryone,
		CapacityFactor:  1,
		OutageDays:      1,
		FailingCapacity: 0,
		Oversight:       0.9,
		DocumentCheck:   1,
	}
}

// DefaultEnforcement is no policing of irregular paths.
func DefaultEnforcement() Enforcement {
	return Enforcement{IrregularHazard: 1, AloneHazard: 3}
}

// Defaults returns a configuration with every default set and no region.
func Defaults() Config {
	return Config{
		Days:        365,
		Migrants:    DefaultBehaviour(),
		Information: DefaultInformation(),
		Smuggling:   DefaultSmuggling(),
		Abuse:       DefaultAbuse(),
		Enforcement: DefaultEnforcement(),
		Harm:        DefaultHarmWeights(),
	}
}
