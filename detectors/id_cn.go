package detectors

import (
	"regexp"
	"time"
)

// Chinese resident identity numbers (GB 11643-1999): 6-digit region code,
// 8-digit birth date, 3-digit sequence, and an ISO 7064 MOD 11-2 check
// character (0-9 or X).
func init() {
	register(&idContextDetector{
		id:       "cn_resident_id",
		category: IDNumber,
		re:       regexp.MustCompile(`[1-9][0-9]{16}[0-9Xx]`),
		boundary: true,
		windows:  idNumberWindows(17, 17, "", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validCNResidentID(in.Text[start:end]) {
				return 0, false
			}
			return Certain, true
		},
	})
	// The 15-digit first-generation number (GB 11643-1989): region code,
	// YYMMDD birth date in the 1900s, 3-digit sequence, no check digit.
	// Fifteen bare digits are too common to report on shape alone, so a
	// context keyword is required and the match is only medium.
	register(&idContextDetector{
		id:       "cn_resident_id_15",
		category: IDNumber,
		keywords: cnIDContext,
		re:       regexp.MustCompile(`[1-9][0-9]{14}`),
		boundary: true,
		windows:  idNumberWindows(15, 15, "", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validCNResidentID15(in.Text[start:end]) || !idContextBefore(in, start, cnIDContext) {
				return 0, false
			}
			return Medium, true
		},
	})
	// Values labelled as an identity or certificate number (身份证号：…,
	// 证件号码：…, "ID No.: …") whatever their scheme: a labelled passport,
	// HKID or foreign ID number is as personal as a resident ID. The label
	// is the only evidence, so the match is medium.
	register(&idContextDetector{
		id:       "labelled_id_number",
		category: IDNumber,
		keywords: labelledIDKeywords,
		re: regexp.MustCompile(`(?i)(?:身份证(?:号码|号)?|证件号(?:码)?|身份号码|\bid (?:no\b\.?|number|card(?:\s*(?:no\b\.?|number))?)|identity card(?:\s*(?:no\b\.?|number))?|national id(?:\s*(?:no\b\.?|number))?)` +
			`[^0-9A-Za-z\n]{0,8}?([A-Za-z]{0,3}[0-9][0-9A-Za-z-]{4,24}(?:\([0-9A]\))?)`),
		group:    1,
		boundary: true,
		windows:  idKeywordWindows(labelledIDKeywords, 64),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !idLabelledValueOK(in.Text[start:end]) {
				return 0, false
			}
			return Medium, true
		},
	})
}

// idLabelledValueOK accepts a labelled ID value unless it has the shape of
// a scheme with a check (CN resident ID, HKID in parentheses) and fails it:
// checksums are gates even when a label vouches for the value.
func idLabelledValueOK(v string) bool {
	d := digitsOf(v)
	switch {
	case len(d) < 6:
		return false
	case len(d) >= 17:
		// As long as a resident ID: it has to be one.
		return validCNResidentID(v)
	case len(v) == 15 && idIsDigits(v):
		return validCNResidentID15(v)
	case len(v) >= 3 && v[len(v)-1] == ')':
		return validHKID(v)
	}
	return true
}

// labelledIDKeywords select labelled_id_number and bound the windows its
// regexp runs in; every label of the regexp starts with one of them.
var labelledIDKeywords = []string{"身份证", "证件号", "身份号码", "id no", "id number", "id card", "identity card", "national id"}

// cnIDContext are the words that introduce a Chinese resident ID.
var cnIDContext = []string{"身份证", "证件号", "身份号码", "id card", "id no", "id number", "identity card", "resident id"}

var cnIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// validCNResidentID checks the MOD 11-2 check character, that the region
// code starts with a province that exists, and that the birth date is a real
// calendar date; a valid checksum alone accepts 1 in 11 random 18-digit runs.
func validCNResidentID(v string) bool {
	if len(v) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * cnIDWeights[i]
	}
	check := "10X98765432"[sum%11]
	last := v[17]
	if last == 'x' {
		last = 'X'
	}
	if last != check {
		return false
	}
	return validCNProvince(v[:2]) && validDate(v[6:14])
}

// validCNResidentID15 checks a first-generation number: digits only, a
// known province and a real 19YY birth date.
func validCNResidentID15(v string) bool {
	return len(v) == 15 && idIsDigits(v) && validCNProvince(v[:2]) && validDate("19"+v[6:12])
}

// validCNProvince reports whether p is the first two digits of a GB/T 2260
// region code: the provinces, autonomous regions and municipalities (11-65),
// Taiwan (71), and 81-83 used by the residence permits of Hong Kong, Macao
// and Taiwan residents.
func validCNProvince(p string) bool {
	if len(p) != 2 || !idIsDigits(p) {
		return false
	}
	switch n := int(p[0]-'0')*10 + int(p[1]-'0'); {
	case n >= 11 && n <= 15, n >= 21 && n <= 23, n >= 31 && n <= 37, n >= 41 && n <= 46,
		n >= 50 && n <= 54, n >= 61 && n <= 65, n == 71, n >= 81 && n <= 83:
		return true
	}
	return false
}

// validDate reports whether s (YYYYMMDD) is a calendar date from 1900 on.
func validDate(s string) bool {
	t, err := time.Parse("20060102", s)
	return err == nil && t.Year() >= 1900
}
