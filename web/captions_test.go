package web

import (
	"regexp"
	"strings"
	"testing"
)

// TestBarCaptionsSayConfidenceInterval: the page's bar charts draw the
// mean of the replicates with the 95% confidence interval of that mean
// (Bars, from output.Describe), and their captions say so, not a bare
// "95% interval", which reads as the replicates' spread.
func TestBarCaptionsSayConfidenceInterval(t *testing.T) {
	page, err := IndexHTML(BackendServer)
	if err != nil {
		t.Fatal(err)
	}
	captions := regexp.MustCompile(`(?s)<figcaption>(.*?)</figcaption>`).FindAllStringSubmatch(string(page), -1)
	bars := 0
	for _, c := range captions {
		text := c[1]
		if !strings.Contains(text, "Abuse by kind") && !strings.Contains(text, "Where the migrants are") {
			continue
		}
		bars++
		if !strings.Contains(text, "mean") || !strings.Contains(text, "95% confidence interval") {
			t.Errorf("bar chart caption %q does not say it shows the mean and its 95%% confidence interval", text)
		}
	}
	if bars != 2 {
		t.Errorf("found %d bar chart captions, want 2 (abuse, whereabouts)", bars)
	}
}
