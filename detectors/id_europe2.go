package detectors

import (
	"regexp"
	"strings"
)

// More identity numbers of Europe: Spanish DNI and NIE, Irish PPSN, Dutch
// BSN.
func init() {
	// Spanish DNI (eight digits and a check letter) and NIE (X, Y or Z,
	// seven digits, a check letter): the letter is the number mod 23 in a
	// fixed table, so a wrong number is dropped. The shape of eight digits
	// glued to a letter is rare elsewhere; a label (DNI, NIE, NIF) makes it
	// high.
	register(&idContextDetector{
		id:       "es_dni",
		category: IDNumber,
		re:       regexp.MustCompile(`(?i)[XYZ]-?[0-9]{7}-?[A-Z]|[0-9]{8}-?[A-Z]`),
		boundary: true,
		windows:  dniWindows,
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validDNI(v) || dniSamples[strings.ToUpper(strings.ReplaceAll(v, "-", ""))] {
				return 0, false
			}
			if idContextBefore(in, start, dniContext) {
				return High, true
			}
			return Medium, true
		},
	})
	// Irish Personal Public Service Number: seven digits, a check letter
	// and, since 2013, a second letter that enters the check. Only after a
	// label: seven digits and a letter are a common reference shape.
	register(&idContextDetector{
		id:       "ie_ppsn",
		category: IDNumber,
		keywords: ppsnContext,
		re:       regexp.MustCompile(`(?i)[0-9]{7}[A-W][ABHW]?`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(ppsnContext, 7, 7, "", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validPPSN(in.Text[start:end]) || !idLabelledBefore(in, start, ppsnContext, idOtherLabels) {
				return 0, false
			}
			return High, true
		},
	})
	// Dutch citizen service number (BSN): nine digits passing the "11
	// test". One number in eleven passes, so only after a label.
	register(&idContextDetector{
		id:       "nl_bsn",
		category: IDNumber,
		keywords: bsnContext,
		re:       regexp.MustCompile(`[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{9}`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(bsnContext, 4, 9, ".", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validBSN(digitsOf(in.Text[start:end])) || !idLabelledBefore(in, start, bsnContext, idOtherLabels) {
				return 0, false
			}
			return High, true
		},
	})
}

var (
	dniContext  = []string{"dni", "nie", "nif", "d.n.i", "documento nacional", "n.i.e"}
	ppsnContext = []string{"ppsn", "pps no", "pps number", "ppsno", "personal public service"}
	bsnContext  = []string{"bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "sofi nummer"}
	// dniSamples are the numbers of specimen cards and of documentation.
	dniSamples = map[string]bool{"12345678Z": true, "00000000T": true, "99999999R": true, "X1234567L": true}
)

// dniWindows yields the digit runs shaped like a DNI or NIE: eight digits
// with a letter or a dash after them, or seven after X, Y or Z.
func dniWindows(in *Input, yield func(lo, hi int)) {
	text := in.Text
	for _, r := range in.digitRuns() {
		lo, hi := r[0], r[1]
		switch {
		case hi-lo == 8 && hi < len(text) && (idIsASCIILetter(text[hi]) || text[hi] == '-'):
		case hi-lo == 7 && lo > 0 && strings.IndexByte("XYZxyz-", text[lo-1]) >= 0:
		default:
			continue
		}
		yield(lo-2, hi+2)
	}
}

const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// validDNI checks the check letter of a DNI (8 digits) or NIE (X/Y/Z for
// 0/1/2, then 7 digits), ignoring dashes and case.
func validDNI(v string) bool {
	v = strings.ToUpper(strings.ReplaceAll(v, "-", ""))
	if len(v) != 9 {
		return false
	}
	num := v[:8]
	switch v[0] {
	case 'X':
		num = "0" + v[1:8]
	case 'Y':
		num = "1" + v[1:8]
	case 'Z':
		num = "2" + v[1:8]
	}
	if !idIsDigits(num) {
		return false
	}
	n := 0
	for i := 0; i < len(num); i++ {
		n = (n*10 + int(num[i]-'0')) % 23
	}
	return v[8] == dniLetters[n]
}

// validPPSN checks a PPSN: the seven digits weighted 8 down to 2, plus the
// second letter (A=1 … H=8, W or none = 0) weighted 9, mod 23, gives the
// check letter (0 = W, 1 = A, …).
func validPPSN(v string) bool {
	v = strings.ToUpper(v)
	if len(v) < 8 || len(v) > 9 || !idIsDigits(v[:7]) {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(v[i]-'0') * (8 - i)
	}
	if len(v) == 9 && v[8] != 'W' {
		sum += int(v[8]-'A'+1) * 9
	}
	c := sum % 23
	want := byte('W')
	if c > 0 {
		want = byte('A' + c - 1)
	}
	return v[7] == want && !idAllSame(v[:7])
}

// validBSN applies the 11 test: the first eight digits weighted 9 down to
// 2, minus the last digit, is a multiple of 11.
func validBSN(d string) bool {
	if len(d) != 9 || !idIsDigits(d) || idAllSame(d) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0
}
