package watch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

const resume = "Jane Doe\nEmail: jane.doe@example.com\nPhone: +44 20 7946 0958\nGo developer\n"
const redacted = "Jane Doe\nEmail: [REDACTED:contact]\nPhone: [REDACTED:contact]\nGo developer\n"

func newConfig(t testing.TB, inbox, out, archive string) Config {
	fp, err := report.NewFingerprinter([]byte("watch-test-key-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Inbox:   inbox,
		Batch:   &pipeline.Batch{Processor: &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp, Timeout: time.Minute}, Out: out},
		Workers: 2,
		Archive: archive,
		Settle:  150 * time.Millisecond,
		Log:     slog.New(slog.DiscardHandler),
	}
}

// start runs the watcher until the test ends.
func start(t *testing.T, cfg Config) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

func readLines(t testing.TB, out string) []ReportLine {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "report.jsonl"))
	if err != nil {
		return nil
	}
	var lines []ReportLine
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l ReportLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("bad report line %q: %v", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	return lines
}

// waitLines waits (bounded) until report.jsonl has at least n lines.
func waitLines(t testing.TB, out string, n int) []ReportLine {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if l := readLines(t, out); len(l) >= n {
			return l
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("report.jsonl did not reach %d lines: %d", n, len(readLines(t, out)))
	return nil
}

func write(t testing.TB, path, content string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	inbox, out, archive := filepath.Join(dir, "inbox"), filepath.Join(dir, "out"), filepath.Join(dir, "archive")
	write(t, filepath.Join(inbox, "backlog.txt"), resume)
	write(t, filepath.Join(inbox, "upload.crdownload"), "half a file")
	cfg := newConfig(t, inbox, out, archive)
	// Long enough that a loaded test machine does not pause the slow
	// writer below for that long between two chunks.
	cfg.Settle = 700 * time.Millisecond
	start(t, cfg)

	// The backlog is screened and the original archived.
	lines := waitLines(t, out, 1)
	if lines[0].Input != "backlog.txt" || lines[0].Status != report.Redacted {
		t.Fatalf("backlog line %+v", lines[0])
	}
	checkCopy(t, out, "backlog.txt", redacted)

	// A file written slowly, in chunks, is screened once, complete.
	slow := filepath.Join(inbox, "slow.txt")
	f, err := os.Create(slow)
	if err != nil {
		t.Fatal(err)
	}
	content := strings.Replace(resume, "Jane", "Slow", 1)
	for i := 0; i < len(content); i += 10 {
		f.WriteString(content[i:min(i+10, len(content))])
		f.Sync()
		time.Sleep(40 * time.Millisecond)
	}
	f.Close()

	// A file moved in, a new sub-folder with a file, and a duplicate.
	outside := filepath.Join(dir, "moved.txt")
	write(t, outside, strings.Replace(resume, "Jane", "Moved", 1))
	if err := os.Rename(outside, filepath.Join(inbox, "moved.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(inbox, "new", "deeper", "sub.txt"), strings.Replace(resume, "Jane", "Sub", 1))
	write(t, filepath.Join(inbox, "copy-of-backlog.txt"), resume)

	lines = waitLines(t, out, 4)
	time.Sleep(500 * time.Millisecond) // room for a wrong extra line to show up
	lines = readLines(t, out)
	var inputs []string
	for _, l := range lines {
		inputs = append(inputs, l.Input)
	}
	if got := strings.Join(sorted(inputs), " "); got != "backlog.txt moved.txt new/deeper/sub.txt slow.txt" {
		t.Fatalf("screened %q", got)
	}
	checkCopy(t, out, "slow.txt", strings.Replace(redacted, "Jane", "Slow", 1))
	checkCopy(t, out, "new/deeper/sub.txt", strings.Replace(redacted, "Jane", "Sub", 1))

	// Originals left the inbox into a 0700 per-day archive; the duplicate
	// too, and the temporary download was left alone.
	day := time.Now().UTC().Format("2006-01-02")
	for _, rel := range []string{"backlog.txt", "slow.txt", "moved.txt", "new/deeper/sub.txt", "copy-of-backlog.txt"} {
		if _, err := os.Stat(filepath.Join(archive, day, rel)); err != nil {
			t.Errorf("archive: %v", err)
		}
		if _, err := os.Stat(filepath.Join(inbox, rel)); err == nil {
			t.Errorf("%s still in the inbox", rel)
		}
	}
	if st, _ := os.Stat(filepath.Join(archive, day)); st == nil || st.Mode().Perm() != 0o700 {
		t.Errorf("archive day folder mode: %v", st)
	}
	if _, err := os.Stat(filepath.Join(inbox, "upload.crdownload")); err != nil {
		t.Errorf("temporary file touched: %v", err)
	}
	// Logs and report name documents; the journal only by hash.
	j, _ := os.ReadFile(filepath.Join(out, "journal.jsonl"))
	if bytes.Contains(j, []byte("backlog")) || bytes.Count(j, []byte(`"state":"done"`)) != 4 {
		t.Errorf("journal:\n%s", j)
	}
}

func checkCopy(t *testing.T, out, rel, want string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "redacted", filepath.FromSlash(rel)))
	if err != nil || string(b) != want {
		t.Errorf("reviewer copy of %s = %q, %v; want %q", rel, b, err, want)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestInPlaceAndPoll runs without an archive and in poll mode: originals
// stay, are recorded as done, and are not screened again after a restart;
// a replaced file (new content) is screened again.
func TestInPlaceAndPoll(t *testing.T) {
	dir := t.TempDir()
	inbox, out := filepath.Join(dir, "inbox"), filepath.Join(dir, "out")
	write(t, filepath.Join(inbox, "a.txt"), resume)
	cfg := newConfig(t, inbox, out, "")
	cfg.Poll = 50 * time.Millisecond

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg) }()
	waitLines(t, out, 1)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(inbox, "a.txt")); err != nil {
		t.Fatal("original moved without --archive")
	}

	start(t, cfg) // a restart: a.txt is known by its hash
	time.Sleep(400 * time.Millisecond)
	if n := len(readLines(t, out)); n != 1 {
		t.Fatalf("restart screened again: %d lines", n)
	}
	write(t, filepath.Join(inbox, "a.txt"), strings.Replace(resume, "Jane", "Replaced", 1))
	lines := waitLines(t, out, 2)
	if lines[1].Input != "a.txt" || lines[1].SHA256 == lines[0].SHA256 {
		t.Errorf("replaced file: %+v", lines[1])
	}
	checkCopy(t, out, "a.txt", strings.Replace(redacted, "Jane", "Replaced", 1))
}

func TestRetention(t *testing.T) {
	dir := t.TempDir()
	inbox, out, archive := filepath.Join(dir, "inbox"), filepath.Join(dir, "out"), filepath.Join(dir, "archive")
	os.MkdirAll(inbox, 0o700)
	old := filepath.Join(archive, "2020-01-01", "old.txt")
	recent := filepath.Join(archive, "2026-11-01", "recent.txt")
	write(t, old, "old")
	write(t, recent, "recent")
	long := time.Now().Add(-200 * 24 * time.Hour)
	os.Chtimes(old, long, long)
	var logs bytes.Buffer
	cfg := newConfig(t, inbox, out, archive)
	cfg.Retain = 180 * 24 * time.Hour
	cfg.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // retention runs at start; then stop at once
	if err := Run(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("old original kept")
	}
	if _, err := os.Stat(filepath.Dir(old)); err == nil {
		t.Error("emptied day folder kept")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("recent original deleted")
	}
	if !strings.Contains(logs.String(), "sha256="+pipeline.SHA256([]byte("old"))) || strings.Contains(logs.String(), "old.txt") {
		t.Errorf("retention log: %s", logs.String())
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o700)
	for name, mut := range map[string]func(*Config){
		"out inside inbox":       func(c *Config) { c.Batch.Out = filepath.Join(inbox, "out") },
		"archive inside inbox":   func(c *Config) { c.Archive = filepath.Join(inbox, "a") },
		"retain without archive": func(c *Config) { c.Archive = ""; c.Retain = time.Hour },
		"missing inbox":          func(c *Config) { c.Inbox = filepath.Join(dir, "nope") },
	} {
		cfg := newConfig(t, inbox, filepath.Join(dir, "out"), filepath.Join(dir, "archive"))
		mut(&cfg)
		var ce ConfigError
		if err := Run(context.Background(), cfg); !errorsAs(err, &ce) {
			t.Errorf("%s: err = %v, want ConfigError", name, err)
		}
	}
}

func errorsAs(err error, target *ConfigError) bool {
	ce, ok := err.(ConfigError)
	if ok {
		*target = ce
	}
	return ok
}

// TestCrashRestart kills the watcher with SIGKILL at several points of a
// batch, restarts it each time, and checks that in the end every document
// was screened exactly once, with no partial file in the output.
func TestCrashRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	inbox, out, archive := filepath.Join(dir, "inbox"), filepath.Join(dir, "out"), filepath.Join(dir, "archive")
	const n = 60
	for i := range n {
		write(t, filepath.Join(inbox, fmt.Sprintf("r%02d.txt", i)), fmt.Sprintf("Candidate %d\nEmail: c%d@example.com\n%s", i, i, strings.Repeat("Go developer line\n", 200)))
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildWatcher$")
		cmd.Env = append(os.Environ(), "WATCH_CHILD="+inbox+"|"+out+"|"+archive)
		return cmd
	}
	// Kill once at start-up, then each time the batch has reached a target,
	// so the kills land at different states of different documents.
	var killed []int
	for i, target := range []int{0, 5, 15, 30, 45} {
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) && len(readLines(t, out)) < target {
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Duration(i*3+10) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		killed = append(killed, len(readLines(t, out)))
	}
	// The kills must have landed mid-batch for the test to mean anything.
	if killed[len(killed)-1] >= n {
		t.Fatalf("documents reported after each kill: %v (of %d)", killed, n)
	}
	t.Logf("documents reported after each kill: %v (of %d)", killed, n)
	// A last run, to the end, then SIGTERM: it must exit 0.
	cmd := child()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && len(readLines(t, out)) < n {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("watcher after SIGTERM: %v", err)
	}

	lines := readLines(t, out)
	count := map[string]int{}
	for _, l := range lines {
		count[l.Input]++
	}
	for i := range n {
		rel := fmt.Sprintf("r%02d.txt", i)
		if count[rel] != 1 {
			t.Errorf("%s screened %d times", rel, count[rel])
		}
		b, err := os.ReadFile(filepath.Join(out, "redacted", rel))
		if err != nil || !bytes.HasPrefix(b, []byte(fmt.Sprintf("Candidate %d\nEmail: [REDACTED:contact]\n", i))) || len(b) < 200*18 {
			t.Errorf("%s: reviewer copy missing or partial (%d bytes, %v)", rel, len(b), err)
		}
	}
	filepath.Walk(out, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(path, ".tmp") {
			t.Errorf("partial file left: %s", path)
		}
		return nil
	})
	if entries, _ := os.ReadDir(inbox); len(entries) != 0 {
		t.Errorf("%d originals left in the inbox", len(entries))
	}
}

// TestChildWatcher is the watcher process of TestCrashRestart.
func TestChildWatcher(t *testing.T) {
	spec := os.Getenv("WATCH_CHILD")
	if spec == "" {
		t.Skip("only run as TestCrashRestart's child")
	}
	parts := strings.Split(spec, "|")
	cfg := newConfig(t, parts[0], parts[1], parts[2])
	cfg.Workers = 2
	ctx, stop := signalContext()
	defer stop()
	if err := Run(ctx, cfg); err != nil {
		t.Fatal(err)
	}
}
