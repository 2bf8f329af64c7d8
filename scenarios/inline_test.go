package scenarios

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestInlineInflows: a scenario that reads an inflow_csv is written as
// one that reads no file, with the same schedule and the teacher's
// comments; one it cannot rewrite is refused naming file, line and key.
func TestInlineInflows(t *testing.T) {
	raw, err := Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	classroom := string(raw)
	const inflowLine = "inflow = 8               # mean new migrants per day"
	if !strings.Contains(classroom, inflowLine) {
		t.Fatalf("classroom.toml has no line %q", inflowLine)
	}
	csv := fstest.MapFS{"in.csv": {Data: []byte("day,rate\n0,8\n90,4.5\n")}}
	want := []InflowStepSpec{{From: 0, Rate: 8}, {From: 90, Rate: 4.5}}
	for _, tc := range []struct {
		name, text string
		want       []string // in the text written, or in the error
		err        bool
	}{
		{"a line of its own", strings.Replace(classroom, inflowLine, `inflow_csv = "in.csv"   # from the ministry`, 1),
			[]string{"inflow_schedule = [    # the day,rate rows of in.csv, written here; from the ministry\n  {from = 0, rate = 8},\n  {from = 90, rate = 4.5},\n]\n",
				"# mean US dollars carried"}, false},
		{"CRLF, indented, no comment", strings.ReplaceAll(strings.Replace(classroom, inflowLine, `  inflow_csv='in.csv'`, 1), "\n", "\r\n"),
			[]string{"  inflow_schedule = [    # the day,rate rows of in.csv, written here\r\n    {from = 0, rate = 8},\r\n"}, false},
		{"an inline table", "name = \"t\"\norigins = [{location = \"A\", inflow_csv = \"in.csv\"}]\n",
			[]string{"t.toml:2: origins.A.inflow_csv: in.csv: cannot be written", "inflow_schedule = [{from = 0, rate = 8}"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse([]byte(tc.text), "t.toml", "t.toml", csv)
			if err != nil {
				t.Fatal(err)
			}
			out, err := s.InlineInflows()
			if tc.err {
				if err == nil {
					t.Fatalf("InlineInflows() = %q, nil; want an error", out)
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("InlineInflows() error %q; want it to say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("InlineInflows() gives\n%s\nwant it to hold %q", out, w)
				}
			}
			back, err := Parse(out, "t.toml", "t.toml", nil) // reads no file
			if err != nil {
				t.Fatalf("the text written does not read without its folder: %v", err)
			}
			if got := back.File.Origins[0].InflowSchedule; !slices.Equal(got, want) {
				t.Errorf("schedule read back = %v; want %v", got, want)
			}
		})
	}
	// A scenario that reads no file is given back as it is.
	s, err := Parse(raw, "classroom", "bundled:classroom", nil)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := s.InlineInflows(); err != nil || string(out) != classroom {
		t.Errorf("InlineInflows() of classroom = %d bytes, %v; want its text as it is", len(out), err)
	}
}
