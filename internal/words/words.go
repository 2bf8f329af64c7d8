// Package words writes numbers for people to read in messages and
// summaries: digits grouped by thousands, counts with their noun in the
// singular or the plural, and lists joined as a sentence joins them. Every front end uses it, so that "1
// replicate" and "20,000 points" read the same everywhere. It also holds
// the wording of a fault every loader checks, a name left blank
// (BlankName), so that a scenario and a Flee case say it alike.
package words

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Group puts commas between groups of three digits of a number written
// in decimal digits, with or without a sign: "-1234567" becomes
// "-1,234,567". It leaves anything after the digits (a decimal part)
// alone.
func Group(s string) string {
	start := 0
	if start < len(s) && (s[0] == '-' || s[0] == '+') {
		start = 1
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	digits := end - start
	if digits <= 3 {
		return s
	}
	b := make([]byte, 0, len(s)+(digits-1)/3)
	b = append(b, s[:start]...)
	for i := start; i < end; i++ {
		if i > start && (end-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(append(b, s[end:]...))
}

// Whole writes n with its digits grouped: "20,000".
func Whole(n int64) string { return Group(strconv.FormatInt(n, 10)) }

// Count is n with its noun, in the plural (the noun with an s) unless n is
// 1: "1 regime", "20,000 points".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Whole(int64(n)) + " " + noun + "s"
}

// List joins items as a sentence does: "a", "a and b", "a, b and c".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// BlankName says what is wrong with a name that is empty or only white
// space (spaces, tabs), which would show as no name in every table, figure
// and message: `must not be empty or only spaces, got "\t"`. It is ""
// for a name with anything else in it. It is the one wording for the
// fault, wherever a name is given (a scenario, its locations, countries,
// posts, programmes, monitors and regimes; a Flee case's locations and
// data layout); the caller's error names the file, line and key.
func BlankName(name string) string {
	if strings.TrimSpace(name) != "" {
		return ""
	}
	return fmt.Sprintf("must not be empty or only spaces, got %q", name)
}

// PlainName says what is wrong with a name holding a line break or
// another control character, or bytes that are not UTF-8: names are
// written into the tables' rows, one row a line. It is "" for a plain
// name, and for a blank one (BlankName says that, once). As BlankName,
// it is the one wording wherever a name is given.
func PlainName(name string) string {
	if BlankName(name) != "" || !strings.ContainsFunc(name, unicode.IsControl) && utf8.ValidString(name) {
		return ""
	}
	return fmt.Sprintf("must be text without line breaks or other control characters, got %q", name)
}
