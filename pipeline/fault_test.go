package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

func processor(t *testing.T, s *detectors.Scanner) *pipeline.Processor {
	t.Helper()
	fp, err := report.NewFingerprinter([]byte("fault-test-key-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Processor{Scanner: s, Policy: policy.Default(), Fingerprinter: fp, Timeout: 10 * time.Second}
}

// inputs writes n text resumes of about size bytes each under dir/in and
// returns their items and the reviewer copy each must get.
func inputs(t *testing.T, p *pipeline.Processor, dir string, n, size int) ([]pipeline.Item, map[string][]byte) {
	t.Helper()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o700); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for i := range n {
		body := fmt.Sprintf("Candidate %d\nEmail: c%d@example.com\nPhone: +1 415 555 %04d\n", i, i, 1000+i)
		for len(body) < size {
			body += "Built data pipelines in Go and maintained services.\n"
		}
		rel := fmt.Sprintf("r%02d.txt", i)
		if err := os.WriteFile(filepath.Join(in, rel), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := p.Process(context.Background(), []byte(body))
		if err != nil || out.Status != report.Redacted {
			t.Fatalf("%s: %s %s %v", rel, out.Status, out.Reason, err)
		}
		want[rel] = out.Output
	}
	items, err := pipeline.Collect([]string{in}, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	return items, want
}

// TestDiskFullInjected: the disk fills up part-way through a write (a
// write that stores half its bytes, then fails with ENOSPC, as the kernel
// does). The batch reports the failure, leaves no partial file, and every
// reviewer copy that did land is complete and verified.
func TestDiskFullInjected(t *testing.T) {
	dir := t.TempDir()
	p := processor(t, detectors.Default())
	items, want := inputs(t, p, dir, 24, 3000)
	out := filepath.Join(dir, "out")
	b := &pipeline.Batch{Processor: p, Out: out, Workers: 4}
	var mu sync.Mutex
	writes, failed := 0, 0
	pipeline.SetWriteFile(b, func(path string, data []byte) error {
		mu.Lock()
		writes++
		fail := writes > 6 && writes%3 == 0
		if fail {
			failed++
		}
		mu.Unlock()
		if !fail {
			return pipeline.WriteFile(path, data)
		}
		s, err := pipeline.NewStreamFile(path)
		if err != nil {
			return err
		}
		defer s.Abort()
		s.Write(data[:len(data)/2])
		return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	})
	docs, err := b.Run(context.Background(), items)
	if err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Run = %v, want the ENOSPC failure reported", err)
	}
	if len(docs)+failed != len(items) {
		t.Errorf("%d documents reported and %d writes failed, of %d", len(docs), failed, len(items))
	}
	copies := pipelinetest.CheckNoTemps(t, p, out, want)
	if len(copies) != len(docs) {
		t.Errorf("%d reviewer copies on disk, %d reported", len(copies), len(docs))
	}
	t.Logf("%d of %d writes failed; %d complete copies", failed, writes, len(copies))
}

// TestDiskFullTmpfs fills a real file system: the output folder is a
// 64 KiB tmpfs (needs root; skipped when it cannot be mounted) and the
// reviewer copies need several times that.
func TestDiskFullTmpfs(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a file system")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o700); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", out).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (%v: %s); TestDiskFullInjected covers a full disk", err, strings.TrimSpace(string(b)))
	}
	t.Cleanup(func() { exec.Command("umount", out).Run() })
	p := processor(t, detectors.Default())
	items, want := inputs(t, p, dir, 40, 6000)
	b := &pipeline.Batch{Processor: p, Out: out, Workers: 4}
	docs, err := b.Run(context.Background(), items)
	if err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Run = %v, want ENOSPC reported", err)
	}
	copies := pipelinetest.CheckNoTemps(t, p, out, want)
	if len(copies) == 0 || len(copies) >= len(items) {
		t.Errorf("%d reviewer copies of %d: the disk should have filled part-way", len(copies), len(items))
	}
	t.Logf("%d of %d documents written before the disk filled", len(docs), len(items))
}

// boom is a detector that panics on text holding its keyword.
type boom struct{}

func (boom) ID() string                                { return "test_boom" }
func (boom) Keywords() []string                        { return []string{"kaboom"} }
func (boom) Detect(*detectors.Input) []detectors.Match { panic("detector bug") }

// TestDetectorPanic: a detector that panics costs its document a
// quarantine; the batch finishes and every other document is screened.
func TestDetectorPanic(t *testing.T) {
	s, err := detectors.NewScanner(append(detectors.All(), boom{}))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := processor(t, s)
	items, want := inputs(t, p, dir, 8, 500)
	bad := filepath.Join(dir, "in", "r03.txt")
	if err := os.WriteFile(bad, []byte("Candidate kaboom\nEmail: c3@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	delete(want, "r03.txt")
	out := filepath.Join(dir, "out")
	docs, err := (&pipeline.Batch{Processor: p, Out: out, Workers: 3}).Run(context.Background(), items)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(docs) != len(items) {
		t.Fatalf("%d documents of %d", len(docs), len(items))
	}
	for _, d := range docs {
		switch {
		case strings.HasSuffix(d.Input, "r03.txt"):
			if d.Status != report.Quarantined || d.Reason != "internal error: panic during detect" || d.Output != nil {
				t.Errorf("panicking document: %s %q", d.Status, d.Reason)
			}
		case d.Status != report.Redacted:
			t.Errorf("%s: %s %q", d.Input, d.Status, d.Reason)
		}
	}
	if copies := pipelinetest.CheckNoTemps(t, p, out, want); len(copies) != len(items)-1 {
		t.Errorf("%d reviewer copies, want %d", len(copies), len(items)-1)
	}
}

// TestTextLimit: text over MaxTextBytes is quarantined before detection.
func TestTextLimit(t *testing.T) {
	p := processor(t, detectors.Default())
	doc := []byte(strings.Repeat("Go developer, Email: a@example.com\n", 40)) // 1400 bytes
	for _, tc := range []struct {
		limit int
		want  string
	}{{1000, report.Quarantined}, {2000, report.Redacted}, {-1, report.Redacted}} {
		p.MaxTextBytes = tc.limit
		out, err := p.Process(context.Background(), doc)
		if err != nil || out.Status != tc.want {
			t.Errorf("limit %d: %s %q %v, want %s", tc.limit, out.Status, out.Reason, err, tc.want)
		}
		if tc.want == report.Quarantined && out.Reason != "too much text: over 1000 bytes extracted" {
			t.Errorf("limit %d: reason %q", tc.limit, out.Reason)
		}
	}
	p.MaxTextBytes = 0
	big := []byte(strings.Repeat("x", pipeline.DefaultMaxTextBytes+1))
	if out, _ := p.Process(context.Background(), big); out.Status != report.Quarantined || !strings.HasPrefix(out.Reason, "too much text") {
		t.Errorf("default limit: %s %q", out.Status, out.Reason)
	}
}
