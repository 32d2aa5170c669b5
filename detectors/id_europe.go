package detectors

import (
	"regexp"
	"strings"
)

// Identity numbers of Europe. (IBAN, which is a bank account, is in
// financial.go.)
func init() {
	// UK National Insurance number: two prefix letters, six digits, a
	// suffix letter A-D, often written in pairs (AB 12 34 56 C). There is no
	// check digit, so the compact form without context is only medium.
	register(&idContextDetector{
		id:       "uk_nino",
		category: IDNumber,
		re:       regexp.MustCompile(`(?i)[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]`),
		boundary: true,
		windows:  idLetterPairWindows(true, 0, 12, 6),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validNINO(v) {
				return 0, false
			}
			spaced := strings.Count(v, " ") == 4
			if spaced || idContextBefore(in, start, ninoContext) {
				return High, true
			}
			return Medium, true
		},
	})
}

var ninoContext = []string{"national insurance", "nino", "ni number", "ni no", "n.i. number"}

// validNINO checks the prefix rules of HMRC: the first letter is not D, F,
// I, Q, U or V, the second not D, F, I, O, Q, U or V, the prefixes BG, GB,
// KN, NK, NT, TN and ZZ are not allocated, and the suffix is A-D. Spaces
// must be all or nothing.
func validNINO(v string) bool {
	if n := strings.Count(v, " "); n != 0 && n != 4 {
		return false
	}
	v = strings.ToUpper(strings.ReplaceAll(v, " ", ""))
	if len(v) != 9 || !idIsDigits(v[2:8]) {
		return false
	}
	a, b, s := v[0], v[1], v[8]
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' || s < 'A' || s > 'D' {
		return false
	}
	if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIOQUV", b) >= 0 {
		return false
	}
	switch v[:2] {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}
