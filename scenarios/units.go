package scenarios

import (
	"reflect"
	"strings"
)

// units gives what each numeric key counts, by key or, where a key means
// different things in different tables, by "Table.key", as rules gives
// ranges; keys that count nothing (a seed) have none. docs/SCENARIOS.md's
// unit column says the same, which a test checks; figures label their
// axes with it (KeyUnit).
var units = map[string]string{
	"days":                          "days",
	"replicates":                    "runs",
	"people_per_agent":              "people",
	"lat":                           "decimal degrees",
	"lon":                           "decimal degrees",
	"population":                    "people",
	"LocationSpec.capacity":         "agents",
	"LocationSpec.initial":          "agents",
	"from":                          "day",
	"intensity":                     "intensity",
	"distance_km":                   "km",
	"speed_km_per_day":              "km per day",
	"hazard":                        "probability per day",
	"OriginSpec.initial":            "migrants",
	"inflow":                        "migrants per day",
	"rate":                          "migrants per day",
	"money_mean":                    "USD",
	"money_cv":                      "ratio",
	"documented":                    "share",
	"minor":                         "share",
	"sick":                          "share",
	"trafficked":                    "share",
	"will_smuggle":                  "share",
	"will_turn_back":                "share",
	"destination_weights":           "relative weights",
	"PostSpec.capacity":             "migrants per day",
	"to":                            "day",
	"capacity_factor":               "multiplier",
	"capacity_cv":                   "coefficient of variation",
	"outage_start":                  "probability per day",
	"outage_days":                   "days",
	"failing_capacity":              "share",
	"refusal":                       "probability",
	"document_check":                "share",
	"oversight":                     "share",
	"screening":                     "probability",
	"asylum_share":                  "share",
	"smugglers":                     "smugglers",
	"max_smugglers":                 "smugglers",
	"CentreSpec.capacity":           "migrants",
	"shelter":                       "share",
	"medical":                       "share",
	"return_offer_days":             "days",
	"return_uptake":                 "probability per day",
	"evacuation":                    "probability per day",
	"reach":                         "road days",
	"start":                         "day",
	"end":                           "day",
	"budget":                        "USD",
	"staff":                         "officers per post",
	"turnover":                      "share per year",
	"share":                         "share of the budget",
	"cost_per_trainee":              "USD per officer",
	"trainers":                      "share",
	"trainer_reach":                 "officers per trainer",
	"reliability":                   "share",
	"integrity":                     "share",
	"cost_per_post":                 "USD per post",
	"lifetime":                      "years",
	"EquipmentSpec.capacity":        "share",
	"build_days":                    "days",
	"ConstructionSpec.capacity":     "share",
	"trapped_after_days":            "days",
	"patience_days":                 "days",
	"belief_threshold":              "probability",
	"give_up_days":                  "days",
	"seek_help_days":                "days",
	"alone_after_days":              "days",
	"market_reach_days":             "road days",
	"desperation_days":              "days",
	"earn_per_day":                  "USD per day",
	"return_cost":                   "USD",
	"sick_mortality":                "probability per day",
	"prior":                         "probability",
	"experience_weight":             "share",
	"queue_weight":                  "share",
	"rumour_rate":                   "probability per day",
	"rumour_weight":                 "share",
	"seats":                         "migrants per trip",
	"price":                         "USD",
	"price_min":                     "USD",
	"price_max":                     "USD",
	"price_response":                "log-change per day",
	"entry_rate":                    "probability per day",
	"exit_after_days":               "days",
	"propensity":                    "multiplier",
	"propensity_spread":             "share",
	"desperation_effect":            "multiplier",
	"market_power_effect":           "multiplier",
	"vulnerable_factor":             "multiplier",
	"smuggler_extortion":            "rate per day",
	"smuggler_violence":             "rate per day",
	"smuggler_kidnap":               "rate per day",
	"trip_extortion":                "probability per trip",
	"trip_violence":                 "probability per trip",
	"trip_abandonment":              "probability per trip",
	"extorted":                      "USD",
	"ransom":                        "USD",
	"kidnap_days":                   "days",
	"abandoned_hazard":              "multiplier",
	"official_extortion":            "rate per turn at a counter",
	"official_violence":             "rate per day",
	"bribe":                         "USD",
	"queue_effect":                  "multiplier",
	"papers_effect":                 "multiplier",
	"death":                         "weight per death",
	"kidnap":                        "weight per event",
	"violence":                      "weight per event",
	"abandonment":                   "weight per event",
	"extortion":                     "weight per event",
	"trapped_day":                   "weight per person-day",
	"stranded_day":                  "weight per person-day",
	"centre_day":                    "weight per person-day",
	"assisted_return":               "weight per return",
	"max_move_speed":                "km per day",
	"max_walk_speed":                "km per day",
	"default_movechance":            "probability per day",
	"conflict_movechance":           "probability per day",
	"camp_movechance":               "probability per day",
	"camp_weight":                   "factor",
	"conflict_weight":               "factor",
	"foreign_weight":                "factor",
	"softening":                     "km",
	"distance_power":                "exponent",
	"weight_power":                  "exponent",
	"weight_softening":              "score",
	"awareness_level":               "hops",
	"pruning_threshold":             "factor",
	"capacity_scaling":              "factor",
	"capacity_buffer":               "share",
	"conflict_spawn_decay":          "factors",
	"conflict_spawn_decay_interval": "days",
	"spawn":                         "agents per day",
	"patrol":                        "probability per day",
	"irregular_hazard":              "multiplier",
	"alone_hazard":                  "multiplier",
	"pushback_violence":             "rate per interception",
	"assist_after_days":             "days",
	"centre_abuse":                  "rate per day in a centre",
	"centre_detention":              "probability per day",
	"rescue":                        "share",
	"accuracy":                      "share",
	"rumour_noise":                  "belief units",
	"news_rate":                     "share per day",
	"github.com/borderwork/borderwork/scenarios": "0.112s",
}

// unitFor is the unit of key in table, "" if it has none.
func unitFor(table, key string) string {
	if u, ok := units[table+"."+key]; ok {
		return u
	}
	return units[key]
}

// KeyUnit is the unit of the number key names, as --set writes it
// ("regimes.malfunctioning.outage_start": "probability per day"); "" for
// a number that counts nothing, such as the seed. It changes nothing.
func (s *Scenario) KeyUnit(key string) (string, error) {
	if numeric, _, err := s.KeyKind(key); err != nil || !numeric {
		return "", err
	}
	table := reflect.TypeOf(s.File).Elem()
	parent, last := "", key
	if i := strings.LastIndex(key, "."); i >= 0 {
		parent, last = key[:i], key[i+1:]
	}
	if parent != "" {
		var undo undoList
		val, _, err := s.Clone().walk(parent, &undo)
		if err != nil {
			return "", err
		}
		table = val.Type()
		for table.Kind() == reflect.Pointer {
			table = table.Elem()
		}
	}
	return unitFor(table.Name(), last), nil
}
