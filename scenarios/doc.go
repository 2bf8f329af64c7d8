// Package scenarios reads borderwork's scenarios: regions, populations and
// border regimes written in TOML. The central type is Scenario, a scenario
// file as read, which goes
//
//	Load (or Parse) → Set (overrides, any number) → Validate → Config(regime)
//
// Load reads a .toml file or a bundled scenario by name (Names lists them)
// strictly: a syntax error, a value of the wrong type or an unknown key is
// an Error naming the file, line and key. Set applies a KEY=VALUE override
// with the same checks, as --set does. Validate checks every range and
// reference and returns every problem found, in file order. Config
// resolves one regime (the four built-in regimes, or one the file defines
// with a base) into the engine's sim.Config, with the file's programmes
// (capacity building that changes posts over time, programme.go)
// compiled into the posts' schedules; ConfigSwitched switches a
// programme's channels for the programme analysis. Encode writes the
// resolved scenario back as TOML that reruns the same configuration on
// its own.
//
// Every error about a scenario's content wraps ErrInvalid, so that a
// command line can tell bad input (exit status 2) from a failure.
// docs/SCENARIOS.md documents the format, and docs/MODEL.md every
// parameter.
package scenarios
