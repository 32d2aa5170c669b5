package isolate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// BenchmarkRoundTrip is what isolation costs a document: a small resume
// screened by one worker process (the request and the answer through the
// pipes, the CPU limit reset) against the same document in process.
func BenchmarkRoundTrip(b *testing.B) {
	doc := []byte("Jane Doe\nEmail: jane.doe@example.com\nPhone: +1 415 555 0100\nMarital status: married\nReligion: Catholic\n\nExperience\n2019-2024 Engineer, Example Corp\n")
	b.Run("worker", func(b *testing.B) {
		p := pool(b, 1, 10*time.Second, 0)
		var pid int
		for w := range p.all {
			pid = w.cmd.Process.Pid
		}
		p.ProcessDoc(context.Background(), doc, "r.txt") // the worker's start is not the round trip's
		parent0, worker0 := cpuSelf(), cpuOf(b, pid)
		b.ReportAllocs()
		for b.Loop() {
			if o, err := p.ProcessDoc(context.Background(), doc, "r.txt"); err != nil || o.Status != report.Redacted {
				b.Fatal(o.Status, o.Reason, err)
			}
		}
		b.ReportMetric(float64((cpuSelf()-parent0).Microseconds())/float64(b.N), "parent-cpu-µs/op")
		b.ReportMetric(float64((cpuOf(b, pid)-worker0).Microseconds())/float64(b.N), "worker-cpu-µs/op")
	})
	b.Run("in-process", func(b *testing.B) {
		fp, err := report.NewFingerprinter([]byte("isolate-test-key-0123456789"))
		if err != nil {
			b.Fatal(err)
		}
		p := &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp, Timeout: 10 * time.Second}
		cpu0 := cpuSelf()
		b.ReportAllocs()
		for b.Loop() {
			if o, err := p.ProcessDoc(context.Background(), doc, "r.txt"); err != nil || o.Status != report.Redacted {
				b.Fatal(o.Status, o.Reason, err)
			}
		}
		b.ReportMetric(float64((cpuSelf()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	})
}

// cpuSelf is this process's CPU time (user and system).
func cpuSelf() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuOf is a running process's CPU time, from /proc/PID/stat.
func cpuOf(b *testing.B, pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skip("no /proc:", err)
	}
	// Fields after the command name (which may hold spaces): utime and
	// stime are the 12th and 13th, in clock ticks (100 a second here).
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * 10 * time.Millisecond
}
