package scenarios

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// typeMismatch is the TOML decoder's wording of a value of the wrong type.
var typeMismatch = regexp.MustCompile(`incompatible types: TOML value has type (\S+); destination has type (.+)$`)

// LineError splits a TOML decoder's error of a value that could not be
// stored (a type mismatch) into its line, the key and the message in a
// file author's words (plainType's), given text, the file's; ok is
// false for any other error.
func LineError(err error, text []byte) (line int, key, msg string, ok bool) {
	m := lineErr.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, "", "", false
	}
	line, _ = strconv.Atoi(m[1])
	return line, m[2], plainType(m[3], valueOn(text, line)), true
}

// plainType rewrites the TOML decoder's message about a value of the
// wrong type in the words of a scenario's author ("want a number, got
// the text "5""); text is the value as written, "" if unknown. Other
// messages are returned as they are.
func plainType(msg, text string) string {
	m := typeMismatch.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	said := "want " + wantOf(m[2]) + ", got " + gotOf(m[1], text)
	if v := strings.TrimSpace(text); m[2] == "slice" && v != "" && !strings.HasPrefix(m[1], "[]") && !strings.HasPrefix(m[1], "map") {
		// destinations = "Tripoli": one value where a list is wanted.
		said = "want a list, got " + gotOf(m[1], text) + ": a list of one is written in brackets, [" + v + "]"
	}
	if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(text), "_", ""), 64); m[1] == "float64" && wantOf(m[2]) == "a whole number" && err == nil && f == math.Trunc(f) {
		// 1e3 or 5.0 is whole, but TOML reads it as a fraction.
		said += ", a decimal number to TOML: write a whole number in digits alone (1000, not 1e3 or 1000.0)"
	}
	return said
}

// wantOf names what a destination type (in the decoder's words) takes.
func wantOf(dst string) string {
	switch dst {
	case "float":
		return "a number"
	case "integer":
		return "a whole number"
	case "string", "primitive (string-like)":
		return "text (in quotes)"
	case "boolean":
		return "true or false"
	case "slice":
		return "a list, such as [1, 2]"
	case "map":
		return "a table"
	}
	return dst
}

// gotOf names a TOML value of type typ (in the decoder's words), written
// as text.
func gotOf(typ, text string) string {
	text = strings.TrimSpace(text)
	with := func(what string) string {
		if text == "" {
			return what
		}
		return what + " " + text
	}
	switch {
	case typ == "string":
		return with("the text")
	case typ == "int64":
		return with("the whole number")
	case typ == "float64":
		return with("the number")
	case typ == "bool":
		return with("the value")
	case strings.HasPrefix(typ, "[]") && text == "":
		return "a list of tables ([[...]])"
	case strings.HasPrefix(typ, "[]"):
		return with("the list")
	case typ == "time.Time" || strings.HasPrefix(typ, "toml.Local"):
		return with("the date or time")
	case strings.HasPrefix(typ, "map"):
		return "a table"
	}
	return with("a " + typ)
}

// valueOn is the value written on line (1-based) of a TOML file's text:
// what follows the first "=" (before a comment), or "" if that line
// holds no "key = value".
func valueOn(text []byte, line int) string {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	_, v, ok := strings.Cut(lines[line-1], "=")
	if !ok {
		return ""
	}
	v = strings.TrimSpace(v)
	if q := v[:min(1, len(v))]; q == `"` || q == "'" {
		// A one-line string ends at its closing quote; what follows
		// may be a comment.
		for i := 1; i < len(v); i++ {
			if v[i] == '\\' && q == `"` {
				i++
				continue
			}
			if v[i] == q[0] {
				return v[:i+1]
			}
		}
		return v
	}
	if i := strings.Index(v, "#"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

// rawDisplayKey is displayKey for a file that failed to decode: array
// elements are named from the file's text, read without types, rather
// than from the half-decoded File, whose fields the decoder fills in an
// order that varies from run to run (it ranges over a map), so that the
// same file always gets the same message.
func (s *Scenario) rawDisplayKey(path string) string {
	var doc map[string]any
	if _, err := toml.Decode(string(s.Raw), &doc); err != nil {
		return path
	}
	parts := strings.Split(path, ".")
	var at any = doc
	for i, p := range parts {
		switch v := at.(type) {
		case map[string]any:
			at = v[p]
		case []map[string]any:
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n >= len(v) {
				return strings.Join(parts, ".")
			}
			at = v[n]
			for _, k := range []string{"name", "location"} {
				if name, ok := v[n][k].(string); ok && strings.TrimSpace(name) != "" && !strings.Contains(name, ".") {
					parts[i] = name
					break
				}
			}
		default:
			return strings.Join(parts, ".")
		}
	}
	return strings.Join(parts, ".")
}
