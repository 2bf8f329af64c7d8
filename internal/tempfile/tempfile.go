// Package tempfile makes the hidden temporary files and folders that
// borderwork writes through ("." + name + ".tmp-" + digits, the names
// os.CreateTemp gives) with the permissions an ordinary file or folder
// gets: 0666 or 0777 less the umask. os.CreateTemp and os.MkdirTemp make
// them private (0600, 0700), and setting a fixed mode afterwards would
// ignore the umask of a user who keeps their files private.
package tempfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tries is how many names Create and Mkdir try before giving up, as
// os.CreateTemp does.
const tries = 10000

// Create creates and opens for writing a new file in dir named "." +
// name + ".tmp-" and random digits.
func Create(dir, name string) (*os.File, error) {
	var err error
	for range tries {
		var f *os.File
		f, err = os.OpenFile(path(dir, name), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, err
}

// Mkdir creates a new folder in dir named "." + name + ".tmp-" and
// random digits, and returns its path.
func Mkdir(dir, name string) (string, error) {
	var err error
	for range tries {
		p := path(dir, name)
		if err = os.Mkdir(p, 0o777); !errors.Is(err, fs.ErrExist) {
			return p, err
		}
	}
	return "", err
}

// path is a candidate name. The digits are random only so that two
// commands writing the same folder do not collide; they reach no result.
func path(dir, name string) string {
	return filepath.Join(dir, "."+name+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
}

// Meant is path with each temporary name in it ("." + name + ".tmp-" and
// digits, as Create and Mkdir make) replaced by the name it is written
// for: the file or folder a user asked for, which a message names rather
// than a hidden name that is gone by the time it is read.
func Meant(path string) string {
	parts := strings.Split(path, string(filepath.Separator))
	for i, p := range parts {
		rest, ok := strings.CutPrefix(p, ".")
		if !ok {
			continue
		}
		j := strings.LastIndex(rest, ".tmp-")
		if j > 0 && j+len(".tmp-") < len(rest) && strings.Trim(rest[j+len(".tmp-"):], "0123456789") == "" {
			parts[i] = rest[:j]
		}
	}
	return strings.Join(parts, string(filepath.Separator))
}
