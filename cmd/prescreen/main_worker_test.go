package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/prescreen/prescreen/isolate"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/txt"
)

// scanChildEnv makes the test binary run `prescreen scan` with the
// arguments it holds (separated by U+001F) and exit: the hostile-corpus and
// kill tests run scans as child processes they can measure and kill.
const scanChildEnv = "PRESCREEN_TEST_SCAN_CHILD"

// TestMain lets the test binary serve as the worker process that scan and
// watch start (the real binary runs itself with workerCommand), and as a
// scan child process.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		if os.Getenv(spinWorkerEnv) == "1" {
			os.Exit(exitCode(isolate.ServeWith(os.Stdin, os.Stdout, plantSpinner), os.Stderr))
		}
		os.Exit(exitCode(run(nil, os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
	}
	if args := os.Getenv(scanChildEnv); args != "" {
		os.Unsetenv(scanChildEnv)
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := exitCode(run(ctx, append([]string{"scan"}, strings.Split(args, "\x1f")...), os.Stdout, os.Stderr), os.Stderr)
		stop()
		// For the tests that measure memory: this process's peak resident
		// set (VmHWM) and the largest of its finished workers'.
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
		fmt.Fprintf(os.Stderr, "\n%s %d %d\n", peakLinePrefix, vmHWM(), ru.Maxrss<<10)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// spinWorkerEnv makes the test binary's workers screen text with a parser
// that never returns on a document starting "SPIN" (plantSpinner): a stuck
// parser on demand, where no real file is known to hang one.
const spinWorkerEnv = "PRESCREEN_TEST_SPIN_WORKER"

func plantSpinner(p *pipeline.Processor) {
	p.Formats = pipeline.DefaultFormats()
	p.Formats["text/plain"] = spinner{}
}

// spinner is the text format, except that it loops forever on "SPIN".
type spinner struct{ txt.Format }

func (s spinner) Extract(data []byte) (redact.Extraction, error) {
	for n := 0; bytes.HasPrefix(data, []byte("SPIN")); n++ {
		if n < 0 { // never: keeps the loop from being optimised away
			break
		}
	}
	return s.Format.Extract(data)
}

const peakLinePrefix = "prescreen-test-peak-rss"

// vmHWM is this process's peak resident set in bytes, from /proc.
func vmHWM() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
