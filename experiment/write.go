package experiment

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// Writer is an output folder being written by a prepared plan. It is
// written under a temporary name beside its final place and swapped into
// place by Finish, so that a reader never sees a half-written folder and
// an earlier folder stays as it was until the new one is complete. Start
// it, Run jobs into it (as many times as needed), then Finish or Discard
// it.
type Writer struct {
	X      *Prepared
	Folder *output.Folder
	// Rows are the summary rows of the runs written so far, in order.
	Rows []output.SummaryRow

	scenarioTOML []byte
	ts, sum, loc *output.CSVFile
	events       *os.File // the event log, if the plan logs events
	// eventSums are the event log's checksums, taken from its content as
	// each run's rows are appended.
	eventSums *output.TableSums
	tables    []string
	resume    string // the folder whose tables were continued
	keep      bool   // Finish failed to swap it in: keep it where it is
	// written are the checksums of ts, sum, loc and the event log, taken
	// as they were written, once closed: Finish need not read them back.
	// Looked up by name, never ranged over.
	written map[string]output.Checked
	// outOfRoom is the write the disk had no room for (full, a quota, a
	// file-size limit) that stopped Run, which kept the runs before it:
	// Finish keeps them as an interrupted folder, for --resume.
	outOfRoom error
	room      *room // a sweep's or sensitivity analysis', while it runs
	// manifestAdds is Options.ManifestAdds.
	manifestAdds int
	scratch      bool // Options.Scratch
}

// ErrOutOfRoom is matched (errors.Is) by the error of Writer.Run when the
// disk had no room for a run's rows (full, a quota used up, a file-size
// limit) and the runs written before it were kept, the tables cut back
// to the last of them: Finish then keeps them as it keeps an interrupted
// folder's, and says how to complete them once there is room. Only a
// sweep's or a sensitivity analysis' runs are kept so (without an event
// log, which cannot be continued): the other commands cannot be resumed,
// and what they kept would only fill the disk further.
var ErrOutOfRoom = errors.New("out of room")

// outOfRoomError is a write the disk had no room for, matching
// ErrOutOfRoom.
type outOfRoomError struct{ err error }

func (e *outOfRoomError) Error() string   { return e.err.Error() }
func (e *outOfRoomError) Unwrap() []error { return []error{e.err, ErrOutOfRoom} }

// Start begins the folder of x at out with the resolved scenario and the
// tables' headers, after checking that out may receive it (see
// output.CheckTarget; o.Force allows a folder that is not this command's).
// If o.Resume is set, the tables start with its rows (o.Done, which must
// be the rows of its tables, from Resumable). Only o.Resume, o.Done,
// o.Force, o.ManifestAdds, o.Scratch and o.Formats are read: the formats
// are drawn by Finish, after every run, and checked here, before any, so
// that one no figure is drawn in is refused as bad input with nothing
// written. A sweep's plan must be NewSweep's (its Sweep says what its
// folder's command line varies), and a run's or compare's must vary no
// key: their folders' command lines could not rerun them otherwise.
func Start(x *Prepared, out string, o Options) (w *Writer, err error) {
	if strings.TrimSpace(out) == "" {
		return nil, badInput("--out must name a folder")
	}
	if err := checkKind(x); err != nil {
		return nil, err
	}
	if err := checkFigureOptions(output.FigureOptions{Formats: o.Formats}, nil, func(string) string { return "--formats" }, []string{"formats"}); err != nil {
		return nil, err
	}
	if _, ok := runs.ScenarioArgOf(x.Scenario.Source); x.Arg == "" && !ok {
		return nil, badInput("experiment: the plan's Arg is empty, which a command line reads as the default scenario, %s, but its scenario %s was read from %s, which no command line names; set Arg to the path or bundled name that loads it, for the command line the folder records", scenarios.Default, x.Scenario.File.Name, runs.ShellQuote(x.Scenario.Source))
	}
	if err := CheckArg(x.Scenario, x.Arg); err != nil {
		return nil, err
	}
	scenarioTOML, err := x.ResolvedScenario().Encode()
	if err != nil {
		return nil, err
	}
	folder, err := output.Create(out, x.Owner(), o.Force, runTables(x)...)
	if errors.Is(err, output.ErrNotOurs) {
		return nil, badInput("--out: %v", err)
	}
	if err != nil {
		return nil, err
	}
	w = &Writer{X: x, Folder: folder, scenarioTOML: scenarioTOML, Rows: slices.Clone(o.Done), resume: o.Resume, written: map[string]output.Checked{}, manifestAdds: o.ManifestAdds, scratch: o.Scratch}
	started := w // each failure below returns a nil w
	defer func() {
		if err != nil {
			started.Discard()
			err = started.unchanged(err)
		}
	}()
	if err := output.WriteFile(folder.Path("scenario.toml"), scenarioTOML); err != nil {
		return nil, err
	}
	w.tables = runTables(x)
	open := func(name string, header []string) (*output.CSVFile, error) {
		if o.Resume != "" && name != "locations.csv" {
			return output.ContinueCSV(folder.Path(name), filepath.Join(o.Resume, name), header)
		}
		return output.CreateCSV(folder.Path(name), header)
	}
	if !x.SummaryOnly {
		if w.ts, err = open("timeseries.csv", output.TimeseriesHeader(x.Keys)); err != nil {
			return nil, err
		}
	}
	if w.sum, err = open("summary.csv", output.SummaryHeader(x.Keys)); err != nil {
		return nil, err
	}
	if x.ByLocation {
		if w.loc, err = open("locations.csv", output.LocationsHeader(x.Keys)); err != nil {
			return nil, err
		}
	}
	if len(x.Events) > 0 {
		if o.Resume != "" {
			return nil, badInput("an event log cannot be continued: run the folder afresh into another --out")
		}
		if w.events, err = os.Create(folder.Path(output.EventsTable)); err != nil {
			return nil, err
		}
		w.eventSums = output.NewTableSums()
		var header bytes.Buffer
		if err := output.WriteEventsHeader(&header, x.Keys); err != nil {
			return nil, err
		}
		if err := w.appendEvents(bytes.NewReader(header.Bytes())); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// runTables are the tables a folder of x holds from its runs alone, in
// the order the manifest lists them; a command's analysis adds its own
// (Writer.WriteTable).
func runTables(x *Prepared) []string {
	var tables []string
	if !x.SummaryOnly {
		tables = append(tables, "timeseries.csv")
	}
	tables = append(tables, "summary.csv")
	if !x.SummaryOnly {
		tables = append(tables, "stats.csv")
		if contrast(x) != "" {
			tables = append(tables, "contrast.csv")
		}
	}
	if x.ByLocation {
		tables = append(tables, "locations.csv")
	}
	if len(x.Events) > 0 {
		tables = append(tables, output.EventsTable)
	}
	return tables
}

// DefaultOut is where a command writes its folder when no --out is
// given: out/COMMAND-STEM, STEM being the bundled scenario's name or the
// scenario file's name without .toml (source as Scenario.Source gives it),
// cut down to letters, digits, '.', '_' and '-'. It never uses a name from
// inside the file, which could hold "../" and which an edited copy keeps:
// two files share a default folder only if they share a file name, and
// then the second is refused (see output.CheckTarget) rather than
// replacing the first's results.
func DefaultOut(command, source string) string {
	stem, bundled := strings.CutPrefix(source, "bundled:")
	if !bundled {
		stem = strings.TrimSuffix(filepath.Base(filepath.FromSlash(stem)), ".toml")
	}
	var b strings.Builder
	for _, r := range stem {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() >= 64 {
			break
		}
	}
	clean := strings.TrimLeft(b.String(), ".-")
	if clean == "" {
		clean = "scenario"
	}
	return filepath.Join("out", command+"-"+clean)
}

// PartialPath is where an interrupted folder is kept when its place holds
// an earlier folder, which stays as it was: DIR.partial beside DIR.
// Resumable continues from it.
func PartialPath(out string) string { return filepath.Clean(out) + ".partial" }

// Path is the path of name inside the folder being written.
func (w *Writer) Path(name string) string { return w.Folder.Path(name) }

// AddTable lists a table the caller wrote into the folder, for the
// manifest's checksums.
func (w *Writer) AddTable(name string) { w.tables = append(w.tables, name) }

// WriteTable writes a whole table of the caller's (header, then rows) into
// the folder as name and lists it, as AddTable does.
func (w *Writer) WriteTable(name string, header []string, rows [][]string) error {
	c, err := output.CreateCSV(w.Path(name), header)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := c.Write(r); err != nil {
			c.Close()
			return err
		}
	}
	if err := c.Close(); err != nil {
		return err
	}
	w.AddTable(name)
	return nil
}

// Run executes jobs on workers and appends each run to the tables, in
// order; progress, if set, is told how many runs the folder holds after
// each. On interruption the runs finished are kept and the error wraps
// runs.ErrInterrupted.
func (w *Writer) Run(ctx context.Context, jobs []int, workers int, progress func(done int)) error {
	x := w.X
	names := x.Scenario.File.Locations
	before := len(w.Rows)
	logDir := ""
	if w.events != nil {
		logDir = w.Folder.Dir
	}
	// A sweep's or sensitivity analysis' tables are handed on to their
	// files after each run, and where they then end is marked, so that
	// the runs before one the disk has no room for can be kept
	// (ErrOutOfRoom), with the room their folder needs held for them
	// (room): hours of a sweep, perhaps. A run's rows are tens of
	// kilobytes, so the extra writes cost nothing that shows.
	keeps := (x.Command == "sweep" || x.Command == "sensitivity") && w.events == nil && !w.scratch
	var marks [3]int64 // where ts, sum and loc end after the last run kept
	if keeps {
		var err error
		if marks, err = w.mark(); err != nil { // the copy of a resumed folder's tables, perhaps
			return w.unchanged(err)
		}
		if w.room == nil {
			if w.room, err = newRoom(w, w.Rows); err != nil {
				return w.unchanged(err)
			}
		}
	}
	err := x.ExecuteLogged(ctx, jobs, workers, logDir, func(s Simulated) error {
		if s.Events != "" {
			if err := w.appendRunEvents(s.Events); err != nil {
				return err
			}
		}
		if w.ts != nil {
			if err := output.WriteTimeseries(w.ts, s.Run, s.Days); err != nil {
				return err
			}
		}
		if w.loc != nil {
			if err := output.WriteLocations(w.loc, s.Run, len(names), func(i int) string { return names[i].Name }, s.Locations); err != nil {
				return err
			}
		}
		row := output.SummaryOf(s.Run, s.Days)
		if err := output.WriteSummaryRow(w.sum, row); err != nil {
			return err
		}
		if keeps {
			m, err := w.mark()
			if err != nil {
				return err
			}
			if err := w.room.add(s.Run); err != nil {
				return err
			}
			marks = m
		}
		w.Rows = append(w.Rows, row)
		if progress != nil {
			progress(len(w.Rows))
		}
		return nil
	})
	if errors.Is(err, runs.ErrInterrupted) {
		return fmt.Errorf("%w after %s of %s", runs.ErrInterrupted, words.Whole(int64(len(w.Rows))), words.Count(before+len(jobs), "run"))
	}
	if err != nil && keeps && noRoom(err) && len(w.Rows) > before && w.cutTo(marks) == nil {
		w.outOfRoom = err
		return &outOfRoomError{err}
	}
	return w.unchanged(err)
}

// unchanged is err, a write the disk had no room for while the folder
// being resumed was completed, before any run was kept (its tables'
// copy, or the first run), saying that that folder is as it was: the
// message names the file refused as the folder's own (DIR/timeseries.csv,
// not the hidden copy's name), which would otherwise read as though its
// runs were lost. Any other err is returned as it is.
func (w *Writer) unchanged(err error) error {
	if w.resume == "" || !noRoom(err) {
		return err
	}
	return fmt.Errorf("%w; %s is as it was, with its %s: %s, then run this command again",
		err, w.resume, words.Count(len(w.Rows), "finished run"), makeRoom(err))
}

// releaseRoom gives back the room held for the folder's results, if any.
func (w *Writer) releaseRoom() error {
	if w.room == nil {
		return nil
	}
	err := w.room.release(w)
	w.room = nil
	return err
}

// mark hands the tables' rows on to their files and returns where each
// ends (CSVFile.Mark; 0 for a table the plan has not).
func (w *Writer) mark() (marks [3]int64, err error) {
	for i, c := range [...]*output.CSVFile{w.ts, w.sum, w.loc} {
		if c == nil {
			continue
		}
		if marks[i], err = c.Mark(); err != nil {
			return marks, err
		}
	}
	return marks, nil
}

// cutTo cuts the tables back to marks (CSVFile.CutTo), closing them:
// their checksums are read back from the files.
func (w *Writer) cutTo(marks [3]int64) error {
	var first error
	for i, c := range [...]*output.CSVFile{w.ts, w.sum, w.loc} {
		if c == nil {
			continue
		}
		if err := c.CutTo(marks[i]); first == nil {
			first = err
		}
	}
	w.ts, w.sum, w.loc = nil, nil, nil
	return first
}

// appendRunEvents appends a run's rows of the event log, the file at
// path, to the log, and removes it.
func (w *Writer) appendRunEvents(path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	err = w.appendEvents(src)
	// Closed before it is removed: Windows removes no file that is open
	// ("Sharing violation"), and every --events run failed there.
	if cerr := src.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return removeRunEvents(path)
}

// removeRunEvents is os.Remove; a test asks whether the file is still
// open when it is removed.
var removeRunEvents = os.Remove

// appendEvents appends compressed rows of the event log (gzip members),
// read from src, to it, and their content to its checksums.
func (w *Writer) appendEvents(src io.ReadSeeker) error {
	if _, err := io.Copy(w.events, src); err != nil {
		return err
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return err
	}
	z, err := gzip.NewReader(bufio.NewReaderSize(src, 1<<16))
	if err != nil {
		return err
	}
	_, err = io.Copy(w.eventSums, z)
	return err
}

// Finish says how a folder is finished.
type Finish struct {
	Complete bool // every run of the folder finished
	// Formats are the figure formats, recorded in the manifest and drawn
	// if there are Figures; none: no figures. A shard has no Figures and
	// records the formats its command asked for, which merge draws.
	Formats []string
	Figures []Figure // the folder's figure registry; drawn if Complete
	// FigureOptions are recorded in the manifest and say how the figures
	// are drawn; nil: output.DefaultFigureOptions.
	FigureOptions *output.FigureOptions
	// Derive, if set and the folder is Complete, writes the tables the
	// folder derives from its tables of runs (closed by then, at dir)
	// and the manifest, before the figures are drawn from them, and
	// returns their names for the manifest.
	Derive func(dir string, m *output.Manifest) ([]string, error)
	// Report writes report.md if Complete; nil: no report.
	Report func(drawn []Drawn, groups []output.Group) ([]byte, error)
	// Manifest adds the command's own fields to the manifest.
	Manifest func(m *output.Manifest)
}

// Outcome is what a finished folder holds.
type Outcome struct {
	// Dir is where the folder is: the place asked for, or, for an
	// interrupted folder whose place held an earlier one, PartialPath.
	Dir      string
	Rows     []output.SummaryRow
	Groups   []output.Group // the runs by point and regime
	Drawn    []Drawn
	Figures  []string // figure files, relative to Dir
	Complete bool
	Workers  int // the workers Write ran on (fewer than asked if memory allowed no more)
	// Replaced says, for an interrupted folder put at PartialPath in
	// place of the interrupted runs of another command, whose they were
	// ("12 finished runs of borderwork sweep ..."); "" otherwise.
	Replaced string
}

// Finish closes the tables, writes stats.csv (unless the plan is
// SummaryOnly), and, when the folder is complete, the derived tables, the
// figures and the report; records every checksum in the
// manifest and swaps the folder into place. A complete folder replaces an
// earlier one; an interrupted one goes into place only if nothing is
// there, and otherwise beside it, at PartialPath, leaving the earlier
// folder as it was.
//
// If ctx ends while a complete folder is being finished (it is checked
// between the derived tables, the figures, the report and the manifest,
// and last before the swap), what was derived is removed and the folder
// is finished as interrupted, its runs kept as above: Finish returns its
// outcome with an error wrapping runs.ErrInterrupted. Once the swap has begun
// it finishes. An interrupted folder that cannot go into place (PartialPath
// holds files borderwork did not write) is kept where it was written,
// with its outcome, Dir naming it, and an error wrapping runs.ErrInterrupted
// that says why.
func (w *Writer) Finish(ctx context.Context, f Finish) (*Outcome, error) {
	if err := w.releaseRoom(); err != nil {
		return nil, err
	}
	if err := w.closeTables(); err != nil {
		return nil, err
	}
	f.Formats = UniqueNames(f.Formats) // each drawn, and listed, once
	o := &Outcome{Dir: w.Folder.Final, Rows: w.Rows, Groups: w.X.Groups(w.Rows), Complete: f.Complete}
	if !w.X.SummaryOnly {
		if err := output.WriteStats(w.Path("stats.csv"), w.X.Keys, o.Groups); err != nil {
			return nil, err
		}
		if c := contrast(w.X); c != "" {
			a, b, _ := SplitContrast(c, w.X.Regimes)
			if err := output.WriteContrast(w.Path("contrast.csv"), w.X.Keys, a, b, o.Groups); err != nil {
				return nil, err
			}
		}
	}
	done := make([]int, len(w.Rows))
	for i := range w.Rows {
		done[i] = w.Rows[i].Run.ID
	}
	manifest := func(complete bool) *output.Manifest {
		opts := output.DefaultFigureOptions()
		if f.FigureOptions != nil {
			opts = Tidy(*f.FigureOptions)
		}
		// The formats drawn, recorded so that plot, given none, draws
		// them again.
		opts.SetFormats(f.Formats)
		opts = RecordableOptions(w.X.Command, opts)
		// The command line recorded, and quoted by the report, draws
		// the figures so too.
		w.X.FigureOptions = &opts
		m := w.X.Manifest(output.SHA256(w.scenarioTOML), done)
		m.Complete = complete
		m.FigureOptions = &opts
		if f.Manifest != nil {
			f.Manifest(m)
		}
		return m
	}
	var stopped error // the interruption that made a complete folder incomplete
	// full is the full disk (a quota, a file-size limit) that did so
	// while what is derived from the runs of a sweep or sensitivity
	// analysis was written: its runs, hours of them perhaps, are kept as
	// an interruption keeps them, once what was derived is removed, which
	// frees room for the manifest, and --resume completes them; or that
	// stopped their runs (Run, ErrOutOfRoom), which are kept so too. The
	// other commands cannot be resumed, and write nothing on a failure,
	// as before: what they kept would only fill the disk further.
	var full error
	var kept *output.Manifest
	if f.Complete {
		base := len(w.tables) // the tables of runs, and those the caller added
		err := w.finishComplete(ctx, f, manifest(true), o)
		if err != nil && !errors.Is(err, runs.ErrInterrupted) && noRoom(err) && (w.X.Command == "sweep" || w.X.Command == "sensitivity") && !w.scratch {
			full = err
		}
		if errors.Is(err, runs.ErrInterrupted) || full != nil {
			if full == nil {
				stopped = err
			}
			w.tables = w.tables[:base]
			o.Drawn, o.Figures, o.Complete = nil, nil, false
			if err := w.removeDerived(); err != nil {
				return nil, err
			}
			kept = manifest(false)
			if err = w.writeManifest(kept, nil); err != nil && full != nil {
				return nil, full // no room even for that: nothing is kept
			}
		}
		if err != nil {
			return nil, err
		}
	} else {
		full = w.outOfRoom // nil unless Run kept the runs before it
		kept = manifest(false)
		if err := w.writeManifest(kept, nil); err != nil {
			if full != nil {
				return nil, full // no room even for that: nothing is kept
			}
			return nil, err
		}
	}
	at := w.Folder.Final
	final := at // CommitAt moves Folder.Final to at
	if !o.Complete && output.Occupied(at) {
		at = PartialPath(at)
		if rows := w.moreAt(at, done); rows != nil {
			// An earlier interruption of this command got further: its
			// runs are a superset of these, and replacing them would lose
			// work --resume could continue.
			w.Discard()
			if full != nil {
				// The disk filled up, no one stopped the command: it
				// says so, with status 1, not as an interruption.
				return nil, fmt.Errorf("%w; the %s are not kept: %s holds %s of this command from an earlier try, kept as it was: %s, then this completes it: %s",
					full, words.Count(len(done), "finished run"), at, words.Count(len(rows), "run"), makeRoom(full), resumeCommand(kept, final, true))
			}
			o.Dir, o.Rows, o.Groups = at, rows, w.X.Groups(rows)
			return o, fmt.Errorf("%w after %s, fewer than the %s that %s holds from an earlier interruption of this command: that folder is kept as it was",
				runs.ErrInterrupted, words.Count(len(done), "run"), words.Whole(int64(len(rows))), at)
		}
		if m, err := output.ReadManifest(at); err == nil && !m.Complete && BaseCommandLine(m.CommandLine) != BaseCommandLine(w.X.RecordedCommandLine()) {
			o.Replaced = words.Count(len(m.Runs), "finished run") + " of " + RerunCommandLine(m)
		}
	}
	if err := w.Folder.CommitAt(at); err != nil {
		w.keep = true
		moved := w.Folder.Dir != at // else in place, as the error says
		if full != nil {
			// The full disk is the failure (status 1), and the folder
			// that was in the way only where the runs are: were its
			// error wrapped, it would be bad input (status 2, "nothing
			// is written"), and the full disk's message would keep the
			// hidden name of the file that found no room.
			if errors.Is(err, output.ErrNotOurs) {
				err = fmt.Errorf("--out: %v", err)
			}
			if moved {
				// --resume looks for them at DIR and DIR.partial only.
				err = fmt.Errorf("%v; the finished runs are kept at %s (marked incomplete): %s, move it to %s (what is there moved away first), then this completes it: %s",
					err, w.Folder.Dir, makeRoom(full), at, resumeCommand(kept, final, true))
			}
			return nil, fmt.Errorf("%w; %v", full, err)
		}
		if errors.Is(err, output.ErrNotOurs) {
			err = badInput("--out: %v", err)
		}
		if !o.Complete {
			// Interrupted, and that is what the status says (130):
			// the runs finished are in the folder, wherever it is.
			o.Dir = w.Folder.Dir
			if moved {
				err = fmt.Errorf("%w; the finished runs are kept at %s (marked incomplete)", err, w.Folder.Dir)
			}
			return o, fmt.Errorf("%w: %w", runs.ErrInterrupted, err)
		}
		if moved {
			err = fmt.Errorf("%w; the new folder is kept at %s", err, w.Folder.Dir)
		}
		return nil, err
	}
	o.Dir = at
	if full != nil {
		if at != final {
			at += " (" + final + " is unchanged)"
		}
		at += ", marked incomplete"
		if o.Replaced != "" {
			// As an interruption says it: the runs of another command
			// line that were there are gone.
			at += ", in place of the " + o.Replaced + " that were there"
		}
		return nil, fmt.Errorf("%w; the %s are kept in %s: %s, then this completes it: %s",
			full, words.Count(len(done), "finished run"), at, makeRoom(full), resumeCommand(kept, final, true))
	}
	if o.Complete && w.resume != "" && w.resume != at {
		// The partial folder this one continued is finished with.
		if err := output.RemoveOurs(w.resume, w.X.Owner()); err != nil {
			return o, fmt.Errorf("%s is complete, but %s, which it continued, could not be removed: %w", at, w.resume, err)
		}
	}
	return o, stopped
}

// makeRoom is what to do about err, a write the disk had no room for
// (noRoom), before the command is given again: under a limit on file
// size, free space is not what is missing.
func makeRoom(err error) string {
	if errors.Is(err, syscall.EFBIG) {
		return "raise the limit on file size (ulimit -f)"
	}
	return "free some space"
}

// noRoom reports whether err is a write the disk had no room for: full,
// a quota used up, or a limit on file size.
func noRoom(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG)
}

// moreAt is the rows of the interrupted folder of this plan at dir
// when it holds more runs than done, the runs of the folder being
// finished, interrupted too; nil otherwise (nothing there, another
// plan's or model version's folder, a complete one, one that holds no
// more, or one whose tables do not agree with its manifest: replacing
// those loses nothing --resume would continue). Both folders hold a
// prefix of the plan's jobs, so the larger holds every run of the other.
func (w *Writer) moreAt(dir string, done []int) []output.SummaryRow {
	m, err := output.ReadManifest(dir)
	if err != nil || m.Complete || len(m.Runs) <= len(done) || sameModelVersion(dir, m) != nil ||
		resumableFrom(w.X, w.Folder.Final, dir, m, output.SHA256(w.scenarioTOML)) != nil {
		return nil
	}
	for i, id := range done {
		if m.Runs[i].ID != id {
			return nil
		}
	}
	rows, err := runsOf(dir, m)
	if err != nil {
		return nil
	}
	return rows
}

// finishComplete writes what a complete folder derives from its runs
// (f.Derive's tables, the figures, the report) and its manifest m,
// checking ctx between them and once more when all is written: an error
// wrapping runs.ErrInterrupted says that ctx ended first.
func (w *Writer) finishComplete(ctx context.Context, f Finish, m *output.Manifest, o *Outcome) error {
	stop := func(before string) error {
		if ctx.Err() != nil {
			return fmt.Errorf("%w %s", runs.ErrInterrupted, before)
		}
		return nil
	}
	if err := stop("before the results were written"); err != nil {
		return err
	}
	if f.Derive != nil {
		derived, err := f.Derive(w.Folder.Dir, m)
		if err != nil {
			return err
		}
		w.tables = append(w.tables, derived...)
		if err := stop("while writing the results"); err != nil {
			return err
		}
	}
	if len(f.Figures) > 0 { // a shard has none, and no figures folder
		var err error
		if o.Drawn, o.Figures, err = DrawFiguresContext(ctx, w.Folder.Dir, m, f.Figures, f.Formats); err != nil {
			return err
		}
	}
	if f.Report != nil {
		if err := stop("while writing the results"); err != nil {
			return err
		}
		report, err := f.Report(o.Drawn, o.Groups)
		if err != nil {
			return err
		}
		if err := output.WriteReport(w.Folder.Dir, m, report); err != nil {
			return err
		}
	}
	if err := stop("while writing the results"); err != nil {
		return err
	}
	if err := w.writeManifest(m, o.Figures); err != nil {
		return err
	}
	// The last moment to stop: after it the folder is swapped into place.
	return stop("before the results were put in place")
}

// writeManifest records the checksums of the folder's tables and of
// figures in m and writes it.
func (w *Writer) writeManifest(m *output.Manifest, figures []string) error {
	var err error
	if m.Tables, err = w.checkTables(); err != nil {
		return err
	}
	if m.Figures, err = output.Check(w.Folder.Dir, figures); err != nil {
		return err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	return m.Write(w.Path("manifest.json"))
}

// removeDerived removes from the folder being written everything but
// scenario.toml and its listed tables: the derived tables, figures and
// report of a complete folder that was interrupted before it was swapped
// into place, which its manifest, marking it incomplete, does not list.
func (w *Writer) removeDerived() error {
	keep := map[string]bool{"scenario.toml": true} // looked up only
	for _, t := range w.tables {
		keep[t] = true
	}
	entries, err := os.ReadDir(w.Folder.Dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			if err := os.RemoveAll(w.Path(e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkTables is output.Check of the folder's tables, taking the
// checksums of those Start opened from what was written to them, which
// saves reading them back.
func (w *Writer) checkTables() ([]output.Checked, error) {
	var out []output.Checked
	for _, name := range w.tables {
		c, ok := w.written[name]
		if !ok {
			read, err := output.Check(w.Folder.Dir, []string{name})
			if err != nil {
				return nil, err
			}
			c = read[0]
		}
		c.File = name
		out = append(out, c)
	}
	return out, nil
}

// closeTables closes every table and reports the first error: a full
// disk fails them all alike, and one line says it.
func (w *Writer) closeTables() error {
	var first error
	names := [...]string{"timeseries.csv", "summary.csv", "locations.csv"}
	for i, c := range [...]*output.CSVFile{w.ts, w.sum, w.loc} {
		if c == nil {
			continue
		}
		if err := c.Close(); first == nil {
			first = err
		}
		if sums, ok := c.Checked(); ok {
			w.written[names[i]] = sums
		}
	}
	w.ts, w.sum, w.loc = nil, nil, nil
	if w.events != nil {
		err := w.events.Close()
		if first == nil {
			first = err
		}
		if err == nil {
			w.written[output.EventsTable] = w.eventSums.Sums()
		}
		w.events = nil
	}
	return first
}

// Discard removes the folder being written, unless Finish has swapped it
// into place (or could not, and kept it).
func (w *Writer) Discard() {
	w.releaseRoom()
	w.closeTables()
	if !w.keep {
		w.Folder.Discard()
	}
}

// NotStarted is the error, wrapping runs.ErrInterrupted, that a command
// returns when ctx ended before its folder was started (while its plan
// was prepared, say), writing nothing, not even a folder of no runs; nil
// if ctx has not ended. Write checks it; callers of Start check it first.
func NotStarted(ctx context.Context) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w before any run: nothing was written", runs.ErrInterrupted)
	}
	return nil
}

// contrast is the sweep's contrast, "a-b", whose paired differences
// contrast.csv holds: "" if the plan is no sweep or has none.
func contrast(x *Prepared) string {
	if x.Sweep == nil {
		return ""
	}
	if _, _, ok := SplitContrast(x.Sweep.Contrast, x.Regimes); !ok {
		return ""
	}
	return x.Sweep.Contrast
}

// Options say how Write runs a plan.
type Options struct {
	// Workers is how many runs go at once (below 1: one); fewer if
	// Limits allow no more (Outcome.Workers). The folder is the same
	// bytes whatever it is.
	Workers int
	// Jobs are the runs the folder holds, in order; nil: every run.
	Jobs []int
	// Resume, if set, is an interrupted folder of the same plan whose
	// tables hold a prefix of Jobs (see Resumable); Done are its rows.
	Resume string
	Done   []output.SummaryRow
	// Formats are the figure formats, of "png", "svg" and "pdf"; none: no
	// figures; another is bad input, refused before any run (Start). A
	// shard draws none, but records them for merge (see Finish).
	Formats []string
	// FigureOptions say how the figures are drawn (and are recorded for
	// `plot` and, in a shard, for merge); nil: output.DefaultFigureOptions.
	FigureOptions *output.FigureOptions
	// Progress, if set, is told how many of the folder's runs are done
	// after each run.
	Progress func(done int)
	// Force allows replacing a folder that holds files borderwork did not
	// write (they are kept), or another command's or scenario's folder.
	Force bool
	// Limits bound the memory and work of the run; the zero value sets
	// none.
	Limits runs.Limits
	// ManifestAdds is how many bytes the caller's Finish.Manifest adds
	// to the manifest (a sensitivity analysis' design), for the room a
	// sweep or sensitivity analysis holds to keep its runs should the
	// disk fill up (ErrOutOfRoom).
	ManifestAdds int
	// Scratch says that the folder is a rerun its caller removes once
	// it is compared (reproduce's): a full disk keeps none of its runs,
	// as a command that cannot be resumed keeps none, and the message
	// quotes no --resume of a folder about to be removed.
	Scratch bool
}

// Write runs the plan's jobs and writes a complete output folder of its
// kind at out: the tables, stats.csv, the kind's figures, report.md and
// manifest.json. It refuses, before starting, a plan beyond o.Limits, and
// runs on fewer workers than o.Workers if memory allows no more at once.
// On interruption it keeps the runs finished, marks the manifest
// incomplete, and returns the outcome with an error wrapping
// runs.ErrInterrupted; interrupted before it starts, it writes nothing and
// returns no outcome. It sets x.FigureOptions to the folder's: write one
// folder of x at a time.
func Write(ctx context.Context, x *Prepared, out string, o Options) (*Outcome, error) {
	k, ok := KindOf(x.Command)
	if !ok {
		return nil, fmt.Errorf("experiment: no kind of folder for command %q", x.Command)
	}
	if o.FigureOptions != nil {
		if err := CheckFigureOptions(*o.FigureOptions, x.Regimes); err != nil {
			return nil, err
		}
		if err := CheckLabels(o.FigureOptions.Labels, LabelKeys(&output.Manifest{Command: x.Command, Sweep: x.Sweep}), x.Command, "--label"); err != nil {
			return nil, err
		}
	}
	jobs := o.Jobs
	if jobs == nil {
		jobs = x.AllJobs()
	}
	if len(o.Done) > len(jobs) {
		return nil, badInput("the folder to resume holds more runs (%d) than this one (%d)", len(o.Done), len(jobs))
	}
	workers, err := x.Fit(o.Limits, len(jobs), max(o.Workers, 1))
	if err != nil {
		return nil, err
	}
	if err := fitsOnDisk(x, out, len(jobs)-len(o.Done), o.Resume); err != nil {
		return nil, err
	}
	if err := NotStarted(ctx); err != nil {
		return nil, err
	}
	w, err := Start(x, out, o)
	if err != nil {
		return nil, err
	}
	defer w.Discard()
	runErr := w.Run(ctx, jobs[len(o.Done):], workers, o.Progress)
	if runErr != nil && !errors.Is(runErr, runs.ErrInterrupted) && !errors.Is(runErr, ErrOutOfRoom) {
		return nil, runErr
	}
	if err := w.NoneFinished(runErr); err != nil {
		return nil, err
	}
	f := Finish{Complete: runErr == nil, Formats: o.Formats, Figures: k.Figures, FigureOptions: o.FigureOptions}
	shard := x.Sweep != nil && x.Sweep.Shard != ""
	if shard {
		f.Figures = nil // merge draws them, from the whole
	}
	if k.Report != nil && !shard { // merge writes it, from the whole
		f.Report = func(drawn []Drawn, groups []output.Group) ([]byte, error) {
			return k.Report(x, w.Folder.Dir, drawn, groups)
		}
	}
	res, err := w.Finish(ctx, f)
	if err != nil && !errors.Is(err, runs.ErrInterrupted) {
		return nil, err
	}
	res.Workers = workers
	if runErr == nil || err != nil {
		runErr = err // interrupted while the results were written, or kept where they were
	}
	return res, runErr
}

// NoneFinished is, given the error of Run, the error to return in place
// of finishing the folder when Run was interrupted before any of its
// runs finished (none resumed either): nothing is written (the caller
// discards w), as when a command is stopped before its first run. A
// folder of no runs kept at out.partial replaced what was there, another
// command's finished runs, maybe hours of a sweep --resume could
// complete, for nothing. It is nil otherwise.
func (w *Writer) NoneFinished(runErr error) error {
	if errors.Is(runErr, runs.ErrInterrupted) && len(w.Rows) == 0 {
		return nothingWritten(runErr)
	}
	return nil
}

func badInput(format string, args ...any) error { return runs.BadInput(format, args...) }

// checkKind refuses a plan whose folder the command line it records
// would not rerun: a sweep without the design NewSweep records (Sweep),
// whose report could not say what was varied, and a run or compare that
// varies keys, which neither command does.
func checkKind(x *Prepared) error {
	switch {
	case x.Command == "sweep" && x.Sweep == nil:
		return badInput("experiment: the sweep's plan records no design (Plan.Sweep), which its folder's command line and report need; plan the sweep with NewSweep, or run its points with Prepared.Execute, which writes no folder")
	case (x.Command == "run" || x.Command == "compare") && len(x.Keys) > 0:
		return badInput("experiment: a %s varies no key, but the plan varies %s; plan a sweep with NewSweep", x.Command, strings.Join(x.Keys, ", "))
	}
	return nil
}
