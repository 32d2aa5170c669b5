package isolate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/txt"
	"github.com/prescreen/prescreen/report"
)

// The test binary doubles as the worker: TestMain serves when asked to,
// with a text format that misbehaves on command.
func TestMain(m *testing.M) {
	if os.Getenv("ISOLATE_TEST_WORKER") == "1" {
		in, out := Stdio()
		err := ServeWith(in, out, func(p *pipeline.Processor) {
			p.Formats = map[string]redact.Format{"text/plain": hostile{}}
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type hostile struct{}

func (hostile) Name() string { return "txt" }

var sink [][]byte

func (hostile) Extract(data []byte) (redact.Extraction, error) {
	switch {
	case bytes.HasPrefix(data, []byte("SPIN")):
		for n := 0; ; n++ { // a parser in an endless loop
			if n < 0 {
				break
			}
		}
	case bytes.HasPrefix(data, []byte("HOG")):
		for { // a parser that allocates without bound
			sink = append(sink, bytes.Repeat([]byte{1}, 64<<20))
		}
	case bytes.HasPrefix(data, []byte("EXIT")):
		os.Exit(7)
	case bytes.HasPrefix(data, []byte("SLOWEXIT")):
		time.Sleep(500 * time.Millisecond)
		os.Exit(7)
	case bytes.HasPrefix(data, []byte("SLOW")):
		time.Sleep(500 * time.Millisecond) // then screened as usual
	}
	return txt.Format{}.Extract(data)
}

func pool(t testing.TB, workers int, timeout, cpu time.Duration) *Pool {
	t.Helper()
	t.Setenv("ISOLATE_TEST_WORKER", "1")
	p := policy.Default()
	exe, _ := os.Executable()
	pl, err := Start(Config{
		Command: []string{exe},
		Workers: workers,
		Setup:   Setup{PolicyName: "default.yaml", PolicySource: p.Source(), Key: []byte("isolate-test-key-0123456789"), Timeout: timeout, CPU: cpu, MemoryBytes: memoryLimit(t)},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pl.Close() })
	return pl
}

// memoryLimit leaves a worker 768 MiB of address space beyond what this
// binary maps when idle (a Go binary maps well over a GiB before it does
// anything), so the hungry parser below hits the limit after a few hundred
// MiB of real memory.
func memoryLimit(t testing.TB) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmSize:" {
			var kb int64
			fmt.Sscan(f[1], &kb)
			return kb<<10 + 768<<20
		}
	}
	t.Skip("no VmSize")
	return 0
}

const resume = "Jane Doe\nEmail: jane.doe@example.com\nGo developer\n"

func screen(t *testing.T, p *Pool, doc string) pipeline.Outcome {
	t.Helper()
	out, err := p.ProcessDoc(context.Background(), []byte(doc), "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWorkerScreens(t *testing.T) {
	p := pool(t, 2, 10*time.Second, 10*time.Second)
	out := screen(t, p, resume)
	if out.Status != report.Redacted || !strings.Contains(string(out.Output), "[REDACTED:contact]") || strings.Contains(string(out.Output), "jane.doe@") {
		t.Fatalf("outcome %+v", out)
	}
	// Concurrent documents come back to their own callers.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc := fmt.Sprintf("Candidate %d\nEmail: c%d@example.com\n", i, i)
			out := screen(t, p, doc)
			if out.SHA256 != pipeline.SHA256([]byte(doc)) || !strings.HasPrefix(string(out.Output), fmt.Sprintf("Candidate %d\n", i)) {
				t.Errorf("document %d: %q", i, out.Output)
			}
		}()
	}
	wg.Wait()
}

// TestHostileParsers: each way a parser can go wrong costs one quarantined
// document with its reason, and the pool goes on screening.
func TestHostileParsers(t *testing.T) {
	for _, tc := range []struct {
		name, doc, reason string
		timeout, cpu      time.Duration
	}{
		// The timeout leaves a cold worker (detectors built on first use, slow
		// under the race detector) time to screen the next document.
		{"spin past the timeout", "SPIN", "timeout: not screened within 3s", 3 * time.Second, 30 * time.Second},
		{"spin past the cpu limit", "SPIN", "cpu time limit exceeded: worker stopped", 20 * time.Second, time.Second},
		{"memory without bound", "HOG", "worker crashed: out of memory or a fatal runtime error", 20 * time.Second, 20 * time.Second},
		{"sudden exit", "EXIT", "worker died: exit status 7", 10 * time.Second, 10 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.doc == "HOG" && raceEnabled {
				t.Skip("race-enabled workers run without an address-space limit")
			}
			p := pool(t, 1, tc.timeout, tc.cpu)
			doc := tc.doc + " " + resume
			out := screen(t, p, doc)
			if out.Status != report.Quarantined || out.Reason != tc.reason || out.Output != nil {
				t.Fatalf("outcome: %s %q, want reason %q", out.Status, out.Reason, tc.reason)
			}
			// The worker sent nothing: the parent hashed the document
			// itself, so the record still identifies it.
			if out.SHA256 != pipeline.SHA256([]byte(doc)) {
				t.Errorf("SHA256 %q, want the document's", out.SHA256)
			}
			// The one worker was replaced: the next document is fine.
			if out := screen(t, p, resume); out.Status != report.Redacted {
				t.Fatalf("after %s: %s %q", tc.name, out.Status, out.Reason)
			}
		})
	}
}

func TestInterrupted(t *testing.T) {
	p := pool(t, 1, 10*time.Second, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(200 * time.Millisecond); cancel() }()
	if _, err := p.ProcessDoc(ctx, []byte("SPIN "+resume), "x"); err != pipeline.ErrInterrupted {
		t.Fatalf("err = %v", err)
	}
	if out := screen(t, p, resume); out.Status != report.Redacted {
		t.Fatalf("after an interrupt: %s %q", out.Status, out.Reason)
	}
}

func TestPolicyPerRequest(t *testing.T) {
	t.Setenv("ISOLATE_TEST_WORKER", "1")
	exe, _ := os.Executable()
	blind := policy.Blind()
	pl, err := Start(Config{Command: []string{exe}, Workers: 1, Setup: Setup{
		PolicyName: "default.yaml", PolicySource: policy.Default().Source(), Key: []byte("isolate-test-key-0123456789"),
		Timeout: 10 * time.Second, MemoryBytes: memoryLimit(t),
		Policies: []PolicyFile{{Name: blind.Name, File: "blind.yaml", Source: blind.Source()}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer pl.Close()
	ctx := context.Background()
	def, _ := pl.ProcessPolicy(ctx, []byte(resume), "", "")
	bl, _ := pl.ProcessPolicy(ctx, []byte(resume), "blind", "")
	if !strings.Contains(string(def.Output), "Jane Doe") || strings.Contains(string(bl.Output), "Jane Doe") {
		t.Errorf("default %q, blind %q", def.Output, bl.Output)
	}
	bad, err := pl.ProcessPolicy(ctx, []byte(resume), "nope", "")
	if err != nil || bad.Status != report.Quarantined || !strings.Contains(bad.Reason, "unknown policy") {
		t.Errorf("unknown policy: %+v %v", bad, err)
	}
	if out, _ := pl.ProcessPolicy(ctx, []byte(resume), "", ""); out.Status != report.Redacted {
		t.Errorf("after an unknown policy the worker still works: %s %q", out.Status, out.Reason)
	}
}

// TestWorkerWritesCopy: asked to, a worker writes the reviewer copy to a
// new file at temp and sends no copy back; when it cannot (the file is
// there already) it sends the copy back and leaves the file alone; a
// worker that dies writes nothing.
func TestWorkerWritesCopy(t *testing.T) {
	p := pool(t, 1, 10*time.Second, 10*time.Second)
	ctx := context.Background()
	dir := t.TempDir()
	temp := dir + "/.prescreen-1.tmp"
	out, written, err := p.ProcessDocTo(ctx, []byte(resume), "x.txt", temp)
	if err != nil || !written || out.Status != report.Redacted || out.Output != nil {
		t.Fatalf("written %v, %s %q, output %d bytes, err %v", written, out.Status, out.Reason, len(out.Output), err)
	}
	got, err := os.ReadFile(temp)
	if err != nil || !strings.Contains(string(got), "[REDACTED:contact]") || strings.Contains(string(got), "jane.doe@") {
		t.Fatalf("copy at temp: %q, %v", got, err)
	}
	if fi, _ := os.Stat(temp); fi.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v", fi.Mode().Perm())
	}

	// The name is taken: the copy comes back instead.
	out, written, err = p.ProcessDocTo(ctx, []byte(resume), "x.txt", temp)
	if err != nil || written || !strings.Contains(string(out.Output), "[REDACTED:contact]") {
		t.Fatalf("taken name: written %v, output %q, err %v", written, out.Output, err)
	}
	if again, _ := os.ReadFile(temp); string(again) != string(got) {
		t.Errorf("the file already at temp was changed: %q", again)
	}

	// A quarantined document writes nothing.
	died := dir + "/.prescreen-2.tmp"
	out, written, err = p.ProcessDocTo(ctx, []byte("EXIT "+resume), "x.txt", died)
	if err != nil || written || out.Status != report.Quarantined {
		t.Fatalf("dying worker: written %v, %s %q, err %v", written, out.Status, out.Reason, err)
	}
	if _, err := os.Stat(died); !os.IsNotExist(err) {
		t.Errorf("a file at temp after the worker died (%v)", err)
	}
}

// TestCPULimitFollowsUse: the soft RLIMIT_CPU a worker sets before each
// document is the CPU time used so far plus the allowance, in whole
// seconds, also after the worker skipped setting an unchanged limit.
func TestCPULimitFollowsUse(t *testing.T) {
	var orig syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_CPU, &orig); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_CPU, &orig) })
	const allowance = time.Hour // never reached by this test
	used := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	want := func(u time.Duration) uint64 {
		s := uint64((u + allowance + time.Second - 1) / time.Second)
		if orig.Max != ^uint64(0) {
			s = min(s, orig.Max)
		}
		return s
	}
	var c cpuLimit
	check := func(round int) uint64 {
		before := used()
		c.limit(allowance)
		after := used()
		var lim syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_CPU, &lim); err != nil {
			t.Fatal(err)
		}
		if lim.Cur < want(before) || lim.Cur > want(after) {
			t.Fatalf("round %d: soft limit %d s, want %d-%d s", round, lim.Cur, want(before), want(after))
		}
		return lim.Cur
	}
	first := check(0)
	for i := 1; i < 5; i++ {
		check(i) // unchanged: not set again, still right
	}
	// Use more than a second of CPU: the limit must move with it.
	for start := used(); used()-start < 1100*time.Millisecond; {
	}
	if last := check(5); orig.Max == ^uint64(0) && last <= first {
		t.Errorf("soft limit stayed at %d s after a second of CPU", last)
	}
}

// TestQueuedDocuments: a worker takes a second document while it screens
// one; when it dies or retires on the first, the second, never started,
// is screened by another worker, and only the first is quarantined. An
// interrupted queued document returns at once and leaves the one being
// screened alone.
func TestQueuedDocuments(t *testing.T) {
	for _, tc := range []struct {
		name, first, reason string
		timeout, cpu        time.Duration
	}{
		{"dies", "SLOWEXIT", "worker died: exit status 7", 10 * time.Second, 10 * time.Second},
		{"retires after a timeout", "SPIN", "timeout: not screened within 3s", 3 * time.Second, 30 * time.Second},
		{"killed by the cpu limit", "SPIN", "cpu time limit exceeded: worker stopped", 20 * time.Second, time.Second},
		{"answers", "SLOW", "", 10 * time.Second, 10 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pool(t, 1, tc.timeout, tc.cpu)
			if n := len(p.free) + len(p.spare); n != slots {
				t.Fatalf("%d free slots for one worker, want %d", n, slots)
			}
			firstDoc := tc.first + " " + resume
			var first pipeline.Outcome
			done := make(chan struct{})
			go func() {
				defer close(done)
				first, _ = p.ProcessDoc(context.Background(), []byte(firstDoc), "first.txt")
			}()
			time.Sleep(200 * time.Millisecond) // the first is being screened
			second := screen(t, p, resume)
			<-done
			if tc.reason == "" {
				if first.Status != report.Redacted {
					t.Errorf("first: %s %q", first.Status, first.Reason)
				}
			} else if first.Status != report.Quarantined || first.Reason != tc.reason || first.SHA256 != pipeline.SHA256([]byte(firstDoc)) {
				t.Errorf("first: %s %q, want quarantined: %q", first.Status, first.Reason, tc.reason)
			}
			if second.Status != report.Redacted || second.SHA256 != pipeline.SHA256([]byte(resume)) {
				t.Errorf("second, queued behind it: %s %q", second.Status, second.Reason)
			}
			if out := screen(t, p, resume); out.Status != report.Redacted {
				t.Errorf("afterwards: %s %q", out.Status, out.Reason)
			}
		})
	}

	t.Run("interrupted while queued", func(t *testing.T) {
		p := pool(t, 1, 10*time.Second, 10*time.Second)
		var first pipeline.Outcome
		done := make(chan struct{})
		go func() {
			defer close(done)
			first, _ = p.ProcessDoc(context.Background(), []byte("SLOW "+resume), "first.txt")
		}()
		time.Sleep(100 * time.Millisecond)
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(100 * time.Millisecond); cancel() }()
		start := time.Now()
		if _, err := p.ProcessDoc(ctx, []byte(resume), "second.txt"); err != pipeline.ErrInterrupted {
			t.Errorf("queued and interrupted: err = %v", err)
		}
		if d := time.Since(start); d > 250*time.Millisecond {
			t.Errorf("the interrupted document returned after %s, not at once", d)
		}
		<-done
		if first.Status != report.Redacted {
			t.Errorf("the document being screened: %s %q", first.Status, first.Reason)
		}
		if out := screen(t, p, resume); out.Status != report.Redacted {
			t.Errorf("afterwards: %s %q", out.Status, out.Reason)
		}
	})
}

// TestManyDocumentsSomeCrash: documents sent all at once to two workers,
// some of which kill their worker, come back each with its own outcome:
// the killers quarantined, every other one screened, whether it was being
// screened or waiting when a worker died.
func TestManyDocumentsSomeCrash(t *testing.T) {
	p := pool(t, 2, 20*time.Second, 20*time.Second)
	const n = 96
	outs := make([]pipeline.Outcome, n)
	docs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		docs[i] = fmt.Sprintf("Candidate %d\nEmail: c%d@example.com\n", i, i)
		if i%8 == 3 {
			docs[i] = "EXIT " + docs[i]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := p.ProcessDoc(context.Background(), []byte(docs[i]), "x.txt")
			if err != nil {
				t.Errorf("document %d: %v", i, err)
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if out.SHA256 != pipeline.SHA256([]byte(docs[i])) {
			t.Errorf("document %d came back with another's outcome", i)
		}
		switch {
		case strings.HasPrefix(docs[i], "EXIT"):
			if out.Status != report.Quarantined || out.Reason != "worker died: exit status 7" {
				t.Errorf("document %d (kills its worker): %s %q", i, out.Status, out.Reason)
			}
		case out.Status != report.Redacted || !strings.Contains(string(out.Output), fmt.Sprintf("Candidate %d\n", i)):
			t.Errorf("document %d: %s %q", i, out.Status, out.Reason)
		}
	}
}

// TestIdleWorkerFirst: a document goes to an idle worker before it waits
// behind another worker's document: two slow documents sent together to
// two idle workers are screened side by side.
func TestIdleWorkerFirst(t *testing.T) {
	p := pool(t, 2, 10*time.Second, 10*time.Second)
	screen(t, p, resume) // both workers started
	screen(t, p, resume)
	for round := range 3 {
		start := time.Now()
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if out := screen(t, p, "SLOW "+resume); out.Status != report.Redacted {
					t.Errorf("%s %q", out.Status, out.Reason)
				}
			}()
		}
		wg.Wait()
		// Each takes a second (the slow parser reads the document and
		// then its copy); one behind the other would take two.
		if d := time.Since(start); d > 1600*time.Millisecond {
			t.Errorf("round %d: two documents on two idle workers took %s", round, d)
		}
	}
}
