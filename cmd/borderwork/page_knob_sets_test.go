package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageKnobOverMoreChanges: a knob whose key "More changes" also sets
// runs with the value its box shows (Apply keeps a moved knob's value).
// The page sent the knob's --set first and the line of "More changes"
// after it, and a later --set wins: the box said 1.5, marked (changed),
// and the run was 3's (audit today7).
func TestPageKnobOverMoreChanges(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	const box = "knob-abuse.desperation_effect-num"
	run := func(what string) (table, command string) {
		t.Helper()
		typeInto(t, ctx, box, "1.5")
		typeInto(t, ctx, "reps", "1")
		typeInto(t, ctx, "days", "40")
		do(t, ctx, "pressing Run "+what, chromedp.Click(chromedp.ID("run")))
		if state := waitRun(t, ctx); state != "done" {
			t.Fatalf("%s: the run ended %q: %s", what, state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
		}
		return eval[string](t, ctx, `document.querySelector("#results table").innerText`), eval[string](t, ctx, `document.getElementById("command").textContent`)
	}
	alone, _ := run("with the knob alone")

	eval[any](t, ctx, `document.getElementById("sets-box").open = true`)
	typeInto(t, ctx, "sets", "abuse.desperation_effect=3")
	do(t, ctx, "applying the change", chromedp.Click(chromedp.ID("apply-sets")))
	waitText(t, ctx, "sets-status", func(s string) bool { return s != "" })
	table, command := run("with the knob moved after More changes")
	if !strings.Contains(command, "abuse.desperation_effect=1.5") || strings.Contains(command, "abuse.desperation_effect=3") {
		t.Errorf("the knob's box holds 1.5 and More changes says 3: the command is %q; want the knob's 1.5 alone", command)
	}
	if table != alone {
		t.Errorf("the knob's box holds 1.5 and More changes says 3: the table is\n%s\nwant the run with 1.5:\n%s", table, alone)
	}
}

// TestPageRunAppliesMoreChanges: lines typed under "More changes" and
// not applied are applied by Run, so that a knob they set shows the value
// that runs; a line with a problem keeps the run from starting. Run used
// them unapplied: officials' extortion ran at 0 while its knob still
// showed 0.5, unmarked (a probe of the page, 2026-12-05).
func TestPageRunAppliesMoreChanges(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	const box = "knob-abuse.official_extortion-num"
	if v := eval[string](t, ctx, `document.getElementById("`+box+`").value`); v == "0" {
		t.Fatalf("the knob already shows 0")
	}
	eval[any](t, ctx, `document.getElementById("sets-box").open = true`)
	typeInto(t, ctx, "sets", "abuse.official_extortion=0")
	typeInto(t, ctx, "reps", "1")
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if v := eval[string](t, ctx, `document.getElementById("`+box+`").value`); v != "0" {
		t.Errorf("after Run, the knob the line sets shows %q; want 0, the value run", v)
	}
	if s := eval[string](t, ctx, `document.getElementById("sets-status").textContent`); s != "Applied 1 change." {
		t.Errorf("beside Apply the page says %q; want \"Applied 1 change.\"", s)
	}
	if c := eval[string](t, ctx, `document.getElementById("command").textContent`); !strings.Contains(c, "--set abuse.official_extortion=0") {
		t.Errorf("the command is %q; want it to set abuse.official_extortion=0", c)
	}

	typeInto(t, ctx, "sets", "abuse.official_extortion=lots")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	status := waitText(t, ctx, "status-text", func(s string) bool { return strings.HasPrefix(s, "Not run") })
	if want := `Not run: a line of "More changes" has a problem.`; status != want {
		t.Errorf("Run with a bad line: the status says %q; want %q", status, want)
	}
	keepShot(t, screenshot(t, ctx), "more-changes-refused.png")
	if p := eval[string](t, ctx, `document.getElementById("sets-problems").textContent`); !strings.Contains(p, "abuse.official_extortion") {
		t.Errorf("under More changes the page says %q; want the line's problem", p)
	}
}
