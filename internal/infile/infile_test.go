package infile

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := Kind{"a test file", 8}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want, err string
	}{
		{"within", write("a", "12345678"), "12345678", ""},
		{"too large", write("b", "123456789"), "", "the file is larger than 8 bytes, the most a test file may hold"},
		{"folder", dir, "", "is a folder, not a file"},
		{"missing", filepath.Join(dir, "none"), "", "no such file or directory"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct{ name, path, want, err string }{"device", "/dev/zero", "", "is not a regular file (a device, pipe or socket); give a file"})
	}
	for _, tt := range tests {
		got, err := small.Read(tt.path)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: Read = %q, %v; want error %q", tt.name, got, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: Read = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{"in.csv": {Data: []byte("day,rate\n0,1\n")}, "dir/x": {Data: nil}}
	k := Kind{"a test file", 13}
	if got, err := k.ReadFS(fsys, "in.csv"); err != nil || string(got) != "day,rate\n0,1\n" {
		t.Errorf("ReadFS = %q, %v", got, err)
	}
	if _, err := (Kind{"a test file", 4}).ReadFS(fsys, "in.csv"); err == nil || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("ReadFS over the limit = %v", err)
	}
	if _, err := k.ReadFS(fsys, "dir"); err == nil || err.Error() != "is a folder, not a file" {
		t.Errorf("ReadFS of a folder = %v", err)
	}
}

func TestBOM(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\uFEFFperiod_start,x", "period_start,x"},
		{"period_start,x", "period_start,x"},
		{"\uFEFF", ""},
		{"", ""},
		{"\uFEFF\uFEFFa", "\uFEFFa"}, // only the first: a second is content
	} {
		if got := string(TrimBOM([]byte(tt.in))); got != tt.want {
			t.Errorf("TrimBOM(%q) = %q; want %q", tt.in, got, tt.want)
		}
		b, err := io.ReadAll(SkipBOM(strings.NewReader(tt.in)))
		if err != nil || string(b) != tt.want {
			t.Errorf("SkipBOM(%q) = %q, %v; want %q", tt.in, b, err, tt.want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{8: "8 bytes", 4 << 20: "4 MiB", 1536: "1.5 KiB", 64 << 20: "64 MiB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q; want %q", n, got, want)
		}
	}
}
