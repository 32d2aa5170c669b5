package docx

import (
	"reflect"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// FuzzExtractApply: no package, however damaged, makes Extract or Apply
// panic, and whatever Extract accepts, Apply can write and Extract read
// back, by Extract and by ReadCopy alike. The seeds run with every go test.
func FuzzExtractApply(f *testing.F) {
	f.Add(dt.Resume().Bytes())
	f.Add(dt.Doc{Body: dt.P(dt.R("", "x"))}.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		format := Format{Limits: Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20}}
		ex, err := format.Extract(data)
		if err != nil {
			return
		}
		text := ex.Text()
		var spans []redact.Span
		for i := 0; i+4 <= len(text); i += 37 {
			spans = append(spans, redact.Span{Start: i, End: i + 4, Category: detectors.Contact})
		}
		ids := []int{}
		for _, o := range ex.(redact.ObjectLister).Objects() {
			ids = append(ids, o.ID)
		}
		out, err := ex.Apply(redact.Redaction{Spans: spans, Objects: ids})
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		if _, err := (Format{}).Extract(out); err != nil {
			t.Fatalf("copy unreadable: %v", err)
		}
		want, err := format.Extract(out)
		got, err2 := ex.(*Document).ReadCopy(out)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Extract: %v; ReadCopy: %v", err, err2)
		}
		if err == nil && (got.Text() != want.Text() || !reflect.DeepEqual(got.(redact.Hider).HiddenSpans(), want.(redact.Hider).HiddenSpans()) ||
			!reflect.DeepEqual(got.(redact.ObjectLister).Objects(), want.(redact.ObjectLister).Objects())) {
			t.Fatal("ReadCopy read the copy differently from Extract")
		}
	})
}
