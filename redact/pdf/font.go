package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Kinds of fonts.
const (
	fontSimple = iota
	fontType0
	fontType3
)

// codeRange is one codespace range of a CMap.
type codeRange struct {
	n      int
	lo, hi uint32
}

// cidRange maps codes lo..hi of length n to CIDs cid, cid+1, ...
type cidRange struct {
	n      int
	lo, hi uint32
	cid    uint32
}

// font holds what the interpreter needs of a font: how to split strings
// into codes, the Unicode text and the width of each code.
type font struct {
	kind     int
	objNr    int // 0 for a direct font dictionary
	name     string
	toUni    map[uint32]string // from /ToUnicode
	toUniNr  int               // object number of the ToUnicode stream
	enc      [256]string       // simple fonts: from /Encoding
	widths   map[uint32]float64
	dw       float64 // default width (em units)
	space    []codeRange
	identity bool
	cids     []cidRange
	vertical bool
	std14    string
	scale    float64 // Type3: FontMatrix[0] * 1000
	ascent   float64
	descent  float64
	dingbats bool
	dict     types.Dict
	// uni is set for the predefined Unicode CMaps (UniGB-UCS2-H, ...):
	// codes are UTF-16BE.
	uni bool
}

// code is one character code of a shown string.
type code struct {
	c   uint32
	off int // offset in the string
	n   int // byte length
}

func (f *font) split(s []byte) []code {
	var out []code
	if f.kind != fontType0 {
		for i, b := range s {
			out = append(out, code{uint32(b), i, 1})
		}
		return out
	}
	for i := 0; i < len(s); {
		n := 0
		var v uint32
		for k := 1; k <= 4 && i+k <= len(s) && n == 0; k++ {
			v = v<<8 | uint32(s[i+k-1])
			for _, r := range f.space {
				if r.n == k && v >= r.lo && v <= r.hi {
					n = k
					break
				}
			}
		}
		if n == 0 { // not in any range: take the shortest length
			n = 1
			if len(f.space) > 0 {
				n = f.space[0].n
			}
			if i+n > len(s) {
				n = len(s) - i
			}
			v = 0
			for k := 0; k < n; k++ {
				v = v<<8 | uint32(s[i+k])
			}
		}
		out = append(out, code{v, i, n})
		i += n
	}
	return out
}

// text returns the Unicode text of c, and false when it has none.
func (f *font) text(c uint32) (string, bool) {
	if t, ok := f.toUni[c]; ok && t != "" {
		return t, true
	}
	if f.kind != fontType0 && c < 256 && f.enc[c] != "" {
		return f.enc[c], true
	}
	if f.dingbats && f.kind == fontSimple {
		return string(rune(0xF000 + c)), true
	}
	if f.uni {
		var b []byte
		for k := 3; k >= 0; k-- {
			if v := byte(c >> (8 * k)); v != 0 || len(b) > 0 || k < 2 {
				b = append(b, v)
			}
		}
		if t := utf16Text(b); t != "" && t != "\uFFFD" {
			return t, true
		}
	}
	return "", false
}

func (f *font) cid(c uint32, n int) uint32 {
	if f.identity {
		return c
	}
	if f.uni {
		// The four Adobe CJK collections put proportional ASCII at CIDs
		// 1-95; the ideographs' CIDs need the collection's tables, which
		// we do not carry: they take the default width.
		if c >= 0x20 && c < 0x7F {
			return c - 0x1F
		}
		return 0xFFFFFFFF
	}
	for _, r := range f.cids {
		if r.n == n && c >= r.lo && c <= r.hi {
			return r.cid + c - r.lo
		}
	}
	return 0
}

// width returns the horizontal advance of c in text space units (1/1000
// of the font size already applied: 0.5 means half the font size).
func (f *font) width(c uint32, n int) float64 {
	key := c
	if f.kind == fontType0 {
		key = f.cid(c, n)
	}
	if w, ok := f.widths[key]; ok {
		return w
	}
	if f.std14 != "" && f.kind == fontSimple {
		if t, ok := f.text(c); ok {
			if b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(t)); err == nil && len(b) == 1 {
				if w, err := pdffont.CharWidth(f.std14, rune(b[0])); err == nil {
					return float64(w) / 1000
				}
			}
		}
	}
	return f.dw
}

// fontLoader builds fonts from pdfcpu objects.
type fontLoader struct {
	d     *reader
	cache map[int]*font
}

func (l *fontLoader) load(o types.Object) (*font, error) {
	nr := 0
	if ir, ok := o.(types.IndirectRef); ok {
		nr = ir.ObjectNumber.Value()
		if f, ok := l.cache[nr]; ok {
			return f, nil
		}
	}
	d := l.d.dict(o)
	if d == nil {
		return nil, fmt.Errorf("font is not a dictionary")
	}
	f := &font{dict: d, objNr: nr, widths: map[uint32]float64{}, ascent: 0.8, descent: -0.2, dw: 0.5}
	sub := l.d.name(d["Subtype"])
	base := l.d.name(d["BaseFont"])
	f.name = base
	switch sub {
	case "Type0":
		if err := l.type0(f, d); err != nil {
			return nil, err
		}
	case "Type3":
		f.kind = fontType3
		l.simple(f, d, base)
		if m := l.d.array(d["FontMatrix"]); len(m) == 6 {
			f.scale = l.d.num(m[0]) * 1000
			for k, w := range f.widths {
				f.widths[k] = w * f.scale
			}
		}
	default:
		l.simple(f, d, base)
	}
	if tu := d["ToUnicode"]; tu != nil {
		if ir, ok := tu.(types.IndirectRef); ok {
			f.toUniNr = ir.ObjectNumber.Value()
		}
		if b, err := l.d.stream(tu); err == nil {
			cm := parseCMap(b)
			f.toUni = cm.uni
			if f.kind == fontType0 && len(f.space) == 0 {
				f.space = cm.space
			}
		}
	}
	if nr != 0 {
		l.cache[nr] = f
	}
	return f, nil
}

func stripSubset(base string) string {
	if len(base) > 7 && base[6] == '+' {
		return base[7:]
	}
	return base
}

var std14Alias = map[string]string{
	"Arial": "Helvetica", "Arial,Bold": "Helvetica-Bold", "Arial,Italic": "Helvetica-Oblique", "Arial,BoldItalic": "Helvetica-BoldOblique",
	"ArialMT": "Helvetica", "Arial-BoldMT": "Helvetica-Bold", "Arial-ItalicMT": "Helvetica-Oblique", "Arial-BoldItalicMT": "Helvetica-BoldOblique",
	"TimesNewRoman": "Times-Roman", "TimesNewRoman,Bold": "Times-Bold", "TimesNewRoman,Italic": "Times-Italic", "TimesNewRoman,BoldItalic": "Times-BoldItalic",
	"TimesNewRomanPSMT": "Times-Roman", "TimesNewRomanPS-BoldMT": "Times-Bold", "TimesNewRomanPS-ItalicMT": "Times-Italic", "TimesNewRomanPS-BoldItalicMT": "Times-BoldItalic",
	"CourierNew": "Courier", "CourierNew,Bold": "Courier-Bold", "CourierNewPSMT": "Courier", "CourierNewPS-BoldMT": "Courier-Bold",
}

func (l *fontLoader) simple(f *font, d types.Dict, base string) {
	f.kind = max(f.kind, fontSimple)
	b := stripSubset(base)
	if a, ok := std14Alias[b]; ok {
		b = a
	}
	if pdffont.IsCoreFont(b) {
		f.std14 = b
	}
	low := strings.ToLower(b)
	f.dingbats = b == "Symbol" || b == "ZapfDingbats" || strings.HasPrefix(low, "wingdings") || strings.HasPrefix(low, "webdings")
	// Encoding: base table, then Differences. The base is the named
	// encoding, else the font program's own (embedded Type1), else
	// StandardEncoding (WinAnsi for the Latin core fonts).
	table := standardEncoding
	if f.dingbats {
		table = [256]string{}
	}
	fd := l.d.dict(d["FontDescriptor"])
	builtin, hasBuiltin := l.builtinEncoding(fd)
	if hasBuiltin {
		table = builtin
	} else if f.std14 != "" && !f.dingbats {
		table = winAnsi // a fair guess for the Latin core fonts
	}
	encObj := l.d.deref(d["Encoding"])
	switch e := encObj.(type) {
	case types.Name:
		table = namedEncoding(string(e), table)
	case types.Dict:
		table = namedEncoding(l.d.name(e["BaseEncoding"]), table)
		code := 0
		for _, o := range l.d.array(e["Differences"]) {
			switch v := l.d.deref(o).(type) {
			case types.Integer:
				code = v.Value()
			case types.Float:
				code = int(v.Value())
			case types.Name:
				if code >= 0 && code < 256 {
					table[code] = glyphText(string(v))
				}
				code++
			}
		}
	}
	f.enc = table
	first := 0
	if v, ok := l.d.numOK(d["FirstChar"]); ok {
		first = int(v)
	}
	for i, w := range l.d.array(d["Widths"]) {
		f.widths[uint32(first+i)] = l.d.num(w) / 1000
	}
	if fd != nil {
		if v, ok := l.d.numOK(fd["MissingWidth"]); ok {
			f.dw = v / 1000
		}
		l.descriptor(f, fd)
	}
}

var dupRE = regexp.MustCompile(`dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put`)

// builtinEncoding reads the encoding of an embedded Type1 font program
// from its clear-text part ("dup 15 /bullet put"), as TeX's math fonts
// need: they have neither /Encoding nor ToUnicode.
func (l *fontLoader) builtinEncoding(fd types.Dict) ([256]string, bool) {
	var t [256]string
	if fd == nil || fd["FontFile"] == nil {
		return t, false
	}
	b, err := l.d.stream(fd["FontFile"])
	if err != nil {
		return t, false
	}
	if i := bytes.Index(b, []byte("eexec")); i >= 0 {
		b = b[:i]
	}
	if bytes.Contains(b, []byte("/Encoding StandardEncoding")) {
		return standardEncoding, true
	}
	ms := dupRE.FindAllSubmatch(b, 256)
	for _, m := range ms {
		if c, err := strconv.Atoi(string(m[1])); err == nil && c < 256 {
			t[c] = glyphText(string(m[2]))
		}
	}
	return t, len(ms) > 0
}

func (l *fontLoader) descriptor(f *font, fd types.Dict) {
	if v, ok := l.d.numOK(fd["Ascent"]); ok && v > 0 && v < 2000 {
		f.ascent = v / 1000
	}
	if v, ok := l.d.numOK(fd["Descent"]); ok && v < 0 && v > -1000 {
		f.descent = v / 1000
	}
}

func (l *fontLoader) type0(f *font, d types.Dict) error {
	f.kind = fontType0
	f.dw = 1
	switch e := l.d.deref(d["Encoding"]).(type) {
	case types.Name:
		switch string(e) {
		case "Identity-H":
			f.identity = true
			f.space = []codeRange{{2, 0, 0xFFFF}}
		case "Identity-V":
			return fmt.Errorf("%w: vertical writing (Identity-V)", errUnsupportedFont)
		case "UniGB-UCS2-H", "UniGB-UTF16-H", "UniCNS-UCS2-H", "UniCNS-UTF16-H", "UniJIS-UCS2-H", "UniJIS-UTF16-H", "UniKS-UCS2-H", "UniKS-UTF16-H":
			f.uni = true
			f.space = []codeRange{{2, 0, 0xD7FF}, {2, 0xE000, 0xFFFF}, {4, 0xD800DC00, 0xDBFFDFFF}}
		default:
			return fmt.Errorf("%w: predefined CMap %s", errUnsupportedFont, safeName(string(e)))
		}
	case types.StreamDict:
		b, err := l.d.stream(d["Encoding"])
		if err != nil {
			return fmt.Errorf("%w: unreadable CMap", errUnsupportedFont)
		}
		cm := parseCMap(b)
		if cm.vertical || strings.HasSuffix(l.d.name(e.Dict["CMapName"]), "-V") {
			return fmt.Errorf("%w: vertical writing", errUnsupportedFont)
		}
		f.space, f.cids = cm.space, cm.cids
		if len(f.space) == 0 {
			f.space = []codeRange{{2, 0, 0xFFFF}}
		}
	default:
		return fmt.Errorf("%w: Type0 font without a CMap", errUnsupportedFont)
	}
	desc := l.d.array(d["DescendantFonts"])
	if len(desc) == 0 {
		return nil
	}
	cd := l.d.dict(desc[0])
	if cd == nil {
		return nil
	}
	if v, ok := l.d.numOK(cd["DW"]); ok {
		f.dw = v / 1000
	}
	w := l.d.array(cd["W"])
	for i := 0; i < len(w); {
		first, ok := l.d.numOK(w[i])
		if !ok || i+1 >= len(w) {
			break
		}
		if arr := l.d.array(w[i+1]); arr != nil {
			if _, isArr := l.d.deref(w[i+1]).(types.Array); isArr {
				for k, v := range arr {
					f.widths[uint32(int(first)+k)] = l.d.num(v) / 1000
				}
				i += 2
				continue
			}
		}
		if i+2 >= len(w) {
			break
		}
		last := l.d.num(w[i+1])
		v := l.d.num(w[i+2]) / 1000
		for c := int(first); c <= int(last) && c-int(first) < 1<<16; c++ {
			f.widths[uint32(c)] = v
		}
		i += 3
	}
	if fd := l.d.dict(cd["FontDescriptor"]); fd != nil {
		l.descriptor(f, fd)
	}
	return nil
}

// safeName keeps a resource name short and printable for error messages;
// font and CMap names are not document text.
func safeName(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return strconv.QuoteToASCII(s)
}

// cmap is a parsed CMap: ToUnicode entries, CID ranges, codespace.
type cmap struct {
	space    []codeRange
	uni      map[uint32]string
	cids     []cidRange
	vertical bool
}

const maxCMapEntries = 1 << 20

func bytesCode(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

func utf16Text(b []byte) string {
	if len(b)%2 == 1 {
		return string(rune(b[0])) // tolerate one-byte destinations
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

func parseCMap(b []byte) cmap {
	cm := cmap{uni: map[uint32]string{}}
	l := &lexer{b: b}
	var stack []operand
	entries := 0
	for entries < maxCMapEntries {
		t, o, kw, err := l.next(0)
		if err != nil || t == tEOF {
			break
		}
		if t == tOperand {
			stack = append(stack, o)
			if len(stack) > 4096 {
				stack = stack[len(stack)-3:]
			}
			continue
		}
		if t != tKeyword {
			continue
		}
		switch kw {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, hi := stack[i], stack[i+1]
				if lo.kind == kStr && hi.kind == kStr && len(lo.val) == len(hi.val) && len(lo.val) >= 1 && len(lo.val) <= 4 {
					cm.space = append(cm.space, codeRange{len(lo.val), bytesCode(lo.val), bytesCode(hi.val)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				if stack[i].kind == kStr && stack[i+1].kind == kStr {
					cm.uni[bytesCode(stack[i].val)] = utf16Text(stack[i+1].val)
					entries++
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != kStr || hi.kind != kStr {
					continue
				}
				a, z := bytesCode(lo.val), bytesCode(hi.val)
				if z < a || z-a > 0xFFFF {
					continue
				}
				switch dst.kind {
				case kArr:
					for k, d := range dst.arr {
						if d.kind == kStr && a+uint32(k) <= z {
							cm.uni[a+uint32(k)] = utf16Text(d.val)
						}
					}
				case kStr:
					if len(dst.val) == 0 {
						continue
					}
					base := append([]byte(nil), dst.val...)
					for c := a; c <= z && entries < maxCMapEntries; c++ {
						cm.uni[c] = utf16Text(base)
						entries++
						// increment the last byte (carry into the one before)
						for k := len(base) - 1; k >= 0; k-- {
							base[k]++
							if base[k] != 0 {
								break
							}
						}
					}
				}
			}
		case "endcidrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, c := stack[i], stack[i+1], stack[i+2]
				if lo.kind == kStr && hi.kind == kStr && c.kind == kNum {
					cm.cids = append(cm.cids, cidRange{len(lo.val), bytesCode(lo.val), bytesCode(hi.val), uint32(c.num)})
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(stack); i += 2 {
				if stack[i].kind == kStr && stack[i+1].kind == kNum {
					v := bytesCode(stack[i].val)
					cm.cids = append(cm.cids, cidRange{len(stack[i].val), v, v, uint32(stack[i+1].num)})
				}
			}
		case "def":
			if len(stack) >= 2 && stack[len(stack)-2].kind == kName && string(stack[len(stack)-2].val) == "WMode" && stack[len(stack)-1].num == 1 {
				cm.vertical = true
			}
		}
		stack = stack[:0]
	}
	return cm
}

// Encodings.

var standardEncoding = func() [256]string {
	var t [256]string
	for c := 0x20; c < 0x7F; c++ {
		t[c] = string(rune(c))
	}
	t[0x27], t[0x60] = "\u2019", "\u2018"
	upper := map[int]rune{0xA1: '¡', 0xA2: '¢', 0xA3: '£', 0xA4: '⁄', 0xA5: '¥', 0xA6: 'ƒ', 0xA7: '§', 0xA8: '¤', 0xA9: '\'', 0xAA: '“', 0xAB: '«', 0xAC: '‹', 0xAD: '›', 0xAE: 'ﬁ', 0xAF: 'ﬂ',
		0xB1: '–', 0xB2: '†', 0xB3: '‡', 0xB4: '·', 0xB6: '¶', 0xB7: '•', 0xB8: '‚', 0xB9: '„', 0xBA: '”', 0xBB: '»', 0xBC: '…', 0xBD: '‰', 0xBF: '¿',
		0xC1: '`', 0xC2: '´', 0xC3: 'ˆ', 0xC4: '˜', 0xC5: '¯', 0xC6: '˘', 0xC7: '˙', 0xC8: '¨', 0xCA: '˚', 0xCB: '¸', 0xCD: '˝', 0xCE: '˛', 0xCF: 'ˇ', 0xD0: '—',
		0xE1: 'Æ', 0xE3: 'ª', 0xE8: 'Ł', 0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º', 0xF1: 'æ', 0xF5: 'ı', 0xF8: 'ł', 0xF9: 'ø', 0xFA: 'œ', 0xFB: 'ß'}
	for c, r := range upper {
		t[c] = string(r)
	}
	return t
}()

func charmapTable(cm *charmap.Charmap) [256]string {
	var t [256]string
	for c := 0x20; c < 256; c++ {
		r := cm.DecodeByte(byte(c))
		if r != unicode.ReplacementChar && !unicode.IsControl(r) {
			t[c] = string(r)
		}
	}
	return t
}

var (
	winAnsi   = charmapTable(charmap.Windows1252)
	macRoman  = charmapTable(charmap.Macintosh)
	pdfDocEnc = winAnsi // close enough for text fonts
)

func namedEncoding(name string, def [256]string) [256]string {
	switch name {
	case "WinAnsiEncoding":
		return winAnsi
	case "MacRomanEncoding", "MacExpertEncoding":
		return macRoman
	case "StandardEncoding":
		return standardEncoding
	case "PDFDocEncoding":
		return pdfDocEnc
	}
	return def
}

// glyphNames maps glyph names (Adobe Glyph List conventions) to text.
var glyphNames = func() map[string]string {
	m := map[string]string{
		"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%", "ampersand": "&",
		"quotesingle": "'", "quoteright": "\u2019", "quoteleft": "\u2018", "parenleft": "(", "parenright": ")", "asterisk": "*", "plus": "+",
		"comma": ",", "hyphen": "-", "minus": "\u2212", "period": ".", "slash": "/", "zero": "0", "one": "1", "two": "2", "three": "3",
		"four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "colon": ":", "semicolon": ";", "less": "<",
		"equal": "=", "greater": ">", "question": "?", "at": "@", "bracketleft": "[", "backslash": "\\", "bracketright": "]",
		"asciicircum": "^", "underscore": "_", "grave": "`", "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
		"bullet": "•", "endash": "–", "emdash": "—", "ellipsis": "…", "quotedblleft": "“", "quotedblright": "”", "quotesinglbase": "‚",
		"quotedblbase": "„", "dagger": "†", "daggerdbl": "‡", "perthousand": "‰", "guilsinglleft": "‹", "guilsinglright": "›",
		"guillemotleft": "«", "guillemotright": "»", "fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl", "trademark": "™",
		"copyright": "©", "registered": "®", "degree": "°", "section": "§", "paragraph": "¶", "periodcentered": "·", "cent": "¢",
		"sterling": "£", "yen": "¥", "Euro": "€", "euro": "€", "currency": "¤", "brokenbar": "¦", "dieresis": "¨", "ordfeminine": "ª",
		"ordmasculine": "º", "logicalnot": "¬", "macron": "¯", "plusminus": "±", "twosuperior": "²", "threesuperior": "³",
		"onesuperior": "¹", "acute": "´", "mu": "µ", "cedilla": "¸", "onequarter": "¼", "onehalf": "½", "threequarters": "¾",
		"questiondown": "¿", "exclamdown": "¡", "multiply": "×", "divide": "÷", "germandbls": "ß", "AE": "Æ", "ae": "æ", "OE": "Œ",
		"oe": "œ", "Oslash": "Ø", "oslash": "ø", "Eth": "Ð", "eth": "ð", "Thorn": "Þ", "thorn": "þ", "dotlessi": "ı", "Lslash": "Ł",
		"lslash": "ł", "florin": "ƒ", "fraction": "⁄", "circumflex": "ˆ", "tilde": "˜", "nbspace": "\u00a0", "sfthyphen": "\u00ad",
		"softhyphen": "\u00ad", "ring": "˚", "caron": "ˇ", "breve": "˘", "dotaccent": "˙", "ogonek": "˛", "hungarumlaut": "˝",
		// Symbols of TeX's and Adobe's symbol fonts, which résumés use for bullets and arrows.
		"arrowleft": "←", "arrowright": "→", "arrowup": "↑", "arrowdown": "↓", "arrowboth": "↔", "arrowdblleft": "⇐",
		"arrowdblright": "⇒", "arrowdblboth": "⇔", "asteriskmath": "∗", "circlecopyrt": "◯", "openbullet": "◦", "diamondmath": "⋄",
		"similar": "∼", "lessequal": "≤", "greaterequal": "≥", "infinity": "∞", "element": "∈", "checkmark": "✓",
		"circledot": "⊙", "circleplus": "⊕", "circlemultiply": "⊗", "star": "⋆", "diamond": "◇", "heart": "♡", "spade": "♠",
		"club": "♣", "lozenge": "◊", "square": "□", "squaresolid": "■", "triangle": "△", "trianglesolid": "▲", "approxequal": "≈",
		"notequal": "≠", "equivalence": "≡", "proportional": "∝", "partialdiff": "∂", "summation": "∑", "product": "∏",
		"radical": "√", "integral": "∫", "angbracketleft": "⟨", "angbracketright": "⟩", "backslash1": "\\",
	}
	for c := 'A'; c <= 'Z'; c++ {
		m[string(c)] = string(c)
		m[string(c+32)] = string(c + 32)
	}
	accents := map[rune]string{0x300: "grave", 0x301: "acute", 0x302: "circumflex", 0x303: "tilde", 0x308: "dieresis", 0x30A: "ring",
		0x327: "cedilla", 0x30C: "caron", 0x306: "breve", 0x304: "macron", 0x328: "ogonek", 0x307: "dotaccent", 0x30B: "hungarumlaut"}
	for r := rune(0xC0); r < 0x180; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) == 2 && d[0] < 0x80 {
			if a, ok := accents[d[1]]; ok {
				m[string(d[0])+a] = string(r)
			}
		}
	}
	return m
}()

// glyphText maps a glyph name to text, or "" when unknown.
func glyphText(name string) string {
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return glyphText(name[:i])
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, p := range strings.Split(name, "_") {
			t := glyphText(p)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var u []uint16
		for i := 3; i < len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			u = append(u, uint16(v))
		}
		return string(utf16.Decode(u))
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= unicode.MaxRune {
			return string(rune(v))
		}
	}
	return ""
}
