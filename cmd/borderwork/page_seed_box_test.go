package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageSeedFits: the largest seed the page takes (16 digits) is seen
// whole in its box, on a phone and on a laptop, and so are the largest
// replicates and a long run's days: a seed cut to "900719925" could not
// be read back or copied into a report by eye.
func TestPageSeedFits(t *testing.T) {
	t.Parallel()
	for _, vp := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{{"phone", 360, 740, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}}, {"laptop", 1366, 768, nil}} {
		t.Run(vp.name, func(t *testing.T) {
			t.Parallel()
			ctx := openPage(t, vp.w, vp.h, vp.opts...)
			got := eval[map[string]float64](t, ctx, `(() => {
				const out = {};
				for (const [id, v] of [["seed", "9007199254740991"], ["reps", "200"], ["days", "3650"]]) {
					const el = document.getElementById(id);
					el.value = v;
					out[id] = el.scrollWidth - el.clientWidth;
				}
				return out;
			})()`)
			for id, over := range got {
				if over > 0 {
					t.Errorf("%s: the box #%s shows its value cut by %v px", vp.name, id, over)
				}
			}
		})
	}
}
