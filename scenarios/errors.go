package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ErrInvalid is wrapped by every error about a scenario's content, so
// callers can tell bad input (exit status 2) from a failure.
var ErrInvalid = errors.New("invalid scenario")

// Error is one problem with a scenario, placed as precisely as known.
type Error struct {
	File string // file name, or the bundled scenario's name
	Line int    // 1-based; 0 if unknown
	Key  string // dotted key path, e.g. posts.Assamaka.capacity
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(visible(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(visible(e.Key))
	}
	b.WriteString(": ")
	b.WriteString(visible(e.Msg))
	return b.String()
}

// visible escapes control characters (a line break in a quoted value), so
// that a message stays on one line.
func visible(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (e *Error) Unwrap() error { return ErrInvalid }

// Errors is every problem found, in file order where known.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more; borderwork check lists them all)", es[0].Error(), len(es)-1)
}

func (es Errors) Unwrap() error { return ErrInvalid }

func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
