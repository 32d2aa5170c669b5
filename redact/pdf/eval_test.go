package pdf_test

import (
	"context"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
	"github.com/prescreen/prescreen/report"
)

// TestEvalAsPDF holds issue 5's bar: the evaluation resumes laid out as
// PDFs (any script, tab cells at column stops) are screened with recall and
// trap survival close to the same resumes as text.
func TestEvalAsPDF(t *testing.T) {
	c, err := eval.Load("../../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	asPDF, err := eval.Reformat(c, func(text string) ([]byte, error) { return pdftest.FromText(text), nil }, pdf.Format{})
	if err != nil {
		t.Fatal(err)
	}
	scan := detectors.Default().Scan
	txt, got := eval.Run(c, scan, detectors.Medium), eval.Run(asPDF, scan, detectors.Medium)
	for _, cat := range txt.Categories() {
		a, b := txt.ByCategory[cat], got.ByCategory[cat]
		if b.Recall() < a.Recall()-0.05 {
			t.Errorf("%s: recall %.3f as PDF, %.3f as text", cat, b.Recall(), a.Recall())
		}
	}
	if got.Overall.Precision() < 0.95 || got.TrapSurvival() < txt.TrapSurvival()-0.02 {
		t.Errorf("as PDF: precision %.3f, traps %.3f (text: %.3f, %.3f)", got.Overall.Precision(), got.TrapSurvival(), txt.Overall.Precision(), txt.TrapSurvival())
	}
	t.Logf("as PDF: recall %.3f precision %.3f traps %.3f; as text: recall %.3f", got.Overall.Recall(), got.Overall.Precision(), got.TrapSurvival(), txt.Overall.Recall())
}

// TestEvalPDFsRedact runs every evaluation resume, as a PDF, through the
// whole pipeline: each must come out redacted and verified by both
// readers, none quarantined.
func TestEvalPDFsRedact(t *testing.T) {
	c, err := eval.Load("../../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	fp, _ := report.NewFingerprinter([]byte("pdf-eval-test-key-0123456789"))
	p := &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp, Timeout: 30 * time.Second}
	for _, d := range c.Docs {
		out, err := p.Process(context.Background(), pdftest.FromText(d.Text))
		if err != nil || out.Status != report.Redacted {
			t.Errorf("%s: %s %q %v", d.Name, out.Status, out.Reason, err)
		}
	}
}
