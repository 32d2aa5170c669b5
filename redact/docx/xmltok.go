package docx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A small XML tokenizer for the parts of an OOXML package. It replaces
// encoding/xml on the hot path: it works on the part's bytes in place
// (tokens are offsets into them; values and text are decoded only when
// asked), gives every token's exact byte range for splicing, and allocates
// nothing per token.
//
// It accepts what encoding/xml's strict RawToken accepts, with three
// differences, all stricter or spec-conformant: end tags must match their
// start tags, every element must be closed, and non-ASCII names are checked
// against the XML 1.0 (fifth edition) name characters. There is no DTD
// support at all: any <!DOCTYPE or other declaration is errDTD, so entity
// expansion cannot happen. Comments and processing instructions are
// checked and skipped; the XML declaration must say version 1.0 and UTF-8,
// as encoding/xml requires without a CharsetReader.

type tokKind uint8

const (
	tokEOF   tokKind = iota
	tokStart         // <name attr="value"> or <name/>
	tokEnd           // </name>, or the end implied by <name/> (zero length)
	tokText          // character data, or a CDATA section
)

var (
	errTooDeep = errors.New("XML nested too deeply")
	errDTD     = errors.New("XML document type declaration")
)

// syntaxError says what is wrong and where, never quoting the document.
type syntaxError struct {
	off  int
	what string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("malformed XML (%s at byte %d)", e.what, e.off)
}

// xname is where a name sits in the part: data[start:end]. It has a prefix
// when it has a colon with something on both sides, as encoding/xml splits
// names. Tokens hold offsets, not slices: storing them costs no GC write
// barriers.
type xname struct {
	start, end int
	colon      int // index of the prefix's colon; 0: no prefix
}

func (n xname) qname(data []byte) []byte { return data[n.start:n.end] }

// prefix is empty when there is none.
func (n xname) prefix(data []byte) []byte { return data[n.start:max(n.start, n.colon)] }

func (n xname) local(data []byte) []byte {
	if n.colon > 0 {
		return data[n.colon+1 : n.end]
	}
	return data[n.start:n.end]
}

// attr is one attribute of a start tag, with where it sits.
type attr struct {
	name             xname
	start            int  // the whitespace before the name
	valStart, valEnd int  // the value between the quotes, as written
	end              int  // after the closing quote
	plain            bool // no references and no CR: the value reads as written
}

// value is the attribute's value with references replaced.
func (a *attr) value(data []byte) string {
	raw := data[a.valStart:a.valEnd]
	if a.plain {
		return string(raw)
	}
	return string(decodeText(nil, raw, true))
}

type tokenizer struct {
	data     []byte
	pos      int
	maxDepth int
	open     []xname // the open elements
	closing  bool    // the last token was <name/>: its end comes next

	// The current token. start:end is its bytes; for text, textStart:textEnd
	// is the content (without the markers of a CDATA section).
	start, end         int
	name               xname  // tokStart, tokEnd
	attrs              []attr // tokStart; reused for the next tag
	selfClose          bool   // tokStart written <name/>
	textStart, textEnd int
	cdata              bool // tokText from a CDATA section: no references
	plain              bool // tokText with no references and no CR
}

func newTokenizer(data []byte, maxDepth int) *tokenizer {
	t := &tokenizer{}
	t.reset(data, maxDepth)
	return t
}

// reset sets the tokenizer on new data, keeping its buffers.
func (t *tokenizer) reset(data []byte, maxDepth int) {
	*t = tokenizer{data: data, maxDepth: maxDepth, attrs: t.attrs[:0], open: t.open[:0]}
}

func (t *tokenizer) fail(off int, what string) error {
	return &syntaxError{off: off, what: what}
}

// next reads the next token. At the end of the data it reports tokEOF, or an
// error if an element is still open.
func (t *tokenizer) next() (tokKind, error) {
	if t.closing {
		t.closing = false
		t.start, t.end = t.pos, t.pos
		t.open = t.open[:len(t.open)-1]
		return tokEnd, nil
	}
	for t.pos < len(t.data) {
		i := t.pos
		if t.data[i] != '<' {
			return tokText, t.text(i)
		}
		if i+1 >= len(t.data) {
			return 0, t.fail(i, "unterminated tag")
		}
		switch t.data[i+1] {
		case '/':
			return tokEnd, t.endTag(i)
		case '?':
			if err := t.procInst(i); err != nil {
				return 0, err
			}
		case '!':
			cdata, err := t.bang(i)
			if err != nil {
				return 0, err
			}
			if cdata {
				return tokText, nil
			}
		default:
			return tokStart, t.startTag(i)
		}
	}
	if len(t.open) > 0 {
		return 0, t.fail(len(t.data), "unclosed element")
	}
	t.start, t.end = len(t.data), len(t.data)
	return tokEOF, nil
}

// appendText appends the current text token's content, references
// replaced and line ends normalised, to dst.
func (t *tokenizer) appendText(dst []byte) []byte {
	raw := t.data[t.textStart:t.textEnd]
	if t.plain {
		return append(dst, raw...)
	}
	return decodeText(dst, raw, !t.cdata)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (t *tokenizer) skipSpace(i int) int {
	for i < len(t.data) && isSpace(t.data[i]) {
		i++
	}
	return i
}

// startTag reads <name attr="value" ...> or <name .../> at i.
func (t *tokenizer) startTag(i int) error {
	d := t.data
	name, j, err := t.readName(i + 1)
	if err != nil {
		return err
	}
	t.attrs = t.attrs[:0]
	self := false
	for {
		ws := j
		j = t.skipSpace(j)
		if j >= len(d) {
			return t.fail(i, "unterminated start tag")
		}
		if d[j] == '>' {
			j++
			break
		}
		if d[j] == '/' {
			if j+1 >= len(d) || d[j+1] != '>' {
				return t.fail(j, "expected /> in start tag")
			}
			j += 2
			self = true
			break
		}
		// encoding/xml, like us, does not insist on space between attributes.
		a := attr{start: ws}
		if a.name, j, err = t.readName(j); err != nil {
			return err
		}
		j = t.skipSpace(j)
		if j >= len(d) || d[j] != '=' {
			return t.fail(j, "attribute without a value")
		}
		j = t.skipSpace(j + 1)
		if j >= len(d) || d[j] != '"' && d[j] != '\'' {
			return t.fail(j, "unquoted attribute value")
		}
		a.valStart = j + 1
		if a.valEnd, a.plain, err = t.scanChars(a.valStart, d[j]); err != nil {
			return err
		}
		a.end = a.valEnd + 1
		j = a.end
		t.attrs = append(t.attrs, a)
	}
	if len(t.open) >= t.maxDepth {
		return errTooDeep
	}
	t.open = append(t.open, name)
	t.start, t.end, t.pos = i, j, j
	t.name, t.selfClose, t.closing = name, self, self
	return nil
}

// endTag reads </name> at i and checks it closes the innermost element.
func (t *tokenizer) endTag(i int) error {
	// Almost always, it names the innermost element: then its name is the
	// same bytes, already checked, and is only compared. Anything else
	// takes the long way, for the same errors.
	if n := len(t.open); n > 0 {
		open := t.open[n-1]
		j := i + 2 + open.end - open.start
		if j <= len(t.data) && bytes.Equal(t.data[i+2:j], open.qname(t.data)) && (j == len(t.data) || !isNameByte(t.data[j])) {
			if k := t.skipSpace(j); k < len(t.data) && t.data[k] == '>' {
				name := xname{start: i + 2, end: j}
				if open.colon > 0 {
					name.colon = i + 2 + open.colon - open.start
				}
				t.open = t.open[:n-1]
				t.start, t.end, t.pos, t.name = i, k+1, k+1, name
				return nil
			}
		}
	}
	name, j, err := t.readName(i + 2)
	if err != nil {
		return err
	}
	j = t.skipSpace(j)
	if j >= len(t.data) || t.data[j] != '>' {
		return t.fail(j, "expected > after the end tag's name")
	}
	n := len(t.open)
	if n == 0 {
		return t.fail(i, "end tag without a start tag")
	}
	if open := t.open[n-1]; !bytes.Equal(open.qname(t.data), name.qname(t.data)) {
		return t.fail(i, "end tag does not match its start tag")
	}
	t.open = t.open[:n-1]
	t.start, t.end, t.pos, t.name = i, j+1, j+1, name
	return nil
}

// text reads character data from i up to the next < or the end.
func (t *tokenizer) text(i int) error {
	end, plain, err := t.scanChars(i, 0)
	if err != nil {
		return err
	}
	t.start, t.end, t.pos = i, end, end
	t.textStart, t.textEnd, t.cdata, t.plain = i, end, false, plain
	return nil
}

// bang reads what starts with <! at i: a comment (skipped), a CDATA section
// (a text token: cdata true) or a declaration (errDTD).
func (t *tokenizer) bang(i int) (cdata bool, err error) {
	d := t.data[i:]
	switch {
	case bytes.HasPrefix(d, []byte("<!--")):
		// As in encoding/xml: the first "--" must end the comment.
		k := bytes.Index(d[4:], []byte("--"))
		if k < 0 {
			return false, t.fail(i, "unterminated comment")
		}
		k += 4
		if k+2 >= len(d) {
			return false, t.fail(i, "unterminated comment")
		}
		if d[k+2] != '>' {
			return false, t.fail(i+k, `"--" inside a comment`)
		}
		t.pos = i + k + 3
		return false, nil
	case bytes.HasPrefix(d, []byte("<![CDATA[")):
		from := i + len("<![CDATA[")
		k := bytes.Index(t.data[from:], []byte("]]>"))
		if k < 0 {
			return false, t.fail(i, "unterminated CDATA section")
		}
		to := from + k
		plain, err := t.checkChars(from, to)
		if err != nil {
			return false, err
		}
		t.start, t.end, t.pos = i, to+3, to+3
		t.textStart, t.textEnd, t.cdata, t.plain = from, to, true, plain
		return true, nil
	case len(d) > 2 && d[2] != '-' && d[2] != '[':
		return false, errDTD // <!DOCTYPE, <!ENTITY, ...: never read
	}
	return false, t.fail(i, "invalid <! sequence")
}

// procInst reads <?target ...?> at i and skips it. The XML declaration
// must not declare another version or encoding.
func (t *tokenizer) procInst(i int) error {
	j, _, ok := t.scanName(i + 2)
	if !ok {
		return t.fail(i, "invalid or missing processing instruction target")
	}
	k := bytes.Index(t.data[j:], []byte("?>"))
	if k < 0 {
		return t.fail(i, "unterminated processing instruction")
	}
	if string(t.data[i+2:j]) == "xml" {
		decl := string(t.data[t.skipSpace(j) : j+k])
		if v := declParam(decl, "version"); v != "" && v != "1.0" {
			return t.fail(i, "XML version other than 1.0")
		}
		if e := declParam(decl, "encoding"); e != "" && !strings.EqualFold(e, "utf-8") {
			return t.fail(i, "encoding other than UTF-8")
		}
	}
	t.pos = j + k + 2
	return nil
}

// declParam finds name="value" (or single quotes) in an XML declaration,
// as encoding/xml's procInst does.
func declParam(decl, name string) string {
	key := name + "="
	for i := 0; ; {
		k := strings.Index(decl[i:], key)
		if k < 0 || i+k+len(key) >= len(decl) {
			return ""
		}
		i += k + len(key)
		q := decl[i]
		i++
		if q == '"' || q == '\'' {
			v, _, ok := strings.Cut(decl[i:], string(q))
			if !ok {
				return ""
			}
			return v
		}
	}
}

// readName reads an element or attribute name at i and returns it with the
// offset after it.
func (t *tokenizer) readName(i int) (xname, int, error) {
	j, colon, ok := t.scanName(i)
	if !ok {
		return xname{}, j, t.fail(i, "invalid or missing name")
	}
	n := xname{start: i, end: j}
	switch {
	case colon < 0:
		return xname{}, j, t.fail(i, "name with two colons")
	case colon > i && colon < j-1:
		n.colon = colon
	}
	return n, j, nil
}

// scanName finds the end of the name at i and checks its characters. Like
// encoding/xml it takes every non-ASCII byte into the name, then checks.
// colon is where the name's colon is, 0 without one, -1 with two or more.
func (t *tokenizer) scanName(i int) (end, colon int, ok bool) {
	d := t.data
	j := i
	var seen uint8
	for j < len(d) {
		class := byteClass[d[j]]
		if class&nameChar == 0 {
			break
		}
		if d[j] == ':' {
			if colon != 0 {
				colon = -1
			} else {
				colon = j
			}
		}
		seen |= class
		j++
	}
	switch {
	case j == i:
		return j, 0, false
	case seen&nonASCII != 0:
		return j, colon, isName(d[i:j])
	}
	return j, colon, isNameStartByte(d[i])
}

// For ASCII bytes.
func isNameStartByte(c byte) bool { return byteClass[c]&nameStart != 0 }
func isNameByte(c byte) bool      { return byteClass[c]&nameChar != 0 }

// byteClass sorts bytes for the scanning loops. Bytes from 0x80 up are
// taken into names, to be checked once decoded, as encoding/xml does.
var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nameChar | nonASCII
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '_', c == ':':
			t[c] = nameStart | nameChar | plainChar
		case '0' <= c && c <= '9', c == '.', c == '-':
			t[c] = nameChar | plainChar
		case c == '<', c == '>', c == '&', c == '\r', c == '"', c == '\'':
			// each needs a look
		case c >= 0x20, c == '\t', c == '\n':
			t[c] = plainChar
		}
	}
	return t
}()

const (
	nameStart = 1 << iota // may start a name
	nameChar              // may be in a name
	plainChar             // character data that needs no look
	nonASCII              // from 0x80 up: part of a UTF-8 sequence
)

// isName checks a name with non-ASCII characters against XML 1.0 (fifth
// edition) NameStartChar and NameChar.
func isName(s []byte) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		ok := r < utf8.RuneSelf && (isNameStartByte(byte(r)) || i > 0 && isNameByte(byte(r))) ||
			r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
			r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
			r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
			r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD || r >= 0x10000 && r <= 0xEFFFF ||
			i > 0 && (r == 0xB7 || r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040)
		if !ok {
			return false
		}
		i += n
	}
	return true
}

// scanChars checks character data from i: text (quote 0) up to the next <
// or the end, or an attribute value up to its closing quote. It returns
// where the data ends and whether it is plain: no references and no CR, so
// that it reads as written. References must be one of the five predefined
// entities or a character reference; characters must be valid UTF-8 and
// allowed in XML.
func (t *tokenizer) scanChars(i int, quote byte) (end int, plain bool, err error) {
	d := t.data
	start := i
	plain = true
	for i < len(d) {
		c := d[i]
		if byteClass[c]&plainChar != 0 {
			i++
			continue
		}
		switch {
		case c == quote && quote != 0:
			return i, plain, nil
		case c == '<':
			if quote != 0 {
				return 0, false, t.fail(i, "< inside an attribute value")
			}
			return i, plain, nil
		case c == '&':
			n, err := t.checkRef(i)
			if err != nil {
				return 0, false, err
			}
			i += n
			plain = false
			continue
		case c == '>':
			// "]]>" may not appear in text (it may in a value).
			if quote == 0 && i-2 >= start && d[i-1] == ']' && d[i-2] == ']' {
				return 0, false, t.fail(i-2, `"]]>" in text`)
			}
		case c == '\r':
			plain = false
		case c >= utf8.RuneSelf:
			n, err := t.checkRune(i)
			if err != nil {
				return 0, false, err
			}
			i += n
			continue
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, false, t.fail(i, "control character")
		}
		i++
	}
	if quote != 0 {
		return 0, false, t.fail(start, "unterminated attribute value")
	}
	return i, plain, nil
}

// checkChars checks the characters of a CDATA section, d[i:end].
func (t *tokenizer) checkChars(i, end int) (plain bool, err error) {
	plain = true
	for i < end {
		c := t.data[i]
		switch {
		case c >= utf8.RuneSelf:
			n, err := t.checkRune(i)
			if err != nil {
				return false, err
			}
			i += n
			continue
		case c == '\r':
			plain = false
		case c < 0x20 && c != '\t' && c != '\n':
			return false, t.fail(i, "control character")
		}
		i++
	}
	return plain, nil
}

// checkRune checks the multi-byte character at i and returns its length.
func (t *tokenizer) checkRune(i int) (int, error) {
	r, n := utf8.DecodeRune(t.data[i:])
	if r == utf8.RuneError && n == 1 {
		return 0, t.fail(i, "invalid UTF-8")
	}
	if !isXMLChar(r) {
		return 0, t.fail(i, "character not allowed in XML")
	}
	return n, nil
}

// isXMLChar is XML 1.0's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// checkRef checks the reference at i (which is '&') and returns its length.
func (t *tokenizer) checkRef(i int) (int, error) {
	r, n := parseRef(t.data[i:])
	if n == 0 {
		return 0, t.fail(i, "invalid entity or character reference")
	}
	if !isXMLChar(r) {
		return 0, t.fail(i, "character reference to a character not allowed in XML")
	}
	return n, nil
}

// parseRef reads the reference at the start of s ("&amp;", "&#233;",
// "&#xE9;") and returns its character and length, or length 0 if it is not
// one. A reference to a surrogate reads as U+FFFD, as in encoding/xml.
func parseRef(s []byte) (rune, int) {
	for _, e := range predefined {
		if bytes.HasPrefix(s, []byte(e.ref)) {
			return e.r, len(e.ref)
		}
	}
	if len(s) < 4 || s[1] != '#' {
		return 0, 0
	}
	i, base := 2, rune(10)
	if s[2] == 'x' {
		i, base = 3, 16
	}
	var r rune
	digits := 0
	for ; i < len(s); i++ {
		var v rune
		switch c := rune(s[i]); {
		case '0' <= c && c <= '9':
			v = c - '0'
		case base == 16 && 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case base == 16 && 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			if c != ';' || digits == 0 {
				return 0, 0
			}
			if r >= 0xD800 && r <= 0xDFFF {
				r = utf8.RuneError
			}
			return r, i + 1
		}
		if r = r*base + v; r > utf8.MaxRune {
			return 0, 0
		}
		digits++
	}
	return 0, 0
}

var predefined = [...]struct {
	ref string
	r   rune
}{{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'}}

// decodeText appends raw character data to dst with CR and CRLF read as LF
// and, if refs, references replaced. raw has been checked by scanChars.
func decodeText(dst, raw []byte, refs bool) []byte {
	for i := 0; i < len(raw); {
		switch c := raw[i]; {
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c == '&' && refs:
			r, n := parseRef(raw[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}
