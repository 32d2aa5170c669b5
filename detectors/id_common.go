package detectors

import (
	"regexp"
	"slices"
	"strings"

	"github.com/coregx/ahocorasick"
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
//
// Running a dozen regular expressions over every byte of a document costs
// far more than the few places where an ID can be, so windows, when set,
// names the parts of the text worth matching (around long digit runs, or
// after a keyword); the regexp runs only there. Windows must contain every
// match the regexp would find in the whole text that check can accept.
type idContextDetector struct {
	id       string
	category Category
	// keywords gate the detector in the prefilter. Leave empty whenever the
	// value may appear without any keyword.
	keywords []string
	re       *regexp.Regexp
	group    int
	boundary bool
	windows  idWindows
	check    func(in *Input, start, end int) (Likelihood, bool)
}

func (d *idContextDetector) ID() string         { return d.id }
func (d *idContextDetector) Keywords() []string { return d.keywords }

func (d *idContextDetector) Detect(in *Input) []Match {
	var out []Match
	scan := func(lo, hi int) {
		for _, loc := range d.re.FindAllStringSubmatchIndex(in.Text[lo:hi], -1) {
			start, end := loc[2*d.group], loc[2*d.group+1]
			if start < 0 || start >= end {
				continue
			}
			start, end = start+lo, end+lo
			if d.boundary && !isBoundary(in.Text, start, end) {
				continue
			}
			l, ok := d.check(in, start, end)
			if !ok {
				continue
			}
			out = append(out, Match{Category: d.category, Detector: d.id, Start: start, End: end, Likelihood: l})
		}
	}
	if d.windows == nil {
		scan(0, len(in.Text))
	} else {
		idMergedWindows(in, d.windows, scan)
	}
	return out
}

// idWindows calls yield with byte ranges [lo, hi) of in.Text in ascending
// order of lo; the ranges may overlap.
type idWindows func(in *Input, yield func(lo, hi int))

// idMaxSnap bounds how far a window edge is moved to reach the edge of a
// word, so a pathological run of letters cannot make the work quadratic.
const idMaxSnap = 64

// idMergedWindows merges overlapping windows, moves each edge outwards to
// the edge of the word it cuts (so the regexp never starts mid-number), and
// calls scan once per merged window.
func idMergedWindows(in *Input, w idWindows, scan func(lo, hi int)) {
	text := in.Text
	curLo, curHi := -1, -1
	w(in, func(lo, hi int) {
		lo, hi = max(lo, 0), min(hi, len(text))
		for n := 0; lo > 0 && n < idMaxSnap && idIsAlnum(text[lo-1]); n++ {
			lo--
		}
		for n := 0; hi < len(text) && n < idMaxSnap && idIsAlnum(text[hi]); n++ {
			hi++
		}
		if curHi >= 0 && lo <= curHi {
			curHi = max(curHi, hi)
			return
		}
		if curHi >= 0 {
			scan(curLo, curHi)
		}
		curLo, curHi = lo, hi
	})
	if curHi >= 0 {
		scan(curLo, curHi)
	}
}

func idIsAlnum(c byte) bool { return c >= '0' && c <= '9' || idIsASCIILetter(c) }

// idNumberWindows yields, for every number in the text that has at least
// minDigits digits and a run of at least minRun consecutive digits, the
// number's extent padded by pad bytes each side. A number is a maximal sequence of ASCII digits in which
// single separators from seps may stand between two digits ("4539 5787",
// "390.533.447-05"). Letters attached to the number (the A of A123456(3))
// are added when idMergedWindows moves the edges to the word edges, so pad
// only has to cover punctuation such as a check digit in parentheses.
func idNumberWindows(minRun, minDigits int, seps string, pad int) idWindows {
	return idNumbers(seps, pad, func(_ string, runs [][2]int) bool {
		longest, digits := 0, 0
		for _, r := range runs {
			longest, digits = max(longest, r[1]-r[0]), digits+r[1]-r[0]
		}
		return longest >= minRun && digits >= minDigits
	})
}

// idLetteredNumberWindows is idNumberWindows, without separators, for
// values whose digits follow a letter (A123456(3), S1234567D, ABCDE1234F):
// only numbers with an ASCII letter right before them can be one, and most
// numbers in a resume (years, phone numbers, amounts) have none.
func idLetteredNumberWindows(minRun, pad int) idWindows {
	return idNumbers("", pad, func(text string, runs [][2]int) bool {
		r := runs[0]
		return r[1]-r[0] >= minRun && r[0] > 0 && idIsASCIILetter(text[r[0]-1])
	})
}

// idGroupedNumberWindows yields the extent of every number (as in
// idNumberWindows) that holds a run of at least minRun digits, or the
// digit groups of groups in a row: the first group may end a longer run,
// the last may start one, the others are whole runs ("123-45-6789" has
// groups 3, 2, 4). It is for values matched by a regexp such as
// `[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}|[0-9]{9}`, whose separators are among
// seps: a number of neither shape (a date range, most phone numbers) holds
// no match, and calling the regexp costs more than this test.
func idGroupedNumberWindows(seps string, minRun int, groups ...int) idWindows {
	return idNumbers(seps, 0, func(_ string, runs [][2]int) bool { return idHasShape(runs, minRun, groups) })
}

// idHasShape reports whether the digit runs of one number hold a run of at
// least minRun digits (none if minRun is 0) or groups (idRunsHoldGroups).
func idHasShape(runs [][2]int, minRun int, groups []int) bool {
	for i, r := range runs {
		if minRun > 0 && r[1]-r[0] >= minRun {
			return true
		}
		if i+len(groups) <= len(runs) && idRunsHoldGroups(runs[i:i+len(groups)], groups) {
			return true
		}
	}
	return false
}

// idRunsHoldGroups reports whether consecutive runs hold groups, the first
// group at the end of the first run, the last at the start of the last.
func idRunsHoldGroups(runs [][2]int, groups []int) bool {
	last := len(groups) - 1
	for j, g := range groups {
		n := runs[j][1] - runs[j][0]
		if n < g || n > g && j != 0 && j != last {
			return false
		}
	}
	return true
}

// idNumbers yields the extent, padded by pad bytes each side, of every
// number (see idNumberWindows) whose digit runs satisfy shape.
func idNumbers(seps string, pad int, shape func(text string, runs [][2]int) bool) idWindows {
	return func(in *Input, yield func(lo, hi int)) {
		text := in.Text
		runs := in.digitRuns()
		for k := 0; k < len(runs); {
			first, end := k, runs[k][1]
			k++
			// Join the next run when a single separator stands between.
			for k < len(runs) && runs[k][0] == end+1 && strings.IndexByte(seps, text[end]) >= 0 {
				end = runs[k][1]
				k++
			}
			if shape(text, runs[first:k]) {
				yield(runs[first][0]-pad, end+pad)
			}
		}
	}
}

// idKeywordWindows yields the reach bytes after every occurrence of one of
// kws in in.Folded, for detectors that report only after a context word.
// reach should cover idContextWindow plus the longest value.
func idKeywordWindows(kws []string, reach int) idWindows {
	fam := newFamily(func() []string { return kws })
	return func(in *Input, yield func(lo, hi int)) {
		// The keywords come from the shared pass, in order of their end:
		// sort by start.
		ms := in.familyMatches(fam) // its only consumer: sorted in place
		slices.SortFunc(ms, func(a, b ahocorasick.Match) int { return a.Start - b.Start })
		for _, m := range ms {
			yield(m.Start, m.End+reach)
		}
	}
}

// idLetterPairWindows yields a window around every place where two ASCII
// letters are followed, with at most one space between, by two digits (an
// IBAN's country code and check digits, a UK NI number's prefix). Upper
// case only unless anyCase.
func idLetterPairWindows(anyCase bool, before, after, minDigits int) idWindows {
	return func(in *Input, yield func(lo, hi int)) {
		text := in.Text
		if anyCase {
			text = in.Folded
		}
		isLetter := func(c byte) bool { return c >= 'A' && c <= 'Z' || anyCase && c >= 'a' && c <= 'z' }
		// Start from the text's digit runs (rarer than letters), look back
		// for the letter pair, and count the digits that follow in groups
		// split by single spaces: "in 2019" is no NI number.
		runs := in.digitRuns()
		for k, r := range runs {
			j := r[0]
			if r[1]-j < 2 {
				continue
			}
			i := j - 2
			if j > 0 && text[j-1] == ' ' {
				i = j - 3
			}
			if i < 0 || !isLetter(text[i]) || !isLetter(text[i+1]) {
				continue
			}
			digits, end := r[1]-r[0], r[1]
			for m := k + 1; digits < minDigits && m < len(runs) && runs[m][0] == end+1 && text[end] == ' '; m++ {
				digits, end = digits+runs[m][1]-runs[m][0], runs[m][1]
			}
			if digits >= minDigits {
				yield(i-before, j+2+after)
			}
		}
	}
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

// idLabelAdjacent reports whether one of kws (a whole word) ends at most
// 16 bytes before start with only label punctuation and a number sign
// between ("RG: ", "Voter ID No. ", "identidade nº "), for short labels
// such as "RG" that would be too loose anywhere in the context window.
func idLabelAdjacent(in *Input, start int, kws []string) bool {
	f := in.Folded
	p := start
	for n := 0; p > 0 && n < 16; n++ {
		c := f[p-1]
		if c == ' ' || c == ':' || c == '.' || c == '#' || c == '-' || c == '\t' || c == '|' || c == '=' {
			p--
			continue
		}
		if strings.HasSuffix(f[:p], "nº") || strings.HasSuffix(f[:p], "n°") {
			p -= len("nº")
			continue
		}
		if strings.HasSuffix(f[:p], "：") {
			p -= len("：")
			continue
		}
		if strings.HasSuffix(f[:p], " no") || strings.HasSuffix(f[:p], " number") {
			p = strings.LastIndexByte(f[:p], ' ')
			continue
		}
		break
	}
	for _, kw := range kws {
		if strings.HasSuffix(f[:p], kw) {
			at := p - len(kw)
			if at == 0 || !idIsASCIILetter(kw[0]) || !idIsAlnum(f[at-1]) {
				return true
			}
		}
	}
	return false
}

// idGroupContinues reports whether the grouped number text[start:end] is
// part of a longer one: a separator and another digit right before or
// after it ("4539 1488 0343 6467" holds no 12-digit ID "4539 1488 0343").
func idGroupContinues(text string, start, end int) bool {
	if end+1 < len(text) && (text[end] == ' ' || text[end] == '-') && text[end+1] >= '0' && text[end+1] <= '9' {
		return true
	}
	return start >= 2 && (text[start-1] == ' ' || text[start-1] == '-') && text[start-2] >= '0' && text[start-2] <= '9'
}

// idNumberNearKeywordWindows is idNumberWindows restricted to the numbers
// with one of kws in the idContextWindow bytes before them (or inside
// them). Detectors that report only after a context word use it instead of
// idKeywordWindows when they have many keywords. The keywords come from
// the shared pass (shared.go), so the test per number is a comparison, not
// a search of the text before it.
func idNumberNearKeywordWindows(kws []string, minRun, minDigits int, seps string, pad int) idWindows {
	numbers := idNumberWindows(minRun, minDigits, seps, pad)
	fam := newFamily(func() []string { return idMinimalKeywords(kws) })
	return func(in *Input, yield func(lo, hi int)) {
		// Keywords come ordered by end, numbers by position: one sweep
		// tracks the latest start of a keyword ending by the number's end.
		ms := in.familyMatches(fam)
		next, latest := 0, -1
		numbers(in, func(lo, hi int) {
			for next < len(ms) && ms[next].End <= hi {
				latest = max(latest, ms[next].Start)
				next++
			}
			if latest >= lo-idContextWindow {
				yield(lo, hi)
			}
		})
	}
}

// idMinimalKeywords drops every keyword that contains another one: where
// "conta corrente" occurs, "conta" does too, so looking for "conta" alone
// tells whether any of them is there.
func idMinimalKeywords(kws []string) []string {
	var out []string
	for i, kw := range kws {
		covered := false
		for j, other := range kws {
			if i != j && strings.Contains(kw, other) && (len(other) < len(kw) || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, kw)
		}
	}
	return out
}
