// Package suggest finds the known name a mistyped one was meant to be,
// for "did you mean" hints in error messages.
package suggest

import "strings"

// Closest returns the candidate nearest to word: the one fewest edits
// (insertions, deletions, substitutions, or swaps of neighbouring letters)
// away, if that is few enough for a typo (at most a third of the word's
// length, and at least 1), or else the only candidate that word begins or
// that begins with word; "" if none is close. Ties go to the candidate
// listed first. Case is ignored.
func Closest(word string, candidates []string) string {
	w := strings.ToLower(word)
	if w == "" {
		return ""
	}
	best, bestD := "", max(1, len([]rune(w))/3)+1
	for _, c := range candidates {
		if d := distance(w, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	var prefix []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if strings.HasPrefix(lc, w) || strings.HasPrefix(w, lc) {
			prefix = append(prefix, c)
		}
	}
	if len(prefix) == 1 {
		return prefix[0]
	}
	return ""
}

// Hint is "; did you mean X?" for the candidate Closest finds, or "".
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return "; did you mean " + c + "?"
	}
	return ""
}

// distance is the optimal string alignment distance between a and b:
// Levenshtein's edits plus the swap of two neighbouring letters, the
// commonest typo ("comapre").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
