// Package txt extracts and redacts plain-text resumes. The redacted copy keeps
// the input's encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030 /
// GBK, or Windows-1252) and every byte outside the redacted spans.
package txt

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/prescreen/prescreen/redact"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Format is the plain-text format.
type Format struct{}

func (Format) Name() string { return "txt" }

// Encoding names reported by Document.Encoding.
const (
	UTF8        = "utf-8"
	UTF8BOM     = "utf-8-bom"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	GB18030     = "gb18030"
	Windows1252 = "windows-1252"
)

// Document is an extracted plain-text file.
type Document struct {
	text     string
	encoding string
	bom      []byte
	enc      encoding.Encoding // nil for UTF-8
}

func (d *Document) Text() string     { return d.text }
func (d *Document) Encoding() string { return d.encoding }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Extract decodes data. It fails with redact.ErrUnsupported when the bytes
// are not text in an encoding it can both decode and encode back exactly:
// a wrong guess would hide items from the detectors.
func (Format) Extract(data []byte) (redact.Extraction, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return fromUTF8(data[len(bomUTF8):], UTF8BOM, bomUTF8)
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeExact(data[2:], UTF16LE, bomUTF16LE, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM))
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeExact(data[2:], UTF16BE, bomUTF16BE, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM))
	case utf8.Valid(data):
		return fromUTF8(data, UTF8, nil)
	}
	if d, err := decodeExact(data, GB18030, nil, simplifiedchinese.GB18030); err == nil && mostlyCJK(d.Text()) {
		return d, nil
	}
	if d, err := decodeExact(data, Windows1252, nil, charmap.Windows1252); err == nil && mostlyLatin(d.Text()) {
		return d, nil
	}
	return nil, fmt.Errorf("%w: text is not UTF-8, UTF-16 with BOM, GB18030 or Windows-1252", redact.ErrUnsupported)
}

func fromUTF8(body []byte, name string, bom []byte) (*Document, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: invalid UTF-8 after byte-order mark", redact.ErrUnsupported)
	}
	return &Document{text: string(body), encoding: name, bom: bom}, nil
}

// decodeExact decodes body and accepts it only if encoding the result gives
// back the same bytes, so the redacted copy differs only where redacted.
func decodeExact(body []byte, name string, bom []byte, enc encoding.Encoding) (*Document, error) {
	text, err := enc.NewDecoder().Bytes(body)
	if err != nil || !utf8.Valid(text) || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, fmt.Errorf("%w: not valid %s", redact.ErrUnsupported, name)
	}
	back, err := enc.NewEncoder().Bytes(text)
	if err != nil || !bytes.Equal(back, body) {
		return nil, fmt.Errorf("%w: %s does not round-trip", redact.ErrUnsupported, name)
	}
	return &Document{text: string(text), encoding: name, bom: bom, enc: enc}, nil
}

// mostlyCJK guards the GB18030 guess: almost any byte string decodes as
// GB18030, but a real Chinese file decodes to Han characters and CJK
// punctuation, while a Latin-1 file decodes to rare symbols.
func mostlyCJK(s string) bool {
	var cjk, other int
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF:
			cjk++
		default:
			other++
		}
	}
	return cjk > 0 && other*10 <= cjk
}

// mostlyLatin guards the Windows-1252 guess: accented letters and common
// punctuation, not control or box characters.
func mostlyLatin(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r < 0xA0 || unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			return false
		}
	}
	return true
}

// Apply replaces each merged span with its marker and encodes the result
// in the document's own encoding, byte-order mark included. Plain text has
// no objects and nothing to sanitise.
func (d *Document) Apply(r redact.Redaction) ([]byte, error) {
	var b bytes.Buffer
	b.Write(d.bom)
	prev := 0
	var body []byte
	for _, sp := range redact.Merge(r.Spans) {
		if sp.Start < prev || sp.End > len(d.text) {
			return nil, fmt.Errorf("txt: span %d-%d outside the text (%d bytes)", sp.Start, sp.End, len(d.text))
		}
		body = append(body, d.text[prev:sp.Start]...)
		body = append(body, r.Marker(sp.Category)...)
		prev = sp.End
	}
	body = append(body, d.text[prev:]...)
	if d.enc != nil {
		var err error
		if body, err = d.enc.NewEncoder().Bytes(body); err != nil {
			return nil, fmt.Errorf("txt: re-encoding as %s failed", d.encoding)
		}
	}
	b.Write(body)
	return b.Bytes(), nil
}
