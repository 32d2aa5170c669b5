package pdf

import (
	"bytes"
	"errors"
	"strconv"
)

// Kinds of content-stream operands.
const (
	kNum = iota + 1
	kName
	kStr // literal or hex string; bytes in val
	kArr
	kDict // key/value pairs in arr, alternating
	kBool
	kNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind int
	num  float64
	val  []byte // string bytes or name (without the slash)
	arr  []operand
}

// op is one operator with its operands. start and end delimit its bytes
// (operands included) in the stream, so unchanged operators are copied
// verbatim when a stream is rewritten.
type op struct {
	name       string
	args       []operand
	start, end int
	// inline image data for BI ... ID ... EI (name is "BI")
	inline []byte
}

var errSyntax = errors.New("content stream syntax error")

// Limits against hostile streams.
const (
	maxNesting = 64
	maxOps     = 2_000_000
)

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

type lexer struct {
	b   []byte
	pos int
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// token kinds returned by next
const (
	tEOF = iota
	tOperand
	tKeyword
	tArrEnd
	tDictEnd
)

// next reads one operand or keyword.
func (l *lexer) next(depth int) (int, operand, string, error) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return tEOF, operand{}, "", nil
	}
	if depth > maxNesting {
		return 0, operand{}, "", errSyntax
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return tOperand, operand{kind: kName, val: unescapeName(l.b[start:l.pos])}, "", nil
	case c == '(':
		s, err := l.literal()
		return tOperand, operand{kind: kStr, val: s}, "", err
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		d := operand{kind: kDict}
		for {
			t, o, _, err := l.next(depth + 1)
			if err != nil {
				return 0, operand{}, "", err
			}
			if t == tDictEnd {
				return tOperand, d, "", nil
			}
			if t != tOperand {
				return 0, operand{}, "", errSyntax
			}
			d.arr = append(d.arr, o)
		}
	case c == '<':
		l.pos++
		var h []byte
		for l.pos < len(l.b) && l.b[l.pos] != '>' {
			if !isWhite(l.b[l.pos]) {
				h = append(h, l.b[l.pos])
			}
			l.pos++
		}
		if l.pos >= len(l.b) {
			return 0, operand{}, "", errSyntax
		}
		l.pos++
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		s := make([]byte, len(h)/2)
		for i := range s {
			v, err := strconv.ParseUint(string(h[2*i:2*i+2]), 16, 8)
			if err != nil {
				return 0, operand{}, "", errSyntax
			}
			s[i] = byte(v)
		}
		return tOperand, operand{kind: kStr, val: s}, "", nil
	case c == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>':
		l.pos += 2
		return tDictEnd, operand{}, "", nil
	case c == '[':
		l.pos++
		a := operand{kind: kArr}
		for {
			t, o, kw, err := l.next(depth + 1)
			if err != nil {
				return 0, operand{}, "", err
			}
			switch t {
			case tArrEnd:
				return tOperand, a, "", nil
			case tOperand:
				a.arr = append(a.arr, o)
			case tKeyword:
				// Tolerate stray keywords inside arrays as nulls.
				_ = kw
			default:
				return 0, operand{}, "", errSyntax
			}
		}
	case c == ']':
		l.pos++
		return tArrEnd, operand{}, "", nil
	case c == ')' || c == '>' || c == '{' || c == '}':
		l.pos++
		return tKeyword, operand{}, string(c), nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	w := l.b[start:l.pos]
	if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		if f, ok := parseNum(w); ok {
			return tOperand, operand{kind: kNum, num: f}, "", nil
		}
	}
	switch string(w) {
	case "true", "false":
		return tOperand, operand{kind: kBool, val: w}, "", nil
	case "null":
		return tOperand, operand{kind: kNull}, "", nil
	}
	return tKeyword, operand{}, string(w), nil
}

func parseNum(w []byte) (float64, bool) {
	// PDF numbers have no exponent; tolerate "--5" style producer bugs poorly.
	s := string(w)
	for len(s) > 1 && (s[0] == '-' || s[0] == '+') && (s[1] == '-' || s[1] == '+') {
		s = s[1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

func unescapeName(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return append([]byte(nil), b...)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

func (l *lexer) literal() ([]byte, error) {
	l.pos++ // (
	depth := 1
	var s []byte
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
			s = append(s, c)
		case ')':
			depth--
			if depth == 0 {
				return s, nil
			}
			s = append(s, c)
		case '\r':
			// end-of-line in a literal is a single newline
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
			s = append(s, '\n')
		case '\\':
			if l.pos >= len(l.b) {
				return nil, errSyntax
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			case 't':
				s = append(s, '\t')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
					v = v*8 + int(l.b[l.pos]-'0')
					l.pos++
				}
				s = append(s, byte(v))
			default:
				s = append(s, e)
			}
		default:
			s = append(s, c)
		}
	}
	return nil, errSyntax
}

// parseContent splits a content stream into operators.
func parseContent(b []byte) ([]op, error) {
	l := &lexer{b: b}
	var ops []op
	var args []operand
	start := -1
	for {
		l.skipSpace()
		if start < 0 {
			start = l.pos
		}
		t, o, kw, err := l.next(0)
		if err != nil {
			return nil, err
		}
		switch t {
		case tEOF:
			return ops, nil
		case tOperand:
			args = append(args, o)
		case tKeyword:
			if kw == "BI" {
				o2, err := l.inlineImage(args, start)
				if err != nil {
					return nil, err
				}
				ops = append(ops, o2)
			} else {
				ops = append(ops, op{name: kw, args: args, start: start, end: l.pos})
			}
			args, start = nil, -1
			if len(ops) > maxOps {
				return nil, errors.New("content stream too long")
			}
		default:
			return nil, errSyntax
		}
	}
}

// inlineImage reads the dictionary and data of BI ... ID data EI.
func (l *lexer) inlineImage(_ []operand, start int) (op, error) {
	d := operand{kind: kDict}
	for {
		t, o, kw, err := l.next(1)
		if err != nil {
			return op{}, err
		}
		if t == tKeyword && kw == "ID" {
			break
		}
		if t != tOperand {
			return op{}, errSyntax
		}
		d.arr = append(d.arr, o)
	}
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	dataStart := l.pos
	// Use /L or /Length when given, else look for EI between white space.
	if n, ok := dictNum(d, "L", "Length"); ok && n >= 0 && dataStart+int(n) <= len(l.b) {
		end := dataStart + int(n)
		rest := l.b[end:]
		i := bytes.Index(rest, []byte("EI"))
		if i >= 0 && len(bytes.TrimSpace(rest[:i])) == 0 {
			l.pos = end + i + 2
			return op{name: "BI", args: []operand{d}, start: start, end: l.pos, inline: l.b[dataStart:end]}, nil
		}
	}
	for i := dataStart; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && i > dataStart && isWhite(l.b[i-1]) && (i+2 == len(l.b) || isWhite(l.b[i+2]) || isDelim(l.b[i+2])) {
			l.pos = i + 2
			return op{name: "BI", args: []operand{d}, start: start, end: l.pos, inline: l.b[dataStart : i-1]}, nil
		}
	}
	return op{}, errSyntax
}

func dictNum(d operand, keys ...string) (float64, bool) {
	for i := 0; i+1 < len(d.arr); i += 2 {
		for _, k := range keys {
			if d.arr[i].kind == kName && string(d.arr[i].val) == k && d.arr[i+1].kind == kNum {
				return d.arr[i+1].num, true
			}
		}
	}
	return 0, false
}

func dictGet(d operand, key string) (operand, bool) {
	for i := 0; i+1 < len(d.arr); i += 2 {
		if d.arr[i].kind == kName && string(d.arr[i].val) == key {
			return d.arr[i+1], true
		}
	}
	return operand{}, false
}

// hexString writes s as a PDF hex string.
func hexString(s []byte) []byte {
	const hx = "0123456789ABCDEF"
	out := make([]byte, 0, 2*len(s)+2)
	out = append(out, '<')
	for _, c := range s {
		out = append(out, hx[c>>4], hx[c&15])
	}
	return append(out, '>')
}

func fmtNum(f float64) string {
	s := strconv.FormatFloat(f, 'f', 4, 64)
	s = trimZeros(s)
	if s == "-0" {
		return "0"
	}
	return s
}

func trimZeros(s string) string {
	if bytes.IndexByte([]byte(s), '.') < 0 {
		return s
	}
	for len(s) > 0 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
