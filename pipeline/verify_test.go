package pipeline

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/docx"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// A DOCX copy is verified through the extraction it was made from
// (redact.CopyReader), which reuses the original's inflated bytes for
// entries copied unchanged. These tests tamper with the copy after Apply,
// in the parts it changed and in those it copied, and check that
// verification reads what the copy holds, not what the original held.

// redactedDOCX screens a two-paragraph resume as Process would and returns
// the extraction, the original package and the reviewer copy.
func redactedDOCX(t *testing.T, p *Processor) (redact.Extraction, []byte, []byte) {
	t.Helper()
	in := dt.Doc{Body: dt.P(dt.R("", "Jane Doe")) + dt.P(dt.R("", "Email: jane.doe@example.com"))}.Bytes()
	orig, err := docx.Format{}.Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := orig.(redact.CopyReader); !ok {
		t.Fatal("a DOCX extraction is not a redact.CopyReader")
	}
	matches, decide := p.detect(orig.Text(), nil)
	var red redact.Redaction
	for _, m := range matches {
		if r, _ := decide(m); r {
			red.Spans = append(red.Spans, redact.Span{Start: m.Start, End: m.End, Category: m.Category})
		}
	}
	out, err := orig.Apply(red)
	if err != nil {
		t.Fatal(err)
	}
	if reason := p.verify(docx.Format{}, orig, out, nil); reason != "" {
		t.Fatalf("the untouched copy fails verification: %s", reason)
	}
	return orig, in, out
}

// rewriteEntry copies pkg with one entry replaced: compressed anew from
// content, or, when raw is not nil, as these compressed bytes under the
// entry's own header (its CRC-32 and sizes kept).
func rewriteEntry(t *testing.T, pkg []byte, name string, content, raw []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	found := false
	for _, f := range zr.File {
		switch {
		case f.Name != name:
			err = zw.Copy(f)
		case raw != nil:
			found = true
			fh := f.FileHeader
			var w io.Writer
			if w, err = zw.CreateRaw(&fh); err == nil {
				_, err = w.Write(raw)
			}
		default:
			found = true
			var w io.Writer
			if w, err = zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate}); err == nil {
				_, err = w.Write(content)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !found {
		t.Fatalf("no entry %s", name)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// entry is an entry's content, or with raw its compressed bytes.
func entry(t *testing.T, pkg []byte, name string, raw bool) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		var r io.Reader
		if raw {
			r, err = f.OpenRaw()
		} else {
			r, err = f.Open()
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("no entry %s", name)
	return nil
}

// TestVerifyReadsChangedEntriesFromTheCopy: the copy's document.xml with
// the e-mail put back fails verification.
func TestVerifyReadsChangedEntriesFromTheCopy(t *testing.T) {
	p := newProcessor(t)
	orig, in, out := redactedDOCX(t, p)
	doc := entry(t, out, "word/document.xml", false)
	back := bytes.Replace(doc, []byte("[REDACTED:contact]"), []byte("jane.doe@example.com"), 1)
	if bytes.Equal(back, doc) {
		t.Fatal("no marker in the copy's document.xml")
	}
	reason := p.verify(docx.Format{}, orig, rewriteEntry(t, out, "word/document.xml", back, nil), nil)
	if !strings.Contains(reason, "items remain") {
		t.Errorf("tampered document.xml: verify = %q", reason)
	}
	// The original's document.xml, compressed anew: the same content and
	// CRC-32 as the original entry, other compressed bytes.
	reason = p.verify(docx.Format{}, orig, rewriteEntry(t, out, "word/document.xml", entry(t, in, "word/document.xml", false), nil), nil)
	if !strings.Contains(reason, "items remain") {
		t.Errorf("original document.xml in the copy: verify = %q", reason)
	}
}

// TestVerifyReadsCopiedEntriesFromTheCopy: an entry Apply copied unchanged
// (styles.xml) is read from the copy too: with a paragraph added it fails
// verification, and with its compressed bytes altered under its original
// header (same name, CRC-32 and sizes) it is inflated, fails its checksum
// and fails verification, where taking the original's bytes would pass.
func TestVerifyReadsCopiedEntriesFromTheCopy(t *testing.T) {
	p := newProcessor(t)
	orig, in, out := redactedDOCX(t, p)
	if !bytes.Equal(entry(t, in, "word/styles.xml", true), entry(t, out, "word/styles.xml", true)) {
		t.Fatal("styles.xml was not copied unchanged")
	}
	styles := entry(t, out, "word/styles.xml", false)
	planted := bytes.Replace(styles, []byte("</w:styles>"), []byte(dt.P(dt.R("", "Email: jane.doe@example.com"))+"</w:styles>"), 1)
	if bytes.Equal(planted, styles) {
		t.Fatal("no </w:styles> in styles.xml")
	}
	reason := p.verify(docx.Format{}, orig, rewriteEntry(t, out, "word/styles.xml", planted, nil), nil)
	if !strings.Contains(reason, "items remain") {
		t.Errorf("e-mail planted in styles.xml: verify = %q", reason)
	}

	raw := entry(t, out, "word/styles.xml", true)
	altered := bytes.Clone(raw)
	altered[len(altered)/2] ^= 0x55
	reason = p.verify(docx.Format{}, orig, rewriteEntry(t, out, "word/styles.xml", nil, altered), nil)
	if !strings.Contains(reason, "unreadable") {
		t.Errorf("styles.xml's compressed bytes altered under its header: verify = %q", reason)
	}
}
