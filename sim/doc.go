// Package sim is borderwork's engine. Its central type is Model: one run
// of one scenario, under one regime, for one replicate. A run goes
//
//	Config → New → Step, Step, … → Result
//
// A Config is plain data (the region, the population, the behaviour of
// migrants and smugglers, and the policy of every post, already resolved
// from a regime); Config.Validate says whether it can be run, and New
// refuses one that cannot. New builds a Model seeded with a replicate's
// seed (ReplicateSeed), Step advances it by one day, and Result returns
// the daily records (DayRecord). Run does all of it and checks
// conservation at the end.
//
// A day runs eight sub-steps in a fixed order, each in the file of its
// name: inflow.go (new migrants), posts.go (each post's condition and
// capacity), information.go (news and rumours), migrants.go (each
// migrant's day, in ID order; abuse.go and centres.go hold what it calls),
// queues.go (posts process their queues), smuggling.go (markets seat
// migrants), market.go (prices, smugglers' entry and exit) and record.go
// (the day's record). docs/MODEL.md describes every mechanism and
// parameter. A Config with Rules set to RulesFlee runs a second rule set,
// Flee's, instead (flee.go, flee_move.go, flee_route.go; docs/MODEL.md,
// section 15).
//
// Agents are small pointer-free structs in slices indexed by dense
// integer IDs; every tie is broken on ID. The day's pass visits only the
// migrants not yet in a final state, and draws the rare events (abuse at
// a place, death on a link) by thinning (chance.go), so that a day costs
// what the migrants still on their way do. RunContext runs a model with a
// way to stop it and a DayObserver told of each day, for progress lines
// and throughput; Model.Sink (events.go, RunEvents) is told of every
// event of every migrant, for a log; ModelVersion numbers the results the
// engine gives.
// Each random process of a replicate draws from a Stream of its own, derived from (seed, replicate,
// name), so that the same replicate meets the same migrants under every
// regime (common random numbers). No map iteration, wall clock or global
// random source reaches a result, and no processor: every product the
// engine adds is rounded first, and its exponentials, logarithms and
// Poisson draws are computed the same way everywhere (portable.go).
package sim
