package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoCostlyInit: packages whose initialisation costs every process
// (the parent and each worker) milliseconds at start are kept out of the
// binary. go-runewidth builds width tables for 17 ms; it came in through
// pdfcpu's api package, which the PDF format does not need.
func TestNoCostlyInit(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to list the binary's packages")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/pdfcpu/pdfcpu/pkg/pdfcpu") {
		t.Fatalf("go list gave no pdfcpu among %d packages: the list is not the binary's", len(deps))
	}
	for _, costly := range []string{"github.com/mattn/go-runewidth", "github.com/pdfcpu/pdfcpu/pkg/api"} {
		if slices.Contains(deps, costly) {
			t.Errorf("the binary links %s", costly)
		}
	}
}
