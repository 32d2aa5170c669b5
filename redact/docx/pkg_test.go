package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
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
			out, err := orig.Apply(redact.Redaction{Spans: []redact.Span{{Start: 0, End: 10, Category: detectors.Contact}}})
			if err != nil {
				t.Fatal(err)
			}
			c, err := orig.ReadCopy(out)
			if err != nil {
				t.Fatal(err)
			}
			got, want := c.(*Document), extract(t, out)
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
			t.Logf("%d of %d entries reused", got.reused, len(got.parts))
			if unchanged["word/document.xml"] {
				t.Fatal("the redacted document.xml was copied unchanged")
			}
			if len(unchanged) == 0 || got.reused != len(unchanged) || want.reused != 0 {
				t.Errorf("%d entries reused, want %d (of %d); Extract reused %d", got.reused, len(unchanged), len(got.parts), want.reused)
			}
		})
	}
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
