package detectors

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Fold lower-cases s rune by rune, leaving any rune whose lower case would
// change its encoded length (such as 'İ') as it is, so that every byte offset
// into the result is a valid offset into s. Invalid UTF-8 is kept as is.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	// Copy s and lower-case in place: the result has the same length.
	b := []byte(s)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		// U+3000..U+9FFF (lead bytes E3..E9: CJK punctuation, kana, Han)
		// has no case, and is most of a Chinese resume: skip
		// unicode.ToLower's table search. TestFoldCaselessRange checks it.
		if foldCaselessLead(c) && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			i++
			continue
		}
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(b[i:], l)
		}
		i += size
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
}

// foldCaselessLead reports whether c leads the three-byte encoding of a rune
// in U+3000..U+9FFF, none of which has a lower case.
func foldCaselessLead(c byte) bool { return c >= 0xE3 && c <= 0xE9 }
