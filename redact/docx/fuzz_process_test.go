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

// FuzzBody fuzzes what the XML walker and the splicer read: the bytes are
// the inside of w:body in an otherwise valid package, so mutations are not
// all stopped by ZIP checksums as they are in FuzzProcess.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		dt.P(dt.R("", "Jane Doe")) + dt.P(dt.R("", "Email: jane"), dt.R(`<w:b/>`, ".doe@example.com")),
		dt.Table([]string{"Date of birth", "12 March 1990"}, []string{"Marital status", "Married"}),
		dt.P(dt.R(`<w:vanish/>`, "hidden ID 110102199101010078")) + dt.P(dt.Ins(dt.R("", "Religion: Catholic")), dt.Del("old")),
		dt.P(dt.Hyperlink("rIdL", dt.R("", "mailto:jane@example.com")), dt.Field(`HYPERLINK "tel:+442079460958"`, "call")) + dt.TextBox(dt.P(dt.R("", "Phone: +44 20 7946 0958"))),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		pkg := dt.Doc{Body: body, Links: map[string]string{"rIdL": "mailto:jane@example.com"}}.Bytes()
		pipelinetest.CheckProcess(t, docx.Format{Limits: docx.Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20}}, pkg)
	})
}
