package detectors

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// Word-list engine for prose detectors.
//
// Data lives in data/words/<lang>/ as embedded text files, one entry a line,
// "#" starting a comment:
//
//	<category>.txt      phrase [TAB likelihood]   a sensitive phrase; the
//	                                              likelihood (low, medium,
//	                                              high) defaults to medium;
//	                                              a phrase ending in "…"
//	                                              runs on to the end of its
//	                                              clause ("父亲在…",
//	                                              "wife works…"); a phrase
//	                                              starting with "^" counts
//	                                              only at a clause start or
//	                                              right after a personal
//	                                              word ("^father is…": not
//	                                              "the father is")
//	exclude.txt         phrase                    an innocent context: a hit
//	                                              that this phrase contains or
//	                                              overlaps is dropped
//	personal.txt        word                      raises a nearby hit one step
//	professional.txt    word                      lowers a nearby hit one step
//	sections.txt        heading TAB personal|other
//	                                              a heading alone on its line
//	                                              opens a section; hits in a
//	                                              personal section go up a step
//
// Phrases with an apostrophe also match with a typographic one (’).
// Phrases are lower case (they are matched against Input.Folded). Phrases
// with CJK characters match anywhere (Chinese has no word boundaries, so the
// lists hold whole words of two or more characters and longest match wins);
// every other phrase must sit on word boundaries.
//
// All hit, exclusion and heading phrases of every language go into ONE
// Aho-Corasick automaton, built once. Its overlapping matches are filtered by
// word boundaries first and then reduced to leftmost-longest hits here: the
// library's own leftmost-longest mode would pick a longer phrase that fails
// the boundary check over a shorter one that passes. Context words are not in
// the automaton ("i", "my", "我" would match everywhere); they are looked up
// only in the short window around each hit, so the cost stays linear.

//go:embed data/words
var wlFiles embed.FS

type wlKind uint8

const (
	wlHit wlKind = iota
	wlExclude
	wlSectionPersonal
	wlSectionOther
)

// wlEntry is what one automaton pattern means.
type wlEntry struct {
	kind       wlKind
	category   Category
	likelihood Likelihood
	cjk        bool // contains CJK: no word-boundary check
	extend     bool // the match runs on to the end of the clause
	clause     bool // only at a clause start or after a personal word
	file       string
	phrase     string
}

// wlDict is the compiled word lists of every language.
type wlDict struct {
	// ac is the dictionary's own automaton, built on first use: the
	// embedded dictionary is matched by the shared pass and never needs
	// it, and building it cost every process (each worker too) about a
	// sixth of its start.
	ac       func() *ahocorasick.Automaton
	patterns []string  // the automaton's patterns, for the shared pass
	entries  []wlEntry // by automaton pattern ID
	keywords []string  // hit phrases, for the scanner prefilter
	maxLen   int       // longest pattern in bytes

	contextWords    map[string]int // single non-CJK words -> proseCtx flags
	personalCJK     []string       // CJK context words, matched as substrings
	professionalCJK []string
}

var wlLoad = sync.OnceValues(func() (*wlDict, error) { return wlBuild(wlFiles, "data/words") })

// wlFamily is the embedded word lists in the shared pass (shared.go).
var wlFamily = newFamily(func() []string {
	d, err := wlLoad()
	if err != nil {
		return nil // TestProseListsLoad reports the error
	}
	return d.patterns
})

// wlBuild reads every list under root and compiles the automaton.
func wlBuild(fsys fs.FS, root string) (*wlDict, error) {
	d := &wlDict{contextWords: map[string]int{}}
	seen := map[string]string{} // phrase -> file that defined it
	var patterns []string
	langs, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, err
	}
	for _, lang := range langs {
		if !lang.IsDir() {
			continue
		}
		files, err := fs.ReadDir(fsys, path.Join(root, lang.Name()))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := path.Join(lang.Name(), f.Name())
			base, ok := strings.CutSuffix(f.Name(), ".txt")
			if !ok || f.IsDir() {
				return nil, fmt.Errorf("wordlist %s: not a .txt file", name)
			}
			data, err := fs.ReadFile(fsys, path.Join(root, name))
			if err != nil {
				return nil, err
			}
			err = wlParse(name, string(data), func(line int, phrase, arg string) error {
				e := wlEntry{file: name, phrase: phrase, cjk: wlHasCJK(phrase)}
				switch base {
				case "personal", "professional":
					if arg != "" {
						return fmt.Errorf("unexpected field %q", arg)
					}
					switch {
					case base == "personal" && e.cjk:
						d.personalCJK = append(d.personalCJK, phrase)
					case base == "personal":
						d.contextWords[phrase] |= proseCtxPersonal
					case e.cjk:
						d.professionalCJK = append(d.professionalCJK, phrase)
					default:
						d.contextWords[phrase] |= proseCtxProfessional
					}
					if !e.cjk && strings.IndexFunc(phrase, func(r rune) bool { return r < utf8.RuneSelf && !proseWordByte(byte(r)) }) >= 0 {
						return fmt.Errorf("context word %q must be a single word", phrase)
					}
					return nil
				case "exclude":
					if arg != "" {
						return fmt.Errorf("unexpected field %q", arg)
					}
					e.kind = wlExclude
				case "sections":
					switch arg {
					case "personal":
						e.kind = wlSectionPersonal
					case "other":
						e.kind = wlSectionOther
					default:
						return fmt.Errorf("section kind %q: want personal or other", arg)
					}
				default:
					c := Category(base)
					if !c.Valid() || c == HiddenText {
						return fmt.Errorf("unknown category %q", base)
					}
					e.kind, e.category, e.likelihood = wlHit, c, Medium
					if arg != "" {
						l, err := ParseLikelihood(arg)
						if err != nil || l > High {
							return fmt.Errorf("likelihood %q: want low, medium or high", arg)
						}
						e.likelihood = l
					}
					if p, ok := strings.CutPrefix(phrase, "^"); ok {
						phrase, e.clause = p, true
					}
					if p, ok := strings.CutSuffix(phrase, "…"); ok {
						phrase, e.extend = p, true
					}
					if phrase == "" || strings.ContainsAny(phrase, "^…") {
						return fmt.Errorf("%q: \"^\" only at the start and \"…\" only at the end", phrase)
					}
					if e.cjk && utf8.RuneCountInString(phrase) < 2 {
						return fmt.Errorf("%q: a single CJK character is never a phrase", phrase)
					}
				}
				// Word processors turn ' into ’: both spellings are
				// patterns of the same entry.
				variants := []string{phrase}
				if strings.Contains(phrase, "'") {
					variants = append(variants, strings.ReplaceAll(phrase, "'", "’"))
				}
				for _, v := range variants {
					if prev, dup := seen[v]; dup {
						return fmt.Errorf("%q already defined in %s", v, prev)
					}
					seen[v] = name
					e.phrase = v
					d.entries = append(d.entries, e)
					patterns = append(patterns, v)
					d.maxLen = max(d.maxLen, len(v))
					if e.kind == wlHit {
						d.keywords = append(d.keywords, v)
					}
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	if len(d.keywords) == 0 {
		return nil, fmt.Errorf("wordlist: no phrases under %s", root)
	}
	d.ac = sync.OnceValue(func() *ahocorasick.Automaton {
		ac, err := ahocorasick.NewBuilder().AddStrings(patterns).Build()
		if err != nil { // only for no or empty patterns, excluded above
			panic(fmt.Sprintf("wordlist: %v", err))
		}
		return ac
	})
	d.patterns = patterns
	return d, nil
}

// wlParse calls fn for each entry of a list file with its phrase and the
// optional second field.
func wlParse(name, data string, fn func(line int, phrase, arg string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		phrase, arg, _ := strings.Cut(line, "\t")
		phrase, arg = strings.TrimSpace(phrase), strings.TrimSpace(arg)
		if phrase != Fold(phrase) || strings.Contains(phrase, "  ") {
			return fmt.Errorf("wordlist %s:%d: %q must be lower case with single spaces", name, n, phrase)
		}
		if err := fn(n, phrase, arg); err != nil {
			return fmt.Errorf("wordlist %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func wlHasCJK(s string) bool {
	return strings.IndexFunc(s, wlIsCJK) >= 0
}

func wlIsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// wlWordRune is a letter, digit or apostrophe-free word character of a
// non-CJK word (CJK runes are never word runes: they are boundaries).
func wlWordRune(r rune) bool { return isWordRune(r) }

// wlSpan is one candidate found by the automaton.
type wlSpan struct {
	start, end int
	entry      int32
}

// wlBounded reports whether folded[start:end] has no word rune on either
// side. Phrases that start or end in a non-word rune ("lgbtq+") need no
// boundary on that side.
func wlBounded(folded string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(folded[start:])
	last, _ := utf8.DecodeLastRuneInString(folded[:end])
	if wlWordRune(first) && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(folded[:start]); wlWordRune(r) {
			return false
		}
	}
	if wlWordRune(last) && end < len(folded) {
		if r, _ := utf8.DecodeRuneInString(folded[end:]); wlWordRune(r) {
			return false
		}
	}
	return true
}

// wlScan returns the hits, exclusions and section headings of in, each
// sorted by start.
func (d *wlDict) scan(in *Input) (hits, excl, sections []wlSpan) {
	// The automaton only reads the bytes: share them instead of copying a
	// possibly large text.
	ms := in.familyMatches(wlFamily)
	if d != wlMust() {
		ms = d.ac().FindAllOverlapping(stringBytes(in.Folded))
	}
	hits = make([]wlSpan, 0, len(ms)) // most matches are hits: one allocation
	for _, m := range ms {
		e := &d.entries[m.PatternID]
		if !e.cjk && !wlBounded(in.Folded, m.Start, m.End) {
			continue
		}
		s := wlSpan{m.Start, m.End, int32(m.PatternID)}
		switch e.kind {
		case wlHit:
			hits = append(hits, s)
		case wlExclude:
			excl = append(excl, s)
		default:
			if wlAloneOnLine(in.Folded, m.Start, m.End) {
				sections = append(sections, s)
			}
		}
	}
	byStart := func(a, b wlSpan) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end // longest first
	}
	slices.SortFunc(hits, byStart)
	slices.SortFunc(excl, byStart)
	slices.SortFunc(sections, byStart)
	return hits, excl, sections
}

// wlAloneOnLine reports whether folded[start:end] is a heading: only spaces
// and bullet or markup characters before it on its line, and nothing but an
// optional colon or bar after it.
func wlAloneOnLine(folded string, start, end int) bool {
	for i := start - 1; i >= 0 && folded[i] != '\n'; i-- {
		if !strings.ContainsRune(" \t\r#*-=•|", rune(folded[i])) {
			if folded[i] < utf8.RuneSelf {
				return false
			}
			r, size := utf8.DecodeLastRuneInString(folded[:i+1])
			if r != '•' && r != '【' && r != '■' && r != '●' && r != '　' {
				return false
			}
			i -= size - 1
		}
	}
	// Only the first character after the heading is looked at, so a long
	// line costs nothing per occurrence of a heading word.
	rest := strings.TrimLeft(folded[end:], " \t\r")
	rest = strings.TrimPrefix(rest, "】")
	return rest == "" || rest[0] == '\n' || rest[0] == ':' || rest[0] == '|' || strings.HasPrefix(rest, "：")
}

// wlSuppressed reports whether an exclusion of sorted overlaps the hit
// [start,end), other than one the hit contains whole and is longer than: a
// longer, more specific hit phrase wins ("自有车辆" is property although
// "车辆" alone is an innocent context of "有车").
func wlSuppressed(sorted []wlSpan, start, end, maxLen int) bool {
	lo := 0
	if len(sorted) > 8 {
		lo, _ = slices.BinarySearchFunc(sorted, start-maxLen, func(s wlSpan, t int) int { return s.start - t })
	}
	for _, s := range sorted[lo:] {
		if s.start >= end {
			break
		}
		if s.end > start && !(s.start >= start && s.end <= end && s.end-s.start < end-start) {
			return true
		}
	}
	return false
}

// wlOverlapsAny reports whether [start,end) overlaps any span of sorted
// (sorted by start, every span at most maxLen bytes long).
func wlOverlapsAny(sorted []wlSpan, start, end, maxLen int) bool {
	lo := 0
	if len(sorted) > 8 {
		lo, _ = slices.BinarySearchFunc(sorted, start-maxLen, func(s wlSpan, t int) int { return s.start - t })
	}
	for _, s := range sorted[lo:] {
		if s.start >= end {
			break
		}
		if s.end > start {
			return true
		}
	}
	return false
}

// wlMust is the embedded dictionary, or nil if it failed to load.
func wlMust() *wlDict {
	d, _ := wlLoad()
	return d
}
