package dtm

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzReadMMP: an export of any content (validate --mmp) is read, or
// refused with an error wrapping ErrMMP that names the file and, past
// the header, its line; never a panic. An incident kept has a line, a
// route and a month within the months asked for. Seeds are the exports
// of mmp_test.go and those in testdata/fuzz/FuzzReadMMP.
func FuzzReadMMP(f *testing.F) {
	newer := "Main ID,Incident Date,Incident year,Reported Month,Total Number of Dead and Missing,Location of Incident,Country of Incident\n" +
		"a1,2017-06-12,2017,June,52,Near the desert town,Niger\n" +
		"a2,2017-06-13,2017,June,1\"200,Near the desert town,Niger\n"
	for _, s := range []string{invented, newer, "\ufeff" + invented, ""} {
		f.Add([]byte(s))
	}
	first, last := date("2016-01-01"), date("2017-12-01")
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadMMP(strings.NewReader(string(data)), "f.csv", first, last)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv:") {
				t.Fatalf("error %q does not name the file", err)
			}
			if strings.HasPrefix(err.Error(), "f.csv:0:") {
				t.Fatalf("error %q names line 0", err)
			}
			if len(data) > 0 && !errors.Is(err, ErrMMP) {
				t.Fatalf("error %q does not wrap ErrMMP", err)
			}
			return
		}
		for _, in := range got {
			if in.Line < 2 || in.Route == "" || in.Month.Before(first) || in.Month.After(last) || in.Month.Day() != 1 || in.Month.Location() != time.UTC {
				t.Fatalf("incident kept: %+v", in)
			}
		}
	})
}
