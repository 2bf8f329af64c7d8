package runs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ErrBadInput is matched (errors.Is) by errors about what the caller
// asked for (a folder that cannot be resumed, a shard that does not fit),
// as opposed to failures while running: the command line exits 2 for it.
var ErrBadInput = errors.New("bad input")

// inputError is an error about the caller's input; it says only what is
// wrong, and matches ErrBadInput.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func (e *inputError) Is(target error) bool { return target == ErrBadInput }

// BadInput makes an error about the caller's input, matching ErrBadInput.
// It is one line: control characters in the arguments are escaped.
func BadInput(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if strings.ContainsFunc(msg, unicode.IsControl) {
		q := strconv.Quote(msg)
		msg = q[1 : len(q)-1]
	}
	return &inputError{msg}
}

func badInput(format string, args ...any) error { return BadInput(format, args...) }
