package detectors_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/prescreen/prescreen/detectors"
)

// FuzzScan: no text makes a detector panic, and every match the scanner
// returns lies inside the text, on rune boundaries of valid UTF-8, with a
// known category and likelihood. Seeds: the evaluation resumes.
func FuzzScan(f *testing.F) {
	paths, _ := filepath.Glob("../fixtures/eval/*.txt")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	s := detectors.Default()
	f.Fuzz(func(t *testing.T, text string) {
		prev := -1
		for _, m := range s.Scan(text) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("match %+v outside text of %d bytes", m, len(text))
			}
			if !m.Category.Valid() || m.Likelihood < detectors.Low || m.Likelihood > detectors.Certain {
				t.Fatalf("match %+v has an unknown category or likelihood", m)
			}
			if m.Start < prev {
				t.Fatalf("matches not sorted by position")
			}
			prev = m.Start
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End]))) {
				t.Fatalf("match %+v cuts a character", m)
			}
		}
	})
}
