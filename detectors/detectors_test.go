package detectors

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// detectCase is one row of a detector table test: want lists the exact
// substrings of text that must be found with the category, in order.
type detectCase struct {
	name string
	text string
	want []string
}

// runTable runs the default scanner over each case and compares the values
// found for category with want. Only matches the default policy acts on
// (medium likelihood or more) count: a low match is a report-only hint, and
// a trap is about what a reviewer loses, so "must not match" means "must
// not be redacted".
func runTable(t *testing.T, category Category, cases []detectCase) {
	t.Helper()
	runTableWith(t, Default(), category, cases)
}

// runTableWith is runTable with a given scanner, for tests of what one
// detector family must not do on its own (another family may rightly
// report the same text).
func runTableWith(t *testing.T, s *Scanner, category Category, cases []detectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range s.Scan(tc.text) {
				if m.Category == category && m.Likelihood >= Medium {
					got = append(got, tc.text[m.Start:m.End])
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s in %q: got %q, want %q", category, tc.text, got, tc.want)
			}
		})
	}
}

// scannerOf is a scanner over the registered detectors with the given IDs.
func scannerOf(t testing.TB, ids ...string) *Scanner {
	var ds []Detector
	for _, d := range All() {
		if slices.Contains(ids, d.ID()) {
			ds = append(ds, d)
		}
	}
	s, err := NewScanner(ds)
	if err != nil || len(ds) != len(ids) {
		t.Fatalf("scannerOf(%v): %d detectors, %v", ids, len(ds), err)
	}
	return s
}

func TestRegistry(t *testing.T) {
	if _, err := NewScanner(All()); err != nil {
		t.Fatal(err)
	}
	if _, err := NewScanner([]Detector{All()[0], All()[0]}); err == nil {
		t.Fatal("duplicate IDs accepted")
	}
}

// TestAcceptance runs every registered detector through the checks that hold
// for all of them: no panic and valid spans on hostile text, linear-ish work
// on long runs of filler, and each keyword actually selecting its detector.
func TestAcceptance(t *testing.T) {
	inputs := []string{
		"",
		"\x00\xff\xfe invalid utf8 \xc3",
		strings.Repeat(" ", 50000) + "x@example.com" + strings.Repeat(" ", 50000),
		strings.Repeat("1", 10000),
		strings.Repeat("：\n", 5000),
		strings.Repeat("İ", 1000),
	}
	for _, d := range All() {
		for _, text := range inputs {
			in := NewInput(text)
			for _, m := range d.Detect(in) {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Errorf("%s: bad span %d-%d on input of %d bytes", d.ID(), m.Start, m.End, len(text))
				}
				if !m.Category.Valid() {
					t.Errorf("%s: unknown category %q", d.ID(), m.Category)
				}
				if m.Detector != d.ID() {
					t.Errorf("%s: match names detector %q", d.ID(), m.Detector)
				}
			}
		}
		s, err := NewScanner([]Detector{d})
		if err != nil {
			t.Fatal(err)
		}
		for _, kw := range d.Keywords() {
			if got := s.selected(NewInput("xx " + kw + " xx")); len(got) != 1 {
				t.Errorf("%s: keyword %q does not select it", d.ID(), kw)
			}
		}
	}
}

func TestFoldKeepsOffsets(t *testing.T) {
	for _, s := range []string{"ABC", "İstanbul Ärzte", "ΣΑΣ 简历", "\xffA"} {
		f := Fold(s)
		if len(f) != len(s) {
			t.Errorf("Fold(%q) = %q changes length", s, f)
		}
	}
	if got := Fold("ÄRZTE İ"); got != "ärzte İ" {
		t.Errorf("Fold = %q", got)
	}
}

// TestFoldCaselessRange backs Fold's shortcut: no rune in U+3000..U+9FFF
// has a lower case.
func TestFoldCaselessRange(t *testing.T) {
	for r := rune(0x3000); r <= 0x9FFF; r++ {
		if unicode.ToLower(r) != r {
			t.Fatalf("U+%04X has a lower case", r)
		}
	}
}

// TestFoldRuneByRune compares Fold with the plain definition on text with
// every kind of rune, cut and invalid sequences.
func TestFoldRuneByRune(t *testing.T) {
	fold := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if l := unicode.ToLower(r); (r != utf8.RuneError || size > 1) && l != r && utf8.RuneLen(l) == size {
				b.WriteRune(l)
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
		return b.String()
	}
	for _, s := range []string{
		"ABC", "İstanbul Ärzte", "ΣΑΣ 简历：ＡＢＣ", "\xffA", "姓名\xe4\xb8", "\xe4", "\xe4\xb8A", "Ⅻ Ⓐⓐ ႠႡ Ꭰ ꙀꙀ ǅ ẞ Ω K",
		"张三 | 手机：13812345678 | ZHANG@EXAMPLE.COM \xed\xa0\x80 \xef\xbf\xbd",
	} {
		if got, want := Fold(s), fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSortRuns compares sortRuns with a stable sort on slices of every
// number of runs, ties included.
func TestSortRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	type item struct{ key, order int }
	byKey := func(a, b item) int { return a.key - b.key }
	for n := 0; n < 200; n++ {
		s := make([]item, n)
		for i := range s {
			s[i] = item{rng.IntN(1 + n/(1+rng.IntN(4))), i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, byKey)
		if got := sortRuns(slices.Clone(s), byKey); !slices.Equal(got, want) {
			t.Fatalf("sortRuns(%v) = %v, want %v", s, got, want)
		}
	}
}

func TestMergeOverlaps(t *testing.T) {
	got := mergeOverlaps([]Match{
		{Category: Health, Start: 5, End: 10, Likelihood: Low, Detector: "a"},
		{Category: Health, Start: 8, End: 14, Likelihood: High, Detector: "b"},
		{Category: Age, Start: 0, End: 3, Likelihood: Medium},
	})
	if len(got) != 2 || got[0].Category != Age || got[1].Start != 5 || got[1].End != 14 || got[1].Likelihood != High || got[1].Detector != "b" {
		t.Fatalf("mergeOverlaps = %+v", got)
	}
}

// fixedDetector reports the same matches whatever the text.
type fixedDetector struct {
	id string
	ms []Match
}

func (d fixedDetector) ID() string            { return d.id }
func (d fixedDetector) Keywords() []string    { return nil }
func (d fixedDetector) Detect(*Input) []Match { return d.ms }

// echoDetector reads the others' matches: it reports each again as a name.
type echoDetector struct{ got *[]Match }

func (echoDetector) ID() string         { return "echo" }
func (echoDetector) Keywords() []string { return nil }
func (echoDetector) Detect(*Input) []Match {
	return []Match{{Category: Age, Detector: "echo", Start: 0, End: 1, Likelihood: High}}
}
func (d echoDetector) DetectAfter(_ *Input, others []Match) []Match {
	*d.got = append((*d.got)[:0], others...)
	var out []Match
	for _, m := range others {
		out = append(out, Match{Category: Name, Detector: "echo", Start: m.Start, End: m.End, Likelihood: m.Likelihood})
	}
	return out
}

// TestScanAfterOthers: a detector that reads the others' matches runs after
// all of them, wherever it is listed, sees only their valid matches, and
// its own matches are scanned as anyone's.
func TestScanAfterOthers(t *testing.T) {
	var got []Match
	s, err := NewScanner([]Detector{
		echoDetector{&got},
		fixedDetector{"a", []Match{{Category: Contact, Detector: "a", Start: 2, End: 4, Likelihood: High}, {Category: Contact, Detector: "a", Start: 3, End: 99, Likelihood: High}}},
		fixedDetector{"b", []Match{{Category: Religion, Detector: "b", Start: 0, End: 2, Likelihood: Medium}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ms := s.Scan("0123456789")
	if len(got) != 2 || got[0].Detector != "a" || got[0].End != 4 || got[1].Detector != "b" {
		t.Fatalf("echo saw %+v, want a's valid match and b's", got)
	}
	var names []string
	for _, m := range ms {
		if m.Detector == "echo" {
			names = append(names, fmt.Sprintf("%s %d-%d", m.Category, m.Start, m.End))
		}
	}
	if want := "name 0-2,name 2-4"; strings.Join(names, ",") != want {
		t.Fatalf("echo's matches %q, want %q", names, want)
	}
}

// TestShapeRunsLoseNothing checks that the phone detectors, which search
// only digit runs of a phone number's shape, find what they find searching
// every digit run, on random numbers of every grouping.
func TestShapeRunsLoseNothing(t *testing.T) {
	texts := idRandomNumberTexts(t, 1000)
	for _, s := range []string{"+86 138 1234 5678", "+8613812345678", "86-138-1234-5678", "(415) 555-0100", "415) 555-0100",
		"415.555.0100", "+44 20 7946 0958", "+1 (415) 555 0100", "(415)555-0100", "138 1234 5678 1"} {
		texts = append(texts, s, "Tel "+s+"。", s+"-"+s)
	}
	all := map[string]*byteRun{"cn_mobile": digitRun("+ -", 11), "phone": digitRun("+ .-()", 8)}
	for _, d := range All() {
		pd, ok := d.(*patternDetector)
		if !ok || all[pd.id] == nil {
			continue
		}
		every := *pd
		every.run = all[pd.id]
		found := 0
		for _, text := range texts {
			in := NewInput(text)
			got, want := pd.Detect(in), every.Detect(in)
			if !slices.Equal(got, want) {
				t.Errorf("%s on %q: shaped runs find %v, every run %v", pd.id, text, got, want)
			}
			found += len(want)
		}
		if found < 20 {
			t.Errorf("%s: only %d matches: the texts test little", pd.id, found)
		}
		delete(all, pd.id)
	}
	if len(all) > 0 {
		t.Errorf("detectors not found: %v", all)
	}
}
