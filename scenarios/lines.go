package scenarios

import (
	"strconv"
	"strings"
)

// keyLines maps dotted key paths to the line that defines them. Array
// elements appear as indices ("posts.1.capacity", and for arrays of inline
// tables "origins.0.inflow_schedule.1.rate"), counted from 0. It comes
// from a small scanner, not a parser: it never fails, places later errors
// on their lines, names the key on a line the decoder rejects, and finds
// nesting too deep to decode safely.
type keyLines struct {
	exact  map[string]int // indexed path -> line
	loose  map[string]int // path without indices -> first line
	byLine map[int]string // line -> the first indexed path defined or opened on it
	// names are array elements' names as written (the string value of
	// their name, or else location, key): indexed path -> name.
	names map[string]string
	// tooDeep is the first key nested more than MaxDepth deep (0: none).
	tooDeepLine int
	tooDeepKey  string
}

// lineScanner walks TOML text: table headers, keys, strings, arrays and
// inline tables, well enough to tell which key each line defines. It
// always moves forward, so it ends on any input.
type lineScanner struct {
	src    string
	i      int
	line   int
	kl     keyLines
	counts map[string]int // array-of-tables path -> elements so far
	table  []string       // indexed path of the current table
	depth  int            // parts of the current table's path, indices aside
}

func scanLines(src string) keyLines {
	sc := &lineScanner{
		src: src, line: 1, counts: map[string]int{},
		kl: keyLines{exact: map[string]int{}, loose: map[string]int{}, byLine: map[int]string{}, names: map[string]string{}},
	}
	// A byte-order mark (Notepad's and Excel's UTF-8) is no part of the
	// first line's key: the decoder skips it, and so must the scanner,
	// or the key there has no line in messages.
	if strings.HasPrefix(src, "\uFEFF") {
		sc.i = len("\uFEFF")
	}
	for sc.i < len(sc.src) {
		sc.skipBlank(true)
		if sc.i >= len(sc.src) {
			break
		}
		start := sc.i
		switch {
		case strings.HasPrefix(sc.src[sc.i:], "[["):
			sc.header(true)
		case sc.src[sc.i] == '[':
			sc.header(false)
		default:
			sc.keyValue(sc.table, sc.depth)
		}
		sc.skipLine()
		if sc.i == start {
			sc.next()
		}
	}
	return sc.kl
}

// next moves one byte on, counting lines.
func (sc *lineScanner) next() {
	if sc.src[sc.i] == '\n' {
		sc.line++
	}
	sc.i++
}

func (sc *lineScanner) at(c byte) bool { return sc.i < len(sc.src) && sc.src[sc.i] == c }

// skipBlank skips spaces, tabs, comments and, if newlines, line breaks.
func (sc *lineScanner) skipBlank(newlines bool) {
	for sc.i < len(sc.src) {
		switch c := sc.src[sc.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			sc.i++
		case c == '\n' && newlines:
			sc.next()
		case c == '#':
			for sc.i < len(sc.src) && sc.src[sc.i] != '\n' {
				sc.i++
			}
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (sc *lineScanner) skipLine() {
	for sc.i < len(sc.src) && sc.src[sc.i] != '\n' {
		sc.i++
	}
	if sc.i < len(sc.src) {
		sc.next()
	}
}

// stop ends the scan: nesting too deep to follow.
func (sc *lineScanner) stop(path []string) {
	if sc.kl.tooDeepLine == 0 {
		sc.kl.tooDeepLine, sc.kl.tooDeepKey = sc.line, strings.Join(withoutIndices(path), ".")
	}
	sc.i = len(sc.src)
}

// header reads a [table] or [[array.of.tables]] header, closed or not.
func (sc *lineScanner) header(array bool) {
	sc.i++
	if array {
		sc.i++
	}
	line := sc.line
	parts := sc.key()
	if len(parts) == 0 {
		return
	}
	if len(parts) > MaxDepth {
		sc.stop(parts[:MaxDepth+1])
		return
	}
	sc.table = indexed(parts, sc.counts, array)
	sc.depth = len(parts)
	sc.kl.add(sc.table, line)
}

// key reads a dotted key: bare or quoted parts joined by dots.
func (sc *lineScanner) key() []string {
	var parts []string
	for {
		sc.skipBlank(false)
		if sc.i >= len(sc.src) {
			return parts
		}
		var part string
		switch c := sc.src[sc.i]; {
		case c == '"' || c == '\'':
			raw := sc.quoted(c)
			part = raw
			if c == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					part = u
				} else {
					part = strings.Trim(raw, `"`)
				}
			} else {
				part = strings.Trim(raw, "'")
			}
		case isBare(c):
			start := sc.i
			for sc.i < len(sc.src) && isBare(sc.src[sc.i]) {
				sc.i++
			}
			part = sc.src[start:sc.i]
		default:
			return parts
		}
		parts = append(parts, part)
		if len(parts) > MaxDepth+1 {
			return parts // enough to know it is too deep
		}
		sc.skipBlank(false)
		if !sc.at('.') {
			return parts
		}
		sc.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line string starting at its quote and returns it
// with its quotes; an unclosed string ends at the line's end.
func (sc *lineScanner) quoted(q byte) string {
	start := sc.i
	sc.i++
	for sc.i < len(sc.src) && sc.src[sc.i] != '\n' {
		c := sc.src[sc.i]
		if c == '\\' && q == '"' && sc.i+1 < len(sc.src) && sc.src[sc.i+1] != '\n' {
			sc.i += 2
			continue
		}
		sc.i++
		if c == q {
			break
		}
	}
	return sc.src[start:sc.i]
}

// keyValue reads KEY = VALUE under prefix, whose parts nest depth deep.
func (sc *lineScanner) keyValue(prefix []string, depth int) {
	line := sc.line
	parts := sc.key()
	if len(parts) == 0 {
		return
	}
	path := append(append([]string{}, prefix...), parts...)
	if depth+len(parts) > MaxDepth {
		sc.stop(path)
		return
	}
	sc.kl.add(path, line)
	sc.skipBlank(false)
	if !sc.at('=') {
		return
	}
	sc.i++
	sc.skipBlank(false)
	if last := parts[len(parts)-1]; (last == "name" || last == "location") && len(path) >= 3 && (sc.at('"') || sc.at('\'')) {
		start := sc.i
		sc.value(path, depth+len(parts))
		sc.kl.named(strings.Join(path[:len(path)-1], "."), last, sc.src[start:sc.i])
		return
	}
	sc.value(path, depth+len(parts))
}

// value reads one value: a string, an array, an inline table or a scalar.
func (sc *lineScanner) value(path []string, depth int) {
	if sc.i >= len(sc.src) {
		return
	}
	rest := sc.src[sc.i:]
	switch c := sc.src[sc.i]; {
	case strings.HasPrefix(rest, `"""`) || strings.HasPrefix(rest, `'''`):
		sc.multiline(rest[:3])
	case c == '"' || c == '\'':
		sc.quoted(c)
	case c == '[':
		if depth+1 > MaxDepth {
			sc.stop(path)
			return
		}
		sc.i++
		for n := 0; ; n++ {
			sc.skipBlank(true)
			if sc.i >= len(sc.src) || sc.at(']') {
				break
			}
			start := sc.i
			sc.value(append(append([]string{}, path...), strconv.Itoa(n)), depth+1)
			sc.skipBlank(true)
			if !sc.at(',') || sc.i == start {
				break
			}
			sc.i++
		}
		if sc.at(']') {
			sc.i++
		}
	case c == '{':
		if depth+1 > MaxDepth {
			sc.stop(path)
			return
		}
		sc.i++
		for {
			sc.skipBlank(true)
			if sc.i >= len(sc.src) || sc.at('}') {
				break
			}
			start := sc.i
			sc.keyValue(path, depth)
			sc.skipBlank(true)
			if !sc.at(',') || sc.i == start {
				break
			}
			sc.i++
		}
		if sc.at('}') {
			sc.i++
		}
	default:
		for sc.i < len(sc.src) && !strings.ContainsRune(",]}\n#", rune(sc.src[sc.i])) {
			sc.i++
		}
	}
}

// multiline skips a multi-line string opened by delim.
func (sc *lineScanner) multiline(delim string) {
	sc.i += 3
	for sc.i < len(sc.src) {
		if delim == `"""` && sc.src[sc.i] == '\\' && sc.i+1 < len(sc.src) {
			sc.next()
			sc.next()
			continue
		}
		if strings.HasPrefix(sc.src[sc.i:], delim) {
			sc.i += 3
			for sc.i < len(sc.src) && sc.src[sc.i] == delim[0] { // up to two quotes may end the content
				sc.i++
			}
			return
		}
		sc.next()
	}
}

// indexed inserts the current element index after every prefix that is an
// array of tables; for a [[header]] it starts a new element.
func indexed(parts []string, counts map[string]int, newElement bool) []string {
	var out []string
	for j, p := range parts {
		out = append(out, p)
		path := strings.Join(out, ".")
		last := j == len(parts)-1
		if last && newElement {
			n := counts[path]
			counts[path] = n + 1
			out = append(out, strconv.Itoa(n))
			continue
		}
		if n, ok := counts[path]; ok {
			out = append(out, strconv.Itoa(n-1))
		}
	}
	return out
}

func (kl keyLines) add(parts []string, line int) {
	exact := strings.Join(parts, ".")
	if _, ok := kl.exact[exact]; !ok {
		kl.exact[exact] = line
	}
	loose := strings.Join(withoutIndices(parts), ".")
	if _, ok := kl.loose[loose]; !ok {
		kl.loose[loose] = line
	}
	if _, ok := kl.byLine[line]; !ok {
		kl.byLine[line] = exact
	}
}

// named records an element's name from the quoted value of its name or
// location key; a name wins over a location.
func (kl keyLines) named(element, key, quoted string) {
	name := strings.Trim(quoted, "'")
	if strings.HasPrefix(quoted, `"`) {
		u, err := strconv.Unquote(quoted)
		if err != nil {
			return
		}
		name = u
	}
	if _, had := kl.names[element]; had && key == "location" {
		return
	}
	kl.names[element] = name
}

// display writes an indexed path as --set addresses it, naming array
// elements as the text names them (posts.Gate.capacity), by index where
// it does not (links.3.hazard).
func (kl keyLines) display(path string) string {
	parts := strings.Split(path, ".")
	for i := range parts {
		if _, err := strconv.Atoi(parts[i]); err != nil || i == 0 {
			continue
		}
		if name, ok := kl.names[strings.Join(parts[:i+1], ".")]; ok && strings.TrimSpace(name) != "" && !strings.Contains(name, ".") {
			parts[i] = name
		}
	}
	return strings.Join(parts, ".")
}

// lineOf finds the line of an indexed path, or of its nearest ancestor.
func (kl keyLines) lineOf(path string) int {
	for p := path; p != ""; {
		if l, ok := kl.exact[p]; ok {
			return l
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

// looseLineOf finds the first line of a path given without indices.
func (kl keyLines) looseLineOf(path string) int { return kl.loose[path] }

func withoutIndices(parts []string) []string {
	var out []string
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return out
}
