package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// tokens lists what the tokenizer reads, one line per token: kind, bytes
// (start-end), then the name and attributes or the decoded text.
func tokens(data []byte, maxDepth int) ([]string, error) {
	t := newTokenizer(data, maxDepth)
	var out []string
	for {
		kind, err := t.next()
		if err != nil {
			return out, err
		}
		switch kind {
		case tokEOF:
			return out, nil
		case tokStart:
			s := fmt.Sprintf("start %d-%d %s", t.start, t.end, t.name.qname(data))
			for _, a := range t.attrs {
				s += fmt.Sprintf(" %s[%s|%s]=%q@%d-%d/%d-%d", a.name.qname(data), a.name.prefix(data), a.name.local(data), a.value(data), a.start, a.end, a.valStart, a.valEnd)
			}
			out = append(out, s)
		case tokEnd:
			out = append(out, fmt.Sprintf("end %d-%d %s", t.start, t.end, t.name.qname(data)))
		case tokText:
			out = append(out, fmt.Sprintf("text %d-%d %q", t.start, t.end, t.appendText(nil)))
		}
	}
}

func TestTokenizer(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`<a/>`, []string{"start 0-4 a", "end 4-4 a"}},
		{`<a></a>`, []string{"start 0-3 a", "end 3-7 a"}},
		{`<w:p  w:rsidR="00A1" x='1'>hi</w:p >`, []string{
			`start 0-27 w:p w:rsidR[w|rsidR]="00A1"@4-20/15-19 x[|x]="1"@20-26/24-25`,
			`text 27-29 "hi"`, "end 29-36 w:p"}},
		// Attributes need no space between them, as in encoding/xml.
		{`<a b="1"c="2"/>`, []string{`start 0-15 a b[|b]="1"@2-8/6-7 c[|c]="2"@8-13/11-12`, "end 15-15 a"}},
		{`<a b = "1" />`, []string{`start 0-13 a b[|b]="1"@2-10/8-9`, "end 13-13 a"}},
		// A colon at either end does not make a prefix.
		{`<:a b:="1"/>`, []string{`start 0-12 :a b:[|b:]="1"@3-10/8-9`, "end 12-12 :a"}},
		// The five entities, character references, CR and CRLF read as LF.
		{"<t>&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#X;</t>", nil},
		{"<t>&lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#xe9;&#233;&#x1F600;</t>", []string{"start 0-3 t", `text 3-61 "<>&'\" ABéé😀"`, "end 61-65 t"}},
		{"<t a=\"x&#10;y\r\nz\rw\">a\r\nb\rc\n</t>", []string{`start 0-20 t a[|a]="x\ny\nz\nw"@2-19/6-18`, `text 20-27 "a\nb\nc\n"`, "end 27-31 t"}},
		{"<t>&#xD800;</t>", []string{"start 0-3 t", "text 3-11 \"\ufffd\"", "end 11-15 t"}},
		// Comments and processing instructions are skipped; CDATA is text
		// without references, and its bytes include its markers.
		{`<?xml version="1.0" encoding="utf-8"?><!-- c - d --><a>x<!---->y<![CDATA[<&amp;]]]]>z</a><?pi x?>`, []string{
			"start 52-55 a", `text 55-56 "x"`, `text 63-64 "y"`, `text 64-84 "<&amp;]]"`, `text 84-85 "z"`, "end 85-89 a"}},
		{"\ufeff<a>\u00e9\u4e2d</a>", []string{`text 0-3 "\ufeff"`, "start 3-6 a", `text 6-11 "é中"`, "end 11-15 a"}},
		{`<é:ü-1 ö="">]]</é:ü-1>`, []string{`start 0-15 é:ü-1 ö[|ö]=""@8-14/13-13`, `text 15-17 "]]"`, "end 17-27 é:ü-1"}},
		// "]]>" is allowed in a value; > alone in text.
		{`<a b="]]>">></a>`, []string{`start 0-11 a b[|b]="]]>"@2-10/6-9`, `text 11-12 ">"`, "end 12-16 a"}},
		{``, nil},
		{`text only`, []string{`text 0-9 "text only"`}},
	} {
		got, err := tokens([]byte(tc.in), 256)
		if tc.want == nil && len(tc.in) > 0 {
			if err == nil {
				t.Errorf("%q: accepted: %q", tc.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenizerRejects(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a>`, "unclosed element at byte 3"},
		{`<a><b></a></b>`, "end tag does not match its start tag at byte 6"},
		{`</a>`, "end tag without a start tag at byte 0"},
		{`<a></a >x</b>`, "end tag without a start tag at byte 9"},
		{`<a`, "unterminated start tag at byte 0"},
		{`<`, "unterminated tag at byte 0"},
		{`<a b="1>`, "unterminated attribute value at byte 6"},
		{`<a b="<"/>`, "< inside an attribute value at byte 6"},
		{`<a b=1/>`, "unquoted attribute value at byte 5"},
		{`<a b/>`, "attribute without a value at byte 4"},
		{`<a b="1"/ >`, "expected /> in start tag at byte 8"},
		{`<a></a b>`, "expected > after the end tag's name at byte 7"},
		{`< a/>`, "invalid or missing name at byte 1"},
		{`<1a/>`, "invalid or missing name at byte 1"},
		{`<a:b:c/>`, "name with two colons at byte 1"},
		{"<a\xff/>", "invalid or missing name at byte 1"},
		{"<a\u00a0/>", "invalid or missing name at byte 1"},
		{`<a>&foo;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&amp</a>`, "invalid entity or character reference at byte 3"},
		{`<a>& </a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#x;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#xG;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#1114112;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#99999999999999999999;</a>`, "invalid entity or character reference at byte 3"},
		{`<a>&#0;</a>`, "character reference to a character not allowed in XML at byte 3"},
		{`<a>&#xFFFE;</a>`, "character reference to a character not allowed in XML at byte 3"},
		{`<a b="&bogus;"/>`, "invalid entity or character reference at byte 6"},
		{"<a>\x00</a>", "control character at byte 3"},
		{"<a>\x1b</a>", "control character at byte 3"},
		{"<a>\xff</a>", "invalid UTF-8 at byte 3"},
		{"<a>\xed\xa0\x80</a>", "invalid UTF-8 at byte 3"}, // a surrogate
		{"<a>\uFFFE</a>", "character not allowed in XML at byte 3"},
		{"<a b=\"\xc3\"/>", "invalid UTF-8 at byte 6"},
		{`<a>]]></a>`, `"]]>" in text at byte 3`},
		{`<a><!-- x -- y --></a>`, `"--" inside a comment at byte 10`},
		{`<a><!-- x </a>`, "unterminated comment at byte 3"},
		{`<a><!-- x -</a>--`, "unterminated comment at byte 3"},
		{`<a><!- x --></a>`, "invalid <! sequence at byte 3"},
		{`<a><![CDATA[x</a>`, "unterminated CDATA section at byte 3"},
		{"<a><![CDATA[\x01]]></a>", "control character at byte 12"},
		{`<a><![CDATX[x]]></a>`, "invalid <! sequence at byte 3"},
		{`<a><!`, "invalid <! sequence at byte 3"},
		{`<?xml version="1.0"`, "unterminated processing instruction at byte 0"},
		{`<? x?><a/>`, "invalid or missing processing instruction target at byte 0"},
		{`<?xml version="1.1"?><a/>`, "XML version other than 1.0 at byte 0"},
		{`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, "encoding other than UTF-8 at byte 0"},
		{`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, "XML document type declaration"},
		{`<a><!ENTITY x "y"></a>`, "XML document type declaration"},
		{`<a><!DOCTYPE`, "XML document type declaration"},
		{strings.Repeat("<a>", 5) + strings.Repeat("</a>", 5), "XML nested too deeply"},
	} {
		_, err := tokens([]byte(tc.in), 4)
		if err == nil {
			t.Errorf("%q accepted", tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.in, err, tc.want)
		}
		if strings.Contains(tc.want, "byte") && !strings.HasPrefix(err.Error(), "malformed XML (") {
			t.Errorf("%q: %v is not a malformed XML error", tc.in, err)
		}
	}
	// The depth limit counts open elements: 4 deep is fine.
	if _, err := tokens([]byte(strings.Repeat("<a>", 4)+strings.Repeat("</a>", 4)), 4); err != nil {
		t.Errorf("4 deep: %v", err)
	}
	if _, err := tokens([]byte(strings.Repeat("<a>", 4)+"<b/>"+strings.Repeat("</a>", 4)), 4); !errors.Is(err, errTooDeep) {
		t.Errorf("a self-closing element past the limit: %v", err)
	}
}

// refTokens is what encoding/xml's strict RawToken reads, in the form of
// tokens, with the nesting checks the walker made on top of it.
func refTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out, open []string
	qname := func(n xml.Name) string {
		if n.Space == "" {
			return n.Local
		}
		return n.Space + ":" + n.Local
	}
	for {
		off0 := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return out, errors.New("unclosed")
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		off1 := int(d.InputOffset())
		switch tok := tok.(type) {
		case xml.StartElement:
			// RawToken gives no attribute offsets: take those of a plain
			// byte scan, checked against the names and values it reads.
			attrs := scanAttrsForTest(data, off0, off1)
			if len(attrs) != len(tok.Attr) {
				return out, fmt.Errorf("the tag at %d has %d attributes, not %d", off0, len(tok.Attr), len(attrs))
			}
			for i, a := range tok.Attr {
				if !strings.HasPrefix(attrs[i], fmt.Sprintf(" %s[%s|%s]=%q@", qname(a.Name), a.Name.Space, a.Name.Local, a.Value)) {
					return out, fmt.Errorf("attribute %d of the tag at %d differs", i, off0)
				}
			}
			out = append(out, fmt.Sprintf("start %d-%d %s", off0, off1, qname(tok.Name))+strings.Join(attrs, ""))
			open = append(open, qname(tok.Name))
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != qname(tok.Name) {
				return out, errors.New("unbalanced")
			}
			open = open[:len(open)-1]
			out = append(out, fmt.Sprintf("end %d-%d %s", off0, off1, qname(tok.Name)))
		case xml.CharData:
			out = append(out, fmt.Sprintf("text %d-%d %q", off0, off1, []byte(tok)))
		case xml.Directive:
			return out, errDTD
		}
	}
}

// scanAttrsForTest finds the attributes of the start tag data[start:end] by
// a byte scan independent of the tokenizer (quoted values hold no quote
// of their kind), in the form of tokens.
func scanAttrsForTest(data []byte, start, end int) []string {
	i := start + 1
	for i < end && !isSpace(data[i]) && data[i] != '>' && data[i] != '/' {
		i++
	}
	var out []string
	for i < end {
		ws := i
		for i < end && isSpace(data[i]) {
			i++
		}
		if i >= end || data[i] == '>' || data[i] == '/' {
			break
		}
		ns := i
		for i < end && data[i] != '=' && !isSpace(data[i]) {
			i++
		}
		q := string(data[ns:i])
		prefix, local, ok := strings.Cut(q, ":")
		if !ok || prefix == "" || local == "" {
			prefix, local = "", q
		}
		for i < end && (isSpace(data[i]) || data[i] == '=') {
			i++
		}
		quote := data[i]
		j := bytes.IndexByte(data[i+1:end], quote)
		v := decodeText(nil, data[i+1:i+1+j], true)
		out = append(out, fmt.Sprintf(" %s[%s|%s]=%q@%d-%d/%d-%d", q, prefix, local, v, ws, i+j+2, i+1, i+1+j))
		i += j + 2
	}
	return out
}

// FuzzTokenizer compares the tokenizer with encoding/xml: both accept the
// same inputs (but for the documented differences) and read the same
// tokens at the same offsets.
func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{
		`<a/>`, `<w:p w:rsidR="00A1" x='1'>hi &amp; &#233;</w:p >`, "<t a=\"x&#10;y\r\nz\">a\r\nb<![CDATA[c]]></t>",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!-- c --><a>x<?pi?>y</a>`,
		`<a>]]></a>`, `<a b="]]>"/>`, `<!DOCTYPE a><a/>`, `<a>&#xD800;</a>`, "<a>\xed\xa0\x80</a>",
	} {
		f.Add([]byte(s))
	}
	for _, part := range xmlParts(f) {
		f.Add(part)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := refTokens(data)
		got, gerr := tokens(data, 1<<30)
		switch {
		case gerr != nil && werr != nil:
			return
		case (gerr != nil || werr != nil) && nonASCIIName(data):
			return // name tables differ (XML 1.0 fifth edition here)
		case gerr == errDTD:
			return // rejected before encoding/xml would read the declaration
		case gerr != nil || werr != nil:
			t.Fatalf("tokenizer: %v; encoding/xml: %v", gerr, werr)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("tokens differ:\n got %q\nwant %q", got, want)
		}
	})
}

// nonASCIIName reports a byte from 0x80 up right after < or inside a tag,
// where encoding/xml's older name tables may disagree with ours.
func nonASCIIName(data []byte) bool {
	inTag := false
	for _, c := range data {
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case c >= 0x80 && inTag:
			return true
		}
	}
	return false
}

// xmlParts are the XML parts of the test packages.
func xmlParts(tb testing.TB) [][]byte {
	pkgs := [][]byte{dt.Resume().Bytes()}
	for _, p := range []string{"../../fixtures/resumes/en/jane-doe.docx", "testdata/pandoc-resume.docx", "testdata/libreoffice-resume.docx"} {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		pkgs = append(pkgs, b)
	}
	var out [][]byte
	for _, pkg := range pkgs {
		zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, b)
		}
	}
	return out
}

// BenchmarkTokenizer reads every XML part of the test packages.
func BenchmarkTokenizer(b *testing.B) {
	parts := xmlParts(b)
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var text []byte
	for b.Loop() {
		for _, p := range parts {
			t := newTokenizer(p, 256)
			for {
				kind, err := t.next()
				if err != nil {
					b.Fatal(err)
				}
				if kind == tokEOF {
					break
				}
				if kind == tokText {
					text = t.appendText(text[:0])
				}
			}
		}
	}
}
