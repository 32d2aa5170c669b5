package detectors

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestIDContextBefore(t *testing.T) {
	kws := []string{"ic", "身份证", "ssn"}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"IC: 770305021234", true},
		{"身份证号：770305021234", true},
		{"Music 770305021234", false}, // "ic" inside a word
		{"SSN was issued long ago, far more than forty bytes: 770305021234", false},
		{"no keyword 770305021234", false},
	} {
		in := NewInput(tc.text)
		start := len(tc.text) - len("770305021234")
		if got := idContextBefore(in, start, kws); got != tc.want {
			t.Errorf("idContextBefore(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestIDLikelihood checks the likelihood rule: checksum-valid and canonical
// or with context is high or certain; context or punctuation alone is
// medium; the default policy redacts from medium up.
func TestIDLikelihood(t *testing.T) {
	for _, tc := range []struct {
		text, value string
		want        Likelihood
	}{
		{"身份证号：110102199101010078", "110102199101010078", Certain},
		{"HKID: A123456(3)", "A123456(3)", Certain},
		{"see A123456(3)", "A123456(3)", High},
		{"NRIC S6859080I", "S6859080I", Certain},
		{"S6859080I", "S6859080I", High},
		{"Aadhaar 2341 2341 2346", "2341 2341 2346", Certain},
		{"Aadhaar 234123412346", "234123412346", High},
		{"536-90-4399", "536-90-4399", Medium},
		{"SSN 536904399", "536904399", High},
		{"ABCPE1234F", "ABCPE1234F", Medium},
		{"JT123456A", "JT123456A", Medium},
		{"Passport E12345678", "E12345678", Medium},
		{"身份证：110102910101007", "110102910101007", Medium},
		{"Card number 4539 5787 6362 1486", "4539 5787 6362 1486", Certain},
		{"4539 5787 6362 1486", "4539 5787 6362 1486", High},
		{"4539578763621486", "4539578763621486", Medium},
		{"GB29NWBK60161331926819", "GB29NWBK60161331926819", Certain},
		{"Account No. 12345678", "12345678", Medium},
	} {
		var got Likelihood
		for _, m := range Default().Scan(tc.text) {
			if tc.text[m.Start:m.End] == tc.value {
				got = max(got, m.Likelihood)
			}
		}
		if got != tc.want {
			t.Errorf("%q: likelihood %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestIDWindowsLoseNothing checks that running a detector's regexp only in
// its windows finds what running it over the whole text finds, on every
// public vector embedded in text and on mixed resume text.
func TestIDWindowsLoseNothing(t *testing.T) {
	texts := []string{idBenchResume, idBenchDense, strings.Repeat("1", 300), "A123456(3)A123456(3)"}
	for _, v := range readIDVectors(t) {
		if s := idVectorSchemes[v.scheme]; s.sentence != "" {
			texts = append(texts, fmt.Sprintf(s.sentence, v.value), "x "+v.value+" y", "编号"+v.value+"。")
		}
	}
	n := 0
	for _, d := range All() {
		cd, ok := d.(*idContextDetector)
		if !ok || cd.windows == nil {
			continue
		}
		n++
		whole := *cd
		whole.windows = nil
		for _, text := range texts {
			in := NewInput(text)
			got, want := cd.Detect(in), whole.Detect(in)
			if !slices.Equal(got, want) {
				t.Errorf("%s on %q: windows give %v, whole text %v", cd.id, text, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no windowed detectors found")
	}
}

func TestIDMinimalKeywords(t *testing.T) {
	got := idMinimalKeywords([]string{"conta corrente", "conta", "a/c no", "a/c", "konto", "a/c"})
	if strings.Join(got, ",") != "conta,a/c,konto" {
		t.Errorf("got %q", got)
	}
}
