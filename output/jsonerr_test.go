package output

import (
	"strings"
	"testing"
)

// TestParseManifestSaysWhatIsWrong: a manifest.json edited into what a
// manifest cannot be is refused in the words of its reader, with the
// line and column or the key, never Go's type names.
func TestParseManifestSaysWhatIsWrong(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`[1, 2]`, "holds an array, not the JSON object a manifest is"},
		{`"borderwork"`, "holds text, not the JSON object a manifest is"},
		{`{"tool": "borderwork", "seed": "7"}`, "seed: want a whole number, got text"},
		{`{"tool": "borderwork", "seed": 1.5}`, "seed: want a whole number, got a number 1.5"},
		{`{"tool": "borderwork", "runs": [{"id": "a"}]}`, "runs.id: want a whole number, got text"},
		{`{"tool": "borderwork", "regimes": "open"}`, "regimes: want a list in brackets, got text"},
		{`{"tool": "borderwork", "complete": 1}`, "complete: want true or false, got a number"},
		{"{\"tool\": \"borderwork\",\n  \"seed\": 1,,\n}", "line 2, column 13: not valid JSON: invalid character ',' looking for beginning of object key string"},
		{"{\"tool\": \"borderwork\",\n  \"seed\": 1", "line 2, column 11: not valid JSON: unexpected end of JSON input (the file is cut short)"},
	} {
		_, err := ParseManifest([]byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseManifest(%q) = %v; want %q", tt.data, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "Go ") {
			t.Errorf("ParseManifest(%q) names Go's types: %v", tt.data, err)
		}
	}
}
