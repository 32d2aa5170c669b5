package detectors

import (
	"sync"
	"unsafe"

	"github.com/coregx/ahocorasick"
)

// A patternFamily is a set of patterns some detector looks for in the
// folded text (the word lists, the field labels, the structured cues, the
// keywords that open ID windows). Every family is found in ONE pass: the
// patterns of all families go into one automaton, and each Input runs it
// once and hands each family its own matches, numbered as in its list.
// Running one automaton per family cost a pass over the text each.
type patternFamily struct {
	index    int
	patterns func() []string
}

var (
	familiesMu sync.Mutex
	families   []*patternFamily
)

// newFamily registers a family. patterns is called once, when the shared
// automaton is first needed; it must always return the same list. Register
// families at package initialisation.
func newFamily(patterns func() []string) *patternFamily {
	familiesMu.Lock()
	defer familiesMu.Unlock()
	f := &patternFamily{index: len(families), patterns: patterns}
	families = append(families, f)
	return f
}

type familyOwner struct{ family, local int }

type sharedAutomaton struct {
	ac     *ahocorasick.Automaton
	owners [][]familyOwner // union pattern -> the families' patterns it is
	count  int             // families covered
}

var shared = sync.OnceValue(func() *sharedAutomaton {
	familiesMu.Lock()
	fs := append([]*patternFamily(nil), families...)
	familiesMu.Unlock()
	s := &sharedAutomaton{count: len(fs)}
	index := map[string]int{}
	var union []string
	for _, f := range fs {
		for local, p := range f.patterns() {
			u, ok := index[p]
			if !ok {
				u = len(union)
				index[p] = u
				union = append(union, p)
				s.owners = append(s.owners, nil)
			}
			s.owners[u] = append(s.owners[u], familyOwner{f.index, local})
		}
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(union).Build()
	if err != nil {
		panic(err) // fixed, embedded lists: every detector test builds this
	}
	s.ac = ac
	return s
})

// familyMatches returns the overlapping matches of f's patterns in
// in.Folded, in the automaton's order (by end), with PatternID the index
// in f's own list.
func (in *Input) familyMatches(f *patternFamily) []ahocorasick.Match {
	if in.byFamily == nil {
		s := shared()
		ms := s.ac.FindAllOverlapping(stringBytes(in.Folded))
		// Count, then cut one backing array into the families' slices.
		count := make([]int, s.count)
		total := 0
		for _, m := range ms {
			for _, o := range s.owners[m.PatternID] {
				count[o.family]++
				total++
			}
		}
		all := make([]ahocorasick.Match, total)
		in.byFamily = make([][]ahocorasick.Match, s.count)
		at := 0
		for f, n := range count {
			in.byFamily[f] = all[at : at : at+n]
			at += n
		}
		for _, m := range ms {
			for _, o := range s.owners[m.PatternID] {
				in.byFamily[o.family] = append(in.byFamily[o.family], ahocorasick.Match{PatternID: o.local, Start: m.Start, End: m.End})
			}
		}
	}
	if f.index >= len(in.byFamily) {
		return nil
	}
	return in.byFamily[f.index]
}

// stringBytes returns the bytes of s without copying them, for automata
// that only read their input: a []byte(s) conversion copied every value
// looked up.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
