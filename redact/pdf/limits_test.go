package pdf_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
)

// TestLimits: page and object counts over the limit, and a file cut short,
// fail before any page is interpreted, with a reason that says which.
func TestLimits(t *testing.T) {
	two := pdftest.TwoPageResume()
	for _, tc := range []struct {
		name   string
		format pdf.Format
		data   []byte
		want   string
		unsupp bool
	}{
		{"pages", pdf.Format{MaxPages: 1}, two, "too many pages (2, limit 1)", true},
		{"objects", pdf.Format{MaxObjects: 3}, two, "too many objects (", true},
		{"object number", pdf.Format{}, highObject(30_407_070), "object number too high (30407070, limit 500000)", true},
		{"truncated", pdf.Format{}, two[:len(two)*3/4], "pdf: truncated: no end-of-file marker", false},
		// A stream whose filter is itself made pdfcpu recurse until the
		// stack overflowed (a fatal error, not a panic).
		{"filter self", pdf.Format{}, selfFilter("/Filter %d 0 R"), "stream filter given by reference", true},
		{"parms self", pdf.Format{}, selfFilter("/Filter /FlateDecode /DecodeParms %%c\n %d 0 R"), "stream filter given by reference", true},
	} {
		_, err := tc.format.Extract(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, redact.ErrUnsupported) != tc.unsupp {
			t.Errorf("%s: got %v, want %q (unsupported: %v)", tc.name, err, tc.want, tc.unsupp)
		}
	}
	if _, err := (pdf.Format{}).Extract(highObject(1000)); err != nil {
		t.Errorf("catalog numbered 1000: %v", err)
	}
	if _, err := (pdf.Format{MaxPages: 2}).Extract(two); err != nil {
		t.Errorf("two pages at a limit of 2: %v", err)
	}
}

// selfFilter is a one-page PDF whose content stream has entry, with %d
// standing for the stream's own object number, in its dictionary.
func selfFilter(entry string) []byte {
	var w pdftest.Writer
	w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	content := w.Reserve()
	catalog := w.Pages([]int{content}, "<< /Font << /F1 1 0 R >> >>", nil, "")
	w.Set(content, "<< "+fmt.Sprintf(entry, content)+" /Length 5 >>\nstream\nhello\nendstream")
	return w.Bytes(catalog, 0)
}

// highObject is a one-page PDF whose catalog is object number n: legal,
// but a rewrite lists every number below it in its cross-reference table.
func highObject(n int) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
	objects := []struct {
		num  int
		body string
	}{
		{1, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"},
		{2, "<< /Type /Page /Parent 1 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"},
		{3, "<< /Length 0 >>\nstream\n\nendstream"},
		{n, "<< /Type /Catalog /Pages 1 0 R >>"},
	}
	var xref strings.Builder
	for _, o := range objects {
		fmt.Fprintf(&xref, "%d 1\n%010d 00000 n \n", o.num, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%strailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref.String(), n+1, n, start)
	return []byte(b.String())
}
