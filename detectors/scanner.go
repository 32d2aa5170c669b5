package detectors

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/coregx/ahocorasick"
)

// Scanner runs a set of detectors over text. It is safe for concurrent use.
type Scanner struct {
	detectors []Detector
	prefilter *ahocorasick.Automaton // nil when no detector has keywords
	patterns  []string               // the prefilter's patterns
	// family, for the default scanner, finds the prefilter's keywords in
	// the shared pass (shared.go) instead of a pass of its own.
	family *patternFamily
	owners [][]int // pattern ID -> indices into detectors
	always []int   // detectors without keywords
}

// NewScanner builds a scanner over ds. Detector IDs must be unique and
// keywords must be non-empty lower-case strings.
func NewScanner(ds []Detector) (*Scanner, error) {
	s, err := newScannerTables(ds)
	if err != nil || len(s.patterns) == 0 {
		return s, err
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(s.patterns).Build()
	if err != nil {
		return nil, fmt.Errorf("detectors: building keyword prefilter: %w", err)
	}
	s.prefilter = ac
	return s, nil
}

// newScannerTables is NewScanner without the prefilter's automaton, which
// the default scanner does not use: it finds its keywords in the shared
// pass (building it anyway cost every process 0.3 ms, twice).
func newScannerTables(ds []Detector) (*Scanner, error) {
	s := &Scanner{detectors: ds}
	seen := map[string]bool{}
	patternIndex := map[string]int{}
	var patterns []string
	for i, d := range ds {
		if seen[d.ID()] {
			return nil, fmt.Errorf("detectors: duplicate detector ID %q", d.ID())
		}
		seen[d.ID()] = true
		kws := d.Keywords()
		if len(kws) == 0 {
			s.always = append(s.always, i)
			continue
		}
		for _, kw := range kws {
			if kw == "" || Fold(kw) != kw {
				return nil, fmt.Errorf("detectors: %s: keyword %q must be non-empty and lower-case", d.ID(), kw)
			}
			p, ok := patternIndex[kw]
			if !ok {
				p = len(patterns)
				patternIndex[kw] = p
				patterns = append(patterns, kw)
				s.owners = append(s.owners, nil)
			}
			if !slices.Contains(s.owners[p], i) {
				s.owners[p] = append(s.owners[p], i)
			}
		}
	}
	s.patterns = patterns
	return s, nil
}

var defaultScanner = sync.OnceValues(func() (*Scanner, error) {
	s, err := newScannerTables(registry)
	if err == nil {
		s.family = defaultFamily
	}
	return s, err
})

// defaultFamily is the default scanner's prefilter keywords in the shared
// pass. It is registered at initialisation, so the shared automaton always
// has it; its list is computed when that automaton is built, after every
// detector registered itself, exactly as NewScanner(registry) orders it.
var defaultFamily = newFamily(func() []string {
	s, err := newScannerTables(registry)
	if err != nil {
		return nil // Default panics with the same error
	}
	return s.patterns
})

// Default returns the scanner over every registered detector.
func Default() *Scanner {
	s, err := defaultScanner()
	if err != nil {
		// The registry is fixed at compile time; TestRegistry catches this.
		panic(err)
	}
	return s
}

// preparer is a detector with tables built on first use.
type preparer interface{ prepare() }

// Prepare builds now the tables the scanner's detectors would otherwise
// build on first use (the shared automaton among them), so that the first
// document does not pay for them: a worker process calls it before its
// first document's time and CPU limits start.
func (s *Scanner) Prepare() {
	s.Scan("")
	for _, d := range s.detectors {
		if p, ok := d.(preparer); ok {
			p.prepare()
		}
	}
}

// Selected returns the indices of the detectors the prefilter selects for in.
func (s *Scanner) selected(in *Input) []int {
	run := make([]bool, len(s.detectors))
	for _, i := range s.always {
		run[i] = true
	}
	if s.family != nil {
		for _, m := range in.familyMatches(s.family) {
			for _, i := range s.owners[m.PatternID] {
				run[i] = true
			}
		}
	} else if s.prefilter != nil {
		for _, m := range s.prefilter.FindAllOverlapping([]byte(in.Folded)) {
			for _, i := range s.owners[m.PatternID] {
				run[i] = true
			}
		}
	}
	var idx []int
	for i, ok := range run {
		if ok {
			idx = append(idx, i)
		}
	}
	return idx
}

// Scan runs the selected detectors over text and returns their matches
// sorted by position, with overlapping matches of one category merged.
// Matches outside the text or of an unknown category are dropped, so a
// faulty detector cannot corrupt a report.
func (s *Scanner) Scan(text string) []Match {
	in := NewInput(text)
	// Collect the detectors' results first and copy them into one slice
	// of the right size: appending them one by one regrew it many times.
	selected := s.selected(in)
	results := make([][]Match, len(selected))
	total := 0
	var after []afterOthers
	for k, i := range selected {
		if a, ok := s.detectors[i].(afterOthers); ok {
			after = append(after, a)
			continue
		}
		results[k] = s.detectors[i].Detect(in)
		total += len(results[k])
	}
	// Room for the few matches of the detectors that run after the others
	// (header_address: an address or two), so that appending them does not
	// copy every match of a long text.
	out := make([]Match, 0, total+4*len(after))
	for _, ms := range results {
		out = appendValid(out, text, ms)
	}
	others := out[:len(out):len(out)] // appending below cannot write into it
	for _, a := range after {
		out = appendValid(out, text, a.DetectAfter(in, others))
	}
	return mergeOverlaps(out)
}

// appendValid appends the matches of ms that lie inside text and have a
// known category, with an unknown likelihood made low.
func appendValid(out []Match, text string, ms []Match) []Match {
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || !m.Category.Valid() {
			continue
		}
		if m.Likelihood < Low || m.Likelihood > Certain {
			m.Likelihood = Low
		}
		out = append(out, m)
	}
	return out
}

// mergeOverlaps sorts matches by position and merges overlapping ones of
// the same category into one span carrying the highest likelihood. One
// sort, then one sweep that remembers the last match of each category.
func mergeOverlaps(ms []Match) []Match {
	ms = sortRuns(ms, compareMatches)
	out := ms[:0]
	last := map[Category]int{} // category -> index in out
	for _, m := range ms {
		if i, ok := last[m.Category]; ok && m.Start < out[i].End {
			prev := &out[i]
			if m.Likelihood > prev.Likelihood {
				prev.Likelihood, prev.Detector = m.Likelihood, m.Detector
			}
			prev.End = max(prev.End, m.End)
			continue
		}
		last[m.Category] = len(out)
		out = append(out, m)
	}
	// Merging can lengthen a match: restore the order by end for equal starts.
	slices.SortStableFunc(out, func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return out
}

// compareMatches orders matches by start, longest first, then by category
// and detector: the report names the detector, so the order of matches of
// one span and category must not depend on the sort.
func compareMatches(a, b Match) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	if a.End != b.End {
		return b.End - a.End
	}
	if a.Category != b.Category {
		return strings.Compare(string(a.Category), string(b.Category))
	}
	return strings.Compare(a.Detector, b.Detector)
}

// sortRuns sorts ms by merging its ascending runs pairwise, and returns
// the sorted slice (ms itself or a new one). Scan's matches are the
// detectors' outputs one after the other, nearly all of them sorted
// already: a few dozen runs, which merging sorts in a few passes where a
// general sort makes many more comparisons and moves.
func sortRuns[T any](ms []T, cmp func(a, b T) int) []T {
	bounds := []int{0}
	for i := 1; i < len(ms); i++ {
		if cmp(ms[i-1], ms[i]) > 0 {
			bounds = append(bounds, i)
		}
	}
	if len(bounds) == 1 {
		return ms
	}
	bounds = append(bounds, len(ms))
	src, dst := ms, make([]T, len(ms))
	for len(bounds) > 2 {
		merged := bounds[:1]
		for k := 0; k+1 < len(bounds); k += 2 {
			lo, mid, hi := bounds[k], bounds[k+1], len(ms)
			if k+2 < len(bounds) {
				hi = bounds[k+2]
			}
			i, j, o := lo, mid, lo
			for i < mid && j < hi {
				if cmp(src[j], src[i]) < 0 {
					dst[o], j = src[j], j+1
				} else {
					dst[o], i = src[i], i+1
				}
				o++
			}
			o += copy(dst[o:], src[i:mid])
			copy(dst[o:], src[j:hi])
			merged = append(merged, hi)
		}
		bounds = merged
		src, dst = dst, src
	}
	return src
}
