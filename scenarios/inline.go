package scenarios

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// csvLine is a line that sets inflow_csv and nothing else, perhaps with
// a comment: the only kind InlineInflows rewrites.
var csvLine = regexp.MustCompile(`^([ \t]*)inflow_csv[ \t]*=[ \t]*(?:"(?:[^"\\]|\\.)*"|'[^']*')[ \t]*(?:#(.*))?$`)

// InlineInflows is the scenario's text as read (Raw), with each origin's
// inflow_csv line replaced by the inflow_schedule read from its file:
// the same scenario, which reads no other file. A page's scenario may
// read none (see web's noFiles), and a teacher's file beside its CSV
// should still open there. Every other line, comments included, stays
// as written. It is Raw itself when no origin read a file. An inflow_csv
// not on a line of its own (in an inline table, say) is an error naming
// the file, line and key, and saying what to write instead.
func (s *Scenario) InlineInflows() ([]byte, error) {
	if len(s.inflowFiles) == 0 {
		return s.Raw, nil
	}
	lines := strings.SplitAfter(string(s.Raw), "\n")
	var errs Errors
	for i := range s.File.Origins { // in file order, so errors are too
		name, ok := s.inflowFiles[i]
		if !ok {
			continue
		}
		key := fmt.Sprintf("origins.%d.inflow_csv", i)
		n := s.lines.lineOf(key)
		var m []string
		if n >= 1 && n <= len(lines) {
			m = csvLine.FindStringSubmatch(strings.TrimRight(lines[n-1], "\r\n"))
		}
		if m == nil {
			errs = append(errs, &Error{File: s.display, Line: n, Key: s.displayKey(key),
				Msg: fmt.Sprintf("%s: cannot be written into the scenario here (inflow_csv is not on a line of its own); give the file's day,rate rows in its place as inflow_schedule = [{from = 0, rate = 8}, {from = 90, rate = 4}]", name)})
			continue
		}
		indent, comment := m[1], "the day,rate rows of "+name+", written here"
		if c := strings.TrimSpace(m[2]); c != "" {
			comment += "; " + c
		}
		eol := lines[n-1][len(strings.TrimRight(lines[n-1], "\r\n")):]
		var b strings.Builder
		fmt.Fprintf(&b, "%sinflow_schedule = [    # %s%s", indent, comment, lineEnd(eol))
		for _, st := range s.File.Origins[i].InflowSchedule {
			fmt.Fprintf(&b, "%s  {from = %d, rate = %s},%s", indent, st.From, strconv.FormatFloat(st.Rate, 'g', -1, 64), lineEnd(eol))
		}
		fmt.Fprintf(&b, "%s]%s", indent, eol)
		lines[n-1] = b.String()
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	out := []byte(strings.Join(lines, ""))
	// Read back, with no folder to read a file from: the schedules must
	// be the ones the files gave, or the page would run another scenario.
	back, err := Parse(out, s.display, s.Source, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: the inflow files written into the scenario do not read back: %w", s.display, err)
	}
	for i := range s.File.Origins {
		if _, ok := s.inflowFiles[i]; ok && (i >= len(back.File.Origins) || !slices.Equal(back.File.Origins[i].InflowSchedule, s.File.Origins[i].InflowSchedule)) {
			return nil, fmt.Errorf("%s: origins.%d: the inflow written into the scenario reads back otherwise", s.display, i)
		}
	}
	return out, nil
}

// lineEnd is the line ending the file uses (eol, that of the replaced
// line; "\n" when it was the last line and had none).
func lineEnd(eol string) string {
	if eol == "" {
		return "\n"
	}
	return eol
}
