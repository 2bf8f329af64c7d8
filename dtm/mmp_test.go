package dtm

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// invented is a made-up export in the shape of MMP's: every row is
// invented for this test, none is MMP's.
const invented = `Web ID,Region of Incident,Reported Date,Reported Year,Reported Month,Number Dead,Minimum Estimated Number of Missing,Total Dead and Missing,Location Description
1,Africa,"Wed, 06/01/2016 - 12:00",2016,Jun,3,,3,"Near Séguédine, Niger, on the way to Libya"
2,Africa,"Thu, 06/02/2016 - 12:00",2016,Jun,2,1,3,"Kano, Nigeria"
3,Africa,"Fri, 07/15/2016 - 12:00",2016,Jul,1,,1,"Between Arlit and Assamaka, Niger"
4,Africa,"Sat, 08/20/2016 - 12:00",2016,Aug,4,,4,"Agadez, Niger"
5,Africa,"Sun, 09/11/2016 - 12:00",2016,Sep,2,,2,"Diffa region, Niger"
6,Africa,"Mon, 01/09/2017 - 12:00",2017,Jan,5,2,7,"Desert, Niger"
7,Africa,"Tue, 05/30/2017 - 12:00",2017,May,10,,10,"Dirkou, Niger"
8,Africa,"Fri, 01/05/2018 - 12:00",2018,Jan,1,,1,"Near Dirkou, Niger"
`

func TestReadMMP(t *testing.T) {
	got, err := ReadMMP(strings.NewReader(invented), "mmp.csv", date("2016-01-01"), date("2017-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	type inc struct {
		id, month, route string
		n                float64
	}
	want := []inc{
		{"1", "2016-06", RouteLibya, 3},
		{"3", "2016-07", RouteAlgeria, 1},
		{"4", "2016-08", RouteAgadez, 4},
		{"6", "2017-01", RouteNiger, 7},
		{"7", "2017-05", RouteLibya, 10},
	}
	if len(got) != len(want) {
		t.Fatalf("kept %d incidents: %+v; want %d (not Nigeria, not the south, not 2018)", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Month.Format("2006-01") != w.month || g.Route != w.route || g.DeadMissing != w.n {
			t.Errorf("incident %d = %s %s %s %v; want %+v", i, g.ID, g.Month.Format("2006-01"), g.Route, g.DeadMissing, w)
		}
	}
	months := MMPByMonth(got)
	if len(months) != 5 || months[0].Incidents != 1 || months[4].DeadMissing != 10 {
		t.Errorf("MMPByMonth = %+v", months)
	}
}

// TestReadMMPColumns: the newer export names its columns otherwise, and
// gives ISO dates.
func TestReadMMPColumns(t *testing.T) {
	newer := "Main ID,Incident Date,Incident year,Reported Month,Total Number of Dead and Missing,Location of Incident,Country of Incident\n" +
		"a1,2017-06-12,2017,June,52,Near the desert town,Niger\n" +
		"a2,2017-06-13,2017,June,5,Near the desert town,Nigeria\n"
	got, err := ReadMMP(strings.NewReader(newer), "new.csv", date("2016-01-01"), date("2017-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "a1" || got[0].DeadMissing != 52 || got[0].Route != RouteNiger {
		t.Errorf("ReadMMP = %+v", got)
	}
}

func TestReadMMPRejects(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"empty", "", "f.csv: "},
		{"no total", "Web ID,Reported Date,Location Description\n", `f.csv:1: not a Missing Migrants Project export this reader understands: no column "total"`},
		{"no date", "Total Dead and Missing,Location Description\n1,\"Dirkou, Niger\"\n", "f.csv:1: not a Missing Migrants Project export this reader understands: no date column"},
		// Saved by a spreadsheet set to a European language: one column.
		{"semicolons", "Web ID;Reported Date;Total Dead and Missing;Location Description\n1;2016-06-01;3;Dirkou, Niger\n", `f.csv:1: not a Missing Migrants Project export this reader understands: no column "total" (want one of total number of dead and missing, total dead and missing); the file looks separated by semicolons`},
		{"bad number", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,many,\"Dirkou, Niger\"\n", `f.csv:2: Total Dead and Missing: not a Missing Migrants Project export this reader understands: "many"`},
		{"negative", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,-3,\"Dirkou, Niger\"\n", `f.csv:2: Total Dead and Missing: not a Missing Migrants Project export this reader understands: "-3" is not a whole number of people from 0 to 1000000000`},
		{"NaN", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,NaN,\"Dirkou, Niger\"\n", `f.csv:2: Total Dead and Missing: not a Missing Migrants Project export this reader understands: "NaN" is not a whole number of people from 0 to 1000000000`},
		{"infinite", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,inf,\"Dirkou, Niger\"\n", `"inf" is not a whole number of people`},
		// A typing error of many digits, or a share of a person, is no
		// count: the sum of the month's deaths was +Inf in mmp.csv.
		{"huge", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,1e308,\"Dirkou, Niger\"\n", `"1e308" is not a whole number of people from 0 to 1000000000`},
		{"a fraction", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,2.5,\"Dirkou, Niger\"\n", `"2.5" is not a whole number of people`},
		// A decimal comma (a spreadsheet in French or German): the comma
		// was dropped as a thousands separator, and 2,5 read as 25.
		{"a decimal comma", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,\"2,5\",\"Dirkou, Niger\"\n", `"2,5" is not a whole number of people`},
		{"a comma out of place", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,\"12,00\",\"Dirkou, Niger\"\n", `"12,00" is not a whole number of people`},
		{"bad date", "Reported Date,Total Dead and Missing,Location Description\nsoon,1,\"Dirkou, Niger\"\n", "f.csv:2: not a Missing Migrants Project export"},
		// An export cut short in a quoted first field, or a stray quote
		// there: the reader panicked, asking the row for its first
		// field's line when an error had left it none.
		{"cut short in a quote", "Reported Date,Total Dead and Missing,Location Description\n2016-06-01,1,x\n\"Dirkou, Ni", `f.csv:3: not a Missing Migrants Project export this reader understands: parse error on line 3, column 12: extraneous or missing " in quoted-field`},
		{"a quote open in the header", "Reported Date,\"Total Dead and Missing,Location Description\n2016-06-01,1,x\n", `f.csv:1: not a Missing Migrants Project export this reader understands: record on line 1; parse error on line 2, column 16: extraneous or missing " in quoted-field`},
		{"a stray quote first", "Reported Date,Total Dead and Missing,Location Description\n20\"16-06-01,1,x\n", `f.csv:2: not a Missing Migrants Project export this reader understands: parse error on line 2, column 3: bare " in non-quoted-field`},
		{"a quote open over lines", "Reported Date,Total Dead and Missing,Location Description\n\"2016-06-01,1,x\n\n\n", `f.csv:2: not a Missing Migrants Project export this reader understands: record on line 2; parse error on line 4, column 2: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		_, err := ReadMMP(strings.NewReader(tt.body), "f.csv", date("2016-01-01"), date("2017-12-01"))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrMMP) {
			t.Errorf("%s: ReadMMP error = %v; want one wrapping ErrMMP containing %q", tt.name, err, tt.want)
		}
	}
}

// TestReadMMPFile: an export saved with a byte-order mark reads as one
// without, and a device is refused before it is read.
func TestReadMMPFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mmp.csv")
	if err := os.WriteFile(path, []byte("\uFEFF"+invented), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadMMPFile(path, date("2016-01-01"), date("2017-12-01"))
	want, _ := ReadMMP(strings.NewReader(invented), path, date("2016-01-01"), date("2017-12-01"))
	if err != nil || len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("ReadMMPFile with a byte-order mark = %v, %v; want %v", got, err, want)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if _, err := ReadMMPFile("/dev/zero", date("2016-01-01"), date("2017-12-01")); err == nil || err.Error() != "/dev/zero: is not a regular file (a pipe, a device or a socket)" {
		t.Errorf("ReadMMPFile(/dev/zero) = %v", err)
	}
}

// TestReadMMPLongLine: a line longer than any export's (a file with no
// line break, or a binary file given as --mmp) is refused naming its
// line, before encoding/csv holds it: one line of 250 MB took 1.7 GB,
// and was read as a header naming no rows. Lines of a few KB read.
func TestReadMMPLongLine(t *testing.T) {
	head := "Reported Date,Total Dead and Missing,Location Description"
	row := "\n2016-06-01,3,\"Dirkou, Niger: " + strings.Repeat("a long description ", 200) + "\""
	if got, err := ReadMMP(strings.NewReader(head+row), "f.csv", date("2016-01-01"), date("2017-12-01")); err != nil || len(got) != 1 {
		t.Errorf("ReadMMP of a row of %d bytes = %v, %v; want one incident", len(row), got, err)
	}
	for _, tt := range []struct{ name, body, want string }{
		{"no line break", head + "," + strings.Repeat("x", 2<<20), "f.csv:1: not a Missing Migrants Project export this reader understands: line 1 runs on past 1 MiB without a line break"},
		{"a long row", head + row + "\n2016-06-01,1," + strings.Repeat("x", 2<<20) + "\n", "f.csv:3: not a Missing Migrants Project export this reader understands: line 3 runs on past 1 MiB without a line break"},
	} {
		_, err := ReadMMP(strings.NewReader(tt.body), "f.csv", date("2016-01-01"), date("2017-12-01"))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrMMP) {
			t.Errorf("%s: ReadMMP = %v; want an error wrapping ErrMMP starting %q", tt.name, err, tt.want)
		}
	}
}

// TestReadMMPAsSaved: an export as a user's tools may leave it reads as
// the export itself, or is refused naming the line and column. Saved by
// Excel on Windows as "CSV (Comma delimited)" (Windows-1252), the é of
// Séguédine was one byte no place name matched, and the incident went to
// "Niger, unspecified" instead of the Libya route, silently; with the
// é as e and a combining accent (macOS, some PDFs), the same.
func TestReadMMPAsSaved(t *testing.T) {
	const export = "Web ID,Reported Date,Total Dead and Missing,Location Description\n" +
		"1,2016-06-01,3,\"Séguédine, Niger\"\n" +
		"2,2016-07-01,2,\"Arlit, Niger\"\n"
	want := []Incident{
		{ID: "1", Month: date("2016-06-01"), DeadMissing: 3, Route: RouteLibya, Location: "Séguédine, Niger", Line: 2},
		{ID: "2", Month: date("2016-07-01"), DeadMissing: 2, Route: RouteAlgeria, Location: "Arlit, Niger", Line: 3},
	}
	windows1252 := strings.ReplaceAll(export, "é", "\xe9")
	for _, tt := range []struct {
		name, body string
		routes     []string // nil: refused
		err        string
	}{
		{"as exported", export, []string{RouteLibya, RouteAlgeria}, ""},
		{"CRLF and a byte-order mark", "\ufeff" + strings.ReplaceAll(export, "\n", "\r\n"), []string{RouteLibya, RouteAlgeria}, ""},
		{"decomposed accents", strings.ReplaceAll(export, "é", "e\u0301"), []string{RouteLibya, RouteAlgeria}, ""},
		{"Windows-1252", windows1252, nil, `f.csv:2: column 4: not a Missing Migrants Project export this reader understands: "S\xe9gu\xe9dine, Niger" is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1`},
		{"Windows-1252 in the header", "Web ID,Reported Date,Total Dead and Missing,Location Description,R\xe9gion\n", nil, "f.csv:1: column 5: "},
	} {
		got, err := ReadMMP(strings.NewReader(tt.body), "f.csv", date("2016-01-01"), date("2017-12-01"))
		if tt.routes == nil {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrMMP) {
				t.Errorf("%s: ReadMMP = %v, %v; want an error wrapping ErrMMP containing %q", tt.name, got, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(want) {
			t.Errorf("%s: ReadMMP = %+v, %v; want %+v", tt.name, got, err, want)
			continue
		}
		for i := range got {
			if got[i].Route != tt.routes[i] || got[i].DeadMissing != want[i].DeadMissing || !got[i].Month.Equal(want[i].Month) {
				t.Errorf("%s: incident %d = %+v; want route %s, as %+v", tt.name, i, got[i], tt.routes[i], want[i])
			}
		}
	}
}

// TestReadMMPDates: a date with slashes is month/day/year in MMP's
// exports ("Thu, 06/02/2016 - 12:00") and day/month/year once a
// spreadsheet set to a European language has saved the file again
// ("02/06/2016"). It was read as month/day/year whatever the file, so
// that 2 June 2016 went to February, silently; the reading is now the
// one the weekday or the month column agrees with, or the only date.
func TestReadMMPDates(t *testing.T) {
	for _, tt := range []struct {
		date, year, month string
		want              string // YYYY-MM, or the error's end
	}{
		{"Thu, 06/02/2016 - 12:00", "2016", "Jun", "2016-06"},
		{"Thu, 06/02/2016 - 12:00", "", "", "2016-06"},
		{"Sat, 06/02/2016 - 12:00", "", "", "2016-02"},
		{"02/06/2016", "2016", "Jun", "2016-06"},
		{"06/02/2016", "2016", "June", "2016-06"},
		{"02/06/2016 12:00", "2016", "6", "2016-06"},
		{"25/06/2016", "", "", "2016-06"},
		{"06/25/2016", "", "", "2016-06"},
		{"06/06/2016", "", "", "2016-06"},
		{"02/06/2016", "", "", `"02/06/2016" could be month/day/year (6 February 2016) or day/month/year (2 June 2016), and no weekday or month column says which`},
		{"13/13/2016", "", "", `"13/13/2016" is no date as month/day/year or day/month/year`},
		{"2016-06-02", "2016", "Feb", "2016-06"}, // ISO: no doubt
	} {
		head, row := "Reported Date,Total Dead and Missing,Location Description", fmt.Sprintf("%q,1,\"Dirkou, Niger\"", tt.date)
		if tt.year != "" {
			head, row = head+",Reported Year,Reported Month", row+","+tt.year+","+tt.month
		}
		got, err := ReadMMP(strings.NewReader(head+"\n"+row+"\n"), "f.csv", date("2016-01-01"), date("2017-12-01"))
		switch {
		case strings.HasPrefix(tt.want, "20"):
			if err != nil || len(got) != 1 || got[0].Month.Format("2006-01") != tt.want {
				t.Errorf("date %q, year %q, month %q: ReadMMP = %+v, %v; want one incident in %s", tt.date, tt.year, tt.month, got, err, tt.want)
			}
		case err == nil || !strings.Contains(err.Error(), "f.csv:2: not a Missing Migrants Project export this reader understands: "+tt.want) || !errors.Is(err, ErrMMP):
			t.Errorf("date %q: ReadMMP = %+v, %v; want an error saying %s", tt.date, got, err, tt.want)
		}
	}
}

// TestReadMMPThousands: a comma grouping thousands is read as such.
func TestReadMMPThousands(t *testing.T) {
	for total, want := range map[string]float64{`"1,200"`: 1200, "1200": 1200, "12": 12, `"1,000,000"`: 1e6} {
		got, err := ReadMMP(strings.NewReader("Reported Date,Total Dead and Missing,Location Description\n2016-06-01,"+total+",\"Dirkou, Niger\"\n"), "f.csv", date("2016-01-01"), date("2017-12-01"))
		if err != nil || len(got) != 1 || got[0].DeadMissing != want {
			t.Errorf("total %s: ReadMMP = %+v, %v; want %v dead and missing", total, got, err, want)
		}
	}
}
