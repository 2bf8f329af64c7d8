package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Folder is an output folder being written. Everything goes into a
// temporary sibling directory first; Commit renames it into place, so that
// a reader never sees a half-written folder and an interrupted command
// never leaves half-written tables where the finished ones would be.
type Folder struct {
	Final string // where the folder ends up
	Dir   string // where it is being written
}

// ErrNotOurs is returned when --out names a folder borderwork did not
// write; it is never overwritten.
var ErrNotOurs = errors.New("not a borderwork output folder")

// CheckTarget reports whether path may receive an output folder: it is
// absent, empty, or an earlier output folder (it has a manifest.json).
func CheckTarget(path string) error {
	entries, err := os.ReadDir(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(path, "manifest.json")); err == nil {
		return nil
	}
	return fmt.Errorf("%s exists and is %w (no manifest.json); choose another --out", path, ErrNotOurs)
}

// Create starts writing the folder that will end up at final. Call
// CheckTarget first.
func Create(final string) (*Folder, error) {
	parent := filepath.Dir(filepath.Clean(final))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".tmp-")
	if err != nil {
		return nil, err
	}
	return &Folder{Final: final, Dir: dir}, nil
}

// Path is the path of name inside the folder being written.
func (f *Folder) Path(name string) string { return filepath.Join(f.Dir, name) }

// Commit replaces whatever was at Final with the finished folder.
func (f *Folder) Commit() error {
	if err := os.Chmod(f.Dir, 0o755); err != nil { // MkdirTemp made it private
		return err
	}
	if err := os.RemoveAll(f.Final); err != nil {
		return err
	}
	if err := os.Rename(f.Dir, f.Final); err != nil {
		return err
	}
	f.Dir = f.Final
	return nil
}

// Discard removes the folder being written.
func (f *Folder) Discard() {
	if f.Dir != f.Final {
		os.RemoveAll(f.Dir)
	}
}

// WriteFile writes a whole file through a temporary name in the same
// directory and renames it into place.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// FileSHA256 is the hex sha256 of a file's bytes.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// SHA256 is the hex sha256 of data.
func SHA256(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
