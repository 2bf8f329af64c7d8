package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// manyUnknown is the classroom scenario with n links that each hold the
// top-level key seed: n unknown keys, each of which Parse could explain.
func manyUnknown(t testing.TB, n int) []byte {
	data, err := Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, strings.Repeat("\n[[links]]\nseed = 1\n", n)...)
}

// TestManyUnknownKeysExplainedOnce: Parse explains the first
// maxExplained unknown keys of a file and names the rest as unknown, each
// still an error: a hostile file of hundreds of thousands of them took
// many minutes to explain, each explanation reading the whole file.
func TestManyUnknownKeysExplainedOnce(t *testing.T) {
	_, err := Parse(manyUnknown(t, maxExplained+5), "many.toml", "many.toml", nil)
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Parse = %v; want the unknown keys", err)
	}
	explained := 0
	for _, e := range errs {
		if !strings.HasPrefix(e.Msg, "unknown key") {
			t.Errorf("%v: not an unknown key", e)
		}
		if strings.Contains(e.Msg, "seed is a top-level key") {
			explained++
		}
	}
	if len(errs) != maxExplained+5 || explained != maxExplained {
		t.Errorf("%d errors, %d explained; want %d, the first %d explained", len(errs), explained, maxExplained+5, maxExplained)
	}
}

// BenchmarkParseManyUnknownKeys: a file near the size limit of unknown
// keys parses in time linear in its size.
func BenchmarkParseManyUnknownKeys(b *testing.B) {
	data := manyUnknown(b, 20000)
	for b.Loop() {
		if _, err := Parse(data, "many.toml", "many.toml", nil); err == nil {
			b.Fatal("Parse accepted unknown keys")
		}
	}
}
