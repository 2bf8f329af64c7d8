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
		"World Bank (2018). Global ID Coverage, Barriers, and Use by the Numbers: Insights from the ID4D-Findex Survey. Washington, DC: World Bank. (The share of adults without an ID behind flee.documented, an assumption.)",
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
	// The what-if's two assumptions (docs/VALIDATION.md, "What if the
	// borders had worked differently?"). Neither changes the open regime.
	PostCapacity: 1000,
	PostCapacityNote: []string{
		"Posts' capacity is an assumption, not data: nothing in the case or in",
		"UNHCR's reports gives the daily throughput of the crossing points of",
		"2012. Each post is given 1,000 crossings a day, more than twice the",
		"busiest day of any post under the open regime (436 crossings, the most",
		"at any post on any day of 20 replicates), so that a working post holds",
		"no one up and only a failing one does.",
	},
	Documented: 0.6,
	DocumentedNote: []string{
		"documented is an assumption, not data: neither the case nor UNHCR's",
		"registrations say how many refugees held travel documents. The nearest",
		"measured figure: close to 40% of adults in low-income countries had no",
		"national ID in 2017 (World Bank 2018, ID4D-Findex survey; in sources).",
		"0.6 applies it to everyone, as if children crossed on their parents'",
		"documents. Mali's own share in 2012, and documents lost in flight, are",
		"not known here. docs/VALIDATION.md shows what the what-if owes to it.",
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
