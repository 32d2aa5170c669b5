// Package pipelinetest holds the property every format's fuzz target
// checks: whatever the bytes, screening a document never lets a panic
// escape, a quarantined document has no output, and a reviewer copy read
// back by the same format holds nothing the default policy redacts.
package pipelinetest

import (
	"context"
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
	doc, err := format.Extract(output)
	if err != nil {
		t.Fatalf("reviewer copy does not read back: %v", err)
	}
	texts := []string{doc.Text()}
	if cc, ok := doc.(redact.CrossChecker); ok {
		more, err := cc.CrossCheckTexts()
		if err != nil {
			t.Fatalf("reviewer copy does not read back in the second reader: %v", err)
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
	return left
}
