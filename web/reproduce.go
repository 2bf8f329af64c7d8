package web

import (
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
)

// Reproduce says how to get a page's numbers from the command line: the
// command, and the scenario file it reads when the scenario is not
// bundled. Resolved is the scenario exactly as run (every default and
// override written in), which `borderwork compare FILE --regimes ...`
// also reproduces on its own.
type Reproduce struct {
	Command      string `json:"command"`
	File         string `json:"file,omitempty"`
	Text         string `json:"text,omitempty"`
	ResolvedFile string `json:"resolved_file"`
	Resolved     string `json:"resolved"`
}

// reproduce writes the command line of a prepared request.
func reproduce(r *Request, x *runs.Prepared) (*Reproduce, error) {
	f := x.Scenario.File
	args := []string{"borderwork", "compare", r.arg()}
	if r.Seed != nil {
		args = append(args, "--seed", strconv.FormatInt(*r.Seed, 10))
	}
	if r.Days != nil {
		args = append(args, "--days", strconv.Itoa(*r.Days))
	}
	if r.Reps != nil {
		args = append(args, "--reps", strconv.Itoa(*r.Reps))
	}
	for _, kv := range r.Sets {
		args = append(args, "--set", kv)
	}
	args = append(args, "--regimes", strings.Join(x.Regimes, ","), "--out", "out/"+f.Name+"-page")
	resolved, err := x.Scenario.Encode()
	if err != nil {
		return nil, err
	}
	rep := &Reproduce{Command: runs.ShellJoin(args), ResolvedFile: f.Name + "-page.toml", Resolved: string(resolved)}
	if r.Text != "" {
		rep.File, rep.Text = r.fileName(), r.Text
	}
	return rep, nil
}
