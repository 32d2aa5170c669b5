package detectors

import (
	"regexp"
	"strings"
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
	// run, when set, limits the regex to the maximal runs of bytes for
	// which class is true and in which need holds: the regex can only
	// match inside such a run, and running it only there keeps whole-text
	// regex scans (tens of MB/s) off the hot path.
	run *byteRun
}

// byteRun describes the stretches of text a pattern can match in: maximal
// runs of class bytes around an anchor (a digit, or the byte anchor), in
// which need holds.
type byteRun struct {
	class  *[256]bool
	anchor byte // 0: runs are found around the text's digit runs
	need   func(run string) bool
}

// byteClass is a lookup table for the bytes of chars and the ranges a-z,
// A-Z and 0-9 when named in ranges ("a", "A", "0").
func byteClass(chars, ranges string) *[256]bool {
	var t [256]bool
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	for _, r := range ranges {
		lo := byte(r)
		hi := lo + 25
		if lo == '0' {
			hi = '9'
		}
		for c := lo; c <= hi; c++ {
			t[c] = true
		}
	}
	return &t
}

// runs calls f with the start and end of every qualifying run, in order.
// It starts only from anchors, which are rare, instead of testing every
// byte of the text.
func (r *byteRun) runs(in *Input, f func(start, end int)) {
	text, prevEnd := in.Text, 0
	expand := func(i int) {
		if i < prevEnd {
			return // inside the run already reported
		}
		lo, hi := i, i
		for lo > 0 && r.class[text[lo-1]] {
			lo--
		}
		for hi < len(text) && r.class[text[hi]] {
			hi++
		}
		prevEnd = hi
		if r.need(text[lo:hi]) {
			f(lo, hi)
		}
	}
	if r.anchor == 0 {
		for _, d := range in.digitRuns() {
			expand(d[0])
		}
		return
	}
	for off := 0; ; {
		i := strings.IndexByte(text[off:], r.anchor)
		if i < 0 {
			return
		}
		expand(off + i)
		off += i + 1
	}
}

func (d *patternDetector) ID() string         { return d.id }
func (d *patternDetector) Keywords() []string { return d.keywords }

func (d *patternDetector) Detect(in *Input) []Match {
	if d.run == nil {
		return d.detectIn(in.Text, 0, len(in.Text), nil)
	}
	var out []Match
	d.run.runs(in, func(start, end int) { out = d.detectIn(in.Text, start, end, out) })
	return out
}

// detectIn runs the regex over text[lo:hi]; offsets stay those of text.
func (d *patternDetector) detectIn(text string, lo, hi int, out []Match) []Match {
	for _, loc := range d.re.FindAllStringSubmatchIndex(text[lo:hi], -1) {
		start, end := loc[2*d.group], loc[2*d.group+1]
		if start < 0 {
			continue
		}
		start, end = start+lo, end+lo
		if d.boundary && !isBoundary(text, start, end) {
			continue
		}
		l := d.likelihood
		if d.validate != nil {
			var ok bool
			if l, ok = d.validate(text[start:end]); !ok {
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

// digitRun is a byteRun over digits and the punctuation phone and ID
// numbers are written with, holding at least minDigits digits.
func digitRun(punct string, minDigits int) *byteRun {
	return &byteRun{
		class: byteClass(punct, "0"),
		need:  func(run string) bool { return countDigits(run) >= minDigits },
	}
}

// digitShapeRun is digitRun for a regexp that matches only numbers of a
// digit grouping (see idGroupedNumberWindows: a run of minRun digits, or
// groups with one byte of seps between) or text with a byte of always
// ("+", "("). Most digit runs in a resume are dates and amounts of neither
// shape, and the test costs far less than calling the regexp.
func digitShapeRun(punct string, minDigits int, always, seps string, minRun int, groups ...int) *byteRun {
	return &byteRun{
		class: byteClass(punct, "0"),
		need: func(run string) bool {
			return countDigits(run) >= minDigits && (strings.ContainsAny(run, always) || digitShapeIn(run, seps, minRun, groups))
		},
	}
}

// digitShapeIn reports whether one of the numbers in s (digit runs joined
// by single bytes of seps) has the shape idHasShape tests.
func digitShapeIn(s, seps string, minRun int, groups []int) bool {
	var buf [16][2]int
	number := buf[:0]
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n := len(number); n > 0 && !(number[n-1][1]+1 == i && strings.IndexByte(seps, s[i-1]) >= 0) {
			if idHasShape(number, minRun, groups) {
				return true
			}
			number = number[:0]
		}
		number = append(number, [2]int{i, j})
		i = j
	}
	return idHasShape(number, minRun, groups)
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
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
