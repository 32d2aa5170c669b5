package pdf_test

import (
	"os"
	"testing"

	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/internal/pdftest"
)

// FuzzProcess runs damaged PDFs through the whole pipeline with the PDF
// format: no panic escapes, a quarantined document has no output, and a
// reviewer copy re-reads (in both readers) with nothing the default policy
// redacts.
func FuzzProcess(f *testing.F) {
	b, err := os.ReadFile("../../fixtures/resumes/en/sam-taylor.pdf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, seed := range [][]byte{pdftest.SimpleResume(), pdftest.CJKResume(), pdftest.TwoPageResume(), pdftest.Incremental(), pdftest.OffLayer(), pdftest.InheritingForm(), pdftest.FromText("Phone: +1 415 555 0100")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pipelinetest.CheckProcess(t, pdf.Format{}, data)
	})
}
