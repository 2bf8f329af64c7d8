package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
	"github.com/borderwork/borderwork/scenarios"
)

const relatedDoc = "../../docs/RELATED.md"

// relatedKey is a code span of docs/RELATED.md that names a scenario key:
// a dotted path under one of the scenario's tables. File names
// (sim/information.go) and the other models' settings (awareness_level)
// are not.
var relatedKey = regexp.MustCompile(`^(migrants|information|smuggling|abuse|regimes|factors|flee|harm_weights|links|posts|origins|locations|markets|centres)\.[A-Za-z0-9_.]+$`)

// relatedQuotes are the numbers docs/RELATED.md quotes from other docs:
// what it says, and what the doc it quotes says.
var relatedQuotes = []struct{ said, source, sourceSays string }{
	{"a rescaled error of 0.3156", "../../docs/VALIDATION.md", "| **rescaled** (FabFlee's validation figure) | **0.3156** |"},
	{"against 0.3157 for one run of Flee", "../../docs/VALIDATION.md", "| 0.3157 |"},
	{"0.250, 0.250 and 0.251", "../../docs/VALIDATION.md", "0.250, 0.250 and 0.251"},
	{"took 50.1 s of CPU and 116 MB", "../../docs/VALIDATION.md", "takes 50 s of CPU (64 s wall) and 116 MB"},
	{"0.32 to 0.51 s and 29 MB", "../../docs/VALIDATION.md", "| CPU per replicate | 0.32 to 0.51 s | 50.1 s |"},
	{"0.32 to 0.51 s and 29 MB", "../../docs/VALIDATION.md", "| peak memory | 29 MB without figures"},
	{"a mean log error of 1.18 against the baseline's 1.08", "../../docs/VALIDATION.md", "1.18), no better than a baseline"},
	{"a mean log error of 1.18 against the baseline's 1.08", "../../docs/VALIDATION.md", "(factor 2.9, 1.08)"},
	{"Flee ran 213,000 agent-days per CPU-second", "../../docs/PERFORMANCE.md", "| chain: agent-days per CPU-second | 213,000 | 27.2 and 30.1 million (130–140×) |"},
	{"and borderwork's Flee rule set 27.2 to 30.1 million", "../../docs/PERFORMANCE.md", "27.2 and 30.1 million"},
	{"Flee ran 129,000", "../../docs/PERFORMANCE.md", "| grid: agent-days per CPU-second | 129,000 | 22.9 and 23.4 million (180×) |"},
	{"130 to 180 times", "../../docs/PERFORMANCE.md", "(130–140×)"},
	{"130 to 180 times", "../../docs/PERFORMANCE.md", "(180×)"},
}

// TestRelatedDocIsTrue keeps docs/RELATED.md true to borderwork as it
// changes: every command it names is one borderwork help lists, every
// scenario key it names is a key (of the bundled sahel scenario, or of
// mali2012 for the Flee rule set's), the numbers it quotes from the
// validation and performance docs are still theirs, and the README and
// docs/MODEL.md still link it.
func TestRelatedDocIsTrue(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(relatedDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	text := strings.Join(strings.Fields(doc), " ")

	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	named := regexp.MustCompile("`borderwork ([a-z-]+)").FindAllStringSubmatch(doc, -1)
	if len(named) == 0 {
		t.Errorf("%s names no borderwork command; is the test or the document broken?", relatedDoc)
	}
	for _, m := range named {
		if !known[m[1]] {
			t.Errorf("%s names the command %q, which borderwork does not have", relatedDoc, m[1])
		}
	}

	var bundled []*scenarios.Scenario
	for _, name := range []string{"sahel", "mali2012"} {
		s, err := scenarios.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		bundled = append(bundled, s)
	}
	keys := 0
	for i := 0; i < len(doc); i++ {
		if doc[i] != '`' {
			continue
		}
		span, end, ok := mdtest.CodeSpan(doc[i:])
		if !ok {
			continue
		}
		i += end - 1
		if !relatedKey.MatchString(span) {
			continue
		}
		keys++
		var errs []string
		for _, s := range bundled {
			if _, _, err := s.KeyKind(span); err != nil {
				errs = append(errs, err.Error())
			}
		}
		if len(errs) == len(bundled) {
			t.Errorf("%s names the key %q, which no bundled scenario has (sahel: %s)", relatedDoc, span, errs[0])
		}
	}
	if keys < 3 {
		t.Errorf("checked only %d keys of %s; is the test or the document broken?", keys, relatedDoc)
	}

	for _, q := range relatedQuotes {
		if !strings.Contains(text, q.said) {
			t.Errorf("%s no longer says %q; change relatedQuotes with it", relatedDoc, q.said)
		}
		src, err := os.ReadFile(q.source)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(string(src)), " "), q.sourceSays) {
			t.Errorf("%s says %q, quoting %s, which no longer says %q", relatedDoc, q.said, q.source, q.sourceSays)
		}
	}

	for _, l := range []struct{ doc, link string }{
		{readmeDoc, "[docs/RELATED.md](docs/RELATED.md)"},
		{"../../docs/MODEL.md", "docs/RELATED.md"},
	} {
		b, err := os.ReadFile(l.doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), l.link) {
			t.Errorf("%s does not link docs/RELATED.md (%q)", l.doc, l.link)
		}
	}
}
