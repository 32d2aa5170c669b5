package detectors

import (
	"regexp"
	"strings"
)

// Identity numbers of Hong Kong, Taiwan, Singapore, Malaysia and India.
func init() {
	// Hong Kong Identity Card: one or two letters, six digits and a check
	// character (0-9 or A), usually written in parentheses: A123456(3).
	// Without the parentheses a context word is required.
	register(&idContextDetector{
		id:       "hk_hkid",
		category: IDNumber,
		re:       regexp.MustCompile(`[A-Z]{1,2}[0-9]{6}(?:\([0-9A]\)|[0-9A])`),
		boundary: true,
		windows:  idLetteredNumberWindows(6, 3),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validHKID(v) {
				return 0, false
			}
			// Written without parentheses and without context, a letter
			// and seven digits are as likely a product or reference code.
			paren, ctx := strings.HasSuffix(v, ")"), idContextBefore(in, start, hkIDContext)
			if !paren && !ctx {
				return 0, false
			}
			return idLikelihood(paren, ctx), true
		},
	})
	// Taiwan national identification number and the resident certificate
	// numbers that share its layout: a letter, 1/2 (citizens) or 8/9 (new
	// resident certificates), seven digits and a check digit.
	register(&idContextDetector{
		id:       "tw_national_id",
		category: IDNumber,
		re:       regexp.MustCompile(`[A-Z][1289][0-9]{8}`),
		boundary: true,
		windows:  idLetteredNumberWindows(9, 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validTWID(v) || twIDSamples[v] {
				return 0, false
			}
			return idLikelihood(true, idContextBefore(in, start, twIDContext)), true
		},
	})
	// Singapore NRIC and FIN: S/T (citizens and PRs), F/G/M (foreigners),
	// seven digits and a check letter.
	register(&idContextDetector{
		id:       "sg_nric",
		category: IDNumber,
		re:       regexp.MustCompile(`(?i)[STFGM][0-9]{7}[A-Z]`),
		boundary: true,
		windows:  idLetteredNumberWindows(7, 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validSGNRIC(in.Text[start:end]) {
				return 0, false
			}
			return idLikelihood(true, idContextBefore(in, start, sgNRICContext)), true
		},
	})
	// Malaysian MyKad number: YYMMDD birth date, two-digit place-of-birth
	// code, four digits. There is no check digit. The dashed form
	// 770305-02-1234 is distinctive; twelve bare digits need a context word.
	register(&idContextDetector{
		id:       "my_mykad",
		category: IDNumber,
		re:       regexp.MustCompile(`[0-9]{6}-[0-9]{2}-[0-9]{4}|[0-9]{12}`),
		boundary: true,
		windows:  idGroupedNumberWindows("-", 12, 6, 2, 4),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validMyKad(v) {
				return 0, false
			}
			dashed := len(v) == 14
			ctx := idContextBefore(in, start, myKadContext)
			if !dashed && !ctx {
				return 0, false
			}
			return High, true
		},
	})
	// Indian Aadhaar: twelve digits, the first 2-9, Verhoeff check digit,
	// usually grouped 4-4-4. Twelve bare digits need a context word.
	register(&idContextDetector{
		id:       "in_aadhaar",
		category: IDNumber,
		re:       regexp.MustCompile(`[2-9][0-9]{3}(?:[0-9]{8}|( |-)[0-9]{4}( |-)[0-9]{4})`),
		boundary: true,
		windows:  idGroupedNumberWindows(" -", 12, 4, 4, 4),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			grouped := len(v) == 14
			if grouped && v[4] != v[9] {
				return 0, false // mixed separators: not the canonical grouping
			}
			if !validAadhaar(digitsOf(v)) || idGroupContinues(in.Text, start, end) {
				return 0, false
			}
			ctx := idContextBefore(in, start, aadhaarContext)
			if !grouped && !ctx {
				return 0, false
			}
			return idLikelihood(grouped, ctx), true
		},
	})
	// Indian Permanent Account Number: five letters (the fourth says what
	// kind of holder), four digits, a letter. No check digit.
	register(&idContextDetector{
		id:       "in_pan",
		category: IDNumber,
		re:       regexp.MustCompile(`[A-Z]{5}[0-9]{4}[A-Z]`),
		boundary: true,
		windows:  idLetteredNumberWindows(4, 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validPAN(in.Text[start:end]) {
				return 0, false
			}
			if idContextBefore(in, start, panContext) {
				return High, true
			}
			return Medium, true
		},
	})
}

var (
	hkIDContext    = []string{"hkid", "hk id", "identity card", "id card", "id no", "身份證", "身份证", "證件", "证件"}
	twIDContext    = []string{"身分證", "身份證", "身份证", "統一編號", "统一编号", "居留證", "national id", "id no", "id number", "id card", "arc"}
	sgNRICContext  = []string{"nric", "fin", "ic no", "i/c", "identity card", "id no", "身份证", "身份證"}
	myKadContext   = []string{"mykad", "ic no", "ic number", "i/c", "nric", "kad pengenalan", "no. k/p", "identity card", "id no", "身份证", "身份證"}
	aadhaarContext = []string{"aadhaar", "aadhar", "uid", "uidai", "आधार"}
	panContext     = []string{"pan", "permanent account number", "income tax"}
)

// validHKID checks a Hong Kong Identity Card number. The check character is
// computed as published by the Immigration Department and described in the
// Wikipedia article "Hong Kong identity card" (section "Check digit"): with
// a single prefix letter a leading space (value 36) is assumed, letters are
// A=10 … Z=35, the eight characters are weighted 9 down to 2, and the check
// value is 11 - sum mod 11, where 10 is written A and 11 is written 0.
func validHKID(v string) bool {
	if n := len(v); n >= 3 && v[n-3] == '(' && v[n-1] == ')' {
		v = v[:n-3] + v[n-2:n-1]
	}
	if len(v) != 8 && len(v) != 9 {
		return false
	}
	body, check := v[:len(v)-1], v[len(v)-1]
	letters := len(body) - 6
	if !idIsDigits(body[letters:]) {
		return false
	}
	sum := 0
	if letters == 1 {
		sum = 36 * 9
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		var val int
		switch {
		case c >= 'A' && c <= 'Z':
			if i >= letters {
				return false
			}
			val = int(c-'A') + 10
		case c >= '0' && c <= '9' && i >= letters:
			val = int(c - '0')
		default:
			return false
		}
		sum += val * (9 - i - (2 - letters))
	}
	want := "0A987654321"[sum%11]
	return check == want
}

// twLetterCodes maps the region letter of a Taiwan ID to its two-digit value
// (the table of the Ministry of the Interior; I, O, W, X, Y, Z were added
// after the others and so sit out of alphabetical order).
var twLetterCodes = [26]int{
	10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
	22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
}

// twIDSamples are the numbers printed in forms and tutorials.
var twIDSamples = map[string]bool{"A123456789": true}

// validTWID checks a Taiwan national ID: the letter's two digits weighted 1
// and 9, the eight following digits weighted 8 down to 1, the check digit
// weighted 1; the total must be a multiple of 10.
func validTWID(v string) bool {
	if len(v) != 10 || v[0] < 'A' || v[0] > 'Z' || !idIsDigits(v[1:]) {
		return false
	}
	code := twLetterCodes[v[0]-'A']
	sum := code/10 + code%10*9
	for i := 1; i <= 8; i++ {
		sum += int(v[i]-'0') * (9 - i)
	}
	sum += int(v[9] - '0')
	return sum%10 == 0
}

// validSGNRIC checks a Singapore NRIC/FIN check letter: digits weighted
// 2,7,6,5,4,3,2, plus 4 for the T and G series (born or issued from 2000)
// and 3 for the M series (FINs from 2022), mod 11, looked up in the table of
// the series.
func validSGNRIC(v string) bool {
	if len(v) != 9 || !idIsDigits(v[1:8]) {
		return false
	}
	v = strings.ToUpper(v)
	weights := [7]int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(v[i+1]-'0') * w
	}
	var table string
	switch v[0] {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		sum += 4
		table = "JZIHGFEDCBA"
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		sum += 4
		table = "XWUTRQPNMLK"
	case 'M':
		sum += 3
		table = "XWUTRQPNJLK"
	default:
		return false
	}
	return v[8] == table[sum%11]
}

// validMyKad checks the birth date and the place-of-birth code of a MyKad
// number (dashed or not).
func validMyKad(v string) bool {
	if len(v) == 14 {
		if v[6] != '-' || v[9] != '-' {
			return false
		}
		v = v[:6] + v[7:9] + v[10:]
	}
	if len(v) != 12 || !idIsDigits(v) || !idValidYYMMDD(v[:6]) {
		return false
	}
	return validMyKadBirthplace(int(v[6]-'0')*10 + int(v[7]-'0'))
}

// validMyKadBirthplace reports whether pb is a place-of-birth code assigned
// by the National Registration Department: states 01-16 and 21-59, foreign
// regions 60-68, 71-72, 74-79, 82-93 and 98-99.
func validMyKadBirthplace(pb int) bool {
	switch {
	case pb >= 1 && pb <= 16, pb >= 21 && pb <= 68, pb == 71, pb == 72,
		pb >= 74 && pb <= 79, pb >= 82 && pb <= 93, pb == 98, pb == 99:
		return true
	}
	return false
}

// validAadhaar checks an Aadhaar number given as twelve digits: the first
// digit is 2-9 (UIDAI does not issue 0 or 1), the Verhoeff check digit
// holds, and the number is not a palindrome (which UIDAI also excludes).
func validAadhaar(v string) bool {
	if len(v) != 12 || !idIsDigits(v) || v[0] < '2' {
		return false
	}
	palindrome := true
	for i := 0; i < 6; i++ {
		if v[i] != v[11-i] {
			palindrome = false
			break
		}
	}
	return !palindrome && validVerhoeff(v)
}

// verhoeffD is the multiplication table of the dihedral group D5 (0-4 are
// rotations, 5-9 reflections) and verhoeffP the position permutations
// (powers of the permutation 1 5 7 6 2 8 3 0 9 4), both as in Verhoeff's
// 1969 scheme; they are computed rather than typed in.
var verhoeffD, verhoeffP = func() (d, p [10][10]byte) {
	for j := 0; j < 10; j++ {
		for k := 0; k < 10; k++ {
			switch {
			case j < 5 && k < 5:
				d[j][k] = byte((j + k) % 5)
			case j < 5:
				d[j][k] = byte(5 + (j+k)%5)
			case k < 5:
				d[j][k] = byte(5 + (j-k+5)%5)
			default:
				d[j][k] = byte((j - k + 5) % 5)
			}
		}
	}
	perm := [10]byte{1, 5, 7, 6, 2, 8, 3, 0, 9, 4}
	for j := range 10 {
		p[0][j] = byte(j)
	}
	for i := 1; i < 10; i++ {
		for j := range 10 {
			p[i][j] = perm[p[i-1][j]]
		}
	}
	return d, p
}()

// validVerhoeff reports whether the digit string s ends in a correct
// Verhoeff check digit.
func validVerhoeff(s string) bool {
	if !idIsDigits(s) {
		return false
	}
	c := byte(0)
	for i := 0; i < len(s); i++ {
		digit := s[len(s)-1-i] - '0'
		c = verhoeffD[c][verhoeffP[i%8][digit]]
	}
	return c == 0
}

// validPAN checks the layout of an Indian PAN: five letters of which the
// fourth is a holder type (P person, C company, H Hindu undivided family,
// F firm, A association, T trust, B body of individuals, L local
// authority, J artificial juridical person, G government, K krishi, E
// limited liability partnership), four digits other than 0000, a letter.
func validPAN(v string) bool {
	if len(v) != 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		c := v[i]
		isDigit := c >= '0' && c <= '9'
		if (i >= 5 && i <= 8) != isDigit || !isDigit && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return strings.IndexByte("PCHFATBLJGKE", v[3]) >= 0 && v[5:9] != "0000"
}

// Indian voter ID (EPIC, Electors Photo Identity Card): three letters and
// seven digits. There is no check digit and the shape is common for
// codes, so only after its label.
func init() {
	register(&idContextDetector{
		id:       "in_epic",
		category: IDNumber,
		keywords: epicContext,
		re:       regexp.MustCompile(`[A-Za-z]{3}[0-9]{7}`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(epicContext, 7, 7, "", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !idLabelledBefore(in, start, epicContext, idOtherLabels) || idAllSame(in.Text[start+3:end]) {
				return 0, false
			}
			return High, true
		},
	})
}

var epicContext = []string{"voter id", "voter's id", "voter card", "voter identity", "epic no", "epic number", "epic card", "electoral photo", "election card", "मतदाता"}
