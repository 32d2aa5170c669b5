package docx

import (
	"archive/zip"
	"bytes"
	"testing"

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
