package output

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Folder is an output folder being written. Everything goes into a
// temporary sibling directory first; Commit swaps it into place, so that
// a reader never sees a half-written folder, and an earlier folder stays
// exactly as it was until the new one is complete.
//
// The tool deletes or replaces only files it wrote: those an earlier
// folder's manifest.json records, unchanged since. CheckTarget refuses a
// folder holding anything else, or written by another command or from
// another scenario, unless forced; even then, files the tool did not write
// are kept (moved into the new folder).
type Folder struct {
	Final string // where the folder ends up
	Dir   string // where it is being written
	Owner Owner  // the command and scenario writing it
	Force bool   // replace a folder that is not Owner's; others' files are kept
}

// Owner is what writes a folder: a command, from a scenario (as the
// manifest records them: command and scenario_source).
type Owner struct {
	Command string
	Source  string
}

func (o Owner) String() string { return fmt.Sprintf("a %s folder of %s", o.Command, o.Source) }

// ErrNotOurs is matched by errors about a folder the tool may not replace:
// it holds files the tool did not write, files changed since, or another
// command's or scenario's results. Such a folder is never touched.
var ErrNotOurs = errors.New("not a folder borderwork may replace")

// notOurs is an ErrNotOurs with its reason.
type notOurs struct{ msg string }

func (e *notOurs) Error() string        { return e.msg }
func (e *notOurs) Is(target error) bool { return target == ErrNotOurs }

// Inventory is what a folder at a path holds, as far as the tool is
// concerned.
type Inventory struct {
	Exists   bool      // something is there
	Manifest *Manifest // its manifest.json, if it has one that reads
	Ours     []string  // files the manifest records, unchanged, and the manifest
	Changed  []string  // files the manifest records whose bytes changed since
	Foreign  []string  // files the manifest does not record
}

// Take reads what the folder at path holds. Files are relative to path,
// with forward slashes, sorted.
func Take(path string) (*Inventory, error) {
	inv := &Inventory{}
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return inv, nil
	}
	if err != nil {
		return nil, err
	}
	inv.Exists = true
	if !st.IsDir() {
		inv.Foreign = []string{"."}
		return inv, nil
	}
	recorded := map[string]string{} // file -> sha256
	if m, err := ReadManifest(path); err == nil {
		inv.Manifest = m
		recorded["manifest.json"] = ""
		recorded["scenario.toml"] = m.ScenarioSHA256
		for _, c := range m.Files() {
			recorded[c.File] = c.SHA256
		}
		if m.Report == nil && !slices.ContainsFunc(m.Tables, func(c Checked) bool { return len(c.Blocks) > 0 }) {
			// A manifest of an earlier version, which wrote report.md
			// without recording it: the report is the tool's, unchecked.
			recorded["report.md"] = ""
		}
	}
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == path || d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(path, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		sum, ok := recorded[rel]
		switch {
		case !d.Type().IsRegular():
			inv.Foreign = append(inv.Foreign, rel) // links and the like: never ours
		case ok && sum == "":
			inv.Ours = append(inv.Ours, rel)
		case ok:
			got, err := ContentSHA256(p)
			if err != nil && !errors.Is(err, os.ErrPermission) && strings.HasSuffix(p, ".gz") {
				got, err = "", nil // not the gzip file borderwork wrote: changed
			}
			if err != nil {
				return err
			}
			if got == sum {
				inv.Ours = append(inv.Ours, rel)
			} else {
				inv.Changed = append(inv.Changed, rel)
			}
		case isTemp(d.Name()):
			inv.Ours = append(inv.Ours, rel) // left by a write that was killed
		default:
			inv.Foreign = append(inv.Foreign, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, l := range [][]string{inv.Ours, inv.Changed, inv.Foreign} {
		slices.Sort(l)
	}
	return inv, nil
}

// isTemp reports whether name is one of WriteFile's temporary files.
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// Empty reports whether there is nothing at the path, or an empty folder.
func (inv *Inventory) Empty() bool {
	return !inv.Exists || len(inv.Ours)+len(inv.Changed)+len(inv.Foreign) == 0
}

// CheckTarget reports whether owner may write a folder at path: nothing is
// there, or an empty folder, or a folder owner wrote earlier that holds
// only files the tool wrote, unchanged. With force, any folder may be
// replaced, keeping the files the tool did not write. An error matches
// ErrNotOurs and says why, and how to proceed.
func CheckTarget(path string, owner Owner, force bool) error {
	inv, err := Take(path)
	if err != nil {
		return err
	}
	return inv.check(path, owner, force)
}

func (inv *Inventory) check(path string, owner Owner, force bool) error {
	if inv.Empty() {
		return nil
	}
	if slices.Equal(inv.Foreign, []string{"."}) { // even with force: there is no folder to keep files in
		return &notOurs{fmt.Sprintf("%s is not a folder (a file or a link); choose another --out", path)}
	}
	if force {
		return nil
	}
	hint := "choose another --out, or give --force to replace it (files borderwork did not write are kept)"
	m := inv.Manifest
	switch {
	case m == nil:
		return &notOurs{fmt.Sprintf("%s holds files borderwork did not write (%s) and no manifest.json; %s", path, list(inv.Foreign), hint)}
	case len(inv.Foreign) > 0:
		return &notOurs{fmt.Sprintf("%s holds files borderwork did not write (%s); move them, or %s", path, list(inv.Foreign), hint)}
	case len(inv.Changed) > 0:
		return &notOurs{fmt.Sprintf("%s holds files changed since borderwork wrote them (%s); %s", path, list(inv.Changed), hint)}
	case m.Command != owner.Command || !sameSource(m.ScenarioSource, owner.Source):
		return &notOurs{fmt.Sprintf("%s holds %s, not %s; %s", path, Owner{m.Command, m.ScenarioSource}, owner, hint)}
	}
	return nil
}

// sameSource reports whether two scenario sources (paths, or
// "bundled:NAME") name the same scenario.
func sameSource(a, b string) bool {
	if a == b {
		return true
	}
	if strings.HasPrefix(a, "bundled:") || strings.HasPrefix(b, "bundled:") {
		return false
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// list names up to three files.
func list(files []string) string {
	if len(files) <= 3 {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(files[:3], ", "), len(files)-3)
}

// Create starts writing the folder that will end up at final, after
// checking (CheckTarget) that owner may write there.
func Create(final string, owner Owner, force bool) (*Folder, error) {
	final = filepath.Clean(final)
	if err := CheckTarget(final, owner, force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(final)+".tmp-")
	if err != nil {
		return nil, err
	}
	return &Folder{Final: final, Dir: dir, Owner: owner, Force: force}, nil
}

// Path is the path of name inside the folder being written.
func (f *Folder) Path(name string) string { return filepath.Join(f.Dir, name) }

// Occupied reports whether something other than an empty folder is at
// path.
func Occupied(path string) bool {
	inv, err := Take(path)
	return err != nil || !inv.Empty()
}

// Commit swaps the finished folder into place at Final. An earlier folder
// there is checked again (it may have changed while this one was
// written), moved aside, replaced, and removed once the new folder is in
// place; files the tool did not write (with Force) are moved into the new
// folder first, unless the new folder has a file of the same name.
func (f *Folder) Commit() error { return f.CommitAt(f.Final) }

// CommitAt is Commit to another place than Final (a sibling that keeps an
// interrupted folder beside a complete one).
func (f *Folder) CommitAt(final string) error {
	if f.Dir == final {
		return nil
	}
	if err := os.Chmod(f.Dir, 0o755); err != nil { // MkdirTemp made it private
		return err
	}
	inv, err := Take(final)
	if err != nil {
		return err
	}
	if err := inv.check(final, f.Owner, f.Force); err != nil {
		return err
	}
	if inv.Empty() {
		if inv.Exists {
			if err := os.Remove(final); err != nil {
				return err
			}
		}
		if err := os.Rename(f.Dir, final); err != nil {
			return err
		}
		f.Dir, f.Final = final, final
		return nil
	}
	aside, err := os.MkdirTemp(filepath.Dir(final), "."+filepath.Base(final)+".old-")
	if err != nil {
		return err
	}
	if err := os.Remove(aside); err != nil {
		return err
	}
	if err := os.Rename(final, aside); err != nil {
		return err
	}
	if err := os.Rename(f.Dir, final); err != nil {
		if back := os.Rename(aside, final); back != nil {
			return fmt.Errorf("%w; the earlier folder is at %s", err, aside)
		}
		return err
	}
	f.Dir, f.Final = final, final
	for _, rel := range inv.Foreign { // only with Force
		to := filepath.Join(final, filepath.FromSlash(rel))
		if _, err := os.Lstat(to); err == nil {
			continue // replaced by the new folder's file of that name
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("%w; the earlier folder is at %s", err, aside)
		}
		if err := os.Rename(filepath.Join(aside, filepath.FromSlash(rel)), to); err != nil {
			return fmt.Errorf("%w; the earlier folder is at %s", err, aside)
		}
	}
	return os.RemoveAll(aside)
}

// RemoveOurs removes the folder at path if it holds only files owner's
// command wrote, unchanged; otherwise it leaves it as it is and says so.
func RemoveOurs(path string, owner Owner) error {
	inv, err := Take(path)
	if err != nil || inv.Empty() {
		return err
	}
	if err := inv.check(path, owner, false); err != nil {
		return err
	}
	return os.RemoveAll(path)
}

// Discard removes the folder being written, unless it is in place.
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

// WriteFileWith creates the file at path and writes it with write,
// through a buffer. Unlike WriteFile it writes in place: it is for the
// files of a folder being written (Folder), which is swapped into place
// whole.
func WriteFileWith(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
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
