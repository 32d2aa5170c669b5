package docx

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// TestDeclaredTotalCheckedFirst: a package whose entries declare more than
// MaxTotalSize is refused before any entry is inflated. The extra entries'
// compressed data is garbage, so inflating them would fail differently.
func TestDeclaredTotalCheckedFirst(t *testing.T) {
	zr, err := zip.NewReader(bytes.NewReader(dt.Resume().Bytes()), int64(len(dt.Resume().Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"word/media/a.bin", "word/media/b.bin"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 8, UncompressedSize64: 600 << 10})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("\xff\xff\xff\xff\xff\xff\xff\xff"))
	}
	zw.Close()
	_, err = Format{Limits: Limits{MaxTotalSize: 1 << 20}}.Extract(b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "package larger than 1048576 bytes decompressed") {
		t.Fatalf("got %v, want the total limit", err)
	}
	// Under the limit the garbage is read, and fails as corrupt.
	_, err = Format{Limits: Limits{MaxTotalSize: 4 << 20}}.Extract(b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "corrupt ZIP entry") {
		t.Fatalf("got %v, want a corrupt entry", err)
	}
}
