package detectors

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// idVector is one line of testdata/id-vectors.tsv (see testdata/README.md
// for where the numbers come from).
type idVector struct {
	scheme, value, source string
	valid                 bool
}

func readIDVectors(t *testing.T) []idVector {
	t.Helper()
	f, err := os.Open("testdata/id-vectors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []idVector
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			continue // header
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || cols[2] != "valid" && cols[2] != "invalid" {
			t.Fatalf("id-vectors.tsv:%d: malformed line %q", line, sc.Text())
		}
		vs = append(vs, idVector{scheme: cols[0], value: cols[1], valid: cols[2] == "valid", source: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

// idVectorScheme says how one scheme of the vector file is checked.
type idVectorScheme struct {
	validate func(string) bool
	// sentence embeds a valid value in text with context for the detector;
	// empty means the scheme is checked by its validator only.
	sentence string
	category Category
	// detectors are the IDs of the scheme's own detectors: an invalid
	// number must not be reported by them. (Another detector may rightly
	// report it: 123-45-6789 is no ITIN but is a valid SSN.)
	detectors []string
}

var idVectorSchemes = map[string]idVectorScheme{
	// labelled_id_number is not held to the CN check for every value: a
	// value after 身份证号 may be of another scheme (an HKID, a foreign ID),
	// so it drops only values as long as a resident ID (17+ digits) that
	// fail the check; "a1323120001212129" stays a medium labelled match.
	"cn_resident_id": {validCNResidentID, "身份证号：%s，", IDNumber, []string{"cn_resident_id"}},
	"us_ssn":         {validSSN, "SSN: %s.", IDNumber, []string{"us_ssn"}},
	"us_itin":        {validITIN, "ITIN: %s.", IDNumber, []string{"us_itin"}},
	// Aadhaar is printed in groups of four separated by spaces.
	"in_aadhaar": {func(v string) bool { return validAadhaar(strings.ReplaceAll(v, " ", "")) }, "Aadhaar No. %s", IDNumber, []string{"in_aadhaar"}},
	"in_pan":     {validPAN, "PAN: %s", IDNumber, []string{"in_pan"}},
	// Both sources strip every separator before checking a CPF.
	"br_cpf":   {func(v string) bool { return validCPF(digitsOf(v)) }, "CPF %s", IDNumber, []string{"br_cpf"}},
	"my_mykad": {validMyKad, "MyKad No: %s", IDNumber, []string{"my_mykad"}},
	// stdnum's Luhn vectors include short numbers that are no card, so
	// Luhn is checked by its validator only; the card detector has its own
	// table test.
	"luhn":    {func(v string) bool { return validLuhn(strings.ReplaceAll(v, " ", "")) }, "", Financial, nil},
	"sg_nric": {validSGNRIC, "NRIC: %s.", IDNumber, []string{"sg_nric"}},
	"uk_nino": {validNINO, "NI number %s", IDNumber, []string{"uk_nino"}},
	"iban":    {validIBAN, "IBAN: %s.", Financial, []string{"iban"}},
}

// idVectorExceptions are vectors whose expected result we deliberately do
// not share, with the reason. Every other vector must agree.
var idVectorExceptions = map[string]string{
	// python-stdnum also checks the 6-digit region code against its
	// database of county codes valid at the birth date. We check only that
	// the province exists: a redaction tool should still treat a
	// checksum-valid number with a real birth date as an ID.
	"cn_resident_id 110111198012010078": "region code not in stdnum's database; checksum and date valid",
	"cn_resident_id 110201199312010077": "region code not in stdnum's database; checksum and date valid",
	// DataDog's verhoeff_checksum.rs tests the Verhoeff digit only; these
	// start with 1, which UIDAI never issues, so validAadhaar rejects them.
	// The Verhoeff digit itself is checked in TestIDVectors.
	"in_aadhaar 199009301238": "first digit 1: not an Aadhaar number, Verhoeff-valid",
	"in_aadhaar 199310281454": "first digit 1: not an Aadhaar number, Verhoeff-valid",
	"in_aadhaar 197912200328": "first digit 1: not an Aadhaar number, Verhoeff-valid",
	"in_aadhaar 196605150762": "first digit 1: not an Aadhaar number, Verhoeff-valid",
	// python-stdnum checks the national BBAN layout and, for Spain, the
	// national check digits as well. validIBAN checks the country length
	// and mod 97 only (1 in 97 wrong numbers pass): a number that looks
	// like an IBAN and passes mod 97 is worth redacting.
	"iban BG93 BNBG 9661 1A20 3456 78":   "BBAN layout (letter where BG has digits); mod 97 valid",
	"iban GI22 NW3K 0000 0000 7099 453":  "BBAN layout (digit in GI bank code); mod 97 valid",
	"iban NL56 3003 0A17 1643 00":        "BBAN layout (letter in NL account); mod 97 valid",
	"iban ES2121000418450200051331":      "Spanish national check digits; mod 97 valid",
	"iban ES89 3183 1500 9500 0121 0562": "Spanish national check digits; mod 97 valid",
}

// idDetectorShapeExceptions are valid vectors in a shape the validator
// accepts (both sources strip any separator) but the detector deliberately
// does not look for in text.
var idDetectorShapeExceptions = map[string]bool{
	"br_cpf 083---358___948_____25": true, // CPF is written 083.358.948-25 or bare
	// The detector looks for IBANs in capitals only, so that a following
	// lower-case word is not taken for the end of a BBAN.
	"iban MC11 1273 9000 7000 1111 1000 h79": true,
	"iban MC1112739000700011111000h79":       true,
}

// idLuhnMislabelled are the DataDog Luhn vectors (the PayPal list of test
// card numbers). The shared file marks them invalid, but upstream
// luhn_checksum.rs asserts that each one passes Luhn; we check that they
// pass validLuhn and that the card detector drops them as test numbers,
// which is the sense in which they are "invalid" for us.
func idLuhnMislabelled(v idVector) bool {
	return v.scheme == "luhn" && strings.HasPrefix(v.source, "DataDog")
}

func TestIDVectors(t *testing.T) {
	type tally struct{ pass, fail, excepted int }
	counts := map[string]*tally{}
	for _, v := range readIDVectors(t) {
		s, ok := idVectorSchemes[v.scheme]
		if !ok || s.validate == nil {
			t.Errorf("vector for unsupported scheme %q: drop it from testdata", v.scheme)
			continue
		}
		c := counts[v.scheme]
		if c == nil {
			c = &tally{}
			counts[v.scheme] = c
		}
		key := v.scheme + " " + v.value
		got := s.validate(v.value)
		switch {
		case idLuhnMislabelled(v):
			c.excepted++
			if !got {
				t.Errorf("%s: Luhn should hold (upstream asserts it)", key)
			}
			if ms := idFind(Financial, "Card number: "+v.value); len(ms) != 0 {
				t.Errorf("%s: test card number reported as %q", key, ms)
			}
			continue
		case idVectorExceptions[key] != "":
			c.excepted++
			if got == v.valid {
				t.Errorf("%s: exception %q no longer needed", key, idVectorExceptions[key])
			}
			if v.scheme == "in_aadhaar" && !validVerhoeff(v.value) {
				t.Errorf("%s: Verhoeff check digit should hold", key)
			}
			continue
		case got != v.valid:
			c.fail++
			t.Errorf("%s (%s): validator says valid=%v, want %v", key, v.source, got, v.valid)
			continue
		}
		c.pass++
		if !v.valid && s.sentence != "" {
			// Checksums are gates: an invalid number is not reported,
			// context or not.
			text := fmt.Sprintf(s.sentence, v.value)
			in := NewInput(text)
			for _, d := range All() {
				if !slices.Contains(s.detectors, d.ID()) {
					continue
				}
				for _, m := range d.Detect(in) {
					if text[m.Start:m.End] == v.value {
						t.Errorf("%s: invalid number reported by %s in %q", key, d.ID(), text)
					}
				}
			}
		}
		if v.valid && s.sentence != "" && !idDetectorShapeExceptions[key] {
			text := fmt.Sprintf(s.sentence, v.value)
			ms := idFind(s.category, text)
			if idKnownSample(v) {
				if len(ms) != 0 {
					t.Errorf("%s: sample number reported in %q", key, text)
				}
			} else if len(ms) != 1 || ms[0] != v.value {
				t.Errorf("%s: detector found %q in %q, want [%q]", key, ms, text, v.value)
			}
		}
	}
	for scheme, c := range counts {
		t.Logf("%-15s pass %3d  fail %d  excepted %d", scheme, c.pass, c.fail, c.excepted)
	}
}

// idKnownSample reports whether v is a published example number that is
// valid by its checksum but that the detectors drop on purpose.
func idKnownSample(v idVector) bool {
	return v.scheme == "iban" && ibanSamples[ibanCompact(v.value)]
}

// idFind returns the values the default scanner finds for category.
func idFind(category Category, text string) []string {
	var got []string
	for _, m := range Default().Scan(text) {
		if m.Category == category {
			got = append(got, text[m.Start:m.End])
		}
	}
	return got
}
