package flee

import (
	"fmt"
	"strings"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/scenarios"
)

// Flee's settings files (simsetting.yml) use a small part of YAML:
// mappings nested by indentation, scalars, and lists written [a, b, c] or
// as "- item" lines. This reader handles exactly that part, and says so
// naming the line when a file uses more (anchors, multi-line strings,
// quoted keys with colons). A YAML library would accept more, but every
// setting it could then read would still have to be mapped by hand onto
// the rules borderwork implements, and it would be a dependency for a
// dozen lines of a fixed, flat format.

// yamlNode is a mapping entry: a scalar, a list, or a nested mapping.
type yamlNode struct {
	key      string
	line     int
	scalar   string
	quoted   bool // the scalar was written in quotes: text, to PyYAML
	isList   bool
	list     []string
	children []*yamlNode
	// lines holds the line of each child's key, to find a duplicate
	// without comparing every key with every other: a settings file of
	// 200,000 keys (2 MB, of the 64 MiB a file may hold) took three
	// minutes to be refused for its first.
	lines map[string]int
}

type yamlLine struct {
	n      int // 1-based line number
	indent int
	text   string // without indentation and comment
}

// parseYAML reads the subset described above.
func parseYAML(data []byte, display string) (*yamlNode, error) {
	// A byte-order mark, as some editors save one, is not part of the
	// first key; Flee's YAML reader skips it too.
	data = infile.TrimBOM(data)
	var lines []yamlLine
	// A bare CR ends a line too, as PyYAML reads it (files of old Mac
	// editors).
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	for i, raw := range strings.Split(text, "\n") {
		text := stripYAMLComment(raw)
		if strings.TrimSpace(text) == "" {
			continue
		}
		if strings.ContainsRune(text, '\t') && strings.TrimLeft(text, " \t") != strings.TrimLeft(text, " ") {
			return nil, &scenarios.Error{File: display, Line: i + 1, Msg: "indentation must be spaces, not tabs"}
		}
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "---" || trimmed == "..." {
			continue
		}
		lines = append(lines, yamlLine{n: i + 1, indent: len(text) - len(trimmed), text: strings.TrimRight(trimmed, " \t")})
	}
	root := &yamlNode{}
	p := &yamlParser{lines: lines, display: display}
	if err := p.mapping(root, 0, ""); err != nil {
		return nil, err
	}
	if p.pos < len(lines) {
		l := lines[p.pos]
		return nil, &scenarios.Error{File: display, Line: l.n, Msg: "unexpected indentation"}
	}
	return root, nil
}

type yamlParser struct {
	lines   []yamlLine
	pos     int
	display string
}

func (p *yamlParser) errorf(line int, key, format string, args ...any) error {
	return &scenarios.Error{File: p.display, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// mapping reads key: value lines at exactly indent into parent.
func (p *yamlParser) mapping(parent *yamlNode, indent int, path string) error {
	for p.pos < len(p.lines) {
		l := p.lines[p.pos]
		if l.indent < indent {
			return nil
		}
		if l.indent > indent {
			return p.errorf(l.n, path, "unexpected indentation")
		}
		if strings.HasPrefix(l.text, "- ") || l.text == "-" {
			return p.errorf(l.n, path, "a list item where a key was expected")
		}
		colon := keyColon(l.text)
		if colon < 0 {
			return p.errorf(l.n, path, "want key: value, got %q", l.text)
		}
		key := strings.TrimSpace(l.text[:colon])
		key = strings.Trim(key, `"'`)
		value := strings.TrimSpace(l.text[colon+1:])
		full := key
		if path != "" {
			full = path + "." + key
		}
		if first, dup := parent.lines[key]; dup {
			return p.errorf(l.n, full, "duplicate key (first on line %d)", first)
		}
		if strings.ContainsAny(value[:min(1, len(value))], "&*!|>{") {
			return p.errorf(l.n, full, "this YAML feature is not supported in Flee settings here; write a plain value or [a, b] list")
		}
		node := &yamlNode{key: key, line: l.n}
		parent.children = append(parent.children, node)
		if parent.lines == nil {
			parent.lines = map[string]int{}
		}
		parent.lines[key] = l.n
		p.pos++
		switch {
		case value == "":
			// A nested mapping, a block list, or an empty value.
			if p.pos < len(p.lines) && p.lines[p.pos].indent > indent {
				next := p.lines[p.pos]
				if strings.HasPrefix(next.text, "- ") || next.text == "-" {
					node.isList = true
					for p.pos < len(p.lines) && p.lines[p.pos].indent == next.indent && (strings.HasPrefix(p.lines[p.pos].text, "- ") || p.lines[p.pos].text == "-") {
						item := strings.TrimSpace(strings.TrimPrefix(p.lines[p.pos].text, "-"))
						node.list = append(node.list, unquote(item))
						p.pos++
					}
					continue
				}
				if err := p.mapping(node, next.indent, full); err != nil {
					return err
				}
			}
		case strings.HasPrefix(value, "["):
			if !strings.HasSuffix(value, "]") {
				return p.errorf(l.n, full, "a list must open and close on one line: [a, b, c]")
			}
			node.isList = true
			inner := strings.TrimSpace(value[1 : len(value)-1])
			if inner != "" {
				for _, item := range strings.Split(inner, ",") {
					node.list = append(node.list, unquote(strings.TrimSpace(item)))
				}
			}
		default:
			node.scalar = unquote(value)
			node.quoted = node.scalar != value
		}
	}
	return nil
}

// keyColon finds the colon ending a key: the first ": " or a colon at the
// end of the text.
func keyColon(s string) int {
	if i := strings.Index(s, ": "); i >= 0 {
		return i
	}
	if strings.HasSuffix(s, ":") {
		return len(s) - 1
	}
	return -1
}

// stripYAMLComment removes a comment: '#' at the start or after a space,
// outside quotes.
func stripYAMLComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// readYAML reads and parses a settings file.
func readYAML(path, display string) (*yamlNode, error) {
	data, err := infile.Table.Read(path)
	if err != nil {
		return nil, &scenarios.Error{File: display, Msg: err.Error()}
	}
	return parseYAML(data, display)
}
