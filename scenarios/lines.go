package scenarios

import (
	"strconv"
	"strings"
)

// keyLines maps dotted key paths to the line that defines them. Array
// elements appear as indices ("posts.1.capacity"), counted from 0. It is
// a small scanner, not a parser: the TOML decoder has already accepted the
// file, and this only places later errors on their lines.
type keyLines struct {
	exact map[string]int // indexed path -> line
	loose map[string]int // path without indices -> first line
}

func scanLines(src string) keyLines {
	kl := keyLines{exact: map[string]int{}, loose: map[string]int{}}
	counts := map[string]int{} // array-of-tables path -> elements so far
	var table []string
	lines := strings.Split(src, "\n")
	depth := 0     // open brackets of a multi-line array
	inString := "" // the delimiter of an open multi-line string
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[[") {
			name := strings.TrimSpace(strings.Trim(stripComment(line), "[] "))
			parts := indexed(splitKey(name), counts, true)
			table = parts
			kl.add(parts, i+1)
			continue
		}
		if line[0] == '[' {
			name := strings.TrimSpace(strings.Trim(stripComment(line), "[] "))
			table = indexed(splitKey(name), counts, false)
			kl.add(table, i+1)
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		key := append(append([]string{}, table...), splitKey(strings.TrimSpace(line[:eq]))...)
		kl.add(key, i+1)
		value := strings.TrimSpace(line[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && strings.Count(value, q) == 1 {
				inString = q
			}
		}
		if inString == "" {
			depth = bracketDepth(value)
		}
	}
	return kl
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

func splitKey(k string) []string {
	var parts []string
	for _, p := range strings.Split(k, ".") {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return parts
}

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}

// bracketDepth counts unclosed brackets outside strings and comments.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}
