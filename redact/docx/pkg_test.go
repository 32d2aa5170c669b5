package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// TestDeflater: entries written by our deflater (compressed anew, or the
// stored form of the neutral properties) read back as what was written, and
// the stored forms are what compressing the properties gives.
func TestDeflater(t *testing.T) {
	doc := entries(t, dt.Resume().Bytes())["word/document.xml"]
	inputs := [][]byte{doc, []byte(neutralCore), []byte(neutralApp), nil, []byte("x")}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, newDeflater)
	for i, data := range inputs {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: string(rune('a' + i)), Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	got := entries(t, b.Bytes())
	for i, data := range inputs {
		if !bytes.Equal(got[string(rune('a'+i))], data) {
			t.Errorf("entry %d reads back as %d bytes, want %d", i, len(got[string(rune('a'+i))]), len(data))
		}
	}
	for _, s := range []string{neutralCore, neutralApp} {
		var fresh bytes.Buffer
		if err := deflate(&fresh, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(deflated()[s], fresh.Bytes()) {
			t.Error("a stored neutral part differs from compressing it now")
		}
	}
}

// TestReadCopy: a copy read through the document it was made from gives
// what Extract gives, and takes the inflated bytes of the original for
// exactly the entries Apply copied unchanged; every other entry, the
// redacted document.xml among them, is inflated from the copy.
func TestReadCopy(t *testing.T) {
	inputs := map[string][]byte{"generated": dt.Resume().Bytes()}
	for _, name := range []string{"pandoc-resume.docx", "libreoffice-resume.docx"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = b
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			orig := extract(t, in)
			out, got, want := copyBothWays(t, orig, redact.Span{Start: 0, End: 10, Category: detectors.Contact})
			if got.Text() != want.Text() || !reflect.DeepEqual(got.HiddenSpans(), want.HiddenSpans()) || !reflect.DeepEqual(got.Objects(), want.Objects()) {
				t.Error("the copy read through the original differs from the copy extracted")
			}
			if len(got.parts) != len(want.parts) {
				t.Fatalf("%d parts, want %d", len(got.parts), len(want.parts))
			}
			for i := range got.parts {
				if got.parts[i].name != want.parts[i].name || !bytes.Equal(got.parts[i].data, want.parts[i].data) {
					t.Errorf("part %d differs", i)
				}
			}
			unchanged := unchangedEntries(t, in, out)
			t.Logf("%d of %d entries reused, %d not walked again", got.reused, len(got.parts), got.unwalked)
			if unchanged["word/document.xml"] {
				t.Fatal("the redacted document.xml was copied unchanged")
			}
			if len(unchanged) == 0 || got.reused != len(unchanged) || want.reused != 0 {
				t.Errorf("%d entries reused, want %d (of %d); Extract reused %d", got.reused, len(unchanged), len(got.parts), want.reused)
			}
			if want.unwalked != 0 || name != "generated" && got.unwalked == 0 {
				t.Errorf("%d parts not walked again (Extract: %d); an office program's theme or font table is inert", got.unwalked, want.unwalked)
			}
		})
	}
}

// TestReadCopyWalksWhatMatters: ReadCopy skips the walk of a part the copy
// carries unchanged only when the original's walk found nothing in it and
// looked at nothing but its bytes. A footer whose text is kept, a part with
// an empty run (styles decide whether a run is hidden) and one that names
// a relationship are walked again; a part of plain markup is not.
func TestReadCopyWalksWhatMatters(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	const r = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	in := dt.Doc{
		Body:   dt.P(dt.R("", "Call 555-0100")),
		Footer: `<w:p><w:r><w:t xml:space="preserve">Footer kept</w:t></w:r></w:p>`,
		Extra: map[string][]byte{
			"word/inert.xml":   []byte(`<?xml version="1.0"?><w:fonts ` + w + `><w:font w:name="Arial"><w:family w:val="swiss"/></w:font></w:fonts>`),
			"word/run.xml":     []byte(`<?xml version="1.0"?><w:x ` + w + `><w:r><w:rPr><w:b/></w:rPr></w:r></w:x>`),
			"word/relid.xml":   []byte(`<?xml version="1.0"?><w:x ` + w + ` ` + r + `><w:y r:id="rId1"/></w:x>`),
			"word/spliced.xml": []byte(`<?xml version="1.0"?><w:x ` + w + `><w:p w:rsidR="00A1"/></w:x>`),
		},
	}.Bytes()
	orig := extract(t, in)
	_, got, want := copyBothWays(t, orig, spanOf(t, orig.Text(), "555-0100", detectors.Contact))
	if got.Text() != want.Text() || !strings.Contains(got.Text(), "Footer kept") {
		t.Fatalf("the copy read through the original differs from the copy extracted:\n%q\n%q", got.Text(), want.Text())
	}
	walked := map[string]bool{}
	for _, p := range got.parts {
		if _, isRels := relsSource(p.name); p.from != nil && isXML(p) && !p.removed && !isRels && p.name != contentTypesXML {
			walked[p.name] = !p.inert
		}
	}
	for name, want := range map[string]bool{"word/inert.xml": false, "word/footer1.xml": true, "word/run.xml": true, "word/relid.xml": true} {
		if w, ok := walked[name]; !ok || w != want {
			t.Errorf("%s: reused %v, walked again %v; want walked again %v", name, ok, w, want)
		}
	}
	if _, ok := walked["word/spliced.xml"]; ok {
		t.Error("word/spliced.xml lost an attribute but was copied unchanged")
	}
	unwalked := 0
	for _, w := range walked {
		if !w {
			unwalked++
		}
	}
	if got.unwalked != unwalked {
		t.Errorf("%d parts not walked again, want %d", got.unwalked, unwalked)
	}
}

// copyBothWays redacts span in orig and reads the copy twice: through the
// original (ReadCopy, got) and on its own (Extract, want).
func copyBothWays(t *testing.T, orig *Document, span redact.Span) (out []byte, got, want *Document) {
	t.Helper()
	out, err := orig.Apply(redact.Redaction{Spans: []redact.Span{span}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := orig.ReadCopy(out)
	if err != nil {
		t.Fatal(err)
	}
	return out, c.(*Document), extract(t, out)
}

// unchangedEntries are the entries of out that are in in under the same
// name, with the same header fields and compressed bytes.
func unchangedEntries(t *testing.T, in, out []byte) map[string]bool {
	t.Helper()
	raw := func(data []byte) map[string]*zip.File {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*zip.File{}
		for _, f := range zr.File {
			m[f.Name] = f
		}
		return m
	}
	read := func(f *zip.File) []byte {
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := raw(in)
	same := map[string]bool{}
	for name, f := range raw(out) {
		g, ok := before[name]
		if ok && f.Method == g.Method && f.Flags == g.Flags && f.CRC32 == g.CRC32 &&
			f.CompressedSize64 == g.CompressedSize64 && f.UncompressedSize64 == g.UncompressedSize64 && bytes.Equal(read(f), read(g)) {
			same[name] = true
		}
	}
	return same
}
