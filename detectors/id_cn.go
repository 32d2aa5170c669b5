package detectors

import (
	"regexp"
	"time"
)

// Chinese resident identity numbers (GB 11643-1999): 6-digit region code,
// 8-digit birth date, 3-digit sequence, and an ISO 7064 MOD 11-2 check
// character (0-9 or X).
func init() {
	register(&patternDetector{
		id:       "cn_resident_id",
		category: IDNumber,
		re:       regexp.MustCompile(`[1-9][0-9]{16}[0-9Xx]`),
		boundary: true,
		validate: func(v string) (Likelihood, bool) {
			if !validCNResidentID(v) {
				return 0, false
			}
			return Certain, true
		},
	})
}

var cnIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// validCNResidentID checks the MOD 11-2 check character and that the birth
// date is a real calendar date; a valid checksum alone accepts 1 in 11
// random 18-digit runs.
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
	return validDate(v[6:14])
}

// validDate reports whether s (YYYYMMDD) is a calendar date from 1900 on.
func validDate(s string) bool {
	t, err := time.Parse("20060102", s)
	return err == nil && t.Year() >= 1900
}
