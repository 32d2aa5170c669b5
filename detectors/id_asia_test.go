package detectors

import "testing"

// HKID test numbers derived by hand from the published check-digit
// algorithm (Immigration Department; Wikipedia "Hong Kong identity card",
// section "Check digit"): a single letter is preceded by a space worth 36,
// letters are A=10 … Z=35, weights 9..2, check = 11 - sum mod 11 (10 → A,
// 11 → 0).
//
//	A123456: 36*9 + 10*8 + 1*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 = 481, 481 mod 11 = 8, check 3
//	         (the example printed in the Wikipedia article)
//	AB987654: 10*9 + 11*8 + 9*7 + 8*6 + 7*5 + 6*4 + 5*3 + 4*2 = 371, mod 11 = 8, check 3
//	G123456: 36*9 + 16*8 + 1*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 = 529, mod 11 = 1, check A
//	G123450: 36*9 + 16*8 + 65 = 517, mod 11 = 0, check 0
func TestValidHKID(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"A123456(3)", true}, {"A1234563", true}, {"AB987654(3)", true}, {"G123456(A)", true}, {"G123450(0)", true},
		{"A123456(4)", false}, {"AB987654(2)", false}, {"G123456(9)", false}, {"G123450(A)", false},
		{"1234567(3)", false}, {"A12345(3)", false}, {"ABC12345(3)", false},
	} {
		if got := validHKID(tc.v); got != tc.want {
			t.Errorf("validHKID(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// Taiwan IDs derived by hand from the algorithm of the Ministry of the
// Interior (Wikipedia "National identification card (Taiwan)"): the letter
// becomes two digits (A=10, B=11, F=15 …) weighted 1 and 9, the next eight
// digits weighted 8..1, the check digit 1; the sum is a multiple of 10.
//
//	A123456789: 1 + 0 + 8+14+18+20+20+18+14+8 + 9 = 130 (the printed example)
//	B23456789?: 1 + 9 + 16+21+24+25+24+21+16+9 = 166, check 4
//	F13110409?: 1 + 45 + 8+21+6+5+0+12+0+9 = 107, check 3
//	A80000001?: 1 + 0 + 64+1 = 66, check 4 (new resident certificate layout)
func TestValidTWID(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"A123456789", true}, {"B234567894", true}, {"F131104093", true}, {"A800000014", true},
		{"A123456788", false}, {"B234567895", false}, {"F131104094", false}, {"A800000015", false},
		{"a123456789", false}, {"A12345678", false}, {"AA23456789", false},
	} {
		if got := validTWID(tc.v); got != tc.want {
			t.Errorf("validTWID(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestValidVerhoeff(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		// 2363 is the worked example of Verhoeff's scheme (236 → check 3).
		{"2363", true}, {"2364", false}, {"234123412346", true}, {"234123412347", false},
		{"0", true}, {"", false}, {"12a4", false},
	} {
		if got := validVerhoeff(tc.v); got != tc.want {
			t.Errorf("validVerhoeff(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestValidMyKadAndPAN(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"770305-02-1234", true}, {"000229-14-5678", true}, {"770305021234", true},
		{"770305-20-1234", false}, // place-of-birth code 20 not assigned
		{"770230-02-1234", false}, {"7703050-2-1234", false},
	} {
		if got := validMyKad(tc.v); got != tc.want {
			t.Errorf("validMyKad(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"ABCPE1234F", true}, {"ABCDE1234F", false}, {"ABCPE0000F", false}, {"ABCPE12345", false}, {"abcpe1234f", false},
	} {
		if got := validPAN(tc.v); got != tc.want {
			t.Errorf("validPAN(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestIDAsia(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		// Hong Kong
		{"hkid", "HKID: A123456(3)", []string{"A123456(3)"}},
		{"hkid zh", "香港身份證號碼A123456(3)，", []string{"A123456(3)"}},
		{"hkid two letters in prose", "holder of AB987654(3) since 2010", []string{"AB987654(3)"}},
		{"hkid bad check", "HKID: A123456(4)", nil},
		{"hkid without parentheses", "HKID A1234563", []string{"A1234563"}},
		{"hkid-like code without context", "part A1234563", nil},
		// Taiwan
		{"tw", "身分證字號：B234567894", []string{"B234567894"}},
		{"tw en", "National ID F131104093.", []string{"F131104093"}},
		{"tw sample", "身分證字號：A123456789", nil},
		{"tw bad check", "身分證字號：B234567895", nil},
		// Singapore
		{"nric", "NRIC: S6859080I", []string{"S6859080I"}},
		{"nric zh", "新加坡身份证S6859080I，永久居民", []string{"S6859080I"}},
		{"fin bad check", "FIN M9612050Q", nil},
		{"two nric", "S6859080I and T1680536F", []string{"S6859080I", "T1680536F"}},
		// Malaysia
		{"mykad dashed", "IC: 770305-02-1234", []string{"770305-02-1234"}},
		{"mykad bare with context", "MyKad No 770305021234", []string{"770305021234"}},
		{"mykad bare without context", "ref 770305021234", nil},
		{"mykad bad date", "IC: 771305-02-1234", nil},
		// India
		{"aadhaar grouped", "Aadhaar: 2341 2341 2346", []string{"2341 2341 2346"}},
		{"aadhaar grouped no context", "2341-2341-2346 is mine", []string{"2341-2341-2346"}},
		{"aadhaar zh", "印度身份证号2341 2341 2346，", []string{"2341 2341 2346"}},
		{"aadhaar bare with context", "Aadhaar no. 234123412346", []string{"234123412346"}},
		{"aadhaar bare without context", "ticket 234123412346", nil},
		{"aadhaar bad verhoeff", "Aadhaar: 2341 2341 2347", nil},
		{"aadhaar mixed separators", "2341 2341-2346", nil},
		{"pan", "PAN: ABCPE1234F", []string{"ABCPE1234F"}},
		{"pan bad holder type", "PAN: ABCDE1234F", nil},
		// Things that are not IDs
		{"indian phone", "Mobile: +91 98765 43210", nil},
		{"cn mobile", "手机：13812345678", nil},
		{"date range", "2019.07 - 2021.03 软件工程师", nil},
		{"years", "2015 2016 2017 2018", nil},
		{"compact date", "20210315", nil},
	})
}
