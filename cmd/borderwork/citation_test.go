package main

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestCitationVersion: CITATION.cff cites the version `borderwork
// version` prints, so a citation names the tool that made the results.
func TestCitationVersion(t *testing.T) {
	cff, err := os.ReadFile("../../CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^version: (\S+)$`).FindSubmatch(cff)
	if m == nil {
		t.Fatal("CITATION.cff: no top-level version line")
	}
	if got := string(m[1]); got != output.Version {
		t.Errorf("CITATION.cff: version %s; borderwork version prints %s", got, output.Version)
	}
}

// TestREADMECitingFields: the manifest fields README's "Citing
// borderwork" tells an author to give are fields manifest.json has.
func TestREADMECitingFields(t *testing.T) {
	readme, err := os.ReadFile(readmeDoc)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Citing borderwork\n")
	if !ok {
		t.Fatal("README.md: no section \"Citing borderwork\"")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	fields := map[string]bool{}
	typ := reflect.TypeOf(output.Manifest{})
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		fields[name] = true
	}
	named := regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(section, -1)
	if len(named) < 4 {
		t.Fatalf("README.md's citing section names %d manifest fields, want at least 4", len(named))
	}
	for _, n := range named {
		if !fields[n[1]] {
			t.Errorf("README.md's citing section names `%s`, which manifest.json does not have", n[1])
		}
	}
}
