package gsa

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/scenarios"
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
	data, err := infile.Params.Read(name)
	if err != nil {
		return nil, runs.BadInput("--params-file: %s: %v", name, err)
	}
	// A byte-order mark (Notepad's and Excel's "UTF-8") is no part of the
	// first line: with it, the lines below would not find a [[param]]
	// header there, and each table's line (recorded in parameters.csv)
	// would be the next one's.
	data = infile.TrimBOM(data)
	var f paramFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, key, msg := scenarios.ParseErrorAt(pe, data)
			key = keyOnLine(data, line, key)
			if key == "" {
				return nil, runs.BadInput("%s:%d: %s", name, line, msg)
			}
			return nil, runs.BadInput("%s:%d: %s: %s", name, line, key, msg)
		}
		if line, key, msg, ok := scenarios.LineError(err, data); ok { // lo = "a"
			return nil, runs.BadInput("%s:%d: %s: %s", name, line, key, msg)
		}
		return nil, runs.BadInput("%s: %s", name, strings.TrimPrefix(err.Error(), "toml: "))
	}
	headers := tableLines(data, "param")
	if len(headers) == 0 {
		headers = inlineTableLines(data, "param") // param = [{...}, {...}]
	}
	line := func(i int) int {
		if i < len(headers) {
			return headers[i]
		}
		return 0
	}
	if err := exactParamKeys(name, data, md); err != nil {
		return nil, err
	}
	if u := md.Undecoded(); len(u) > 0 {
		at := name
		if l := undecodedLine(data, md, u[0]); l > 0 {
			at = fmt.Sprintf("%s:%d", name, l)
		}
		return nil, runs.BadInput("%s: unknown key %s%s (a [[param]] holds key, lo, hi, dist and fixed)", at, u[0], suggest.Hint(u[0][len(u[0])-1], paramKeys))
	}
	if len(f.Param) == 0 {
		return nil, runs.BadInput("%s: no [[param]] tables", name)
	}
	var out []Entry
	for i, p := range f.Param {
		src := fmt.Sprintf("%s:%d", name, line(i))
		bad := func(msg string) error { return runs.BadInput("%s: param %q: %s", src, p.Key, msg) }
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

// paramKeys are the keys of a [[param]] table.
var paramKeys = []string{"key", "lo", "hi", "dist", "fixed"}

// exactParamKeys checks that every key is spelled as the format spells
// it. The TOML decoder matches keys to fields without regard to case, so
// that Key, LO and Hi would be read as key, lo and hi, and of key and Key
// in one table it would silently keep the last; as in scenario files
// (scenarios.Parse), a key that differs from a known key only in case is
// an error naming the file, its line, the key and the right spelling.
func exactParamKeys(name string, data []byte, md toml.MetaData) error {
	lines := strings.Split(string(data), "\n")
	table := 0 // line of the current [[param]] header (1-based); 0 before any
	for _, k := range md.Keys() {
		known := []string{"param"}
		if len(k) > 1 {
			known = paramKeys
		}
		part := k[len(k)-1]
		if len(k) == 1 && part == "param" {
			table = nextHeader(lines, table)
		}
		if len(k) > 2 || slices.Contains(known, part) {
			continue // unknown keys are the decoder's to report
		}
		i := slices.IndexFunc(known, func(s string) bool { return strings.EqualFold(s, part) })
		if i < 0 {
			continue
		}
		right := known[i]
		at := keyLine(lines, table, part)
		msg := fmt.Sprintf("%s:%d: %s: keys are case-sensitive: write %s", name, at, k, right)
		if len(k) == 1 {
			msg = fmt.Sprintf("%s:%d: [[%s]]: keys are case-sensitive: write [[%s]]", name, keyLine(lines, 0, "[["+part), part, right)
		} else if also := keyLine(lines, table, right); also > 0 {
			msg += fmt.Sprintf(" (%s is also given, on line %d)", right, also)
		}
		return runs.BadInput("%s", msg)
	}
	return nil
}

// undecodedLine is the line where key, the first key the decoder did not
// use, is set; 0 if it cannot be found. The decoder's keys do not say
// which [[param]] table they are in: the tables are counted on the way.
func undecodedLine(data []byte, md toml.MetaData, key toml.Key) int {
	lines := strings.Split(string(data), "\n")
	table := 0
	for _, k := range md.Keys() {
		if len(k) == 1 && k[0] == "param" {
			table = nextHeader(lines, table)
		}
		if k.String() == key.String() {
			if len(k) == 1 {
				table = 0
			}
			if l := keyLine(lines, table, k[len(k)-1]); l > 0 {
				return l
			}
			return keyLine(lines, 0, "["+k.String()) // a table, [param.sub]
		}
	}
	return 0
}

// nextHeader is the line of the first [[param]] header after line from.
func nextHeader(lines []string, from int) int {
	for i := from; i < len(lines); i++ {
		if isHeader(lines[i], "param") {
			return i + 1
		}
	}
	return from
}

// isHeader reports whether line is the header of an array of tables
// called name, as TOML lets it be written: [[param]], [[ param ]] or
// [[ "param" ]], with a comment after it or not.
func isHeader(line, name string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "[[")
	if !ok {
		return false
	}
	inner, _, ok := strings.Cut(rest, "]]")
	inner = strings.TrimSpace(inner)
	return ok && (inner == name || inner == `"`+name+`"` || inner == "'"+name+"'")
}

// keyLine is the line, at or after line from and before the next table
// header, where key is set (key = or key. or "key"); 0 if none.
func keyLine(lines []string, from int, key string) int {
	for i := max(from-1, 0); i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if i > from-1 && from > 0 && strings.HasPrefix(l, "[") && !strings.HasPrefix(key, "[") {
			break
		}
		for _, k := range []string{key, `"` + key + `"`} {
			if rest, ok := strings.CutPrefix(l, k); ok && (strings.HasPrefix(key, "[") || strings.HasPrefix(strings.TrimSpace(rest), "=")) {
				return i + 1
			}
		}
	}
	return 0
}

// tableLines returns the 1-based lines of the headers of the array of
// tables called name.
func tableLines(data []byte, name string) []int {
	var lines []int
	for i, l := range strings.Split(string(data), "\n") {
		if isHeader(l, name) {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// inlineTableLines is the line of each inline table of the array
// assigned to name (name = [{...}, {...}], which TOML allows for
// [[name]] tables), in order: where each one's '{' is. Braces and
// brackets inside strings and comments are passed over.
func inlineTableLines(data []byte, name string) []int {
	var lines []int
	line, depth, braces := 1, 0, 0
	assigned := isAssignment(data, name) // on the line of "name ="
	var quote byte                       // the string being read, if any
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n':
			line++
			if !assigned {
				assigned = isAssignment(data[i+1:], name)
			}
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++ // an escaped character
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case !assigned:
		case c == '[':
			depth++
		case c == ']':
			if depth--; depth == 0 {
				return lines
			}
		case c == '{':
			if braces == 0 && depth == 1 {
				lines = append(lines, line)
			}
			braces++
		case c == '}':
			braces--
		}
	}
	return lines
}

// isAssignment reports whether text starts with a line that assigns
// name (name = ..., or "name" = ...).
func isAssignment(text []byte, name string) bool {
	l, _, _ := strings.Cut(string(text[:min(len(text), 256)]), "\n")
	k, _, ok := strings.Cut(l, "=")
	k = strings.TrimSpace(k)
	return ok && (k == name || k == `"`+name+`"` || k == "'"+name+"'")
}

// keyOnLine names the key written on line of a parameter file's text, in
// the table the decoder last named (last, "param" or "param.lo"): a
// value the parser cannot read is reported with the table it is in, not
// its key.
func keyOnLine(data []byte, line int, last string) string {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return last
	}
	k, _, ok := strings.Cut(lines[line-1], "=")
	if k = strings.TrimSpace(k); !ok || k == "" || strings.HasPrefix(k, "[") {
		return last
	}
	switch {
	case last == "":
		return k
	case last == k || strings.HasSuffix(last, "."+k):
		return last
	}
	return last + "." + k
}
