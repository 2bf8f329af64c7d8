package scenarios

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNewcomerFiles: a file in the current folder given as a bundled
// scenario's name (a CSV, a scenario saved without .toml, its name
// without .toml) and an empty scenario file are errors that say what the
// file is, not "no bundled scenario" or three missing keys.
func TestNewcomerFiles(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for name, data := range map[string]string{
		"inflow.csv": "day,rate\n0,10\n",
		"mine.toml":  string(tiny),
		"empty.toml": " \n\t\n",
	} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		arg  string
		want []string
	}{
		{"inflow.csv", []string{"inflow.csv is a file, but not a scenario: a scenario file's name ends in .toml", "sahel"}},
		{"mine", []string{`no bundled scenario "mine"; did you mean the file mine.toml?`}},
		{"empty.toml", []string{"empty.toml: the file is empty; a scenario names at least its countries, locations and origins"}},
		{"nothing", []string{`no bundled scenario "nothing"`, "a file's name ends in .toml"}},
	}
	for _, tt := range tests {
		_, err := Load(tt.arg)
		if err == nil {
			t.Errorf("Load(%q): no error", tt.arg)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Load(%q): %v does not wrap ErrInvalid", tt.arg, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Load(%q): %q; want it to contain %q", tt.arg, err, w)
			}
		}
	}
	if _, err := Parse(nil, "none.toml", "none.toml", fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "none.toml: the file is empty") {
		t.Errorf("Parse of no bytes: %v; want the file is empty", err)
	}
}

// TestValueTOMLCannotRead: a value TOML cannot read (a number with a
// stray letter, a word without quotes, a number with two points) is an
// error that names the file, line and key and says what to write, not
// the parser's "expected a top-level item to end with a newline".
func TestValueTOMLCannotRead(t *testing.T) {
	const say = " is not a value TOML reads: write a number in digits (18, 0.005), text in double quotes"
	for _, tt := range []struct{ src, want string }{
		{"base = \"classroom\"\ndays = 18o\n", `bad.toml:2: days: 18o` + say + ` ("18o"), true or false, or a list in brackets ([1, 2])`},
		{"base = \"classroom\"\ntitle = hello # mine\n", `bad.toml:2: title: hello` + say},
		{"base = \"classroom\"\n[abuse]\nofficial_violence = 0.0.5\n", `bad.toml:3: abuse.official_violence: 0.0.5` + say},
		// Curly quotes, as TextEdit puts them in (docs/TEACHING.md's
		// Exercise 7): straight ones, not curly ones in straight ones.
		{"base = \"classroom\"\ntitle = “mine”\n", `bad.toml:2: title: “mine” is in curly quotes, which TOML does not read (an editor's "smart quotes" put them in): type straight double quotes, "mine"`},
	} {
		_, err := Parse([]byte(tt.src), "bad.toml", "bad.toml", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v; want %q", tt.src, err, tt.want)
		}
	}
}

// TestTOMLSyntaxInWords: a header or text left open, or a key with no
// value, is said in a file author's words, not the parser's ("expected
// end of table array name delimiter ']', but got '\n' instead").
func TestTOMLSyntaxInWords(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"base = \"classroom\"\n[[locations]\nname = \"X\"\n", "bad.toml:2: locations: a [[table]] name is not closed: end it with ]], as in [[locations]]"},
		{"base = \"classroom\"\n[abuse\nbribe = 3\n", "bad.toml:2: abuse: a [table] name is not closed: end it with ], as in [abuse]"},
		{"base = \"classroom\"\ntitle = \"mine\n", "bad.toml:2: title: text in quotes is not closed on its line: end it with the quote it starts with"},
		{"base = \"classroom\"\ndays = \n", "bad.toml:2: days: no value after =: give one, a number in digits (18, 0.005), text in double quotes"},
	} {
		_, err := Parse([]byte(tt.src), "bad.toml", "bad.toml", nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v; want %q", tt.src, err, tt.want)
		}
	}
}
