package detectors

import (
	"regexp"
	"strings"
)

// Helpers shared by the id_number and financial detector families. Names
// carry an id prefix so they do not clash with helpers of other families.

// idContextWindow is how many bytes before a value are searched for a
// context keyword ("SSN", "身份证", "account no"). Forty bytes hold about a
// dozen CJK characters or a short English label with its punctuation.
const idContextWindow = 40

// idContextBefore reports whether one of kws (lower-case) occurs in the
// idContextWindow bytes of in.Folded just before start. A keyword that
// starts with an ASCII letter must not continue a word ("ic" does not match
// inside "music"), so short Latin keywords do not fire on substrings.
func idContextBefore(in *Input, start int, kws []string) bool {
	return idKeywordEnd(in, start, kws) >= 0
}

// idKeywordEnd returns the offset in in.Folded just after the last of kws
// found in the context window before start, or -1 if there is none. The
// same word-start rule as in idContextBefore applies.
func idKeywordEnd(in *Input, start int, kws []string) int {
	lo := max(0, start-idContextWindow)
	win := in.Folded[lo:start]
	best := -1
	for _, kw := range kws {
		for off := 0; off < len(win); {
			i := strings.Index(win[off:], kw)
			if i < 0 {
				break
			}
			at := off + i
			if !idIsASCIILetter(kw[0]) || at == 0 || !idIsASCIILetter(win[at-1]) {
				best = max(best, lo+at+len(kw))
			}
			off = at + 1
		}
	}
	return best
}

// idKeywordStart returns the offset of the start of the last of kws found
// in the context window before start (the keyword that idKeywordEnd ends),
// or -1.
func idKeywordStart(in *Input, start int, kws []string) int {
	end := idKeywordEnd(in, start, kws)
	if end < 0 {
		return -1
	}
	for _, kw := range kws {
		if strings.HasSuffix(in.Folded[:end], kw) {
			return end - len(kw)
		}
	}
	return -1
}

// idLabelledBefore reports whether one of kws occurs in the window before
// start and no word of other occurs between it and the value, so that in
// "开户行：招商银行 手机：13812345678" the phone number is not taken for the
// account number that 开户行 announces.
func idLabelledBefore(in *Input, start int, kws, other []string) bool {
	end := idKeywordEnd(in, start, kws)
	if end < 0 {
		return false
	}
	for _, o := range other {
		if strings.Contains(in.Folded[end:start], o) {
			return false
		}
	}
	return true
}

func idIsASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func idIsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// idAllSame reports whether every byte of s is the same (e.g. 00000000000),
// which no issuer hands out and which passes several checksums.
func idAllSame(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}

// idContextDetector is patternDetector with access to the surrounding text:
// check receives the input and the value's span, so it can look for context
// keywords before the value. It is used where the likelihood (or the
// decision to report at all) depends on context; patternDetector is used
// where the value alone decides.
type idContextDetector struct {
	id       string
	category Category
	// keywords gate the detector in the prefilter. Leave empty whenever the
	// value may appear without any keyword.
	keywords []string
	re       *regexp.Regexp
	group    int
	boundary bool
	check    func(in *Input, start, end int) (Likelihood, bool)
}

func (d *idContextDetector) ID() string         { return d.id }
func (d *idContextDetector) Keywords() []string { return d.keywords }

func (d *idContextDetector) Detect(in *Input) []Match {
	var out []Match
	for _, loc := range d.re.FindAllStringSubmatchIndex(in.Text, -1) {
		start, end := loc[2*d.group], loc[2*d.group+1]
		if start < 0 || start >= end {
			continue
		}
		if d.boundary && !isBoundary(in.Text, start, end) {
			continue
		}
		l, ok := d.check(in, start, end)
		if !ok {
			continue
		}
		out = append(out, Match{Category: d.category, Detector: d.id, Start: start, End: end, Likelihood: l})
	}
	return out
}

// idValidYYMMDD reports whether s (YYMMDD) is a calendar date in 19YY or
// 20YY; the century is not written in the number.
func idValidYYMMDD(s string) bool {
	return len(s) == 6 && idIsDigits(s) && (validDate("19"+s) || validDate("20"+s))
}

// idLikelihood is the common rule for numbers with a checksum or other
// structural check: context and the canonical punctuation each add weight.
func idLikelihood(canonical, context bool) Likelihood {
	switch {
	case canonical && context:
		return Certain
	case canonical || context:
		return High
	}
	return Medium
}
