// Package pipelinetest holds the property every format's fuzz target
// checks: whatever the bytes, screening a document never lets a panic
// escape, a quarantined document has no output, and a reviewer copy read
// back by the same format holds nothing the default policy redacts.
package pipelinetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gabriel-vasile/mimetype"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/report"
)

// Processor returns a processor that hands every document to format,
// whatever its sniffed media type, so that mutated bytes reach the parser
// instead of stopping at "unsupported format".
func Processor(t testing.TB, format redact.Format, data []byte) *pipeline.Processor {
	fp, err := report.NewFingerprinter([]byte("fuzz-fingerprint-key-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	mt, _, _ := strings.Cut(mimetype.Detect(data).String(), ";")
	return &pipeline.Processor{
		Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp,
		Timeout: 30 * time.Second,
		Formats: map[string]redact.Format{mt: format},
	}
}

// CheckProcess screens data with format and checks the pipeline's
// promises. It returns the outcome for further checks.
func CheckProcess(t testing.TB, format redact.Format, data []byte) pipeline.Outcome {
	t.Helper()
	p := Processor(t, format, data)
	out, err := p.Process(context.Background(), data)
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	if strings.HasPrefix(out.Reason, "internal error: panic") {
		t.Fatalf("a panic escaped into the pipeline: %s", out.Reason)
	}
	if strings.HasPrefix(out.Reason, "timeout") {
		t.Fatalf("not screened within %s", p.Timeout)
	}
	switch out.Status {
	case report.Quarantined:
		if out.Output != nil {
			t.Fatalf("quarantined (%s) with an output of %d bytes", out.Reason, len(out.Output))
		}
		return out
	case report.Redacted, report.Clean:
	default:
		t.Fatalf("unknown status %q", out.Status)
	}
	// An empty text file has an empty copy (batches quarantine empty
	// files before screening).
	if out.Output == nil && len(data) > 0 {
		t.Fatalf("%s without an output", out.Status)
	}
	if left := Remaining(t, p, format, out.Output); len(left) > 0 {
		t.Fatalf("%s copy still holds what the policy redacts: %v", out.Status, left)
	}
	return out
}

// Remaining reads a reviewer copy back with format and returns the
// categories of every item in it that p's policy redacts (markers blanked,
// as the pipeline's verification does). A copy that does not read back is
// a failure.
func Remaining(t testing.TB, p *pipeline.Processor, format redact.Format, output []byte) []detectors.Category {
	t.Helper()
	left, err := remaining(p, format, output)
	if err != nil {
		t.Fatal(err)
	}
	return left
}

func remaining(p *pipeline.Processor, format redact.Format, output []byte) ([]detectors.Category, error) {
	doc, err := format.Extract(output)
	if err != nil {
		return nil, fmt.Errorf("reviewer copy does not read back: %w", err)
	}
	texts := []string{doc.Text()}
	if cc, ok := doc.(redact.CrossChecker); ok {
		more, err := cc.CrossCheckTexts()
		if err != nil {
			return nil, fmt.Errorf("reviewer copy does not read back in the second reader: %w", err)
		}
		texts = append(texts, more...)
	}
	var left []detectors.Category
	for _, text := range texts {
		text = redact.BlankMarkers(text)
		deny, allow := p.Policy.Terms(text)
		for _, m := range append(p.Scanner.Scan(text), deny...) {
			if m.Detector != policy.DenyDetector && policy.Allowed(m, allow) {
				continue
			}
			if r, _ := p.Policy.Decide(m, func(detectors.Category) bool { return false }); r {
				left = append(left, m.Category)
			}
		}
	}
	if h, ok := doc.(redact.Hider); ok && len(h.HiddenSpans()) > 0 && p.Policy.Redacts(detectors.Match{Category: detectors.HiddenText, Likelihood: detectors.Certain}) {
		left = append(left, detectors.HiddenText)
	}
	if ol, ok := doc.(redact.ObjectLister); ok {
		for _, o := range ol.Objects() {
			if p.Policy.Redacts(detectors.Match{Category: o.Category, Likelihood: detectors.Certain}) {
				left = append(left, o.Category)
			}
		}
	}
	return left, nil
}

// CheckOutput walks a batch's output folder the way a reviewer and an
// auditor would and reports every broken promise as a test error: a
// reviewer copy under redacted/ that
// does not read back in its format or still holds something p's policy
// redacts, a quarantine record that is not complete JSON with a reason.
// want, if not nil, maps paths under redacted/ (slash-separated) to the
// exact bytes expected there, which proves text copies complete too. It
// returns the relative paths of the reviewer copies and of the temp files
// found (the partial writes of a process killed mid-write; a finished
// batch must leave none, see CheckNoTemps).
func CheckOutput(t testing.TB, p *pipeline.Processor, out string, want map[string][]byte) (copies, temps []string) {
	t.Helper()
	formats := p.Formats
	if formats == nil {
		formats = pipeline.DefaultFormats()
	}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if path == out && errors.Is(err, fs.ErrNotExist) {
			return nil // killed before it made the folder: nothing to check
		}
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, path)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(d.Name(), ".prescreen-") {
			temps = append(temps, rel)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(rel, "redacted/"):
			copies = append(copies, strings.TrimPrefix(rel, "redacted/"))
			if w, ok := want[strings.TrimPrefix(rel, "redacted/")]; want != nil && (!ok || !bytes.Equal(w, data)) {
				t.Errorf("%s: not the expected reviewer copy (%d bytes, expected %d, listed %v)", rel, len(data), len(w), ok)
			}
			mt, _, _ := strings.Cut(mimetype.Detect(data).String(), ";")
			format, ok := formats[mt]
			if !ok {
				t.Errorf("%s: reviewer copy of unknown type %s", rel, mt)
				return nil
			}
			left, err := remaining(p, format, data)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
			} else if len(left) > 0 {
				t.Errorf("%s: reviewer copy still holds what the policy redacts: %v", rel, left)
			}
		case strings.HasPrefix(rel, "quarantine/"):
			var rec pipeline.QuarantineRecord
			if err := json.Unmarshal(data, &rec); err != nil || rec.Reason == "" || rec.Input == "" {
				t.Errorf("%s: incomplete quarantine record (%v)", rel, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Errorf("walking %s: %v", out, err)
	}
	return copies, temps
}

// CheckNoTemps is CheckOutput for a batch that finished: a temp file left
// behind is an error too.
func CheckNoTemps(t testing.TB, p *pipeline.Processor, out string, want map[string][]byte) []string {
	t.Helper()
	copies, temps := CheckOutput(t, p, out, want)
	for _, tmp := range temps {
		t.Errorf("temp file left behind: %s", tmp)
	}
	return copies
}
