package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/report"
)

var kills = flag.Int("kills", 0, "TestKillScan: how many times to SIGKILL the scan (default 20, 3 with the race detector; make fault runs 200)")

// killCorpus writes the inputs of TestKillScan: text resumes of varied
// sizes, copies of the sample Word and PDF resumes, and a few files that
// are quarantined, in several folders. small makes a third as many.
func killCorpus(t *testing.T, in string, small bool) int {
	t.Helper()
	n := 0
	put := func(rel string, data []byte) {
		path := filepath.Join(in, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		n++
	}
	docx, err1 := os.ReadFile(filepath.Join(resumes, "en/jane-doe.docx"))
	pdf, err2 := os.ReadFile(filepath.Join(resumes, "en/sam-taylor.pdf"))
	zh, err3 := os.ReadFile(filepath.Join(resumes, "zh/zhang-wei.txt"))
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	texts, others := 40, 6
	if small {
		texts, others = 12, 2
	}
	for i := range texts {
		body := fmt.Sprintf("Candidate %d\nEmail: c%d@example.com\nPhone: +1 415 555 %04d\n%s", i, i, 1000+i, strings.Repeat("Built data pipelines in Go.\n", 20+i*40))
		put(fmt.Sprintf("text/r%02d.txt", i), []byte(body))
	}
	for i := range others {
		put(fmt.Sprintf("word/w%d.docx", i), docx)
		put(fmt.Sprintf("pdf/p%d.pdf", i), pdf)
		put(fmt.Sprintf("text/zh%d.txt", i), zh)
	}
	put("bad/elf.txt", append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...))
	put("bad/cut.pdf", pdf[:len(pdf)/2])
	return n
}

// TestKillScan kills `prescreen scan` (the process and its workers) with
// SIGKILL at random moments of a batch, again and again on the same output
// folder, as a crash would. After every kill, each reviewer copy under
// redacted/ must be complete (byte for byte the copy a clean run writes)
// and verified (read back, nothing the policy redacts), and no quarantined
// document may have one. A last run to completion must leave every input
// redacted, clean or quarantined, and no temp file. -kills sets how many
// kills (default 20; make fault runs 200).
func TestKillScan(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	// The race detector makes a batch ten times slower: fewer kills on a
	// smaller batch (make fault runs without it).
	nKills := cmp.Or(*kills, 20)
	if raceEnabled {
		nKills = cmp.Or(*kills, 3)
	}
	n := killCorpus(t, in, raceEnabled && *kills == 0)
	args := func(out string) []string {
		return []string{in, "--out", out, "--workers", "2", "--quiet", "--timeout", "30s"}
	}

	// A clean run gives the reference copies (the output is deterministic)
	// and the length of a batch, over which kill moments are spread.
	ref := filepath.Join(dir, "ref")
	start := time.Now()
	if err := scanChild(args(ref)...).Run(); err != nil && !isExit(err, exitQuarantined) {
		t.Fatalf("reference run: %v", err)
	}
	batch := time.Since(start)
	want := map[string][]byte{}
	quarantined := map[string]bool{}
	refRep := readReport(t, ref)
	if len(refRep.Documents) != n {
		t.Fatalf("reference run screened %d of %d", len(refRep.Documents), n)
	}
	for _, d := range refRep.Documents {
		rel := strings.TrimPrefix(d.Input, in+"/")
		if d.Output == nil {
			quarantined[rel] = true
			continue
		}
		b, err := os.ReadFile(filepath.Join(ref, *d.Output))
		if err != nil {
			t.Fatal(err)
		}
		want[rel] = b
	}

	p := auditProcessor()
	out := filepath.Join(dir, "out")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("batch of %d documents takes %s; %d kills, seed %d", n, batch.Round(time.Millisecond), nKills, seed)
	var midBatch, tempsSeen int
	for k := range nKills {
		cmd := scanChild(args(out)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from start-up to a little past a whole batch.
		time.Sleep(time.Duration(rng.Int64N(int64(batch * 11 / 10))))
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
		copies, temps := pipelinetest.CheckOutput(t, p, out, want)
		tempsSeen += len(temps)
		for _, c := range copies {
			if quarantined[c] {
				t.Errorf("kill %d: %s must be quarantined but has a reviewer copy", k, c)
			}
		}
		if len(copies) > 0 && len(copies) < len(want) {
			midBatch++
		}
		if t.Failed() {
			t.Fatalf("kill %d (seed %d) broke the output", k, seed)
		}
		// Every few kills, start again from an empty folder, so kills also
		// land early in a batch and not only in the re-runs of one.
		if k%5 == 4 {
			os.RemoveAll(out)
		}
	}
	t.Logf("%d kills; %d left the batch part-way (some copies, not all); %d temp files seen after kills", nKills, midBatch, tempsSeen)
	if nKills >= 10 && midBatch == 0 {
		t.Errorf("no kill landed mid-batch: the test proves nothing")
	}

	// Run to completion on what the kills left.
	var stderr bytes.Buffer
	cmd := scanChild(args(out)...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil && !isExit(err, exitQuarantined) {
		t.Fatalf("final run: %v: %s", err, stderr.String())
	}
	copies := pipelinetest.CheckNoTemps(t, p, out, want)
	if len(copies) != len(want) {
		t.Errorf("%d reviewer copies after the final run, want %d", len(copies), len(want))
	}
	rep := readReport(t, out)
	status := map[string]string{}
	for _, d := range rep.Documents {
		status[strings.TrimPrefix(d.Input, in+"/")] = d.Status
	}
	for _, d := range refRep.Documents {
		rel := strings.TrimPrefix(d.Input, in+"/")
		if status[rel] != d.Status {
			t.Errorf("%s: %q after the kills, %q in a clean run", rel, status[rel], d.Status)
		}
		if d.Status == report.Quarantined {
			var rec pipeline.QuarantineRecord
			b, err := os.ReadFile(filepath.Join(out, "quarantine", rel+".json"))
			if err != nil || json.Unmarshal(b, &rec) != nil || rec.Reason != d.Reason {
				t.Errorf("%s: quarantine record missing or different (%v)", rel, err)
			}
		}
	}
}

func isExit(err error, code int) bool {
	var ee interface{ ExitCode() int }
	if e, ok := err.(interface{ ExitCode() int }); ok {
		ee = e
	}
	return ee != nil && ee.ExitCode() == code
}
