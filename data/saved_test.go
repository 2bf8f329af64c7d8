package data

import (
	"reflect"
	"strings"
	"testing"
)

// TestReadFlowsAsSaved: a flows file as a spreadsheet or an editor may
// save it reads as the file itself, or is refused naming the line and
// column, and saying why. A point typed with e and combining accents (macOS, a PDF) was
// refused as `"Séguédine" is not one of Arlit, Séguédine, total`, and one
// saved in Windows-1252 (Excel's "CSV (Comma delimited)") the same way
// with \xe9 in it, neither saying what was wrong.
func TestReadFlowsAsSaved(t *testing.T) {
	const plain = flowHeader +
		"2016-09-01,2016-09-30,Séguédine,100,200,https://x.org/r,Rapport de septembre,\n" +
		"2016-09-01,2016-09-30,total,27138,18803,https://x.org/r,Rapport de septembre,\"a note, with a comma\"\n"
	want, err := ReadFlows(strings.NewReader(plain), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, body, err string }{
		{"byte-order mark and CRLF", "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n"), ""},
		{"decomposed accents", strings.ReplaceAll(plain, "é", "e\u0301"), ""},
		// A spreadsheet's: a header typed in capitals, emptied cells
		// saved as trailing commas and rows of commas. They were refused
		// ("it has 9", "period_start: \"\" is not a date").
		{"header in capitals", strings.Replace(plain, "period_start,period_end,point", "Period_Start, PERIOD_END,Point", 1), ""},
		{"trailing commas", strings.ReplaceAll(plain, "\n", ",,\n"), ""},
		{"rows of commas", plain + ",,,,,,,\n,,,,,,,,,\n", ""},
		{"semicolons", strings.ReplaceAll(plain, ",", ";"), `f.csv:1: header must be period_start,period_end,point,outgoing,incoming,source_url,source_title,note (8 columns); it has 1: the file looks separated by semicolons`},
		{"Windows-1252", strings.ReplaceAll(plain, "é", "\xe9"),
			`f.csv:2: point: "S\xe9gu\xe9dine" is not UTF-8 text; the file looks saved as Windows-1252 or Latin-1 (as Excel's "CSV (Comma delimited)" saves it): save it as "CSV UTF-8"`},
		{"Windows-1252 in a header", strings.Replace(plain, "note", "n\xf4te", 1), `f.csv:1: column 8: "n\xf4te" is not UTF-8 text`},
	} {
		got, err := ReadFlows(strings.NewReader(tt.body), "f.csv")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: ReadFlows = %v; want an error containing %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ReadFlows = %+v, %v; want %+v", tt.name, got, err, want)
		}
	}
}
