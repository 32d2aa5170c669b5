package detectors

import (
	"fmt"
	"math/rand/v2"
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
// public vector embedded in text, on mixed resume text and on random
// numbers of every shape.
func TestIDWindowsLoseNothing(t *testing.T) {
	texts := []string{idBenchResume, idBenchDense, strings.Repeat("1", 300), "A123456(3)A123456(3)"}
	for _, v := range readIDVectors(t) {
		if s := idVectorSchemes[v.scheme]; s.sentence != "" {
			texts = append(texts, fmt.Sprintf(s.sentence, v.value), "x "+v.value+" y", "编号"+v.value+"。")
		}
	}
	texts = append(texts, idRandomNumberTexts(t, 1000)...)
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

// idRandomNumberTexts returns n random texts made of numbers, separators,
// letters, context words and the valid public vectors, bare and regrouped
// (3-2-4, 3.3.3-2, 6-2-4, 4 4 4), for the window tests.
func idRandomNumberTexts(t *testing.T, n int) []string {
	pieces := []string{" ", "-", ".", "(", ")", "A", "S", "F", "ABCDE", "P", "x", "\n", "：",
		"SSN ", "ITIN ", "CPF ", "MyKad ", "Aadhaar ", "HKID ", "NRIC ", "PAN ", "身份证 ",
		"Bank account ", "账号：", "RG ", "PIS ", "Voter ID ", "PPSN ", "BSN ", "Sofi-nummer: ", "a/c "}
	for _, v := range readIDVectors(t) {
		if v.valid {
			d := digitsOf(v.value)
			pieces = append(pieces, v.value, d, v.value+"(3)")
			for _, g := range [][]int{{3, 2, 4}, {3, 3, 3, 2}, {6, 2, 4}, {4, 4, 4}} {
				var b strings.Builder
				for i, at := 0, 0; i < len(g) && at+g[i] <= len(d); at, i = at+g[i], i+1 {
					b.WriteString(d[at : at+g[i]])
					b.WriteString([]string{"-", " ", "."}[(i+len(d))%3])
				}
				pieces = append(pieces, strings.TrimRight(b.String(), "-. "))
			}
		}
	}
	pieces = append(pieces, "A123456(3)", "AB9876543", "A123456A", "S1234567D", "T0123456Z", "A123456789", "F123456789", "ABCPE1234F")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := make([]string, n)
	for i := range texts {
		texts[i] = randomText(rng, pieces, 12, 12)
	}
	return texts
}

// randomText joins parts random parts: two in three one of pieces, the
// others a run of 1 to maxDigits random digits.
func randomText(rng *rand.Rand, pieces []string, parts, maxDigits int) string {
	var b strings.Builder
	for range parts {
		if rng.IntN(3) != 0 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			continue
		}
		for range 1 + rng.IntN(maxDigits) {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
	}
	return b.String()
}
