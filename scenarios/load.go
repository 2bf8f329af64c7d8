package scenarios

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/borderwork/borderwork/internal/infile"
	didyoumean "github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/sim"
)

//go:embed *.toml
var bundled embed.FS

// Default is the name of the bundled scenario used when none is given.
const Default = "sahel"

// Scenario is a scenario read from TOML: its File, where it came from, and
// what is needed to place errors on the file's lines. Load or Parse it,
// change it with Set, check it with Validate, and build a run with Config.
type Scenario struct {
	File   *File
	Source string // the path it was read from, or "bundled:NAME"
	Raw    []byte // the file's bytes as read

	display     string // name used in messages: the file's path or the bundled name
	lines       keyLines
	rawLines    []string          // Raw split into lines, once an unknown key needs them
	dir         fs.FS             // where relative inflow_csv paths are read from
	inflowFiles map[int]string    // origin index -> the inflow_csv it was read from
	regimeOrder []string          // regimes defined by the file, in file order
	levelOrder  [][2]string       // factor levels the file defines, [factor, level], in file order
	sets        []string          // KEY=VALUE overrides applied, in order
	setKeys     map[string]string // indexed key path -> the override that set it
}

// Names lists the bundled scenarios, sorted.
func Names() []string {
	entries, _ := fs.Glob(bundled, "*.toml")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e, ".toml"))
	}
	slices.Sort(names)
	return names
}

// Bundled returns the text of a bundled scenario, comments and all.
func Bundled(name string) ([]byte, error) { return bundledText(name, "") }

// bundledText is Bundled, whose error for a name no bundled scenario has
// adds more to the list of bundled names: Load, which also reads files,
// says how a file's name is told from a bundled one.
func bundledText(name, more string) ([]byte, error) {
	b, err := bundled.ReadFile(name + ".toml")
	if err != nil {
		return nil, notBundled(fmt.Sprintf("no bundled scenario %q%s (bundled: %s%s)",
			name, didyoumean.Hint(name, Names()), strings.Join(Names(), ", "), more))
	}
	return b, nil
}

// notBundled is the error for a name no bundled scenario has.
type notBundled string

func (e notBundled) Error() string { return string(e) }
func (e notBundled) Unwrap() error { return ErrInvalid }

// notBundledHere is Load's error for a name no bundled scenario has when
// the current folder has a file of that name (a CSV, a scenario saved
// without .toml) or a scenario NAME.toml: the user meant a file, and "no
// bundled scenario" alone would deny a file they can see.
func notBundledHere(arg string, err error) error {
	if st, e := os.Stat(arg); e == nil && st.Mode().IsRegular() {
		return notBundled(fmt.Sprintf("%s is a file, but not a scenario: a scenario file's name ends in .toml (a name without it is a bundled scenario's: %s)", arg, strings.Join(Names(), ", ")))
	}
	if st, e := os.Stat(arg + ".toml"); e == nil && st.Mode().IsRegular() {
		return notBundled(fmt.Sprintf("no bundled scenario %q; did you mean the file %s.toml? (bundled: %s)", arg, arg, strings.Join(Names(), ", ")))
	}
	return err
}

// IsPath reports whether arg names a file rather than a bundled scenario.
func IsPath(arg string) bool {
	return strings.HasSuffix(arg, ".toml") || strings.ContainsRune(arg, '/') || strings.ContainsRune(arg, filepath.Separator)
}

// Load reads a scenario: a path to a .toml file, the name of a bundled
// scenario, or, if arg is empty, the bundled default.
func Load(arg string) (*Scenario, error) {
	if arg == "" {
		arg = Default
	}
	if !IsPath(arg) {
		data, err := bundledText(arg, "; a file's name ends in .toml")
		if err != nil {
			return nil, notBundledHere(arg, err)
		}
		sub, _ := fs.Sub(bundled, ".")
		return Parse(data, arg, "bundled:"+arg, sub)
	}
	data, err := infile.Scenario.Read(arg)
	if err != nil {
		msg := err.Error()
		// classroom.toml, not there, for the bundled classroom.
		if name := strings.TrimSuffix(arg, ".toml"); errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(name, `/\`) && slices.Contains(Names(), name) {
			msg += fmt.Sprintf("; the bundled scenario %s is named without .toml", name)
		}
		return nil, Errors{{File: arg, Msg: msg}}
	}
	return Parse(data, arg, arg, os.DirFS(filepath.Dir(arg)))
}

// maxExplained is how many unknown keys of a file Parse explains (a
// top-level key below a table, a likely misspelling, a key of another
// table); the others are named as unknown, each on its line (a removed
// key is still said to be one).
const maxExplained = 100

// topLevelBelow explains an unknown key k inside a table that is a
// top-level key (default_regimes, replicates, seed...): written below a
// [table] or [[array]] header, TOML puts it in that table, the mistake of
// appending a top-level key at the end of a file. It names the header
// above the key's line, as written; "" if k is not such a key.
func (s *Scenario) topLevelBelow(k toml.Key, line int) string {
	name := k[len(k)-1]
	if len(k) < 2 || !slices.Contains(keysOf(reflect.TypeOf(File{})), name) {
		return ""
	}
	header := ""
	if s.rawLines == nil { // split once: a file may hold many such keys
		s.rawLines = strings.Split(string(s.Raw), "\n")
	}
	lines := s.rawLines
	for i := min(line, len(lines)) - 1; i >= 0 && line > 0; i-- {
		t, _, _ := strings.Cut(lines[i], "#")
		if t = strings.TrimSpace(t); strings.HasPrefix(t, "[") {
			if j := strings.LastIndexByte(t, ']'); j >= 0 {
				header = t[:j+1]
			}
			break
		}
	}
	if header == "" {
		header = "[" + strings.Join(k[:len(k)-1], ".") + "]"
	}
	return fmt.Sprintf("%s is a top-level key, but below %s it belongs to that table: write it above the first [table] or [[array]] of the file", name, header)
}

// elsewhereIn explains an unknown key k that is a key of other tables
// of the format ([[markets]] price, which is [smuggling]'s): the tables
// it belongs to, as headers; "" if it is a key of none.
func elsewhereIn(k toml.Key) string {
	name := k[len(k)-1]
	var found []string
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		if path != "" && slices.Contains(keysOf(t), name) {
			found = append(found, path)
		}
		for _, key := range keysOf(t) {
			ft, _ := fieldTypeByKey(t, key)
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			sub := strings.Trim(strings.Trim(path, "[]")+"."+key, ".")
			switch {
			case ft.Kind() == reflect.Struct:
				walk(ft, "["+sub+"]")
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(ft.Elem(), "[["+sub+"]]")
			case ft.Kind() == reflect.Map && key == "regimes":
				// Factor levels hold the regimes' keys too: [regimes.NAME]
				// names them once.
				walk(ft.Elem(), "["+sub+".NAME]")
			}
		}
	}
	walk(reflect.TypeOf(File{}), "")
	// A table the key is in ([[origins]] for inflow in an inflow_schedule
	// step) is not where to write it; and a key of many tables (from, to)
	// says nothing of which was meant.
	var here []string
	for _, part := range k[:len(k)-1] {
		if _, err := strconv.Atoi(part); err != nil {
			here = append(here, part)
		}
	}
	within := strings.Join(here, ".") + "."
	found = slices.DeleteFunc(found, func(h string) bool {
		return strings.HasPrefix(within, strings.TrimSuffix(strings.Trim(h, "[]"), ".NAME")+".")
	})
	switch len(found) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%s is a key of %s: write it there", name, found[0])
	case 2, 3, 4:
	default:
		return ""
	}
	return fmt.Sprintf("%s is a key of %s and %s: write it in one of them", name, strings.Join(found[:len(found)-1], ", "), found[len(found)-1])
}

// inUnknown says whether k lies in a table that is itself an unknown key
// (a misspelt [[post]]): reported once, as the table, since the hints for
// its keys would judge them against a table they were never meant for
// (name, a top-level key, "belongs to that table").
func inUnknown(k toml.Key, undecoded map[string]bool) bool {
	for i := 1; i < len(k); i++ {
		if undecoded[k[:i].String()] {
			return true
		}
	}
	return false
}

// removedKeys are post and regime keys of earlier versions, with what
// replaced them.
var removedKeys = map[string]string{
	"extortion":         "officials' extortion is no longer switched on by a regime; it arises at every post from abuse.official_extortion, the post's oversight (the integrity factor), its queue and the migrant's situation (docs/MODEL.md)",
	"official_violence": "officials' violence is no longer switched on by a regime; it arises at every post from abuse.official_violence, the post's oversight (the integrity factor), its queue and the migrant's situation (docs/MODEL.md)",
	"bribe":             "the bribe officials demand is abuse.bribe, the same under every regime",
}

var lineErr = regexp.MustCompile(`^toml: line (\d+) \(last key "(.*?)"\): (.*)$`)

// Parse decodes a scenario strictly: syntax errors, wrong types and
// unknown keys are errors naming the file, line and key. display names the
// file in messages; source is where it came from, kept as Scenario.Source
// (a path, or "bundled:NAME"), which a folder's manifest records and its
// default name (experiment.DefaultOut) is made from; dir is the folder
// the files the scenario refers to (an origin's inflow_csv) are read
// from, os.DirFS of the file's folder as Load gives it, or nil for none:
// a scenario that names a file is then refused.
func Parse(data []byte, display, source string, dir fs.FS) (*Scenario, error) {
	s := &Scenario{File: newFile(), Source: source, Raw: data, display: display, dir: dir, setKeys: map[string]string{}}
	if len(data) > MaxFileBytes {
		return nil, Errors{{File: display, Msg: infile.Scenario.TooLarge().Error()}}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return nil, Errors{{File: display, Msg: "the file is empty; a scenario names at least its countries, locations and origins (docs/SCENARIOS.md, \"A minimal scenario\")"}}
	}
	s.lines = scanLines(string(data))
	if l := s.lines.tooDeepLine; l > 0 {
		return nil, Errors{{File: display, Line: l, Key: s.lines.tooDeepKey, Msg: fmt.Sprintf("nested more than %d deep; a scenario nests a few levels at most", MaxDepth)}}
	}
	// Notepad's "Unicode" is UTF-16: every other byte is 0, and TOML's
	// reader stopped at the first with a parser's words.
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, Errors{{File: display, Line: 1, Msg: "the file is UTF-16 text (Notepad's \"Unicode\"), not UTF-8: save it as UTF-8"}}
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(s.File)
	if err != nil {
		return nil, s.decodeError(err)
	}
	errs := s.exactKeys(md)
	undecoded := map[string]bool{}
	for _, k := range md.Undecoded() {
		undecoded[k.String()] = true
	}
	explained := 0
	for _, k := range md.Undecoded() {
		if inUnknown(k, undecoded) {
			continue // the unknown table is the mistake; its keys were never checked
		}
		key := k.String()
		msg := "unknown key"
		line := s.lines.looseLineOf(key)
		// What each key might have been is worked out for the first
		// ones only: a file of hundreds of thousands of unknown keys
		// (one made to be hostile) took many minutes.
		if why, ok := removedKeys[k[len(k)-1]]; ok && k[0] != "abuse" {
			msg += ": " + why
		} else if explained++; explained > maxExplained {
		} else if top := s.topLevelBelow(k, line); top != "" {
			msg += "; " + top
		} else if hint := suggest(k); hint != "" {
			msg += "; did you mean " + hint + "?"
		} else if there := elsewhereIn(k); there != "" {
			msg += "; " + there
		}
		errs = append(errs, &Error{File: display, Line: line, Key: key, Msg: msg})
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	for _, k := range md.Keys() {
		if len(k) == 2 && k[0] == "regimes" && !slices.Contains(s.regimeOrder, k[1]) {
			s.regimeOrder = append(s.regimeOrder, k[1])
		}
		if len(k) == 3 && k[0] == "factors" && !slices.ContainsFunc(s.levelOrder, func(l [2]string) bool { return l == [2]string{k[1], k[2]} }) {
			s.levelOrder = append(s.levelOrder, [2]string{k[1], k[2]})
		}
	}
	if !md.IsDefined("flee") && s.File.Rules != "flee" {
		s.File.Flee = nil // Flee's defaults only for a scenario that runs its rules
	}
	if !md.IsDefined("name") {
		s.File.Name = strings.TrimSuffix(path.Base(filepath.ToSlash(display)), ".toml")
	}
	if err := s.readInflowCSVs(); err != nil {
		return nil, err
	}
	s.fillDefaults()
	return s, nil
}

func (s *Scenario) decodeError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, loose, msg := ParseErrorAt(pe, s.Raw)
		key := s.keyAt(line, loose)
		if onLine, ok := s.lines.byLine[line]; ok {
			// The key written on the line, not the last one decoded; a
			// [[header]] as written, without its element's index.
			if i := strings.LastIndexByte(onLine, '.'); i >= 0 {
				if _, err := strconv.Atoi(onLine[i+1:]); err == nil {
					onLine = onLine[:i]
				}
			}
			key = s.lines.display(onLine)
		}
		return Errors{{File: s.display, Line: line, Key: key, Msg: msg}}
	}
	if line, key, msg, ok := LineError(err, s.Raw); ok {
		return Errors{{File: s.display, Line: line, Key: s.keyAt(line, key), Msg: msg}}
	}
	return Errors{{File: s.display, Msg: strings.TrimPrefix(err.Error(), "toml: ")}}
}

// ParseErrorAt places the TOML parser's error pe in text, the file it
// read: its line, the last key it decoded (as the decoder names it,
// without array indices), and its message in the words of a file's
// author, where the decoder's name a parser's state.
func ParseErrorAt(pe toml.ParseError, text []byte) (line int, key, msg string) {
	line = pe.Position.Line
	if start := pe.Position.Start; start > 0 && start <= len(text) {
		// The decoder counts the line break that ends a line as part
		// of the next one: place the error by its byte offset.
		line = 1 + bytes.Count(text[:start], []byte("\n"))
	}
	msg = pe.Message
	if strings.HasPrefix(msg, "Key '") && strings.HasSuffix(msg, "' has already been defined.") {
		// The decoder's words; a key or [table] given twice.
		msg = "given twice; a key or a [table] may be given only once"
	}
	if strings.HasPrefix(msg, "invalid UTF-8 byte") {
		// The decoder's words say what, not why: an editor saved the
		// file in the computer's own code page (Notepad's "ANSI",
		// Windows-1252), where é is one byte that is no UTF-8.
		msg += ": the file is not UTF-8 text; it looks saved as Windows-1252 or Latin-1 (Notepad's \"ANSI\"): save it as UTF-8"
	}
	// The decoder's words for a header or text left open, and a key
	// with nothing after its "=", name its state ("expected end of table
	// array name delimiter ']', but got '\n' instead"): say what to write.
	switch {
	case strings.HasPrefix(msg, "expected end of table array name delimiter"):
		msg = "a [[table]] name is not closed: end it with ]], as in [[locations]]"
	case strings.HasPrefix(msg, "expected '.' or ']' to end table name"):
		msg = "a [table] name is not closed: end it with ], as in [abuse]"
	case msg == "strings cannot contain newlines":
		msg = "text in quotes is not closed on its line: end it with the quote it starts with (text of several lines goes between triple quotes, \"\"\")"
	case strings.HasPrefix(msg, `expected value but found '\n'`) && valueOn(text, line) == "":
		msg = "no value after =: give one, a number in digits (18, 0.005), text in double quotes, true or false, or a list in brackets ([1, 2])"
	}
	if notAValueTOML(msg) {
		if v := valueOn(text, line); v != "" {
			// The decoder's words ("expected a top-level item to end
			// with a newline, ... but got 'o' instead") name a parser's
			// state; say what to write.
			msg = fmt.Sprintf("%s is not a value TOML reads: write a number in digits (18, 0.005), text in double quotes (\"%s\"), true or false, or a list in brackets ([1, 2])", v, strings.Trim(v, `"'`))
			if strings.ContainsAny(v, curlyQuotes) {
				// An editor's "smart" quotes (TextEdit, Word, a
				// phone's keyboard): the text is right, its quotes
				// are not, and wrapping them in straight ones would
				// not help.
				msg = fmt.Sprintf("%s is in curly quotes, which TOML does not read (an editor's \"smart quotes\" put them in): type straight double quotes, %q", v, strings.Trim(v, `"'`+curlyQuotes))
			}
		}
	}
	return line, pe.LastKey, msg
}

// curlyQuotes are the quotes a word processor or a "smart quotes" editor
// puts in for straight ones.
const curlyQuotes = "“”‘’„«»"

// notAValueTOML reports whether the decoder's message says that what
// follows a key's "=" is no TOML value: a number with a stray letter
// (18o), a word without quotes (hello), a number with two points.
func notAValueTOML(msg string) bool {
	return strings.HasPrefix(msg, "expected a top-level item to end with a newline, comment, or EOF, but got") ||
		strings.HasPrefix(msg, "expected value but found") || strings.HasPrefix(msg, "Invalid float value")
}

// keyAt names the key the decoder reports as loose (without array
// indices), defined on line, the way other errors name it: array elements
// by name (posts.Gate.capacity).
func (s *Scenario) keyAt(line int, loose string) string {
	var found []string
	for path, l := range s.lines.exact { // collected, then sorted: order does not matter
		if l == line && strings.Join(withoutIndices(strings.Split(path, ".")), ".") == loose {
			found = append(found, path)
		}
	}
	if len(found) == 0 {
		return loose
	}
	slices.Sort(found)
	return s.rawDisplayKey(found[0])
}

// readInflowCSVs turns every origin's inflow_csv into an inline schedule,
// so that the resolved scenario stands on its own.
func (s *Scenario) readInflowCSVs() error {
	for i := range s.File.Origins {
		o := &s.File.Origins[i]
		key := fmt.Sprintf("origins.%d.inflow_csv", i)
		if o.InflowCSV == "" {
			// An empty path names no file: the origin had no inflow, without
			// a word. borderwork's resolved scenarios write it for every
			// origin, and are still read.
			if _, given := s.lines.exact[key]; given && !writtenByEncode(s.Raw) {
				return Errors{{File: s.display, Line: s.lines.lineOf(key), Key: s.displayKey(key), Msg: "is empty, which names no file: name the CSV file of day,rate rows, or leave inflow_csv out"}}
			}
			continue
		}
		bad := func(line int, msg string) error {
			return Errors{{File: s.display, Line: s.lines.lineOf(key), Key: s.displayKey(key), Msg: fmt.Sprintf("%s: %s", o.InflowCSV, msg)}}
		}
		if o.Inflow != nil || len(o.InflowSchedule) > 0 {
			return bad(0, "give one of inflow, inflow_schedule and inflow_csv")
		}
		if s.dir == nil {
			// A scenario parsed from text by a program: there is no
			// folder, and io/fs would panic on a nil one.
			return bad(0, "cannot be read: the scenario was parsed with no folder to read it from (Parse's dir is nil)")
		}
		data, err := infile.Scenario.ReadFS(s.dir, filepath.ToSlash(o.InflowCSV))
		if err != nil {
			if errors.Is(err, fs.ErrInvalid) && !fs.ValidPath(filepath.ToSlash(o.InflowCSV)) {
				// The folder refused the path itself (a page's
				// scenario reads no file at all: "cannot be read").
				return bad(0, "must be a path in the scenario's folder or below it (relative, without ..)")
			}
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
				return bad(0, "cannot be read")
			}
			return bad(0, err.Error())
		}
		r := csv.NewReader(bytes.NewReader(infile.TrimBOM(data)))
		r.FieldsPerRecord = -1 // a row of other than two columns is named below
		prevLine := 0
		for n := 0; ; n++ {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return bad(0, err.Error())
			}
			// The reader skips blank lines: name the file's own line.
			line, _ := r.FieldPos(0)
			// A spreadsheet saves cells it once held, emptied, as
			// trailing commas or rows of commas: they hold nothing.
			for len(row) > 0 && strings.TrimSpace(row[len(row)-1]) == "" {
				row = row[:len(row)-1]
			}
			if len(row) == 0 {
				continue
			}
			if n == 0 && strings.EqualFold(strings.TrimSpace(row[0]), "day") {
				continue // header, as a spreadsheet may capitalise it (Day,Rate)
			}
			if len(row) != 2 {
				msg := fmt.Sprintf("line %d: want two columns, day and rate, got %d", line, len(row))
				if len(row) == 1 && strings.Contains(row[0], ";") {
					msg += ": the file looks separated by semicolons, as a spreadsheet set to a European language saves it; save it with commas between columns and points in numbers (12.5)"
				}
				return bad(0, msg)
			}
			day, err1 := strconv.Atoi(strings.TrimSpace(row[0]))
			rate, err2 := strconv.ParseFloat(strings.TrimSpace(row[1]), 64)
			if err1 != nil || err2 != nil {
				return bad(0, fmt.Sprintf("line %d: want an integer day and a number rate, got %q", line, row))
			}
			// Checked here, naming the file's line: the scenario's own
			// checks would name origins.N.inflow_schedule.M, a key the
			// file does not have, at the line of [[origins]].
			switch {
			case day < 0 || day > sim.MaxDays:
				return bad(0, fmt.Sprintf("line %d: day must be a number of days in [0, %d], got %d", line, sim.MaxDays, day))
			case !(rate >= 0) || math.IsInf(rate, 1):
				return bad(0, fmt.Sprintf("line %d: rate must be a number of migrants a day, zero or more, got %s", line, strings.TrimSpace(row[1])))
			case len(o.InflowSchedule) > 0 && day <= o.InflowSchedule[len(o.InflowSchedule)-1].From:
				return bad(0, fmt.Sprintf("line %d: day %d does not come after day %d (line %d): rows must be in increasing order of day", line, day, o.InflowSchedule[len(o.InflowSchedule)-1].From, prevLine))
			}
			prevLine = line
			o.InflowSchedule = append(o.InflowSchedule, InflowStepSpec{From: day, Rate: rate})
		}
		// An empty file (a failed export) would leave the origin with no
		// inflow at all, silently.
		if len(o.InflowSchedule) == 0 {
			return bad(0, "no day,rate rows; give at least one (0,10 is 10 migrants a day from day 0)")
		}
		if s.inflowFiles == nil {
			s.inflowFiles = map[int]string{}
		}
		s.inflowFiles[i] = o.InflowCSV // for InlineInflows
		o.InflowCSV = ""
	}
	return nil
}

func (s *Scenario) fillDefaults() {
	f := s.File
	for i := range f.Origins {
		overlayMissing(&f.Origins[i], &defaultOrigin)
	}
	for i := range f.Centres {
		overlayMissing(&f.Centres[i], &defaultCentre)
	}
	for i := range f.Links {
		if f.Links[i].Kind == "" {
			f.Links[i].Kind = "road"
		}
	}
}

// Display is the scenario's name in messages: its path or bundled name.
func (s *Scenario) Display() string { return s.display }

// Sets returns the KEY=VALUE overrides applied so far.
func (s *Scenario) Sets() []string { return slices.Clone(s.sets) }

// RegimeNames lists every regime the scenario has: the built-in ones, then
// those it defines, in the order it defines them.
func (s *Scenario) RegimeNames() []string {
	names := slices.Clone(BuiltinRegimes)
	// A map, not a search of the list: Config asks for the names for
	// every regime it builds, and with thousands of regimes (a pasted
	// file of 4,000) the searches took minutes.
	listed := make(map[string]bool, len(names)+len(s.regimeOrder))
	for _, n := range names {
		listed[n] = true
	}
	for _, n := range s.regimeOrder {
		if !listed[n] {
			names = append(names, n)
			listed[n] = true
		}
	}
	return names
}

// hasRegime says whether regime is one of RegimeNames, without making
// the list: Config asks for every regime it builds.
func (s *Scenario) hasRegime(regime string) bool {
	return slices.Contains(BuiltinRegimes, regime) || slices.Contains(s.regimeOrder, regime)
}

// DefaultRegimes lists the regimes run when none are asked for: the
// file's default_regimes, or all of them.
func (s *Scenario) DefaultRegimes() []string {
	if len(s.File.DefaultRegimes) > 0 {
		return slices.Clone(s.File.DefaultRegimes)
	}
	return s.RegimeNames()
}
