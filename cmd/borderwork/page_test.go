package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/web"
)

// TestPageCommandReproduces: for a pasted scenario file, the page's
// "reproduce this" command, run on the file it offers, prints the page's
// table, and so does compare on the resolved file it offers; the tables
// the page offers for a spreadsheet are those the command writes, byte
// for byte.
func TestPageCommandReproduces(t *testing.T) {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	reps, seed := 4, int64(11)
	req := web.Request{
		Text: strings.Replace(string(raw), "capacity = 15 ", "capacity = 12 ", 1), File: "my class.toml",
		Sets: []string{"abuse.desperation_effect=0"}, Reps: &reps, Seed: &seed, Regimes: []string{"closed", "hbm"},
	}
	res, err := web.Run(context.Background(), req, web.DefaultLimits(), 2, web.Progress{})
	if err != nil {
		t.Fatal(err)
	}
	var page [][]string
	for _, r := range res.Table.Rows {
		page = append(page, append([]string{r.Regime}, r.Cells...))
	}
	rep := res.Reproduce
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(rep.File, []byte(rep.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rep.ResolvedFile, []byte(rep.Resolved), 0o644); err != nil {
		t.Fatal(err)
	}
	words, _, err := splitCommand(rep.Command)
	if err != nil {
		t.Fatalf("%q: %v", rep.Command, err)
	}
	if words[2] != "my class.toml" {
		t.Errorf("the command %q reads %q; want the pasted file's name", rep.Command, words[2])
	}
	resolved := []string{"compare", rep.ResolvedFile, "--regimes", "closed,hbm", "--out", filepath.Join(dir, "resolved")}
	for _, args := range [][]string{append(words[1:], "--formats", ""), resolved} {
		status, stdout, stderr := runCLI(t, args...)
		if status != 0 {
			t.Fatalf("borderwork %q: status %d: %s", args, status, stderr)
		}
		if cli := summaryTable(stdout); !slices.EqualFunc(page, cli, slices.Equal) {
			t.Errorf("borderwork %q prints\n%q\nthe page shows\n%q", args, cli, page)
		}
		folder := args[slices.Index(args, "--out")+1]
		if len(res.Tables) != 2 {
			t.Fatalf("the page offers %d tables; want stats.csv and summary.csv", len(res.Tables))
		}
		for _, table := range res.Tables {
			b, err := os.ReadFile(filepath.Join(folder, table.Name))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != table.CSV {
				t.Errorf("the page's %s is not the %s borderwork %q writes:\n%s\nwant\n%s", table.Name, table.Name, args, table.CSV, b)
			}
		}
	}
}

// startServe starts borderwork serve with args on a free port of this
// computer, and returns the page's URL and the function that stops it,
// checking that it stopped with status 0. It sets testHookServing, a
// package variable: its tests are not parallel.
func startServe(t *testing.T, args ...string) (url string, stop func()) {
	t.Helper()
	addr := make(chan string, 1)
	testHookServing = func(a string) { addr <- a }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		status, _, _ := runCLIContext(ctx, t, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		done <- status
	}()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		testHookServing = nil
		if status := <-done; status != 0 {
			t.Errorf("serve stopped with status %d; want 0", status)
		}
	}
	t.Cleanup(stop) // after a t.Fatal too
	select {
	case a := <-addr:
		return "http://" + a, stop
	case status := <-done:
		done <- status // for stop
		t.Fatalf("borderwork serve %q stopped with status %d before it listened", args, status)
	case <-time.After(time.Minute):
		t.Fatalf("borderwork serve %q did not listen within a minute", args)
	}
	return "", stop
}

// TestServeMaxWork: --max-work lowers the work the page runs at once.
// The classroom's default experiment, which the default limit runs, is
// refused, saying how many days would run. It sets testHookServing, a
// package variable: no t.Parallel.
func TestServeMaxWork(t *testing.T) {
	url, _ := startServe(t, "--max-work", "2e6")
	for _, tt := range []struct {
		request, status, says string
	}{
		{`{"scenario":"classroom","reps":1,"days":10}`, "200 OK", `"results"`},
		{`{"scenario":"classroom"}`, "422 Unprocessable Entity", "more than the page runs at once: it runs up to "},
	} {
		resp, err := http.Post(url+"/api/run", "application/json", strings.NewReader(tt.request))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Status != tt.status || !strings.Contains(string(body), tt.says) {
			t.Errorf("POST /api/run %s with --max-work 2e6: %s, %.300q; want %s containing %q", tt.request, resp.Status, body, tt.status, tt.says)
		}
	}
}

// TestServe: serve answers on the address it prints, opens the page on
// the scenario it is given (a file's text is sent to the page, under the
// file's name without the folders it is in on the teacher's computer), and stops
// with its context; a bad scenario or address is refused before serving.
// It sets testHookServing, a package variable: no t.Parallel.
func TestServe(t *testing.T) {
	url, stop := startServe(t, small)
	for path, want := range map[string]string{"/": `data-backend="server"`, "/api/info": `"file":"small.toml"`} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, %.200q; want 200 containing %q", path, resp.StatusCode, body, want)
		}
	}
	stop()

	for _, args := range [][]string{{"serve", "nosuch"}, {"serve", "--addr", "nonsense"}, {"serve", "a", "b"},
		{"serve", "--max-work", "0"}, {"serve", "--max-work", "lots"}} {
		status, _, stderr := runCLI(t, args...)
		if status != 2 || !strings.HasPrefix(stderr, "borderwork serve: ") {
			t.Errorf("borderwork %q: status %d, %q; want status 2 and one line", args, status, stderr)
		}
	}
}

// TestServeInflowCSV: a scenario file whose origin reads an inflow_csv
// beside it opens on the page (which reads no file but the scenario)
// with the file's rows written in as inflow_schedule, the teacher's
// comments kept; one whose inflow_csv cannot be written in so is refused
// at start, naming the file, line and key. It sets testHookServing, a
// package variable: no t.Parallel.
func TestServeInflowCSV(t *testing.T) {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "inflow.csv"), []byte("day,rate\n0,8\n90,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "mine.toml")
	text := strings.Replace(string(raw), "inflow = 8 ", `inflow_csv = "inflow.csv" `, 1)
	if err := os.WriteFile(mine, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	url, stop := startServe(t, mine)
	resp, err := http.Get(url + "/api/info")
	if err != nil {
		t.Fatal(err)
	}
	var info web.Info
	err = json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"inflow_schedule = [    # the day,rate rows of inflow.csv, written here; mean new migrants per day\n  {from = 0, rate = 8},\n  {from = 90, rate = 4},\n]\n",
		"# mean US dollars carried"} {
		if !strings.Contains(info.Initial.Text, want) {
			t.Errorf("the page's scenario is\n%s\nwant it to hold %q", info.Initial.Text, want)
		}
	}
	body, _ := json.Marshal(info.Initial)
	resp, err = http.Post(url+"/api/outline", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the page's scenario, as served: %s %.300s; want it to open", resp.Status, out)
	}
	stop()

	// The origin as an inline table: its inflow_csv shares a line.
	start := strings.Index(string(raw), "[[origins]]")
	end := start + 1 + strings.Index(string(raw)[start+1:], "\n[")
	if start < 0 || end <= start {
		t.Fatal("classroom.toml has no [[origins]] table followed by another")
	}
	bad := filepath.Join(dir, "bad.toml")
	text = `origins = [{location = "Village", inflow_csv = "inflow.csv", destinations = ["City"]}]` + "\n" + string(raw[:start]) + string(raw[end:])
	if err := os.WriteFile(bad, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if status, _, stderr := runCLI(t, "check", bad); status != 0 {
		t.Fatalf("borderwork check bad.toml: status %d, %s; want it good, for serve to refuse", status, stderr)
	}
	// Bounded: a serve that took the file would serve until stopped.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	status, _, stderr := runCLIContext(ctx, t, "serve", "--addr", "127.0.0.1:0", bad)
	if want := "bad.toml:1: origins.Village.inflow_csv: inflow.csv: cannot be written into the scenario here"; status != 2 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "inflow_schedule = [{from = 0, rate = 8}") {
		t.Errorf("borderwork serve bad.toml: status %d, %q; want status 2, %q and what to write instead", status, stderr, want)
	}
}
