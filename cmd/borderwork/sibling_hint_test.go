package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSiblingHintAsTyped: the folder --data may have meant is spelt as
// the user typed --data, its last name changed: on Windows it was given
// with backslashes ("did you mean ..\data\flee\mali2012?") for
// "../data/flee/mali2013", and everywhere cleaned of a "./" typed.
func TestSiblingHintAsTyped(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll(filepath.Join("data", "flee", "mali2012"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("mali2012", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, want string }{
		{"data/flee/mali2013", "; did you mean data/flee/mali2012?"},
		{"data/flee/mali2013/", "; did you mean data/flee/mali2012?"},
		{"./data/flee/mali2013", "; did you mean ./data/flee/mali2012?"},
		{"mali2013", "; did you mean mali2012?"},
		{"data/flee/../flee/mali2013", "; did you mean data/flee/../flee/mali2012?"},
		{"data/flee/nothing-like-it", ""},
	} {
		if got := siblingHint(tt.dir); got != tt.want {
			t.Errorf("siblingHint(%q) = %q; want %q", tt.dir, got, tt.want)
		}
	}
}
