// Command prescreen screens resumes for personal items that have nothing to
// do with the job and writes redacted reviewer copies plus a findings report.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/prescreen/prescreen/isolate"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit statuses, part of the contract with batch jobs and schedulers.
const (
	exitOK          = 0
	exitInternal    = 1
	exitUsage       = 2
	exitQuarantined = 3
)

// workerCommand starts a worker process (hidden: the binary runs itself).
const workerCommand = "__worker"

// usageError is bad input from the person or job calling prescreen.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// errQuarantined reports a finished run in which some document was
// quarantined: not a failure of prescreen, but not all-clear either.
var errQuarantined = errors.New("some documents were quarantined")

const usage = `prescreen screens resumes before reviewers see them.

Usage:
  prescreen scan [flags] PATH...   screen files and folders into --out
  prescreen watch INBOX [flags]    screen every file that lands in INBOX, once
  prescreen serve [flags]          the pre-screen HTTP step (POST /v1/screen)
  prescreen policy show|notice|check  read, explain and validate policies
  prescreen version                print the version

Run "prescreen scan -h" or "prescreen watch -h" for their flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errQuarantined):
		return exitQuarantined
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "prescreen:", err)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "prescreen:", err)
		return exitInternal
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	switch args[0] {
	case workerCommand:
		// A worker process of a scan, watch or serve (package isolate).
		in, out := isolate.Stdio()
		return isolate.Serve(in, out)
	case "scan":
		return runScan(ctx, args[1:], stderr)
	case "watch":
		return runWatch(ctx, args[1:], stderr)
	case "policy":
		return runPolicy(args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "prescreen", version)
		return nil
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usagef("unknown command %q", args[0])
}
