package docx

import (
	"archive/zip"
	"bytes"
	"testing"

	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// TestDeflaterMatchesArchiveZip: entries compressed by our deflater (and
// the stored neutral properties) are byte for byte what archive/zip's own
// compressor writes, so copies do not change with it.
func TestDeflaterMatchesArchiveZip(t *testing.T) {
	doc := entries(t, dt.Resume().Bytes())["word/document.xml"]
	write := func(register bool) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		if register {
			zw.RegisterCompressor(zip.Deflate, newDeflater)
		}
		for i, data := range [][]byte{doc, []byte(neutralCore), []byte(neutralApp), nil, []byte("x")} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: string(rune('a' + i)), Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(write(true), write(false)) {
		t.Error("the deflater's output differs from archive/zip's")
	}
}
