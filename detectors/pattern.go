package detectors

import (
	"regexp"
	"unicode"
	"unicode/utf8"
)

// patternDetector is the generic building block for detectors that find a
// value by regular expression and then confirm it with a validator (a
// checksum, a date check, a list of known sample numbers).
type patternDetector struct {
	id       string
	category Category
	keywords []string
	re       *regexp.Regexp
	// group selects the capture group that is the value (0: whole match).
	group int
	// boundary requires the value not to touch a letter or digit on either
	// side, so "ID 1234" does not match inside "A1234B".
	boundary bool
	// validate confirms a candidate value and says how likely it is; ok=false
	// drops the candidate. Nil means every match is kept at likelihood.
	validate   func(value string) (l Likelihood, ok bool)
	likelihood Likelihood
}

func (d *patternDetector) ID() string         { return d.id }
func (d *patternDetector) Keywords() []string { return d.keywords }

func (d *patternDetector) Detect(in *Input) []Match {
	var out []Match
	for _, loc := range d.re.FindAllStringSubmatchIndex(in.Text, -1) {
		start, end := loc[2*d.group], loc[2*d.group+1]
		if start < 0 {
			continue
		}
		if d.boundary && !isBoundary(in.Text, start, end) {
			continue
		}
		l := d.likelihood
		if d.validate != nil {
			var ok bool
			if l, ok = d.validate(in.Text[start:end]); !ok {
				continue
			}
		}
		out = append(out, Match{Category: d.category, Detector: d.id, Start: start, End: end, Likelihood: l})
	}
	return out
}

// isBoundary reports whether text[start:end] has no letter or digit
// immediately before or after it. CJK characters count as boundaries: they
// are letters, but Chinese resumes put IDs and phone numbers right next to
// them ("身份证号360426199101010071").
func isBoundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
	}
	if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// digitsOf returns the ASCII digits of s, dropping separators.
func digitsOf(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}
