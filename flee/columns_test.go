package flee

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestColumnOrder: Flee reads locations.csv, routes.csv and closures.csv
// by position and skips their header comment, so columns moved in a
// spreadsheet, header and all, were read as other columns without a word
// (every population as a conflict_date, closure_end as closure_start).
// A header that puts a known column elsewhere is refused, naming the
// file, line and column; headers in Flee's other spellings, in capitals,
// with names borderwork does not know, or absent, read as before.
func TestColumnOrder(t *testing.T) {
	const (
		locs     = "A,North,Home,10.0,1.0,conflict_zone,0,10000\nB,North,Home,10.5,1.5,conflict_zone,5,5000\nT,Centre,Home,11.0,2.0,town,,20000\nF,Centre,Home,11.5,2.5,forwarding_hub,,\nC1,Hills,Northland,12.0,3.0,camp,,400\nC2,Plain,Southland,9.0,3.0,camp,,300\nC3,Plain,Southland,9.5,4.0,camp,,\n"
		routes   = "A,T,100,0\nB,T,80,\nT,F,50,0\nF,C1,120,0\nT,C2,200,2\nC2,C3,60,\nA,C3,500,1\n"
		closures = "country,Home,Northland,0,5\nlocation,T,,10,12\nlink,C2,C3,15,20\nlink,T,C2,40,45\ncamp,C3,,0,30\nremove_forced_redirection,T,C2,3,0\n"
	)
	// swap exchanges columns i and j of every line of text.
	swap := func(text string, i, j int) string {
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		for n, l := range lines {
			f := strings.Split(l, ",")
			f[i], f[j] = f[j], f[i]
			lines[n] = strings.Join(f, ",")
		}
		return strings.Join(lines, "\n") + "\n"
	}
	want := readTiny(t)
	tests := []struct {
		name, file, content, err string // err "": reads as testdata/tiny
	}{
		{"Flee's spellings", "input_csv/locations.csv", "#name,region,country,lat,lon,location_type,conflict_date,pop/cap\n" + locs, ""},
		{"capitals and spaces", "input_csv/locations.csv", "# Name, Region, Country, Latitude, Longitude, Location_Type, Conflict_Date, Population\n" + locs, ""},
		{"names of no column", "input_csv/locations.csv", "#name,region,country,gps_x,gps_y,location_type,conflict_date,pop/cap\n" + locs, ""},
		{"no header", "input_csv/locations.csv", locs, ""},
		{"routes in order", "input_csv/routes.csv", "#name1,name2,distance,forced_redirection\n" + routes, ""},
		// FabFlee's mali2022_2024 and syria2022_2024 label their region
		// column "#name": the name column is in its place, the data in
		// Flee's order.
		{"region labelled name", "input_csv/locations.csv", "#name,#name,country,latitude,longitude,location_type,conflict_date,population\n" + locs, ""},
		{"closure labelled twice", "input_csv/closures.csv", "#closure_type,name1,name1,closure_start,closure_end\n" + closures, ""},
		{"population and conflict_date swapped", "input_csv/locations.csv", swap("#name,region,country,latitude,longitude,location_type,conflict_date,population\n"+locs, 6, 7),
			"input_csv/locations.csv:1: column 7 (conflict_date): the header puts population here, but Flee reads population from column 8: it reads the columns by position (name,region,country,latitude,longitude,location_type,conflict_date,population), so a column moved with its header would be read as another; put the columns back in that order"},
		{"lat and lon swapped", "input_csv/locations.csv", swap("#name,region,country,lat,lon,location_type,conflict_date,pop/cap\n"+locs, 3, 4),
			"input_csv/locations.csv:1: column 4 (latitude): the header puts lon here, but Flee reads longitude from column 5: it reads the columns by position (name,region,country,latitude,longitude,location_type,conflict_date,population), so a column moved with its header would be read as another; put the columns back in that order"},
		{"closure days swapped", "input_csv/closures.csv", swap("#closure_type,name1,name2,closure_start,closure_end\n"+closures, 3, 4),
			"input_csv/closures.csv:1: column 4 (closure_start): the header puts closure_end here, but Flee reads closure_end from column 5: it reads the columns by position (closure_type,name1,name2,closure_start,closure_end), so a column moved with its header would be read as another; put the columns back in that order"},
		// The header's '#' moved with its column: the first row is no
		// comment, but still a header.
		{"distance first", "input_csv/routes.csv", swap("#name1,name2,distance,forced_redirection\n"+routes, 0, 2),
			"input_csv/routes.csv:1: column 1 (name1): the header puts distance here, but Flee reads distance from column 3: it reads the columns by position (name1,name2,distance,forced_redirection), so a column moved with its header would be read as another; put the columns back in that order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTiny(t)
			writeCase(t, dir, tt.file, tt.content)
			c, err := Read(dir)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Read = %v; want the case read as testdata/tiny", err)
				}
				c.Dir = want.Dir
				if !reflect.DeepEqual(withoutLines(c), withoutLines(want)) {
					t.Errorf("Read = %+v\nwant %+v", c, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Read accepted %s:\n%s", tt.file, tt.content)
			}
			got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			if got != tt.err || !errors.Is(err, scenarios.ErrInvalid) {
				t.Errorf("Read error\n got %s\nwant %s (wrapping ErrInvalid)", got, tt.err)
			}
		})
	}
}

// withoutLines is a copy of c without the lines its rows were read from,
// which a header line more or less moves.
func withoutLines(c *Case) Case {
	out := *c
	out.Locations = append([]Location(nil), c.Locations...)
	for i := range out.Locations {
		out.Locations[i].Line = 0
	}
	out.Routes = append([]Route(nil), c.Routes...)
	for i := range out.Routes {
		out.Routes[i].Line = 0
	}
	out.Closures = append([]Closure(nil), c.Closures...)
	for i := range out.Closures {
		out.Closures[i].Line = 0
	}
	return out
}

// TestNamesComposed: a name typed with an e and a combining accent
// (macOS, text copied from a PDF report) in one file and with é in
// another is one name: the case reads as if every file had é. It was
// refused as `unknown location "Mbéra"`, the name in the message looking
// the same as the one in locations.csv.
func TestNamesComposed(t *testing.T) {
	const composed, decomposed = "Mbéra", "Mbe\u0301ra"
	files := []string{"input_csv/locations.csv", "input_csv/routes.csv", "input_csv/closures.csv", "input_csv/conflicts.csv",
		"input_csv/registration_corrections.csv", "source_data/data_layout.csv"}
	// read reads testdata/tiny with its camp C1 called Mbéra, written
	// decomposed in the files named.
	read := func(t *testing.T, decomposedIn ...string) *Case {
		t.Helper()
		dir := copyTiny(t)
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			name := composed
			if slices.Contains(decomposedIn, f) {
				name = decomposed
			}
			writeCase(t, dir, f, strings.ReplaceAll(string(b), "C1", name))
		}
		c, err := Read(dir)
		if err != nil {
			t.Fatalf("Read with %s decomposed in %v: %v", composed, decomposedIn, err)
		}
		c.Dir = ""
		return c
	}
	want := read(t)
	if want.LocationIndex(composed) < 0 || want.SeriesFor(composed) == nil {
		t.Fatalf("no location or series %s in the composed case", composed)
	}
	for _, tt := range [][]string{
		{"input_csv/locations.csv"},
		files[1:],
		files,
	} {
		if got := read(t, tt...); !reflect.DeepEqual(withoutLines(got), withoutLines(want)) {
			t.Errorf("decomposed in %v: Read = %+v\nwant %+v", tt, got, want)
		}
	}
	if want.LocationIndex(decomposed) < 0 || want.SeriesFor(decomposed) == nil {
		t.Errorf("LocationIndex and SeriesFor of %q (decomposed): not found", decomposed)
	}
}
