package pdf

import (
	"os"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/redact"

	"github.com/prescreen/prescreen/redact/pdf/internal/pdftest"
)

func TestSmoke(t *testing.T) {
	for name, b := range map[string][]byte{"simple": pdftest.SimpleResume(), "cjk": pdftest.CJKResume()} {
		os.WriteFile("/tmp/"+name+".pdf", b, 0o644)
		ext, err := Format{}.Extract(b)
		if err != nil {
			t.Fatal(name, err)
		}
		d := ext.(*Document)
		t.Logf("%s: %q hidden=%v objects=%v", name, d.Text(), d.HiddenSpans(), d.Objects())
	}
}

func TestSmokeApply(t *testing.T) {
	for name, b := range map[string][]byte{"simple": pdftest.SimpleResume(), "cjk": pdftest.CJKResume()} {
		ext, err := Format{}.Extract(b)
		if err != nil {
			t.Fatal(name, err)
		}
		d := ext.(*Document)
		var r redact.Redaction
		for _, v := range append(pdftest.Values, "13812345678", "zhang.wei@example.com") {
			for i := 0; ; {
				j := strings.Index(d.Text()[i:], v)
				if j < 0 {
					break
				}
				r.Spans = append(r.Spans, redact.Span{Start: i + j, End: i + j + len(v), Category: "contact"})
				i += j + len(v)
			}
		}
		r.Spans = append(r.Spans, d.HiddenSpans()...)
		for _, o := range d.Objects() {
			r.Objects = append(r.Objects, o.ID)
		}
		out, err := d.Apply(r)
		if err != nil {
			t.Fatal(name, err)
		}
		os.WriteFile("/tmp/"+name+"-out.pdf", out, 0o644)
		ext2, err := Format{}.Extract(out)
		if err != nil {
			t.Fatal(name, err)
		}
		t.Logf("%s: %q hidden=%v objects=%v", name, ext2.Text(), ext2.(*Document).HiddenSpans(), ext2.(*Document).Objects())
		texts, err := ext2.(*Document).CrossCheckTexts()
		t.Logf("second: %q %v", texts, err)
	}
}
