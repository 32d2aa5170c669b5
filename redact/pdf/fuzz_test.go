package pdf_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
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

// FuzzContentStream fuzzes what the page interpreter and the redactor
// read: the bytes are one page's content stream in an otherwise valid PDF
// (Helvetica and a Type0 font with a ToUnicode map as F1 and F2, a Form
// XObject as X1), so mutations are not all stopped by the file structure.
func FuzzContentStream(f *testing.F) {
	for _, s := range []string{
		"BT /F1 11 Tf 72 720 Td (Email: jane.doe@example.com) Tj 0 -14 Td (Phone: +44 20 7946 0958) Tj ET",
		"BT /F1 10 Tf 1 0 0 1 72 700 Tm [(Jane) -250 (Doe, born 12 March 1990)] TJ T* (Religion: Catholic) ' ET",
		"q 0.5 0 0 0.5 0 0 cm /X1 Do Q BT 3 Tr /F1 9 Tf 72 600 Td (hidden ID 110102199101010078) Tj ET",
		"BT /F2 12 Tf 72 650 Td <0001000200030004> Tj ET 1 1 1 rg BT /F1 0.5 Tf 72 500 Td (married) Tj ET",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		pipelinetest.CheckProcess(t, pdf.Format{}, pdfWithContent(content))
	})
}

func pdfWithContent(content []byte) []byte {
	var w pdftest.Writer
	c := w.Stream("", content)
	font := w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	cmap := w.Stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Fz def 1 begincodespacerange <0000> <FFFF> endcodespacerange 4 beginbfchar <0001> <004A> <0002> <0061> <0003> <006E> <0004> <0065> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"))
	desc := w.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Fz /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
	t0 := w.Add("<< /Type /Font /Subtype /Type0 /BaseFont /Fz /Encoding /Identity-H /DescendantFonts [" + itoa(desc) + " 0 R] /ToUnicode " + itoa(cmap) + " 0 R >>")
	form := w.Stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 "+itoa(font)+" 0 R >> >>", []byte("BT /F1 10 Tf 72 100 Td (Address: 10 Downing Street, London) Tj ET"))
	res := "<< /Font << /F1 " + itoa(font) + " 0 R /F2 " + itoa(t0) + " 0 R >> /XObject << /X1 " + itoa(form) + " 0 R >> >>"
	return w.Bytes(w.Pages([]int{c}, res, nil, ""), 0)
}

func itoa(n int) string { return strconv.Itoa(n) }
