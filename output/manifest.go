package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
)

// Version is borderwork's version.
const Version = "0.1.0"

// Commit is the source revision the binary was built from: set with
// -ldflags "-X github.com/borderwork/borderwork/output.Commit=...", or read
// from the build's version-control stamp, or "unknown".
var Commit = ""

// BuildCommit returns Commit, or the revision the Go toolchain stamped.
func BuildCommit() string {
	if Commit != "" {
		return Commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}

// Manifest is manifest.json: what was run, with what, and the checksum of
// every table. It holds no wall-clock time, so that a rerun writes the same
// bytes.
type Manifest struct {
	Tool      string `json:"tool"`
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"go_version"`

	Command        string   `json:"command"`         // the subcommand
	CommandLine    string   `json:"command_line"`    // a command that reruns it (without --out and --workers)
	Scenario       string   `json:"scenario"`        // the scenario's name
	ScenarioArg    string   `json:"scenario_arg"`    // how the command named it: a path, a bundled name, or "" for the default
	ScenarioSource string   `json:"scenario_source"` // the path or bundled name it was loaded from
	ScenarioSHA256 string   `json:"scenario_sha256"` // of scenario.toml in this folder
	Sets           []string `json:"sets"`            // --set overrides, already applied in scenario.toml
	Seed           int64    `json:"seed"`
	Days           int      `json:"days"`
	Reps           int      `json:"reps"`
	Regimes        []string `json:"regimes"`

	Sweep *SweepInfo `json:"sweep,omitempty"`
	// Claim is the claim check's own section (claim.Info), kept raw here
	// so that this package need not know the claim's types; the claim
	// package reads and writes it.
	Claim json.RawMessage `json:"claim,omitempty"`

	Runs     []RunInfo `json:"runs"`
	Tables   []Checked `json:"tables"`
	Figures  []Checked `json:"figures"`
	Complete bool      `json:"complete"`
}

// SweepInfo describes a sweep's design and, for a shard, which part of it
// this folder holds.
type SweepInfo struct {
	Design    string      `json:"design"` // grid or lhs
	Samples   int         `json:"samples,omitempty"`
	Vary      []string    `json:"vary"`   // the --vary arguments
	Keys      []string    `json:"keys"`   // the varied keys, in column order
	Points    [][]float64 `json:"points"` // every point of the design, in order
	Shard     string      `json:"shard,omitempty"`
	Metric    string      `json:"metric,omitempty"`
	Contrast  string      `json:"contrast,omitempty"`
	TotalRuns int         `json:"total_runs"`
}

// RunInfo is one run as the manifest lists it.
type RunInfo struct {
	ID        int       `json:"id"`
	Regime    string    `json:"regime"`
	Replicate int       `json:"replicate"`
	Seed      uint64    `json:"seed"`
	Params    []float64 `json:"params,omitempty"`
}

// Checked is a file of the folder with its checksum.
type Checked struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// NewManifest fills in the tool's own fields.
func NewManifest(command string) *Manifest {
	return &Manifest{Tool: "borderwork", Version: Version, Commit: BuildCommit(), GoVersion: runtime.Version(), Command: command}
}

// Check records the checksums of the named files of dir.
func Check(dir string, files []string) ([]Checked, error) {
	var out []Checked
	for _, f := range files {
		sum, err := FileSHA256(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		out = append(out, Checked{File: filepath.ToSlash(f), SHA256: sum})
	}
	return out, nil
}

// Write saves the manifest as indented JSON.
func (m *Manifest) Write(path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes())
}

// ReadManifest reads a folder's manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	return &m, nil
}
