// Package figtest helps tests see what a figure draws: its SVG, and the
// colours in it that are not greys, by which tests check that only
// regimes take colours (docs/OUTPUTS.md, "Figures").
package figtest

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output/figures"
)

// SVG is fig encoded as SVG.
func SVG(t testing.TB, fig *figures.Figure) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fig.Encode(&b, "svg"); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var hexColour = regexp.MustCompile(`#[0-9A-Fa-f]{6}\b`)

// ChromaticColours lists the colours an SVG draws with that are not greys
// (#RRGGBB with R, G, B not all equal), each once, upper case, in order
// of appearance.
func ChromaticColours(svg []byte) []string {
	var out []string
	for _, m := range hexColour.FindAll(svg, -1) {
		c := strings.ToUpper(string(m))
		if (c[1:3] != c[3:5] || c[3:5] != c[5:7]) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
