package gsa

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/sensitivity"
)

// paramFile is a parameter file (--params-file): a list of [[param]]
// tables, each a key or pattern with, optionally, its range, or fixed.
type paramFile struct {
	Param []struct {
		Key   string   `toml:"key"`
		Lo    *float64 `toml:"lo"`
		Hi    *float64 `toml:"hi"`
		Dist  string   `toml:"dist"`
		Fixed bool     `toml:"fixed"`
	} `toml:"param"`
}

// ReadParamFile reads a parameter file into entries, in file order.
// Errors name the file, the line of the [[param]] table and the key.
func ReadParamFile(name string) ([]Entry, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, experiment.BadInput("--params-file: %v", err)
	}
	var f paramFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, experiment.BadInput("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		return nil, experiment.BadInput("%s: %s", name, strings.TrimPrefix(err.Error(), "toml: "))
	}
	headers := tableLines(data, "[[param]]")
	line := func(i int) int {
		if i < len(headers) {
			return headers[i]
		}
		return 0
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, experiment.BadInput("%s: unknown key %s (a [[param]] holds key, lo, hi, dist and fixed)", name, u[0])
	}
	if len(f.Param) == 0 {
		return nil, experiment.BadInput("%s: no [[param]] tables", name)
	}
	var out []Entry
	for i, p := range f.Param {
		src := fmt.Sprintf("%s:%d", name, line(i))
		bad := func(msg string) error { return experiment.BadInput("%s: param %q: %s", src, p.Key, msg) }
		e := Entry{Pattern: strings.TrimSpace(p.Key), Exclude: p.Fixed, Source: src}
		switch {
		case e.Pattern == "":
			return nil, bad("give key, a scenario key or a pattern such as abuse.*")
		case (p.Lo == nil) != (p.Hi == nil):
			return nil, bad("give both lo and hi, or neither for the default rule")
		case p.Fixed && (p.Lo != nil || p.Dist != ""):
			return nil, bad("a fixed key takes no range")
		case p.Lo == nil && p.Dist != "":
			return nil, bad("dist needs lo and hi")
		}
		if _, err := ParseEntry(e.Pattern); err != nil {
			return nil, bad(err.Error())
		}
		if p.Lo != nil {
			e.HasRange, e.Lo, e.Hi = true, *p.Lo, *p.Hi
			if p.Dist != "" {
				d, err := sensitivity.ParseDist(p.Dist)
				if err != nil {
					return nil, bad(err.Error())
				}
				e.Dist = d
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// tableLines returns the 1-based lines where a table header starts.
func tableLines(data []byte, header string) []int {
	var lines []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), header) {
			lines = append(lines, i+1)
		}
	}
	return lines
}
