package main

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as the worker process that scan and
// watch start (the real binary runs itself with workerCommand).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		os.Exit(exitCode(run(nil, os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
	}
	os.Exit(m.Run())
}
