package flee

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and the bundled mali2012 scenario")

// bundledMali2012 is how scenarios/mali2012.toml is made from the case in
// data/flee/mali2012.
var bundledMali2012 = ImportOptions{
	Name:  "mali2012",
	Title: "Mali 2012: Flee's validation case, imported",
	From:  "data/flee/mali2012",
	Sources: []string{
		"FabFlee (github.com/djgroen/FabFlee) commit 99335a0063cb2c304aee5ff2a7af739fcb5b8e9a: config_files/validation/SWEEP/mali2012 and config_files/validation/simsetting.yml, BSD-3-Clause, Copyright (c) 2018 Derek Groen; copied unchanged into data/flee/mali2012.",
		"Suleimenova, D., Bell, D. and Groen, D. (2017). A generalized simulation development approach for predicting refugee destinations. Scientific Reports 7, 13377.",
		"UNHCR registrations of Malian refugees per camp, 2012-2013, as compiled by the Flee and FabFlee authors (data/flee/mali2012/source_data).",
	},
	Notes: []string{
		"Sources: FabFlee's validation case mali2012 and the settings FabFlee's",
		"validate_flee task runs it with (BSD-3-Clause, Copyright (c) 2018 Derek",
		"Groen; data/flee/mali2012 holds them unchanged, with the licence). Flee",
		"and its validation are described by Suleimenova, Bell and Groen (2017),",
		"Scientific Reports 7, 13377; the camp counts are UNHCR registrations.",
		"docs/VALIDATION.md compares this scenario's fit with Flee's. Regenerate",
		"with: go test ./flee -run TestBundledMali2012 -update",
	},
}

// TestBundledMali2012: the bundled scenario is exactly what the importer
// makes of the bundled case.
func TestBundledMali2012(t *testing.T) {
	c, err := Read("../data/flee/mali2012")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Import(c, bundledMali2012)
	if err != nil {
		t.Fatal(err)
	}
	const path = "../scenarios/mali2012.toml"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("scenarios/mali2012.toml differs from Import of data/flee/mali2012; run go test ./flee -run TestBundledMali2012 -update")
	}
}
