package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
)

// TestMain lets the tests of the Slurm recipe (docs/cluster) run this test
// binary as borderwork: with BORDERWORK_TEST_AS_BINARY=1 it is the CLI.
func TestMain(m *testing.M) {
	if os.Getenv("BORDERWORK_TEST_AS_BINARY") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// slurmFakes is a folder of stand-ins for Slurm's commands, first on PATH:
// sbatch records its arguments in sbatch.log and prints a job id; sinfo
// gives one 4-CPU node in a default partition; squeue lists nothing;
// scontrol prints the file FAKE_SCONTROL; sacct prints nothing. scripts/
// slurm-test runs the recipe on a real cluster; these test what a real
// one makes slow or hard to reach (a mistake found before queueing, a
// merge run early).
type slurmFakes struct {
	bin, work, borderwork string
}

// newSlurmFakes writes the stand-ins. The tests using them do not call
// t.Parallel: a script this process writes and runs at once can fail
// with "text file busy" while a test beside it forks a process
// (go.dev/issue/22315).
func newSlurmFakes(t *testing.T) slurmFakes {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skipf("no bash: %v", err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f := slurmFakes{bin: t.TempDir(), work: t.TempDir()}
	scripts := map[string]string{
		"sbatch":     `echo "$*" >>"$FAKE_LOG/sbatch.log"; n=$(wc -l <"$FAKE_LOG/sbatch.log"); echo $((100 + n))`,
		"sinfo":      `case "$*" in *%P*) echo 'debug*' ;; *%c*) echo 4 ;; esac`,
		"squeue":     `exit 0`,
		"scontrol":   `[ -n "$FAKE_SCONTROL" ] && cat "$FAKE_SCONTROL"; exit 0`,
		"sacct":      `exit 0`,
		"borderwork": "BORDERWORK_TEST_AS_BINARY=1 exec " + shellQuote(self) + ` "$@"`,
	}
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(f.bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f.borderwork = filepath.Join(f.bin, "borderwork")
	return f
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// run runs the docs/cluster script name in the work folder with env added
// to the fakes' environment, and returns its status, stdout and stderr.
func (f slurmFakes) run(t *testing.T, name string, env []string, args ...string) (int, string, string) {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", "docs", "cluster", name))
	if err != nil {
		t.Fatal(err)
	}
	return f.runPath(t, script, env, args...)
}

// runPath is run of the script at path, which need not be the clone's.
func (f slurmFakes) runPath(t *testing.T, script string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{script}, args...)...)
	cmd.Dir = f.work
	cmd.Env = append(os.Environ(),
		"PATH="+f.bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"FAKE_LOG="+f.work, "BORDERWORK="+f.borderwork)
	for _, drop := range []string{"BORDERWORK_MAX_MEMORY", "BORDERWORK_MAX_WORK", "SLURM_MEM_PER_NODE", "SLURM_MEM_PER_CPU", "FAKE_SCONTROL", "SWEEP_JOB", "SHARDS", "CPUS",
		"SLURM_CPUS_PER_TASK", "SLURM_ARRAY_TASK_ID", "BORDERWORK_SUBMIT_CHECK", "SBATCH_MEM_PER_NODE", "SBATCH_MEM_PER_CPU"} {
		cmd.Env = append(cmd.Env, drop+"=")
	}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return status, stdout.String(), stderr.String()
}

func (f slurmFakes) submitted(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.work, "sbatch.log"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// TestClusterSubmitChecksBeforeQueueing: docs/cluster/submit refuses, with
// status 2 and before it queues anything, a sweep every task would refuse
// (audit cluster7, finding 1), the flags the recipe sets itself (finding
// 6), and prints its usage for --help rather than submitting the array
// with --help passed to every task (finding 2); a good sweep is submitted.
func TestClusterSubmitChecksBeforeQueueing(t *testing.T) {
	for _, c := range []struct {
		name   string
		env    []string
		args   []string
		status int
		want   string // in stderr, or in stdout for status 0
	}{
		{"typo", nil, []string{"--rep", "2"}, 2, "unknown flag --rep; did you mean --reps?"},
		{"axis varied twice", nil, []string{"--reps", "2", "--vary", "abuse.desperation_effect=0:2:3"}, 2, "abuse.desperation_effect is varied twice"},
		{"more shards than runs", []string{"SHARDS=441"}, []string{"--reps", "2"}, 2, "--shard 440/441 holds no runs: there are only 440\nSHARDS=441 is more than the sweep's 440 runs: set SHARDS to at most 440."},
		{"key out of range", nil, []string{"--reps", "2", "--set", "abuse.papers_effect=-1"}, 2, "abuse.papers_effect"},
		// A run of 1.7 GiB: the tasks' memory (sweep.sbatch's --mem=1G, or
		// SBATCH_MEM_PER_NODE, SBATCH_MEM_PER_CPU × CPUS) is their limit,
		// not the login node's 8 GiB (audit today7, finding 2).
		{"run too large for the tasks", nil, []string{"--reps", "2", "--set", "origins.Bamako.inflow=50000"}, 2,
			"the limit is 1 GiB (--max-memory or BORDERWORK_MAX_MEMORY raises it)\nThe limit is the memory each task gets, 1024MiB: give them more with SBATCH_MEM_PER_NODE"},
		{"run too large for SBATCH_MEM_PER_NODE", []string{"SBATCH_MEM_PER_NODE=1500M"}, []string{"--reps", "2", "--set", "origins.Bamako.inflow=50000"}, 2, "the limit is 1.5 GiB"},
		{"run too large for SBATCH_MEM_PER_CPU", []string{"SBATCH_MEM_PER_CPU=700", "CPUS=2"}, []string{"--reps", "2", "--set", "origins.Bamako.inflow=50000"}, 2, "1400MiB"},
		{"out", nil, []string{"--reps", "2", "--out", "results"}, 2, "--out: the recipe writes the shards to shards/I"},
		{"workers", nil, []string{"--workers=1"}, 2, "set CPUS=N"},
		{"shard", nil, []string{"-shard", "0/2"}, 2, "SHARDS=N"},
		// Every task logs with --progress-every 10m, given after these
		// flags: a --quiet passed the check and failed every task, and a
		// --progress-every would be replaced (audit sweep8, finding 1).
		{"quiet", nil, []string{"--reps", "1", "--quiet"}, 2, "--quiet: every task logs its progress every 10 minutes (--progress-every 10m), which --quiet contradicts"},
		{"progress-every", nil, []string{"--progress-every=1m", "--reps", "1"}, 2, "--progress-every=1m: every task logs its progress every 10 minutes"},
		{"help", nil, []string{"--help"}, 0, "Submits a borderwork sweep to Slurm"},
		{"h", nil, []string{"--reps", "2", "-h"}, 0, "SWEEP FLAGS"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newSlurmFakes(t)
			status, stdout, stderr := f.run(t, "submit", c.env, c.args...)
			if status != c.status {
				t.Fatalf("status %d, want %d; stdout %q, stderr %q", status, c.status, stdout, stderr)
			}
			got := stderr
			if c.status == 0 {
				got = stdout
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("want %q in\n%s", c.want, got)
			}
			if s := f.submitted(t); len(s) > 0 {
				t.Errorf("submitted %q", s)
			}
			if c.status == 2 && !strings.Contains(stderr, "submit: ") {
				t.Errorf("the refusal does not come from submit: %s", stderr)
			}
		})
	}

	f := newSlurmFakes(t)
	status, stdout, stderr := f.run(t, "submit", []string{"CPUS=1"}, "--reps", "2")
	if status != 0 {
		t.Fatalf("a good sweep: status %d, stderr %s", status, stderr)
	}
	s := f.submitted(t)
	if len(s) != 2 || !strings.Contains(s[0], "--array=0-9") || !strings.HasSuffix(s[0], "sweep.sbatch --reps 2") ||
		!strings.Contains(s[1], "--dependency=afterany:101") {
		t.Errorf("a good sweep submitted %q", s)
	}
	if !strings.Contains(stdout, "(shards 0-9, 1 CPU each, partition debug)") {
		t.Errorf("stdout: %s", stdout)
	}
	// --progress, which the tasks' --progress-every agrees with, was
	// refused by the check for a --quiet of its own.
	for _, args := range [][]string{{"--reps", "1", "--progress"}, {"--reps", "1", "--quiet=false"}} {
		f := newSlurmFakes(t)
		if status, _, stderr := f.run(t, "submit", []string{"CPUS=1"}, args...); status != 0 || len(f.submitted(t)) != 2 {
			t.Errorf("%q: status %d, submitted %q; want the sweep submitted: %s", args, status, f.submitted(t), stderr)
		}
	}
	// The same large runs, given the memory, are submitted.
	for _, env := range [][]string{{"SBATCH_MEM_PER_NODE=4G"}, {"SBATCH_MEM_PER_CPU=1G", "CPUS=2"}, {"BORDERWORK_MAX_MEMORY=4GiB"}} {
		f := newSlurmFakes(t)
		if status, _, stderr := f.run(t, "submit", env, "--reps", "2", "--set", "origins.Bamako.inflow=50000"); status != 0 || len(f.submitted(t)) != 2 {
			t.Errorf("%s: status %d, submitted %q; want the sweep submitted: %s", env, status, f.submitted(t), stderr)
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(f.work, "shards", "*")); len(entries) > 0 {
		t.Errorf("the check wrote %q", entries)
	}
}

// TestClusterCheckRunsTheTasksArguments: submit's check (sweep.sbatch with
// BORDERWORK_SUBMIT_CHECK=1) and a failed task's memory probe give
// borderwork the very arguments the task gives it, in the same order, but
// for the folder and the work limit after them that keep anything from
// running; the check once added --quiet and left out --workers,
// --progress-every and --resume, so that it passed what every task then
// refused (audit sweep8, finding 1).
func TestClusterCheckRunsTheTasksArguments(t *testing.T) {
	f := newSlurmFakes(t)
	// A stand-in borderwork: records its arguments, one a line, a blank
	// line after; refuses on the work limit when given one, as borderwork
	// does before it runs anything, and otherwise fails, so that the task
	// probes its memory.
	fake := filepath.Join(f.bin, "records-args")
	body := `#!/bin/sh
printf '%s\n' "$@" >>args.txt; echo >>args.txt
case " $* " in *" --max-work "*) echo '(--max-work or BORDERWORK_MAX_WORK raises it)' >&2 ;; esac
exit 2
`
	if err := os.WriteFile(fake, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"BORDERWORK=" + fake, "SHARDS=3", "SLURM_CPUS_PER_TASK=2", "SLURM_MEM_PER_NODE=1024"}
	given := []string{"--reps", "1", "--set", "abuse.papers_effect=0.5", "--progress"}
	if status, _, stderr := f.run(t, "sweep.sbatch", append(env, "BORDERWORK_SUBMIT_CHECK=1"), given...); status != 0 {
		t.Fatalf("the check: status %d: %s", status, stderr)
	}
	if status, _, _ := f.run(t, "sweep.sbatch", append(env, "SLURM_ARRAY_TASK_ID=2"), given...); status != 2 {
		t.Fatalf("the task: status %d, want the stand-in's 2", status)
	}
	b, err := os.ReadFile(filepath.Join(f.work, "args.txt"))
	if err != nil {
		t.Fatal(err)
	}
	calls := strings.Split(strings.TrimSuffix(string(b), "\n\n"), "\n\n")
	if len(calls) != 3 {
		t.Fatalf("borderwork ran %d times, want 3 (the check, the task, its memory probe):\n%s", len(calls), b)
	}
	// args is a call's arguments with the folder after --out as OUT.
	args := func(call string) []string {
		a := strings.Split(call, "\n")
		for i := range a {
			if i > 0 && a[i-1] == "--out" {
				a[i] = "OUT"
			}
		}
		return a
	}
	check, task, probe := args(calls[0]), args(calls[1]), args(calls[2])
	if !strings.Contains(calls[1], "\n--out\nshards/2\n") {
		t.Errorf("the task does not write shards/2: %q", task)
	}
	want := append(slices.Clone(task), "--max-work", "1")
	for i, got := range [][]string{check, probe} {
		if !slices.Equal(got, want) {
			t.Errorf("%s ran borderwork with\n%q; want the task's arguments, then --max-work 1:\n%q", []string{"the check", "the memory probe"}[i], got, want)
		}
	}
	if i := slices.Index(task, "--progress"); i < 0 || !slices.Contains(task[i:], "--progress-every") || !slices.Contains(task, "--resume") || !slices.Contains(task, "2/3") {
		t.Errorf("the task's arguments: %q", task)
	}
}

// TestClusterSubmitWithoutController: where sinfo is installed but no
// cluster answers it (a machine with Slurm's client and no slurm.conf),
// submit refuses with status 2 and says where to run it, after sinfo's
// own last word; it once ended with status 1 after sinfo's lines alone.
func TestClusterSubmitWithoutController(t *testing.T) {
	f := newSlurmFakes(t)
	lost := "echo 'sinfo: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host' >&2\n" +
		"echo 'sinfo: fatal: Could not establish a configuration source' >&2\nexit 1"
	if err := os.WriteFile(filepath.Join(f.bin, "sinfo"), []byte("#!/bin/sh\n"+lost+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	status, _, stderr := f.run(t, "submit", []string{"CPUS=1"}, "--reps", "2")
	const want = "submit: cannot reach Slurm's controller (sinfo: fatal: Could not establish a configuration source): run this on a login node of the cluster\n"
	if status != 2 || !strings.HasSuffix(stderr, want) {
		t.Errorf("status %d, stderr %q; want 2 and to end %q", status, stderr, want)
	}
	if s := f.submitted(t); len(s) > 0 {
		t.Errorf("submitted %q", s)
	}
}

// TestClusterSubmitSaysHowToGetTheBinary: submit without the binary says
// how to get one wherever it is run: go build works only in the clone, so
// it names the clone, and BORDERWORK to set from another folder (audit
// cluster7, finding 8). The scripts are copied into a stand-in clone,
// with the binary or without, and into a folder that is no clone.
func TestClusterSubmitSaysHowToGetTheBinary(t *testing.T) {
	for _, c := range []struct {
		name          string
		clone, binary bool
		want          []string
	}{
		{"clone without the binary", true, false, []string{"no borderwork binary at ./borderwork: build it in the clone, cd CLONE && go build -o borderwork ./cmd/borderwork, then set BORDERWORK=CLONE/borderwork"}},
		{"clone with the binary", true, true, []string{"no borderwork binary at ./borderwork; the clone's is CLONE/borderwork: set BORDERWORK=CLONE/borderwork"}},
		{"no clone", false, false, []string{"build it in the borderwork clone with 'go build -o borderwork ./cmd/borderwork', then set BORDERWORK=PATH to it"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newSlurmFakes(t)
			clone := t.TempDir()
			scripts := filepath.Join(clone, "docs", "cluster")
			if err := os.MkdirAll(scripts, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"submit", "sweep.sbatch", "merge.sbatch"} {
				b, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster", name))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(scripts, name), b, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if c.clone {
				if err := os.MkdirAll(filepath.Join(clone, "cmd", "borderwork"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if c.binary {
				if err := os.WriteFile(filepath.Join(clone, "borderwork"), []byte("#!/bin/sh\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			status, _, stderr := f.runPath(t, filepath.Join(scripts, "submit"), []string{"BORDERWORK=./borderwork"}, "--reps", "2")
			stderr = strings.ReplaceAll(stderr, clone, "CLONE")
			if status != 2 || !strings.HasPrefix(stderr, "submit: ") {
				t.Errorf("status %d, stderr %q; want 2 and submit's refusal", status, stderr)
			}
			for _, want := range c.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("want %q in\n%s", want, stderr)
				}
			}
			if s := f.submitted(t); len(s) > 0 {
				t.Errorf("submitted %q", s)
			}
		})
	}
}

// TestClusterSweepTaskSaysCompleteOnlyForAShard: a task whose borderwork
// exits 0 without writing its shard (sweep --help, passed on) fails, and
// its log does not end with the line merge.sbatch takes for success
// (audit cluster7, finding 2); one that writes it ends with that line.
func TestClusterSweepTaskSaysCompleteOnlyForAShard(t *testing.T) {
	f := newSlurmFakes(t)
	env := []string{"SLURM_ARRAY_TASK_ID=1", "SHARDS=2"}
	status, stdout, stderr := f.run(t, "sweep.sbatch", env, "--help")
	if status != 2 || strings.Contains(stdout, "complete in shards/1") ||
		!strings.Contains(stderr, "wrote no shard at shards/1") {
		t.Errorf("sweep --help in a task: status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
	status, stdout, stderr = f.run(t, "sweep.sbatch", env, "--reps", "2", "--days", "10")
	if status != 0 || !strings.HasSuffix(stdout, "sweep.sbatch: shard 1/2 complete in shards/1\n") {
		t.Errorf("a task that writes its shard: status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
}

// TestClusterSweepTaskMemoryIsTheJobs: a task runs borderwork with the
// job's memory as its limit (audit cluster7, finding 5), so that it runs
// fewer runs at once, or is refused naming the memory, rather than being
// killed out of memory on every resubmission; a limit the user set stays.
func TestClusterSweepTaskMemoryIsTheJobs(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"SLURM_MEM_PER_NODE=1024"}, "1024MiB"},
		{[]string{"SLURM_MEM_PER_CPU=512", "SLURM_CPUS_PER_TASK=4"}, "2048MiB"},
		{[]string{"SLURM_MEM_PER_NODE=0"}, ""},
		{[]string{"SLURM_MEM_PER_NODE=1024", "BORDERWORK_MAX_MEMORY=3GiB"}, "3GiB"},
	} {
		f := newSlurmFakes(t)
		fake := filepath.Join(f.bin, "records-memory")
		body := "#!/bin/sh\necho \"limit=$BORDERWORK_MAX_MEMORY\" >memory.txt\nmkdir -p shards/0 && touch shards/0/manifest.json\n"
		if err := os.WriteFile(fake, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		env := append([]string{"SLURM_ARRAY_TASK_ID=0", "SHARDS=2", "BORDERWORK=" + fake}, c.env...)
		if status, _, stderr := f.run(t, "sweep.sbatch", env); status != 0 {
			t.Fatalf("%v: status %d: %s", c.env, status, stderr)
		}
		got, err := os.ReadFile(filepath.Join(f.work, "memory.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != "limit="+c.want+"\n" {
			t.Errorf("%v: borderwork saw BORDERWORK_MAX_MEMORY %q, want %q", c.env, got, c.want)
		}
	}

	// And the limit works: a run needing more than the job's memory is
	// refused at once, and the log says how to give the tasks more. (The
	// work limit, checked after the memory, keeps a task without the
	// memory limit from running the sweep.)
	f := newSlurmFakes(t)
	env := []string{"SLURM_ARRAY_TASK_ID=0", "SHARDS=2", "SLURM_MEM_PER_NODE=64"}
	status, _, stderr := f.run(t, "sweep.sbatch", env, "--reps", "2", "--days", "60", "--set", "origins.Bamako.inflow=20000", "--max-work", "1e9")
	if status != 2 || !strings.Contains(stderr, "the limit is 64 MiB") || !strings.Contains(stderr, "memory limit was this job's memory, 64MiB: give the tasks more (SBATCH_MEM_PER_NODE=") {
		t.Errorf("a run beyond the job's memory: status %d, stderr %s", status, stderr)
	}
	// A task refused for anything else (shards/0 holds another sweep's
	// shard) is not told about its memory.
	f = newSlurmFakes(t)
	mustRun(t, smallSweep(filepath.Join(f.work, "shards", "0"), "--shard", "0/2", "--formats", "", "--quiet")...)
	status, _, stderr = f.run(t, "sweep.sbatch", []string{"SLURM_ARRAY_TASK_ID=0", "SHARDS=2", "SLURM_MEM_PER_NODE=1024"}, "--reps", "2")
	if status != 2 || !strings.Contains(stderr, "was written by a different sweep") || strings.Contains(stderr, "memory") {
		t.Errorf("a task refused for another sweep's shard: status %d, stderr %s", status, stderr)
	}
}

// TestClusterMergeMemoryIsTheJobs: the merge job, as the sweep's tasks,
// gives borderwork its memory as the limit (merge --max-memory), unless
// BORDERWORK_MAX_MEMORY is set, and says how to give it more when merge
// refuses; and merge keeps to the limit: shards whose merged record of
// their runs would not fit are refused, nothing written.
func TestClusterMergeMemoryIsTheJobs(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"SLURM_MEM_PER_NODE=1024"}, "1024MiB"},
		{[]string{"SLURM_MEM_PER_CPU=512", "SLURM_CPUS_PER_TASK=4"}, "2048MiB"},
		{[]string{"SLURM_MEM_PER_NODE=0"}, ""},
		{[]string{"SLURM_MEM_PER_NODE=1024", "BORDERWORK_MAX_MEMORY=3GiB"}, "3GiB"},
	} {
		f := newSlurmFakes(t)
		fake := filepath.Join(f.bin, "records-memory")
		body := "#!/bin/sh\necho \"limit=$BORDERWORK_MAX_MEMORY\" >memory.txt\n"
		if err := os.WriteFile(fake, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		env := append([]string{"SHARDS=2", "BORDERWORK=" + fake}, c.env...)
		if status, _, stderr := f.run(t, "merge.sbatch", env); status != 0 {
			t.Fatalf("%v: status %d: %s", c.env, status, stderr)
		}
		got, err := os.ReadFile(filepath.Join(f.work, "memory.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != "limit="+c.want+"\n" {
			t.Errorf("%v: borderwork saw BORDERWORK_MAX_MEMORY %q, want %q", c.env, got, c.want)
		}
	}

	// A merge refused for memory: the log quotes borderwork's error and
	// says what the limit was and how to raise it; refused for anything
	// else, it quotes the error and says nothing of memory.
	for _, c := range []struct {
		name, refusal string
		memory        bool
	}{
		{"memory", "borderwork merge: merge: 99 runs would need about 2 GiB of memory to keep track of; the limit is 1 GiB (--max-memory or BORDERWORK_MAX_MEMORY raises it)", true},
		{"your files", "borderwork merge: --out: sweep holds files borderwork did not write (notes.txt); move them, or choose another --out, or give --force to replace it (files borderwork did not write are kept)", false},
		{"a shard left out", "borderwork merge: shard 1/2 is missing: 12 of the sweep's 24 runs are in none of the folders given (runs 1, 3); merge every shard of the sweep", false},
	} {
		f := newSlurmFakes(t)
		fake := filepath.Join(f.bin, "refusing")
		body := "#!/bin/sh\necho " + shellQuote(c.refusal) + " >&2\nexit 2\n"
		if err := os.WriteFile(fake, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		status, _, stderr := f.run(t, "merge.sbatch", []string{"SHARDS=2", "SLURM_MEM_PER_NODE=1024", "BORDERWORK=" + fake})
		said := strings.Contains(stderr, "memory limit was this job's memory, 1024MiB") && strings.Contains(stderr, "SBATCH_MEM_PER_NODE=")
		if status != 2 || !strings.HasPrefix(stderr, c.refusal+"\n") || said != c.memory {
			t.Errorf("a merge refused for %s: status %d, stderr %s; want status 2, the refusal first, and memory advice %v", c.name, status, stderr, c.memory)
		}
	}

	// And merge keeps to it, given by the environment or by the flag.
	f := newSlurmFakes(t)
	shards := []string{filepath.Join(f.work, "shards", "0"), filepath.Join(f.work, "shards", "1")}
	for i, dir := range shards {
		mustRun(t, smallSweep(dir, "--shard", fmt.Sprintf("%d/2", i), "--formats", "")...)
	}
	out := filepath.Join(f.work, "sweep")
	status, _, stderr := f.run(t, "merge.sbatch", []string{"SHARDS=2", "BORDERWORK_MAX_MEMORY=1KiB"})
	if status != 2 || !strings.Contains(stderr, "merge: 24 runs would need about") || !strings.Contains(stderr, "the limit is 1 KiB") {
		t.Errorf("a merge beyond BORDERWORK_MAX_MEMORY: status %d, stderr %s", status, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a merge beyond its memory wrote %s (%v)", out, err)
	}
	wantRefusal(t, exitUsage, out, append([]string{"merge", "--max-memory", "1KiB", "--out", out}, shards...), "merge: 24 runs would need about", "the limit is 1 KiB", "--max-memory")
	wantRefusal(t, exitUsage, out, append([]string{"merge", "--max-memory", "lots", "--out", out}, shards...), "--max-memory", "lots")
	mustRun(t, append([]string{"merge", "--max-memory", "1GiB", "--out", out}, shards...)...)
}

// TestClusterMergeSaysWhatToDo: merge.sbatch run while tasks are still
// queued or running says so, rather than that Slurm lost them (audit
// cluster7, finding 4); and when every task completed but borderwork merge
// refuses, it quotes the merge to run by hand, not the advice for failed
// tasks, which would fail the same way (finding 3).
func TestClusterMergeSaysWhatToDo(t *testing.T) {
	line := func(task, state string) string {
		return "JobId=9" + task + " ArrayJobId=78 ArrayTaskId=" + task + " JobName=borderwork-sweep UserId=u(1) GroupId=g(1) JobState=" + state + " Reason=None Dependency=(null)\n"
	}
	f := newSlurmFakes(t)
	scontrol := filepath.Join(f.work, "scontrol.txt")
	write := func(s string) {
		if err := os.WriteFile(scontrol, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fake := filepath.Join(f.bin, "refusing")
	body := "#!/bin/sh\necho \"$*\" >>merges.txt\necho 'borderwork merge: --out: sweep holds files borderwork did not write (NOTES.md)' >&2\nexit 2\n"
	if err := os.WriteFile(fake, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"FAKE_SCONTROL=" + scontrol, "SWEEP_JOB=78", "SHARDS=10", "BORDERWORK=" + fake}

	write(line("0", "COMPLETED") + line("1", "COMPLETED") + line("2", "RUNNING") + line("3-5,7-9%2", "PENDING") + line("6", "FAILED"))
	status, _, stderr := f.run(t, "merge.sbatch", env)
	for _, want := range []string{"sweep job 78 has not ended", "task 2 (RUNNING), task 3 (PENDING)", "task 9 (PENDING)", "--dependency=afterany:78"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("tasks still queued: want %q in\n%s", want, stderr)
		}
	}
	if status != 2 || strings.Contains(stderr, "unknown") || strings.Contains(stderr, "submit command again") {
		t.Errorf("tasks still queued: status %d, stderr\n%s", status, stderr)
	}
	if _, err := os.Stat(filepath.Join(f.work, "merges.txt")); err == nil {
		t.Errorf("merged while tasks were queued")
	}

	// Ended without completing: task 6 failed, writing its log; task 9
	// was cancelled while pending, and never started to write one.
	if err := os.MkdirAll(filepath.Join(f.work, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.work, "logs", "sweep-78_6.out"), []byte("borderwork sweep: killed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	write(line("0-5,7-8", "COMPLETED") + line("6", "FAILED") + line("9", "CANCELLED"))
	status, _, stderr = f.run(t, "merge.sbatch", env)
	for _, want := range []string{"did not complete: task 6 (shards/6, FAILED), task 9 (shards/9, CANCELLED, never started: no log); the logs say why: logs/sweep-78_6.out."} {
		if !strings.Contains(stderr, want) {
			t.Errorf("tasks failed and cancelled: want %q in\n%s", want, stderr)
		}
	}
	if status != 2 || strings.Contains(stderr, "sweep-78_9.out") {
		t.Errorf("tasks failed and cancelled: status %d, stderr naming a log never written?\n%s", status, stderr)
	}
	if err := os.Remove(filepath.Join(f.work, "logs", "sweep-78_6.out")); err != nil {
		t.Fatal(err)
	}
	write(line("0-5,7-8", "COMPLETED") + line("6,9", "CANCELLED"))
	if status, _, stderr = f.run(t, "merge.sbatch", env); status != 2 || !strings.Contains(stderr, "; none of them started, so none wrote a log.") {
		t.Errorf("tasks cancelled before they started: status %d, stderr\n%s", status, stderr)
	}

	var all strings.Builder
	for _, task := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		all.WriteString(line(task, "COMPLETED"))
	}
	write(all.String())
	status, _, stderr = f.run(t, "merge.sbatch", env)
	if status != 2 || !strings.Contains(stderr, "every task of sweep job 78 completed, but borderwork merge refused") ||
		!strings.Contains(stderr, fake+" merge --out sweep shards/{0..9}") || strings.Contains(stderr, "submit command again") {
		t.Errorf("merge refused after every task completed: status %d, stderr\n%s", status, stderr)
	}

	// A merge killed outright (out of memory) refused nothing, and printed
	// no error to fix: the log says it was killed, what it left, and how to
	// merge with more memory, whether or not it knows the sweep job.
	killed := filepath.Join(f.bin, "killed")
	if err := os.WriteFile(killed, []byte("#!/bin/sh\nkill -KILL $$\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, env := range [][]string{
		{"FAKE_SCONTROL=" + scontrol, "SWEEP_JOB=78", "SHARDS=10", "SLURM_MEM_PER_NODE=1024", "BORDERWORK=" + killed},
		{"SHARDS=10", "SLURM_MEM_PER_NODE=1024", "BORDERWORK=" + killed},
	} {
		status, _, stderr = f.run(t, "merge.sbatch", env)
		for _, want := range []string{"borderwork merge was killed (SIGKILL: out of memory", ".sweep.tmp-*", "SBATCH_MEM_PER_NODE=8G", killed + " merge --out sweep shards/{0..9}"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: a merge killed outright: want %q in\n%s", env, want, stderr)
			}
		}
		if status != 2 || strings.Contains(stderr, "refused") || strings.Contains(stderr, "error is above") {
			t.Errorf("%v: a merge killed outright: status %d, stderr\n%s", env, status, stderr)
		}
	}
}

// TestClusterKubernetesMemoryIsThePods: docs/cluster/sweep-job.yaml and
// merge-job.yaml give borderwork the pod's memory limit as its own, as
// sweep.sbatch gives the job's, so that a run too large is refused naming
// the memory it needs rather than OOM-killed, losing the shard's runs, on
// every retry. (The manifests are not applied anywhere; this reads them
// as text.)
func TestClusterKubernetesMemoryIsThePods(t *testing.T) {
	for _, name := range []string{"sweep-job.yaml", "merge-job.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster", name))
		if err != nil {
			t.Fatal(err)
		}
		var limit, env string
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if v, ok := strings.CutPrefix(line, "limits: {memory: "); ok {
				limit = strings.TrimSuffix(v, "}")
			}
			if v, ok := strings.CutPrefix(line, "- {name: BORDERWORK_MAX_MEMORY, value: "); ok {
				env = strings.TrimSuffix(v, "}")
			}
		}
		got, err := runs.ParseSize(env)
		if err != nil {
			t.Errorf("%s: BORDERWORK_MAX_MEMORY %q: %v", name, env, err)
			continue
		}
		want, err := runs.ParseSize(strings.TrimSuffix(limit, "i") + "iB") // Kubernetes' 1Gi is 1GiB
		if err != nil || got != want {
			t.Errorf("%s: BORDERWORK_MAX_MEMORY %q (%d bytes); want the pod's limits.memory %q (%d bytes, %v)", name, env, got, limit, want, err)
		}
	}
}

// TestClusterKubernetesExecsBorderwork: a container whose command is sh -c
// runs borderwork with exec, so that borderwork, not a shell that is PID 1
// and ignores it, gets the SIGTERM of a deleted or evicted pod and saves
// its finished runs for --resume (audit sweep8, finding 5).
func TestClusterKubernetesExecsBorderwork(t *testing.T) {
	for _, name := range []string{"sweep-job.yaml", "merge-job.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster", name))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`command: \["/bin/sh", "-c"\]\s+args:\s+- >-\s+(\S+ \S+)`).FindStringSubmatch(string(b))
		if m == nil {
			t.Errorf("%s: no sh -c command with its args", name)
		} else if m[1] != "exec borderwork" {
			t.Errorf("%s: the shell runs %q...; want exec borderwork", name, m[1])
		}
	}
}

// TestClusterKubernetesMergesEveryShard: merge-job.yaml names each shard
// sweep-job.yaml writes, 0 to completions-1, one by one, so that a
// missing shard is refused by name and a stopped shard's N.partial beside
// them is not merged as one (a glob took it).
func TestClusterKubernetesMergesEveryShard(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sweep, merge := read("sweep-job.yaml"), read("merge-job.yaml")
	m := regexp.MustCompile(`(?m)^  completions: (\d+)$`).FindStringSubmatch(sweep)
	if m == nil {
		t.Fatal("sweep-job.yaml: no completions")
	}
	n, _ := strconv.Atoi(m[1])
	if want := fmt.Sprintf(`--shard "$JOB_COMPLETION_INDEX/%d"`, n); !strings.Contains(sweep, want) {
		t.Errorf("sweep-job.yaml: completions %d, and no %s", n, want)
	}
	named := regexp.MustCompile(`/data/shards/\S*`).FindAllString(merge, -1)
	var want []string
	for i := range n {
		want = append(want, fmt.Sprintf("/data/shards/%d", i))
	}
	if !slices.Equal(named, want) {
		t.Errorf("merge-job.yaml merges %q; want the %d shards sweep-job.yaml writes, %q", named, n, want)
	}
	if !strings.Contains(merge, "backoffLimit: 0") {
		t.Error("merge-job.yaml: want backoffLimit: 0 (a failed merge is not mended by running it again)")
	}
}

// TestClusterSubmitRefusesAnotherShards: submit in a folder whose shards/
// were written with another SHARDS refuses, before it queues anything,
// naming the SHARDS they were written with: every task would refuse its
// shard after a wait in the queue (shard 0 of 2 is not shard 0 of 3),
// saying to give --shard, which submit refuses. With the same SHARDS it
// submits, and the tasks complete or rerun the shards.
func TestClusterSubmitRefusesAnotherShards(t *testing.T) {
	f := newSlurmFakes(t)
	trial := []string{"--reps", "1", "--days", "5"} // the recipe's sweep, small
	f.task(t, 0, 2, trial...)
	if err := os.MkdirAll(filepath.Join(f.work, "shards", "notes"), 0o755); err != nil { // not a shard: not read
		t.Fatal(err)
	}
	for _, c := range []struct {
		shards string
		status int
		want   string
	}{
		{"3", 2, "submit: nothing submitted: SHARDS=3, but the shards in shards/ were written with SHARDS=2 (shards/0 is shard 0/2, not 0/3)"},
		{"1", 2, "To complete or rerun that sweep, submit with SHARDS=2;"},
		{"2", 0, "Submitted sweep job"},
	} {
		status, stdout, stderr := f.run(t, "submit", []string{"SHARDS=" + c.shards, "CPUS=1"}, trial...)
		if status != c.status || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("SHARDS=%s: status %d, stdout %q, stderr %q; want status %d and %q", c.shards, status, stdout, stderr, c.status, c.want)
		}
		if submitted := len(f.submitted(t)); (c.status == 0) != (submitted > 0) {
			t.Errorf("SHARDS=%s: %d jobs submitted", c.shards, submitted)
		}
	}
}

// task runs task i of an array of shards with sweep.sbatch, as Slurm
// would, the flags given after the recipe's sweep, and fails the test
// unless it writes its shard.
func (f slurmFakes) task(t *testing.T, i, shards int, given ...string) {
	t.Helper()
	env := []string{fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", i), fmt.Sprintf("SHARDS=%d", shards), "SLURM_CPUS_PER_TASK=1"}
	if status, _, stderr := f.run(t, "sweep.sbatch", env, given...); status != 0 {
		t.Fatalf("task %d of %d: status %d: %s", i, shards, status, stderr)
	}
}

// TestClusterSubmitRefusesAnotherSweepsShards: submit in a folder whose
// shards/ holds another sweep's shards (a trial's, submitted there before
// the real sweep) refuses, before it queues anything, naming the shard and
// saying it is another sweep's: every task would refuse its shard after a
// wait in the queue (audit slurm65, finding 1). Its check once probed a
// scratch folder alone, and borderwork checked the work limit before the
// folder it would resume. This sweep's shards, complete or interrupted,
// are submitted, and the check leaves them as they were.
func TestClusterSubmitRefusesAnotherSweepsShards(t *testing.T) {
	f := newSlurmFakes(t)
	trial := []string{"--reps", "1", "--days", "5"}
	f.task(t, 0, 3, trial...)
	// Shard 1 interrupted after its first run: the task's own arguments,
	// recorded by a stand-in, run here and stopped.
	record := filepath.Join(f.bin, "records-args")
	if err := os.WriteFile(record, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" >args.txt\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"BORDERWORK=" + record, "SLURM_ARRAY_TASK_ID=1", "SHARDS=3", "SLURM_CPUS_PER_TASK=1"}
	f.run(t, "sweep.sbatch", env, trial...) // fails: the stand-in writes no shard
	b, err := os.ReadFile(filepath.Join(f.work, "args.txt"))
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if i := slices.Index(args, "--out"); i < 0 || args[i+1] != "shards/1" {
		t.Fatalf("task 1's arguments: %q", args)
	} else {
		args[i+1] = filepath.Join(f.work, "shards", "1")
	}
	if status, _, stderr := runCLIInterrupted(t, 1, args...); status != 130 {
		t.Fatalf("task 1, interrupted: status %d: %s", status, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(f.work, "shards", "1", "manifest.json")); err != nil || !strings.Contains(string(b), `"complete": false`) {
		t.Fatalf("task 1, interrupted, left no incomplete shard: %v\n%s", err, b)
	}
	before := snapshotCLI(t, filepath.Join(f.work, "shards"))

	status, stdout, stderr := f.run(t, "submit", []string{"SHARDS=3", "CPUS=1"}, trial...)
	if status != 0 || len(f.submitted(t)) != 2 {
		t.Fatalf("this sweep's shards, complete and interrupted: status %d, submitted %q; want it submitted: %s%s", status, f.submitted(t), stdout, stderr)
	}
	if snapshotCLI(t, filepath.Join(f.work, "shards")) != before {
		t.Error("the check changed shards/")
	}

	// The real sweep submitted where the trial ran: refused, nothing more
	// submitted, shards/ as it was.
	status, stdout, stderr = f.run(t, "submit", []string{"SHARDS=3", "CPUS=1"}, "--reps", "2", "--days", "5")
	for _, want := range []string{"shards/0 was written by a different sweep and is complete",
		"shards/0 holds what task 0 would refuse to complete (above): run this sweep in a folder of its own, or move shards/ (and sweep/) aside first.",
		"submit: nothing submitted"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("another sweep's shards: want %q in stderr:\n%s", want, stderr)
		}
	}
	if status != 2 || len(f.submitted(t)) != 2 {
		t.Errorf("another sweep's shards: status %d, submitted %q; want 2 and nothing more submitted: %s", status, f.submitted(t), stdout)
	}
	if snapshotCLI(t, filepath.Join(f.work, "shards")) != before {
		t.Error("the check changed shards/")
	}
}

// TestClusterSubmitSaysADoneSweepIsDone: the same submit command run once
// more after the sweep was merged (the recovery command, say, when nothing
// had failed) submits nothing and says the sweep is done: queued, it
// would only merge it again, replacing figures drawn in sweep/ since
// (audit slurm65, finding 3). With a shard missing, or no merge yet, it
// submits.
func TestClusterSubmitSaysADoneSweepIsDone(t *testing.T) {
	f := newSlurmFakes(t)
	trial := []string{"--reps", "1", "--days", "5"}
	for i := range 3 {
		f.task(t, i, 3, trial...)
	}
	env := []string{"SHARDS=3", "CPUS=1"}
	// Not merged yet: submitted (every task finds its shard complete; the
	// merge makes sweep/).
	if status, _, stderr := f.run(t, "submit", env, trial...); status != 0 || len(f.submitted(t)) != 2 {
		t.Fatalf("complete shards, no merge: status %d, submitted %q; want it submitted: %s", status, f.submitted(t), stderr)
	}
	shards := []string{"--out", filepath.Join(f.work, "sweep")}
	for i := range 3 {
		shards = append(shards, filepath.Join(f.work, "shards", strconv.Itoa(i)))
	}
	mustRun(t, append([]string{"merge"}, shards...)...)
	before := snapshotCLI(t, f.work)

	status, stdout, stderr := f.run(t, "submit", env, trial...)
	want := "Nothing submitted: the sweep is done. Its 3 shards in shards/ are complete and sweep/ is their merge.\n" +
		"To merge them again all the same: SHARDS=3 sbatch --export=ALL "
	if status != 0 || !strings.HasPrefix(stdout, want) || len(f.submitted(t)) != 2 {
		t.Errorf("a merged sweep: status %d, stdout %q, stderr %q, submitted %q; want 0, %q and nothing more submitted", status, stdout, stderr, f.submitted(t), want)
	}
	if snapshotCLI(t, f.work) != before {
		t.Error("submit changed the folder of a sweep that was done")
	}
	// Another sweep's flags: refused, as before, not "done".
	if status, _, stderr := f.run(t, "submit", env, "--reps", "2", "--days", "5"); status != 2 || !strings.Contains(stderr, "shards/0 holds what task 0 would refuse") {
		t.Errorf("another sweep where this one is done: status %d, stderr %q", status, stderr)
	}
	// A shard missing: submitted, to run it again.
	if err := os.RemoveAll(filepath.Join(f.work, "shards", "2")); err != nil {
		t.Fatal(err)
	}
	if status, _, stderr := f.run(t, "submit", env, trial...); status != 0 || len(f.submitted(t)) != 4 {
		t.Errorf("a shard missing: status %d, submitted %q; want it submitted: %s", status, f.submitted(t), stderr)
	}
	// Another sweep, the trial's shards moved aside but not its merge:
	// refused, since the merge job would replace it; then submitted.
	if err := os.Rename(filepath.Join(f.work, "shards"), filepath.Join(f.work, "trial-shards")); err != nil {
		t.Fatal(err)
	}
	status, _, stderr = f.run(t, "submit", env, "--reps", "2", "--days", "5")
	if want := "sweep/ holds the merge of another sweep (above), which this sweep's merge job would replace: run this sweep in a folder of its own, or move sweep/ aside first."; status != 2 ||
		!strings.Contains(stderr, want) || !strings.Contains(stderr, "sweep was written by a different sweep") || len(f.submitted(t)) != 4 {
		t.Errorf("another sweep's merge: status %d, submitted %q, stderr %q; want 2, nothing more submitted, and %q", status, f.submitted(t), stderr, want)
	}
	if err := os.Rename(filepath.Join(f.work, "sweep"), filepath.Join(f.work, "trial-sweep")); err != nil {
		t.Fatal(err)
	}
	if status, _, stderr := f.run(t, "submit", env, "--reps", "2", "--days", "5"); status != 0 || len(f.submitted(t)) != 6 {
		t.Errorf("another sweep, the trial moved aside: status %d, submitted %q; want it submitted: %s", status, f.submitted(t), stderr)
	}
}
