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
	pathpkg "path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/internal/tempfile"
)

// Folder is an output folder being written. Everything goes into a
// temporary sibling directory first; Commit swaps it into place, so that
// a reader never sees a half-written folder, and an earlier folder stays
// exactly as it was until the new one is complete.
//
// The tool deletes or replaces only files it wrote: those an earlier
// folder's manifest.json records, unchanged since. CheckTarget refuses a
// folder holding anything else, or written by another command, from
// another scenario or as another shard, unless forced; even then, files and folders the tool
// did not write are kept (moved into the new folder), and a folder where
// one of them has the name of a file the new folder writes is refused:
// nothing of the user's is ever deleted or replaced.
type Folder struct {
	Final string // where the folder ends up
	Dir   string // where it is being written
	Owner Owner  // the command and scenario writing it
	Force bool   // replace a folder that is not Owner's; others' files are kept
	// made is the highest folder holding Final that Create made
	// (missingFrom), "" if none: Discard removes those it made, as far as
	// they are still empty.
	made string
	// found is what Final held when Create checked it (foundAt): Commit
	// replaces only that, not a folder another command wrote there since.
	found string
}

// Owner is what writes a folder: a command, from a scenario (as the
// manifest records them: command and scenario_source), and, for a shard
// of a sweep or sensitivity analysis, which shard (sweep.shard).
type Owner struct {
	Command string
	Source  string
	// Shard is the shard ("i/n") the folder holds; "" for a whole folder.
	// A shard's folder is not another shard's, nor the whole command's:
	// replacing it would throw its runs away.
	Shard string
}

// OwnerOf is the owner of the folder whose manifest is m.
func OwnerOf(m *Manifest) Owner {
	o := Owner{Command: m.Command, Source: m.ScenarioSource}
	if m.Sweep != nil {
		o.Shard = m.Sweep.Shard
	}
	return o
}

func (o Owner) String() string {
	if o.Shard != "" {
		return fmt.Sprintf("shard %s of a %s of %s", o.Shard, o.Command, sourceName(o.Source))
	}
	return fmt.Sprintf("a %s folder of %s", o.Command, sourceName(o.Source))
}

// sourceName is a scenario source as a message names it: a path as it
// is; "bundled:NAME", the manifest's label, which no command line takes,
// as "the bundled scenario NAME".
func sourceName(source string) string {
	if name, ok := strings.CutPrefix(source, "bundled:"); ok {
		return "the bundled scenario " + name
	}
	return source
}

// ErrNotOurs is matched by errors about a folder the tool may not replace:
// it holds files the tool did not write, files changed since, or another
// command's, scenario's or shard's results. Such a folder is never touched.
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
	Dirs     []string  // empty folders: nobody's files, kept whoever made them
	// Mounts are the folder itself (".") or folders in it on another file
	// system than the folder holding them: mount points, which cannot be
	// moved (renamed) as a folder is replaced.
	Mounts []string
}

// deviceOf is device; tests give folders devices of their own.
var deviceOf = func(path string, fi fs.FileInfo) (uint64, bool) { return device(fi) }

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
	dev, known := deviceOf(path, st)
	if parent, err := os.Stat(filepath.Dir(path)); err == nil && known {
		if pdev, ok := deviceOf(filepath.Dir(path), parent); ok && pdev != dev {
			inv.Mounts = append(inv.Mounts, ".")
		}
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
	var dirs []string
	full := map[string]bool{} // folders with something in them; looked up, never ranged over
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == path {
			return nil
		}
		rel, err := filepath.Rel(path, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		full[pathpkg.Dir(rel)] = true
		if d.IsDir() {
			if fi, err := d.Info(); err == nil && known {
				if ddev, ok := deviceOf(p, fi); ok && ddev != dev {
					inv.Mounts = append(inv.Mounts, rel)
					return fs.SkipDir // another file system's files are not this folder's to list
				}
			}
			dirs = append(dirs, rel)
			return nil
		}
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
	for _, d := range dirs {
		if !full[d] {
			inv.Dirs = append(inv.Dirs, d)
		}
	}
	for _, l := range [][]string{inv.Ours, inv.Changed, inv.Foreign, inv.Dirs} {
		slices.Sort(l)
	}
	return inv, nil
}

// isTemp reports whether name is one of the temporary files borderwork
// writes a file through (WriteFile, figures, a run's events): "." + the
// file's name + ".tmp-" + the digits os.CreateTemp adds, where the file
// is of a kind borderwork writes (a table, manifest, report, scenario or
// figure, or a run's events). A file of the user's that merely looks
// temporary (".notes.tmp-v2", ".draft.tmp-2") is not one: it is kept.
func isTemp(name string) bool {
	m := tempName.FindStringSubmatch(name)
	return m != nil && (strings.HasPrefix(m[1], "events-run") || slices.ContainsFunc(writtenKinds, func(ext string) bool { return strings.HasSuffix(m[1], ext) }))
}

// tempName is os.CreateTemp's name for pattern "." + NAME + ".tmp-".
var tempName = regexp.MustCompile(`^\.(.+)\.tmp-[0-9]{1,10}$`)

// writtenKinds are the endings of the files borderwork writes in a
// folder.
var writtenKinds = []string{".csv", ".csv.gz", ".json", ".md", ".toml", ".png", ".svg", ".pdf"}

// Empty reports whether there is nothing at the path, or a folder with no
// files (it may hold empty folders, which are kept).
func (inv *Inventory) Empty() bool {
	return !inv.Exists || len(inv.Ours)+len(inv.Changed)+len(inv.Foreign) == 0
}

// CheckTarget reports whether owner may write a folder at path: nothing is
// there, or an empty folder, or a folder owner (its command, scenario and
// shard) wrote earlier that holds
// only files the tool wrote, unchanged. With force, any folder may be
// replaced, keeping the files and folders the tool did not write, unless
// one of them has the name of a file every folder may hold (manifest.json,
// scenario.toml, report.md, or a file named figures) or of one of files,
// the tables the folder will hold as far as they are known before it is
// written: that one would be replaced, so the folder is refused even with
// force, before any work. The current folder,
// a folder holding it, a filesystem root and a path under a file are
// refused too. An error matches ErrNotOurs and says why, and how to
// proceed.
func CheckTarget(path string, owner Owner, force bool, files ...string) error {
	if err := CheckPlace(path); err != nil {
		return err
	}
	inv, err := Take(path)
	if err != nil {
		return unreadableIn(path, tooLong(path, err))
	}
	return inv.check(path, owner, force, files)
}

// unreadableIn is err, or, if it says that something in the folder at path
// may not be read (Take's walk), an error that says so and matches
// ErrNotOurs: borderwork cannot tell whose it is, nor keep it, so the
// folder is the user's to sort out, not a failure of the machine.
func unreadableIn(path string, err error) error {
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrPermission) || !errors.As(err, &pe) {
		return err
	}
	if filepath.Clean(pe.Path) == filepath.Clean(path) {
		return &notOurs{fmt.Sprintf("%s may not be read, so borderwork cannot tell what it holds: choose another --out, or make it readable", path)}
	}
	return &notOurs{fmt.Sprintf("%s holds %s, which you may not read, so borderwork cannot tell whose it is, nor keep it if it replaces the folder: choose another --out, or make it readable", path, pe.Path)}
}

// CheckPlace refuses a path that cannot be an output folder whatever it
// holds: a folder is written beside its place and swapped in whole, which
// the current folder, a folder holding it or a filesystem root cannot be,
// nor should the home folder or one holding it be, and a path under a
// file cannot exist at all.
func CheckPlace(path string) error {
	path = filepath.Clean(path)
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// Windows keeps CON, NUL, AUX, PRN, COM1... for devices, in every
	// folder: Abs makes them \\.\NAME, which has no folder above it,
	// and --out aux was refused as "a filesystem root".
	if runtime.GOOS == "windows" && strings.HasPrefix(abs, `\\.\`) && !strings.HasPrefix(path, `\\.\`) {
		return &notOurs{fmt.Sprintf("%s names a device (Windows keeps the name %s for one in every folder), which cannot be an output folder: choose another --out", path, filepath.Base(path))}
	}
	if filepath.Dir(abs) == abs {
		return &notOurs{fmt.Sprintf("%s is a filesystem root, which cannot be an output folder: name a folder inside it", path)}
	}
	if wd, err := os.Getwd(); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if real, err := filepath.EvalSymlinks(wd); err == nil {
			wd = real
		}
		switch {
		case abs == wd:
			return &notOurs{fmt.Sprintf("%s is the current folder, which cannot be an output folder: name a folder inside it", path)}
		case strings.HasPrefix(wd, abs+string(filepath.Separator)):
			return &notOurs{fmt.Sprintf("%s holds the current folder, so it cannot be an output folder: name a folder inside the current one", path)}
		}
	}
	// The home folder is not swapped aside whole, even with --force, and
	// neither is a folder holding it.
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if real, err := filepath.EvalSymlinks(home); err == nil {
			home = real
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if abs == home || strings.HasPrefix(home, abs+string(filepath.Separator)) {
			return &notOurs{fmt.Sprintf("%s is your home folder or holds it, which cannot be an output folder: name a folder inside it", path)}
		}
	}
	if err := checkNames(path); err != nil {
		return err
	}
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err == nil {
			if !st.IsDir() {
				return &notOurs{fmt.Sprintf("%s is a file, so %s cannot be made", d, path)}
			}
			return nil
		}
		if !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) || d == filepath.Dir(d) {
			return nil // the write will say what is wrong
		}
	}
}

// maxName is the longest name of a file or folder that common file
// systems take (255 bytes: NAME_MAX on Linux, and the limit of ext4,
// XFS, Btrfs, APFS and NTFS). The longest name borderwork makes from a
// folder's is that of the hidden folder it writes it in,
// "." + NAME + ".tmp-" + up to 10 digits (and ".old-" so too).
const (
	maxName    = 255
	hiddenName = len(".") + len(".tmp-") + 10
)

// checkNames refuses, before anything is made, a path with a name too
// long for the file system, or a folder's name too long for the hidden
// name it is written under: the write would fail after making the
// folders above it.
func checkNames(path string) error {
	names := strings.Split(filepath.ToSlash(path), "/")
	for _, name := range names[:len(names)-1] {
		if len(name) > maxName {
			return &notOurs{fmt.Sprintf("%s: the name %.20q... in it is %d bytes long, and file systems take at most %d", path, name, len(name), maxName)}
		}
	}
	if base := names[len(names)-1]; len(base)+hiddenName > maxName {
		return &notOurs{fmt.Sprintf("%s: the folder's name is %d bytes long; it is written under a hidden name %d bytes longer, and file systems take at most %d, so name it in at most %d",
			path, len(base), hiddenName, maxName, maxName-hiddenName)}
	}
	return nil
}

// tooLong is err, or, if it says that a path made from path was too
// long for the file system (its length in all, PATH_MAX), an error that
// says so of path and matches ErrNotOurs: a name to shorten, not a
// failure of the machine.
func tooLong(path string, err error) error {
	if errors.Is(err, syscall.ENAMETOOLONG) {
		return &notOurs{fmt.Sprintf("%s: the path, %d bytes long, is too long for the file system with the hidden name (%d bytes more) that the folder is written under; choose a shorter one", path, len(path), hiddenName)}
	}
	return err
}

// everyFolder is what any folder the tool writes may hold, to tell up
// front, before a run, that a user's file would be in the way: the files
// (false) and folders (true) the tool writes at a folder's top.
var everyFolder = map[string]bool{"manifest.json": false, "scenario.toml": false, "report.md": false, "figures": true}

// inTheWay lists the entries of inv the tool did not write (files, then
// empty folders) that a new folder could not keep beside its own files:
// those where it has a file, or a file where it has a folder. has says
// whether the new folder has something at a path, and whether a folder.
func (inv *Inventory) inTheWay(has func(rel string) (exists, dir bool)) []string {
	var clash []string
	blocked := func(rel string, isDir bool) bool {
		for a := pathpkg.Dir(rel); a != "."; a = pathpkg.Dir(a) {
			if ok, dir := has(a); ok && !dir {
				return true
			}
		}
		ok, dir := has(rel)
		return ok && !(isDir && dir)
	}
	for _, rel := range inv.Foreign {
		if blocked(rel, false) {
			clash = append(clash, rel)
		}
	}
	for _, rel := range inv.Dirs {
		if blocked(rel, true) {
			clash = append(clash, rel)
		}
	}
	return clash
}

// inTheWay is the refusal naming the entries of the folder at path that
// would be replaced.
func inTheWay(path string, clash []string) error {
	named := make([]string, len(clash))
	for i, rel := range clash {
		named[i] = filepath.Join(path, filepath.FromSlash(rel))
	}
	if len(named) == 1 {
		return &notOurs{fmt.Sprintf("%s is not borderwork's and would be replaced: move it, or choose another --out", named[0])}
	}
	if len(named) > 3 {
		named = append(named[:3], fmt.Sprintf("%d more", len(clash)-3))
	}
	return &notOurs{fmt.Sprintf("%s are not borderwork's and would be replaced: move them, or choose another --out", JoinAnd(named))}
}

// notAFolder says what is at path instead of a folder. A link is named
// with where it points, since a user who made one meant borderwork to
// write there; borderwork does not follow it, as replacing the folder
// would replace the link, not the folder it points to.
func notAFolder(path string) string {
	if target, err := os.Readlink(path); err == nil {
		// Not advised where --out would be refused too (a link to /).
		if CheckPlace(linkTarget(path, target)) != nil {
			return fmt.Sprintf("%s is a link to %s, not a folder, and borderwork does not write through links: choose another --out", path, target)
		}
		return fmt.Sprintf("%s is a link to %s, not a folder, and borderwork does not write through links: give --out %s to write there, or choose another --out", path, target, linkTarget(path, target))
	}
	if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() {
		return fmt.Sprintf("%s is a file, not a folder; choose another --out", path)
	}
	return fmt.Sprintf("%s is not a folder; choose another --out", path)
}

// linkTarget is the path a link's target names as seen from the current
// folder: a relative target is relative to the link's folder.
func linkTarget(link, target string) string {
	if filepath.IsAbs(target) {
		return target
	}
	return filepath.Join(filepath.Dir(link), target)
}

func (inv *Inventory) check(path string, owner Owner, force bool, files []string) error {
	// Even with force: a folder is replaced by renaming, which a mount
	// point refuses, and the user's files would be left split between
	// the new folder and the hidden earlier one.
	switch {
	case slices.Contains(inv.Mounts, "."):
		return &notOurs{fmt.Sprintf("%s is a mount point (another file system), which borderwork cannot replace: name a folder inside it, or choose another --out", path)}
	case len(inv.Mounts) > 0:
		return &notOurs{fmt.Sprintf("%s holds %s, another file system mounted there, which borderwork cannot move: unmount it, or choose another --out", path, list(prefixed(path, inv.Mounts)))}
	}
	if inv.Empty() {
		return nil
	}
	if slices.Equal(inv.Foreign, []string{"."}) { // even with force: there is no folder to keep files in
		return &notOurs{notAFolder(path)}
	}
	writes := func(rel string) (bool, bool) {
		if dir, ok := everyFolder[rel]; ok {
			return true, dir
		}
		return slices.Contains(files, rel), false
	}
	if clash := inv.inTheWay(writes); len(clash) > 0 {
		return inTheWay(path, clash)
	}
	if force {
		return nil
	}
	hint := "choose another --out, or give --force to replace it (files borderwork did not write are kept)"
	m := inv.Manifest
	switch {
	case m == nil && len(inv.Foreign) == 0:
		return nil // only the temporary files of writes that were killed
	case m == nil:
		return &notOurs{fmt.Sprintf("%s holds files borderwork did not write (%s) and no manifest.json; %s", path, list(inv.Foreign), hint)}
	case len(inv.Foreign) > 0:
		return &notOurs{fmt.Sprintf("%s holds files borderwork did not write (%s); move them, or %s", path, list(inv.Foreign), hint)}
	case len(inv.Changed) > 0:
		// --force replaces them with the rest: say so, lest "files
		// borderwork did not write are kept" be read as keeping edits.
		return &notOurs{fmt.Sprintf("%s holds files changed since borderwork wrote them (%s); choose another --out, or give --force to replace it, those files too (copy them first to keep your changes)", path, list(inv.Changed))}
	case m.Command != owner.Command || !sameSource(m.ScenarioSource, owner.Source):
		return &notOurs{fmt.Sprintf("%s holds %s, not %s; %s", path, OwnerOf(m), owner, hint)}
	}
	if theirs := OwnerOf(m).Shard; theirs != owner.Shard {
		switch {
		case owner.Shard == "":
			return &notOurs{fmt.Sprintf("%s holds shard %s of a %s, not the whole %s; %s", path, theirs, m.Command, owner.Command, hint)}
		case theirs == "":
			return &notOurs{fmt.Sprintf("%s holds a whole %s, not shard %s of it; %s", path, m.Command, owner.Shard, hint)}
		default:
			return &notOurs{fmt.Sprintf("%s holds shard %s of a %s, not shard %s; %s", path, theirs, m.Command, owner.Shard, hint)}
		}
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

// prefixed is each of rels (slash-separated, relative to dir) as a path.
func prefixed(dir string, rels []string) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = filepath.Join(dir, filepath.FromSlash(r))
	}
	return out
}

// list names up to three files.
func list(files []string) string {
	if len(files) <= 3 {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(files[:3], ", "), len(files)-3)
}

// Create starts writing the folder that will end up at final, after
// checking (CheckTarget) that owner may write there a folder holding
// files (at its top, besides those every folder holds).
func Create(final string, owner Owner, force bool, files ...string) (*Folder, error) {
	final = filepath.Clean(final)
	if err := CheckTarget(final, owner, force, files...); err != nil {
		return nil, err
	}
	parent := filepath.Dir(final)
	made := missingFrom(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		removeMade(parent, made)
		return nil, tooLong(final, err)
	}
	dir, err := tempfile.Mkdir(parent, filepath.Base(final))
	if err != nil {
		removeMade(parent, made)
		return nil, tooLong(final, err)
	}
	return &Folder{Final: final, Dir: dir, Owner: owner, Force: force, made: made, found: foundAt(final)}, nil
}

// foundAt identifies what the folder at path holds, as far as a command
// writing there is concerned: the checksum of its manifest.json, "" if it
// has none (no folder, an empty one, one of files the user keeps there).
func foundAt(path string) string {
	sum, err := FileSHA256(filepath.Join(path, "manifest.json"))
	if err != nil {
		return ""
	}
	return sum
}

// missingFrom is the highest folder of path (path itself, or one holding
// it) that does not exist yet, which MkdirAll(path) makes; "" if path
// exists.
func missingFrom(path string) string {
	top := ""
	for d := path; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, os.ErrNotExist) {
			return top
		}
		top = d
		if d == filepath.Dir(d) {
			return top
		}
	}
}

// removeMade removes the folders from path up to top that a failed
// Create made (missingFrom), as far as they are still empty: a command
// that writes nothing leaves no folders behind either.
func removeMade(path, top string) {
	if top == "" {
		return
	}
	for d := path; ; d = filepath.Dir(d) {
		if os.Remove(d) != nil || d == top || d == filepath.Dir(d) {
			return
		}
	}
}

// Path is the path of name inside the folder being written.
func (f *Folder) Path(name string) string { return filepath.Join(f.Dir, name) }

// Leftovers are the hidden folders beside final that Create made for it
// (.FINAL.tmp-*) and that are still there: left by a command killed
// outright (SIGKILL, out of memory, a node failure), which never swaps its
// folder in nor removes it, or kept where a command could not put its
// folder in place, or being written by a command running now. Nothing
// reads them; the tool never deletes them, since it cannot tell which.
// Paths are as final is spelt, sorted.
func Leftovers(final string) []string {
	final = filepath.Clean(final)
	parent, prefix := filepath.Dir(final), "."+filepath.Base(final)+".tmp-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var left []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if ok && e.IsDir() && rest != "" && strings.Trim(rest, "0123456789") == "" {
			left = append(left, filepath.Join(parent, e.Name()))
		}
	}
	return left
}

// Occupied reports whether anything but an empty folder is at path (a
// folder holding only empty folders counts as occupied). It reads no
// file: an interrupted command must not spend seconds checksumming an
// earlier folder it leaves alone.
func Occupied(path string) bool {
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	if err != nil || !st.IsDir() {
		return true
	}
	entries, err := os.ReadDir(path)
	return err != nil || len(entries) > 0
}

// Commit swaps the finished folder into place at Final. An earlier folder
// there is checked again (it may have changed while this one was
// written), moved aside, replaced, and removed once the new folder is in
// place; files and empty folders the tool did not write (with Force) are
// moved into the new folder first. If the new folder has a file where one
// of them is, nothing is moved: the refusal names them, and the new folder
// stays where it was written.
func (f *Folder) Commit() error { return f.CommitAt(f.Final) }

// CommitAt is Commit to another place than Final (a sibling that keeps an
// interrupted folder beside a complete one).
func (f *Folder) CommitAt(final string) error {
	if f.Dir == final {
		return nil
	}
	// The folder replaced keeps its permissions (a private one stays
	// private); a new one has those the umask gives.
	if st, err := os.Stat(final); err == nil && st.IsDir() {
		if err := os.Chmod(f.Dir, st.Mode().Perm()); err != nil {
			return err
		}
	}
	// What is there is identified before it is listed: a folder swapped
	// in between the two is then told apart, after the rename, by this.
	found := foundAt(final)
	inv, err := Take(final)
	if err != nil {
		return err
	}
	if err := inv.check(final, f.Owner, f.Force, nil); err != nil {
		return err
	}
	// Two commands run at once with one --out both found it free (or
	// holding one earlier folder): the second to finish would replace
	// the first's results unnoticed, with no "it replaced" line.
	if final == f.Final && found != f.found {
		return writtenMeanwhile(final)
	}
	if inv.Empty() && len(inv.Dirs) == 0 {
		if inv.Exists {
			if err := os.Remove(final); err != nil {
				return err
			}
		}
		if err := os.Rename(f.Dir, final); err != nil {
			if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, fs.ErrExist) {
				return writtenMeanwhile(final) // put there since it was found empty
			}
			return err
		}
		f.Dir, f.Final = final, final
		return nil
	}
	has := func(rel string) (bool, bool) {
		st, err := os.Lstat(filepath.Join(f.Dir, filepath.FromSlash(rel)))
		return err == nil, err == nil && st.IsDir()
	}
	if clash := inv.inTheWay(has); len(clash) > 0 {
		return inTheWay(final, clash)
	}
	aside, err := os.MkdirTemp(filepath.Dir(final), "."+filepath.Base(final)+".old-")
	if err != nil {
		return err
	}
	if err := os.Remove(aside); err != nil {
		return err
	}
	swapHook(final)
	if err := os.Rename(final, aside); err != nil {
		return err
	}
	// Another command may have swapped its folder in since final was
	// checked: what was moved aside is then its, and goes back.
	if final == f.Final && foundAt(aside) != found {
		if err := os.Rename(aside, final); err != nil {
			return fmt.Errorf("%w; another command wrote %s while this one ran, and its folder is at %s", err, final, aside)
		}
		return writtenMeanwhile(final)
	}
	if err := os.Rename(f.Dir, final); err != nil {
		if back := os.Rename(aside, final); back != nil {
			return fmt.Errorf("%w; the earlier folder is at %s", err, aside)
		}
		return err
	}
	f.Dir, f.Final = final, final
	// Only the user's (with Force) and empty folders: none is in the way.
	for _, rel := range append(slices.Clone(inv.Foreign), inv.Dirs...) {
		to := filepath.Join(final, filepath.FromSlash(rel))
		if _, err := os.Lstat(to); err == nil {
			continue // an empty folder the new folder has too
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("%w; the new folder is in place at %s, and the earlier one, with the files of yours not moved into it, is at %s", err, final, aside)
		}
		if err := os.Rename(filepath.Join(aside, filepath.FromSlash(rel)), to); err != nil {
			return fmt.Errorf("%w; the new folder is in place at %s, and the earlier one, with the files of yours not moved into it, is at %s", err, final, aside)
		}
	}
	// The earlier folder now holds what borderwork wrote, and whatever
	// was put in it after it was listed: only the first is deleted.
	asideHook(aside)
	clash, err := removeListed(aside, append(slices.Clone(inv.Ours), inv.Changed...), final)
	if err != nil {
		return fmt.Errorf("%w; the new folder is in place at %s, and what is left of the earlier one is at %s (look in it before you delete it: files put there while this command ran may not have been moved)", err, final, aside)
	}
	if len(clash) > 0 {
		return fmt.Errorf("%s, put in %s while this command replaced it, would replace files of the new folder; the new folder is in place at %s, and the earlier one, with those files, is at %s", list(clash), final, final, aside)
	}
	return nil
}

// writtenMeanwhile is the refusal of a folder that another command put
// at final while this one ran.
func writtenMeanwhile(final string) error {
	command := ""
	if m, err := ReadManifest(final); err == nil {
		command = " (" + m.CommandLine + ")"
	}
	return &notOurs{fmt.Sprintf("%s was written by another command while this one ran%s; it is left as it is: choose another --out, or move it away", final, command)}
}

// swapHook is called with final just before the earlier folder there is
// moved aside; tests put another command's folder there, as one running
// at once might.
var swapHook = func(final string) {}

// asideHook is called with the earlier folder once it is aside; tests
// put files in it, as a user might while a command replaces the folder.
var asideHook = func(aside string) {}

// removeListed deletes from aside, the earlier folder moved aside, the
// files listed (the tool's, as Take found them: relative, forward
// slashes), then moves whatever else it holds (put there after Take, so
// the user's) into final, where final has nothing of that name, and then
// removes the folders left empty and aside itself. A file final has too
// stays, with aside: clash names them (relative, forward slashes, in
// lexical order). A folder created empty after Take is made in final too.
func removeListed(aside string, listed []string, final string) (clash []string, err error) {
	holding := map[string]bool{} // folders that held a listed file; looked up, never ranged over
	for _, rel := range listed {
		if err := removeFile(filepath.Join(aside, filepath.FromSlash(rel))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		for d := pathpkg.Dir(rel); d != "."; d = pathpkg.Dir(d) {
			holding[d] = true
		}
	}
	var dirs []string // aside's folders, parents before their folders
	err = filepath.WalkDir(aside, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == aside {
			return err
		}
		rel, err := filepath.Rel(aside, p)
		if err != nil {
			return err
		}
		to := filepath.Join(final, rel)
		if d.IsDir() {
			dirs = append(dirs, rel)
			return nil
		}
		if _, err := os.Lstat(to); err == nil {
			clash = append(clash, filepath.ToSlash(rel))
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.Rename(p, to)
	})
	if err != nil {
		return clash, err
	}
	for _, rel := range slices.Backward(dirs) {
		p := filepath.Join(aside, rel)
		if entries, err := os.ReadDir(p); err != nil || len(entries) > 0 {
			continue
		}
		if !holding[filepath.ToSlash(rel)] {
			if err := os.MkdirAll(filepath.Join(final, rel), 0o755); err != nil {
				return clash, err
			}
		}
		if err := os.Remove(p); err != nil {
			return clash, err
		}
	}
	if len(clash) == 0 {
		err = os.Remove(aside)
	}
	return clash, err
}

// removeFile is os.Remove; tests make it fail.
var removeFile = os.Remove

// RemoveOurs removes the folder at path if it holds only files owner's
// command wrote, unchanged; otherwise it leaves it as it is and says so.
// Empty folders in it are kept, and so is the folder, then. It deletes
// only the files it checked: one put in the folder after that is kept,
// with the folder, and the error says so.
func RemoveOurs(path string, owner Owner) error {
	inv, err := Take(path)
	if err != nil || (inv.Empty() && len(inv.Dirs) == 0) {
		return err
	}
	if err := inv.check(path, owner, false, nil); err != nil {
		return err
	}
	// Only the files listed: one put in the folder since stays, and so
	// does the folder then.
	for _, rel := range inv.Ours {
		if err := os.Remove(filepath.Join(path, filepath.FromSlash(rel))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	for _, rel := range inv.Ours {
		for d := pathpkg.Dir(rel); d != "."; d = pathpkg.Dir(d) {
			os.Remove(filepath.Join(path, filepath.FromSlash(d))) // fails, as it should, on a folder with something in it
		}
	}
	if len(inv.Dirs) > 0 {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("its files are removed, but something was put in it since it was checked: %w", err)
	}
	return nil
}

// Discard removes the folder being written, unless it is in place, and
// the folders holding it that Create made, as far as they are still
// empty: a command that writes nothing leaves no folders behind.
func (f *Folder) Discard() {
	if f.Dir != f.Final {
		os.RemoveAll(f.Dir)
		removeMade(filepath.Dir(f.Final), f.made)
	}
}

// WriteFile writes a whole file through a temporary name in the same
// directory and renames it into place. On failure the temporary file is
// removed, and a missing folder or a folder at path is said plainly.
func WriteFile(path string, data []byte) error {
	return writeThrough(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeThrough is WriteFile with the file's bytes written by write, through
// a buffer, so that a file encoded as it is written (a manifest listing
// millions of runs) needs no copy of its bytes besides the encoder's.
func writeThrough(path string, write func(io.Writer) error) (err error) {
	// The rename into place would put a file where a device or a pipe is
	// (or the one a link leads to): never the user's intent.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return &said{path + " " + infile.NotAFile(st.Mode()), os.ErrExist}
	}
	dir := filepath.Dir(path)
	tmp, err := tempfile.Create(dir, filepath.Base(path))
	if errors.Is(err, os.ErrNotExist) {
		return &said{fmt.Sprintf("%s: no such folder %s", path, dir), err}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		if st, serr := os.Lstat(path); serr == nil && st.IsDir() {
			return &said{path + " " + infile.NotAFile(st.Mode()), err}
		}
		return err
	}
	return nil
}

// said is an error said plainly, still matching (errors.Is) the one it
// says.
type said struct {
	msg string
	err error
}

func (e *said) Error() string { return e.msg }
func (e *said) Unwrap() error { return e.err }

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
	f, err := openRegular(path)
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

// ErrNotAFile is matched by the error of reading a file of a folder (its
// manifest, a table, a figure) that is a folder, a FIFO, a device or a
// socket: nothing borderwork wrote, and a FIFO would block its reader,
// past Ctrl-C, until something wrote to it.
var ErrNotAFile = errors.New("not a regular file")

type notAFileError struct {
	path string
	mode fs.FileMode
}

func (e *notAFileError) Error() string {
	return e.path + ": " + e.what()
}

// what is infile's wording, the same for a file the user gives.
func (e *notAFileError) what() string { return infile.NotAFile(e.mode) }

func (e *notAFileError) Is(target error) bool { return target == ErrNotAFile }

// openRegular opens the file at path, through symbolic links, if it is a
// regular file; otherwise the error matches ErrNotAFile, and a FIFO is
// not opened (which would wait for a writer).
func openRegular(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if errors.Is(err, syscall.ENOTDIR) {
		// A folder on the path (figures/, say) was replaced by a file:
		// the file is not there.
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &notAFileError{path: path, mode: st.Mode()}
	}
	return os.Open(path)
}

// SHA256 is the hex sha256 of data.
func SHA256(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
