package txt

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoundTrip checks, for every supported encoding, that extraction gives
// the text, that redaction replaces exactly the span, and that the copy keeps
// the input's encoding and every other byte.
func TestRoundTrip(t *testing.T) {
	const text = "姓名：李娜\r\n电话：13912345678\r\n邮箱 lina@example.cn\r\n"
	const want = "姓名：李娜\r\n电话：[REDACTED:contact]\r\n邮箱 lina@example.cn\r\n"
	const latin = "Curriculum: José Müller, Straße 5\nTel 0049 30 1234567\n"
	const latinWant = "Curriculum: José Müller, Straße 5\nTel [REDACTED:contact]\n"
	le := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	be := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	for _, tc := range []struct {
		name, encoding string
		in, out        []byte
		text, value    string
	}{
		{"utf-8", UTF8, []byte(text), []byte(want), text, "13912345678"},
		{"utf-8 bom", UTF8BOM, append([]byte{0xEF, 0xBB, 0xBF}, text...), append([]byte{0xEF, 0xBB, 0xBF}, want...), text, "13912345678"},
		{"utf-16le bom", UTF16LE, append([]byte{0xFF, 0xFE}, encode(t, le, text)...), append([]byte{0xFF, 0xFE}, encode(t, le, want)...), text, "13912345678"},
		{"utf-16be bom", UTF16BE, append([]byte{0xFE, 0xFF}, encode(t, be, text)...), append([]byte{0xFE, 0xFF}, encode(t, be, want)...), text, "13912345678"},
		{"gbk", GB18030, encode(t, simplifiedchinese.GBK, text), encode(t, simplifiedchinese.GBK, want), text, "13912345678"},
		{"windows-1252", Windows1252, encode(t, charmap.Windows1252, latin), encode(t, charmap.Windows1252, latinWant), latin, "0049 30 1234567"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := Format{}.Extract(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			doc := ex.(*Document)
			if doc.Text() != tc.text || doc.Encoding() != tc.encoding {
				t.Fatalf("got %q in %s, want %q in %s", doc.Text(), doc.Encoding(), tc.text, tc.encoding)
			}
			unchanged, err := doc.Apply(redact.Redaction{})
			if err != nil || !bytes.Equal(unchanged, tc.in) {
				t.Fatalf("Apply(nil) changed the document (err %v)", err)
			}
			i := strings.Index(tc.text, tc.value)
			out, err := doc.Apply(redact.Redaction{Spans: []redact.Span{{Start: i, End: i + len(tc.value), Category: detectors.Contact}}})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, tc.out) {
				t.Errorf("redacted copy:\n got %q\nwant %q", out, tc.out)
			}
		})
	}
}

func TestOverlappingSpans(t *testing.T) {
	ex, _ := Format{}.Extract([]byte("abcdefghij"))
	out, err := ex.Apply(redact.Redaction{Spans: []redact.Span{{Start: 5, End: 8, Category: detectors.Age}, {Start: 1, End: 3, Category: detectors.Name}, {Start: 2, End: 4, Category: detectors.Age}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "a[REDACTED:name]e[REDACTED:age]ij"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ex.Apply(redact.Redaction{Spans: []redact.Span{{Start: 5, End: 50}}}); err == nil {
		t.Error("span past the end accepted")
	}
}

func TestUnsupported(t *testing.T) {
	for name, in := range map[string][]byte{
		"utf-8 bom then invalid": {0xEF, 0xBB, 0xBF, 'a', 0xFF, 0xFE, 0x00},
		"control bytes":          {'a', 0xFF, 0x01, 0xFF},
		"odd utf-16":             {0xFF, 0xFE, 'a'},
	} {
		if _, err := (Format{}).Extract(in); !errors.Is(err, redact.ErrUnsupported) {
			t.Errorf("%s: err = %v, want ErrUnsupported", name, err)
		}
	}
}

func TestBlockMarker(t *testing.T) {
	ex, _ := Format{}.Extract([]byte("Religion: Catholic\n"))
	out, err := ex.Apply(redact.Redaction{Style: redact.BlockMarker, Spans: []redact.Span{{Start: 10, End: 18, Category: detectors.Religion}}})
	if err != nil || string(out) != "Religion: ██████\n" {
		t.Fatalf("got %q, %v", out, err)
	}
	if b := redact.BlankMarkers(string(out)); strings.Contains(b, "█") || len(b) != len(out) {
		t.Errorf("BlankMarkers left %q", b)
	}
}
