package dtm

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/internal/infile"
	"golang.org/x/text/unicode/norm"
)

// Incident is one record of IOM's Missing Migrants Project (MMP) that the
// selection of data/dtm-niger/README.md keeps: an incident in Niger on
// the desert routes, with the dead and missing it records.
type Incident struct {
	ID          string
	Month       time.Time // first day of the month of the incident
	DeadMissing float64
	Route       string // RouteLibya, RouteAlgeria, RouteAgadez or RouteNiger
	Location    string
	Line        int
}

// The routes an incident is sorted into, by the places its location names.
const (
	RouteLibya   = "Niger-Libya"
	RouteAlgeria = "Niger-Algeria"
	RouteAgadez  = "Agadez"
	RouteNiger   = "Niger, unspecified"
)

// Routes lists the routes in the order tables give them.
var Routes = []string{RouteLibya, RouteAlgeria, RouteAgadez, RouteNiger}

var (
	nigerWord = regexp.MustCompile(`(?i)\bniger\b`)
	// Places in the south of Niger or in Benin, off the desert routes.
	southern = []string{"diffa", "niamey", "zinder", "maradi", "dosso", "tahoua", "garinkowa", "taza", "malanville"}
	// Places that put an incident on a route.
	libyaPlaces   = []string{"séguédine", "seguedine", "dirkou", "madama", "dao timmi", "djado", "toummo", "libya"}
	algeriaPlaces = []string{"arlit", "assamaka", "in-guezzam", "in guezzam", "algeria"}
)

// mmpColumns are the names MMP's exports have given each column over the
// years; the first found is used.
var mmpColumns = map[string][]string{
	"id":       {"web id", "main id", "incident id"},
	"date":     {"incident date", "reported date"},
	"year":     {"incident year", "reported year", "year"},
	"month":    {"reported month", "incident month", "month"},
	"total":    {"total number of dead and missing", "total dead and missing"},
	"location": {"location of incident", "location description"},
	"country":  {"country of incident"},
}

// ReadMMPFile reads the export at path, at most infile.ExportLimit
// bytes, with ReadMMP.
func ReadMMPFile(path string, first, last time.Time) ([]Incident, error) {
	// Streamed, not read whole: ReadMMP keeps only the incidents.
	f, err := infile.Export.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	return ReadMMP(f, path, first, last)
}

// mmpMaxLine is the most bytes a line of an export may hold: its rows
// hold a few hundred, and a few thousand with a long source description.
const mmpMaxLine = 1 << 20

// ReadMMP reads an export of the Missing Migrants Project's incidents (a
// CSV file the user downloads from missingmigrants.iom.int; borderwork
// bundles none) and keeps the incidents dated from first to last month
// (inclusive) in Niger on the desert routes, as data/dtm-niger/README.md
// says: a location that names Niger (the word, not Nigeria) or a country
// of incident that is Niger, except places in the south; sorted into
// routes by the places named. name is used in messages.
func ReadMMP(r io.Reader, name string, first, last time.Time) ([]Incident, error) {
	cr := csv.NewReader(infile.SkipBOM(infile.LineLimit(r, mmpMaxLine)))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		var long *infile.LongLineError
		var pe *csv.ParseError
		switch {
		case errors.As(err, &long):
			return nil, fmt.Errorf("%s:%d: %w: %v", name, long.Line, ErrMMP, err)
		case errors.As(err, &pe):
			// A header with a quote left open: there is a header line,
			// and "no header line" sent the user looking for none.
			return nil, fmt.Errorf("%s:%d: %w: %v", name, pe.StartLine, ErrMMP, err)
		}
		return nil, fmt.Errorf("%s: %w: no header line", name, ErrMMP)
	}
	if err := notUTF8(name, cr, head); err != nil {
		return nil, err
	}
	col := map[string]int{}
	for key, names := range mmpColumns {
		for _, n := range names {
			if i := slices.IndexFunc(head, func(h string) bool { return strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), n) }); i >= 0 {
				col[key] = i
				break
			}
		}
	}
	for _, need := range []string{"total", "location"} {
		if _, ok := col[need]; !ok {
			semicolons := ""
			if len(head) == 1 && strings.Contains(head[0], ";") {
				semicolons = "; the file looks separated by semicolons, as a spreadsheet set to a European language saves it: save it with commas between columns, or download the export again"
			}
			return nil, fmt.Errorf("%s:1: %w: no column %q (want one of %s)%s", name, ErrMMP, need, strings.Join(mmpColumns[need], ", "), semicolons)
		}
	}
	_, hasDate := col["date"]
	_, hasYear := col["year"]
	_, hasMonth := col["month"]
	if !hasDate && !(hasYear && hasMonth) {
		return nil, fmt.Errorf("%s:1: %w: no date column (want %s, or a year and a month)", name, ErrMMP, strings.Join(mmpColumns["date"], " or "))
	}
	field := func(rec []string, key string) string {
		if i, ok := col[key]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []Incident
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// Not FieldPos: it panics after an error in a record's first
			// field (a quote left open, as in an export cut short), which
			// leaves the record no fields. The error's own line is where
			// the record starts.
			var pe *csv.ParseError
			var long *infile.LongLineError
			switch {
			case errors.As(err, &pe):
				return nil, fmt.Errorf("%s:%d: %w: %v", name, pe.StartLine, ErrMMP, err)
			case errors.As(err, &long):
				return nil, fmt.Errorf("%s:%d: %w: %v", name, long.Line, ErrMMP, err)
			}
			return nil, fmt.Errorf("%s: %w: %v", name, ErrMMP, err)
		}
		line, _ := cr.FieldPos(0)
		if err := notUTF8(name, cr, rec); err != nil {
			return nil, err
		}
		loc := field(rec, "location")
		if !inNigerDesert(loc, field(rec, "country")) {
			continue
		}
		month, why := incidentMonth(field(rec, "date"), field(rec, "year"), field(rec, "month"))
		if why != "" {
			return nil, fmt.Errorf("%s:%d: %w: %s (date %q, year %q, month %q)", name, line, ErrMMP, why, field(rec, "date"), field(rec, "year"), field(rec, "month"))
		}
		if month.Before(first) || month.After(last) {
			continue
		}
		n := 0.0
		if t := field(rec, "total"); t != "" {
			// A comma may only group thousands (1,200): "2,5", a decimal
			// comma, was read as 25 people.
			if strings.Contains(t, ",") && !thousands.MatchString(t) {
				err = errors.New("not grouped in thousands")
			} else {
				n, err = strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
			}
			if err != nil || !(n >= 0 && n <= data.MaxCount) || n != math.Trunc(n) {
				return nil, fmt.Errorf("%s:%d: %s: %w: %q is not a whole number of people from 0 to %d", name, line, head[col["total"]], ErrMMP, t, data.MaxCount)
			}
		}
		out = append(out, Incident{ID: field(rec, "id"), Month: month, DeadMissing: n, Route: route(loc), Location: loc, Line: line})
	}
	return out, nil
}

// ErrMMP is wrapped by every error about an MMP file's content.
var ErrMMP = errors.New("not a Missing Migrants Project export this reader understands")

// notUTF8 is an error naming the first field of rec (the record cr just
// read) that is not UTF-8 text, or nil. MMP's exports are UTF-8; one
// opened in Excel on Windows and saved as "CSV (Comma delimited)" is in
// Windows-1252, where the é of Séguédine is one byte that no place name
// matches: its incidents would be put on no route, silently.
func notUTF8(name string, cr *csv.Reader, rec []string) error {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			line, _ := cr.FieldPos(i)
			return fmt.Errorf("%s:%d: column %d: %w: %q is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's \"CSV (Comma delimited)\" saves it): save it as \"CSV UTF-8\", or download the export again", name, line, i+1, ErrMMP, f)
		}
	}
	return nil
}

// placeText is a location as the place names above are matched with it:
// in lower case and in Unicode's composed form (NFC), so that an é typed
// as e and an accent (as macOS and some PDFs give it) is the é of
// séguédine.
func placeText(loc string) string { return strings.ToLower(norm.NFC.String(loc)) }

func inNigerDesert(loc, country string) bool {
	if !nigerWord.MatchString(loc) && !strings.EqualFold(country, "Niger") {
		return false
	}
	l := placeText(loc)
	return !slices.ContainsFunc(southern, func(p string) bool { return strings.Contains(l, p) })
}

func route(loc string) string {
	l := placeText(loc)
	has := func(places []string) bool {
		return slices.ContainsFunc(places, func(p string) bool { return strings.Contains(l, p) })
	}
	switch {
	case has(libyaPlaces):
		return RouteLibya
	case has(algeriaPlaces):
		return RouteAlgeria
	case strings.Contains(l, "agadez"):
		return RouteAgadez
	}
	return RouteNiger
}

var (
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-\d{2}`)
	// MMP's "Thu, 06/02/2016 - 12:00" is month/day/year; saved again by
	// a spreadsheet set to another language, "02/06/2016" is day/month.
	slashDate = regexp.MustCompile(`(\d{1,2})/(\d{1,2})/(\d{4})`)
	thousands = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
	weekday   = regexp.MustCompile(`(?i)^\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b`)
)

// incidentMonth reads the month of an incident from a date column, or
// from year and month columns ("2016" and "Jun" or "June" or "6"). A
// date written with slashes is month/day/year in MMP's exports but
// day/month/year once a spreadsheet set to a European language has
// saved the file again: the reading is the one its weekday (MMP's "Thu,
// ") or the month column agrees with, or the only one that is a date;
// otherwise the month is not known, and why is said. Read as
// month/day/year whatever the file, 02/06/2016 (2 June) was February.
func incidentMonth(date, year, month string) (time.Time, string) {
	if m := isoDate.FindStringSubmatch(date); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return monthStart(y, mo)
	}
	fromColumns, columnsWhy := columnsMonth(year, month)
	m := slashDate.FindStringSubmatch(date)
	if m == nil {
		return fromColumns, columnsWhy
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	var readings []time.Time // month/day/year, then day/month/year
	for _, md := range [][2]int{{a, b}, {b, a}} {
		d := time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC)
		if md[0] >= 1 && md[0] <= 12 && d.Day() == md[1] && !slices.ContainsFunc(readings, d.Equal) {
			readings = append(readings, d)
		}
	}
	if w := weekday.FindStringSubmatch(date); w != nil {
		readings = slices.DeleteFunc(readings, func(d time.Time) bool {
			return !strings.EqualFold(d.Weekday().String()[:3], w[1])
		})
	}
	if columnsWhy == "" {
		if i := slices.IndexFunc(readings, func(d time.Time) bool { return d.Year() == fromColumns.Year() && d.Month() == fromColumns.Month() }); i >= 0 {
			readings = readings[i : i+1]
		}
	}
	if len(readings) == 1 {
		return monthStart(readings[0].Year(), int(readings[0].Month()))
	}
	if len(readings) == 0 {
		return time.Time{}, fmt.Sprintf("%q is no date as month/day/year or day/month/year", date)
	}
	return time.Time{}, fmt.Sprintf("%q could be month/day/year (%s) or day/month/year (%s), and no weekday or month column says which", date, readings[0].Format("2 January 2006"), readings[1].Format("2 January 2006"))
}

// columnsMonth reads the month from year and month columns, or says why
// it cannot.
func columnsMonth(year, month string) (time.Time, string) {
	y, err := strconv.Atoi(year)
	if err != nil {
		return time.Time{}, "no date this reader understands"
	}
	if mo, err := strconv.Atoi(month); err == nil {
		return monthStart(y, mo)
	}
	for mo := time.January; mo <= time.December; mo++ {
		if len(month) >= 3 && strings.HasPrefix(strings.ToLower(mo.String()), strings.ToLower(month)) {
			return monthStart(y, int(mo))
		}
	}
	return time.Time{}, "no date this reader understands"
}

func monthStart(y, mo int) (time.Time, string) {
	if mo < 1 || mo > 12 || y < 1900 || y > 2200 {
		return time.Time{}, "no date this reader understands"
	}
	return time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC), ""
}
