package docx_test

import (
	"os"
	"testing"

	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/redact/docx"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// FuzzProcess runs damaged packages through the whole pipeline with the
// DOCX format: no panic escapes, a quarantined document has no output, and
// a reviewer copy re-reads with nothing the default policy redacts.
func FuzzProcess(f *testing.F) {
	for _, p := range []string{"../../fixtures/resumes/en/jane-doe.docx", "testdata/pandoc-resume.docx", "testdata/libreoffice-resume.docx"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(dt.Doc{Body: dt.P(dt.R("", "Email: jane@example.com"))}.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		pipelinetest.CheckProcess(t, docx.Format{Limits: docx.Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20}}, data)
	})
}
