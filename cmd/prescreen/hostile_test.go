package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/fixtures/hostile"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// auditProcessor reads back the reviewer copies a scan child wrote, with
// the default policy, to prove nothing it redacts is left.
func auditProcessor() *pipeline.Processor {
	fp, _ := report.NewFingerprinter([]byte("child-test-key-0123456789"))
	return &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp}
}

// scanChild returns the command that runs `prescreen scan args...` in a
// child process (the test binary, see TestMain), with isolated workers.
func scanChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), scanChildEnv+"="+strings.Join(args, "\x1f"), report.KeyEnv+"=child-test-key-0123456789")
	return cmd
}

// peakRSS reads what a scan child printed last (see TestMain): its own
// peak resident set (VmHWM) and the largest of its workers' (getrusage of
// its children; Linux counts in a child the resident set of its parent
// when it was started, so this is an upper bound by some 20 MiB).
func peakRSS(stderr string) (scan, worker int64) {
	i := strings.LastIndex(stderr, peakLinePrefix)
	if i >= 0 {
		fmt.Sscanf(stderr[i+len(peakLinePrefix):], "%d %d", &scan, &worker)
	}
	return scan, worker
}

const (
	hostileTimeout = 20 * time.Second
	memoryCeiling  = 512 << 20
)

// TestHostileCorpus screens each file of the generated hostile corpus
// (fixtures/hostile) with `prescreen scan` in its own child process, with
// the default formats and isolated workers, and checks the specific
// quarantine reason of each, or for the hostile-but-safe ones that the
// copy comes out verified with the dangerous parts gone; every document
// within the per-document timeout, and the peak memory of the processes
// screening it under 512 MiB. With the race detector (ten times slower,
// several times the memory) the corpus is screened as one batch and
// memory is not measured.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	const maxBytes = 20 << 20
	cases, err := hostile.Write(corpus, maxBytes)
	if err != nil {
		t.Fatal(err)
	}
	p := auditProcessor()
	scanArgs := func(path, out, workers string) []string {
		return []string{path, "--out", out, "--workers", workers, "--quiet", "--timeout", hostileTimeout.String(), "--max-bytes", fmt.Sprint(maxBytes)}
	}
	if raceEnabled {
		out := filepath.Join(dir, "out")
		var stderr bytes.Buffer
		cmd := scanChild(scanArgs(corpus, out, "2")...)
		cmd.Stderr = &stderr
		if err := cmd.Run(); !isExit(err, exitQuarantined) {
			t.Fatalf("scan: %v: %s", err, stderr.String())
		}
		docs := map[string]report.Document{}
		for _, d := range readReport(t, out).Documents {
			docs[filepath.Base(d.Input)] = d
		}
		pipelinetest.CheckNoTemps(t, p, out, nil)
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) { checkHostile(t, c, docs[c.Name], out) })
		}
		return
	}
	var peaks []string
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+c.Name)
			cmd := scanChild(scanArgs(filepath.Join(corpus, c.Name), out, "1")...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if cmd.ProcessState == nil {
				t.Fatalf("scan did not start: %v", err)
			}
			scanPeak, peak := peakRSS(stderr.String())
			peaks = append(peaks, fmt.Sprintf("%-26s worker %4d MiB  scan %4d MiB  %6.2fs", c.Name, peak>>20, scanPeak>>20, took.Seconds()))
			if code := cmd.ProcessState.ExitCode(); code != exitQuarantined && code != exitOK {
				t.Fatalf("scan exit %d (%v): %s", code, err, stderr.String())
			}
			if took > hostileTimeout {
				t.Errorf("took %s, over the per-document timeout %s", took, hostileTimeout)
			}
			if peak == 0 || scanPeak == 0 {
				t.Errorf("peak memory not measured")
			}
			if peak > memoryCeiling || scanPeak > memoryCeiling {
				t.Errorf("peak memory %d MiB (worker), %d MiB (scan), over %d MiB", peak>>20, scanPeak>>20, memoryCeiling>>20)
			}
			rep := readReport(t, out)
			if len(rep.Documents) != 1 {
				t.Fatalf("%d documents in the report, want 1", len(rep.Documents))
			}
			pipelinetest.CheckNoTemps(t, p, out, nil)
			checkHostile(t, c, rep.Documents[0], out)
		})
	}
	t.Logf("peak resident memory of the worker and of the scan, per document:\n%s", strings.Join(peaks, "\n"))
}

// checkHostile checks one document's outcome against its case.
func checkHostile(t *testing.T, c hostile.Case, d report.Document, out string) {
	t.Helper()
	if d.Input == "" {
		t.Fatal("not in the report")
	}
	if strings.HasPrefix(d.Reason, "timeout") && !strings.HasPrefix(c.Reason, "timeout") {
		t.Fatalf("%s", d.Reason)
	}
	if c.Reason != "" {
		if d.Status != report.Quarantined || !strings.HasPrefix(d.Reason, c.Reason) {
			t.Fatalf("%s %q, want quarantined %q", d.Status, d.Reason, c.Reason)
		}
		if _, err := os.Lstat(filepath.Join(out, "redacted", c.Name)); err == nil {
			t.Errorf("a quarantined document has a reviewer copy")
		}
		return
	}
	if d.Status == report.Quarantined || d.Output == nil {
		t.Fatalf("quarantined (%q); it is safe to screen and sanitise", d.Reason)
	}
	copy, err := os.ReadFile(filepath.Join(out, *d.Output))
	if err != nil {
		t.Fatal(err)
	}
	if left := leftovers(t, c.Name, copy, c.Gone); len(left) > 0 {
		t.Errorf("reviewer copy still holds %v", left)
	}
	if strings.HasSuffix(c.Name, ".pdf") {
		qpdfCheck(t, filepath.Join(out, *d.Output))
	}
}

// qpdfCheck has an independent tool check a PDF copy's structure. Without
// qpdf the check is left out, except in CI (.ci/run installs it).
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is not installed (see .ci/run)")
		}
		t.Log("qpdf is not installed: structure not checked")
		return
	}
	if b, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
}

// leftovers returns which of gone the copy still holds: for PDF, as a
// dictionary key or name value of any object pdfcpu reads from it; for
// DOCX, in any entry's name or content.
func leftovers(t *testing.T, name string, copy []byte, gone []string) []string {
	var found []string
	has := func(s string) {
		if slices.Contains(gone, s) && !slices.Contains(found, s) {
			found = append(found, s)
		}
	}
	switch filepath.Ext(name) {
	case ".pdf":
		conf := model.NewDefaultConfiguration()
		conf.ValidationMode = model.ValidationRelaxed
		ctx, err := api.ReadContext(bytes.NewReader(copy), conf)
		if err != nil {
			t.Fatalf("copy unreadable by pdfcpu: %v", err)
		}
		if ctx.Encrypt != nil {
			has("Encrypt")
		}
		var walk func(o types.Object, depth int)
		walk = func(o types.Object, depth int) {
			if depth > 64 {
				return
			}
			switch v := o.(type) {
			case types.Dict:
				for k, e := range v {
					has(k)
					walk(e, depth+1)
				}
			case types.StreamDict:
				walk(v.Dict, depth+1)
			case types.Array:
				for _, e := range v {
					walk(e, depth+1)
				}
			case types.Name:
				has(string(v))
			}
		}
		for nr := range ctx.XRefTable.Table {
			o, err := ctx.XRefTable.Dereference(*types.NewIndirectRef(nr, 0))
			if err == nil && o != nil {
				walk(o, 0)
			}
		}
		walk(ctx.XRefTable.RootDict, 0)
	case ".docx":
		zr, err := zip.NewReader(bytes.NewReader(copy), int64(len(copy)))
		if err != nil {
			t.Fatalf("copy is not a ZIP: %v", err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			for _, g := range gone {
				if strings.Contains(f.Name, g) || bytes.Contains(b, []byte(g)) {
					has(g)
				}
			}
		}
	default:
		t.Fatalf("no check for %s", name)
	}
	return found
}
