package web

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

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
//
// The command is pasted into a terminal, often by another student than
// the one who chose its words (a link carries its --set lines onto a
// classmate's form), and not always into a POSIX shell: PowerShell and
// cmd.exe do not read ShellQuote's quoting as sh does, and a --set
// whose value held a single quote, or & in a TOML literal string, ran
// the command after it there. A command any of whose words one of them
// would not read as that one word (safeEverywhere) is not given: the
// command reads the resolved scenario instead, its regimes written in as
// default_regimes, under a name made of plain words alone, as the --out
// folder is.
func reproduce(r *Request, x *runs.Prepared) (*Reproduce, error) {
	f := x.Scenario.File
	name := plainName(f.Name)
	out := "out/" + name + "-page"
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
	args = append(args, "--regimes", strings.Join(x.Regimes, ","), "--out", out)
	resolved, err := x.Scenario.Encode()
	if err != nil {
		return nil, err
	}
	rep := &Reproduce{ResolvedFile: name + "-page.toml", Resolved: string(resolved)}
	if r.Text != "" {
		rep.File, rep.Text = r.fileName(), r.Text
	}
	if !slices.ContainsFunc(args, func(a string) bool { return !safeEverywhere(a) }) {
		rep.Command = runs.ShellJoin(args)
		return rep, nil
	}
	s := x.Scenario.Clone()
	s.File.DefaultRegimes = slices.Clone(x.Regimes)
	text, err := s.Encode()
	if err != nil {
		return nil, err
	}
	rep.Command = runs.ShellJoin([]string{"borderwork", "compare", rep.ResolvedFile, "--out", out})
	rep.File, rep.Text = rep.ResolvedFile, string(text)
	return rep, nil
}

// safeEverywhere reports whether arg, as ShellQuote writes it, is read
// as that one word by a POSIX shell, PowerShell and cmd.exe alike: it
// holds no single quote (one, or a typographic one, ends PowerShell's
// single quotes), none of & | < > ^ (cmd.exe reads no single quotes,
// and runs what follows &) and no control character (a line break ends
// a command; ESC can end a terminal's bracketed paste).
func safeEverywhere(arg string) bool {
	return !strings.ContainsFunc(arg, func(c rune) bool {
		return strings.ContainsRune("'\u2018\u2019\u201a\u201b&|<>^", c) || unicode.IsControl(c)
	})
}

// plainName is the scenario's name as the page names files and folders
// after it (NAME-page.toml, out/NAME-page), which the page also shows
// unquoted: the name if it is a plain word that ShellQuote leaves as it
// is, names no other folder and is no flag, else "scenario".
func plainName(name string) string {
	if name == "" || runs.ShellQuote(name) != name || strings.ContainsAny(name, "/%") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-") {
		return "scenario"
	}
	return name
}
