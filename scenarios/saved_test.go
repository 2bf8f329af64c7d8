package scenarios

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBadInputAsSaved: a scenario saved by Notepad or Excel (a UTF-8
// byte-order mark, CRLF line ends) gets the errors the plain file gets,
// with the same lines. With the mark, a key on the first line lost its
// line ("s.toml: nmae: unknown key"), as the line scanner read the mark
// as part of the key.
func TestBadInputAsSaved(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	// Without the comment on line 1, name is the first line's key.
	plain := strings.TrimPrefix(string(tiny), "# A tiny valid scenario for the loader's tests.\n")
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown key on line 1", `name = "tiny"`, `nmae = "tiny"`, "s.toml:1: nmae: unknown key; did you mean name?"},
		{"wrong type on line 1", `name = "tiny"`, `name = 7`, "s.toml:1: name: want text (in quotes), got the whole number 7"},
		{"out of range on line 1", "name = \"tiny\"\nseed = 1\ndays = 60", "days = 0\nname = \"tiny\"\nseed = 1", "s.toml:1: days: must be a number of days in [1, 65535], got 0"},
		{"unknown key below", `replicates = 2`, `replicate = 2`, "s.toml:4: replicate: unknown key; did you mean replicates?"},
	}
	for _, tt := range tests {
		bad := strings.Replace(plain, tt.old, tt.new, 1)
		for _, saved := range []struct{ how, text string }{
			{"plain", bad},
			{"byte-order mark", "\ufeff" + bad},
			{"CRLF", strings.ReplaceAll(bad, "\n", "\r\n")},
			{"byte-order mark and CRLF", "\ufeff" + strings.ReplaceAll(bad, "\n", "\r\n")},
		} {
			s, err := Parse([]byte(saved.text), "s.toml", "s.toml", fstest.MapFS{})
			if err == nil {
				err = s.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s, %s: error %v; want it to contain %q", tt.name, saved.how, err, tt.want)
			}
		}
	}
}

// TestNotUTF8: a scenario saved in Windows-1252 (Notepad's "ANSI") was
// refused as "invalid UTF-8 byte: 0xe9", which says what but not why
// nor what to do.
func TestNotUTF8(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, old, new, want string }{
		{"in a name", `name = "tiny"`, "name = \"Mb\xe9ra\"", "s.toml:2: name: invalid UTF-8 byte: 0xe9: the file is not UTF-8 text; it looks saved as Windows-1252 or Latin-1 (Notepad's \"ANSI\"): save it as UTF-8"},
		{"in a comment", "# A tiny valid", "# Un sc\xe9nario. A tiny valid", "s.toml:1: invalid UTF-8 byte: 0xe9: the file is not UTF-8 text"},
	} {
		_, err := Parse([]byte(strings.Replace(string(tiny), tt.old, tt.new, 1)), "s.toml", "s.toml", fstest.MapFS{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	// Notepad's "Unicode" (UTF-16, with its byte-order mark) was refused
	// as "expected '.' or '=', but got '\n' instead".
	for _, mark := range []string{"\xff\xfe", "\xfe\xff"} {
		var utf16 []byte
		for _, b := range tiny {
			utf16 = append(utf16, b, 0)
		}
		_, err := Parse(append([]byte(mark), utf16...), "s.toml", "s.toml", fstest.MapFS{})
		if want := "s.toml:1: the file is UTF-16 text (Notepad's \"Unicode\"), not UTF-8: save it as UTF-8"; err == nil || err.Error() != want {
			t.Errorf("UTF-16 (%q): Parse = %v; want %q", mark, err, want)
		}
	}
}
