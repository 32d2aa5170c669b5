package detectors

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// Prose detector: sensitive phrases in free text ("proud mom of three",
// "deacon at First Baptist Church", "曾患抑郁症", "中共党员"), from the word
// lists in data/words (see wordlist.go). Field labels ("Religion: X",
// "宗教信仰：") are another detector's job.
//
// Each list entry has a base likelihood. The detector then adjusts it:
//
//   - up one step when a first-person or personal word ("i", "my", "我",
//     "本人") sits in the same sentence near the hit, or the hit is in a
//     personal section ("Personal Details", "个人信息", "Hobbies");
//   - down one step when a professional word sits near it ("insurance",
//     "data", "product", "负责", "员工"); personal and professional context
//     together cancel out;
//   - down one step when an English hit is glued by a hyphen to another word
//     ("third-party", "single-page"), or is a capitalised single word
//     followed by another capitalised word, as in a name ("Christian
//     Schmidt", "Muslim Aid");
//   - dropped when an exclusion phrase contains or overlaps it ("christian
//     dior", "public health", "佛山", "负责员工体检"), and a Chinese
//     ethnic-group word that is part of an autonomous-region name
//     ("宁夏回族自治区") is dropped as a place name.
//
// Likelihood is capped at high (certain is for checksums) and a hit that
// falls below low is dropped. Ambiguous single words are listed as low, so
// that without context they are report-only under the default policy
// (redact >= medium).
//
// Kinship clauses: a "^" phrase ("^father is…", "^wife works…") counts only
// at a clause start (line start, bullet, punctuation) or right after a
// personal word ("my", "我"), and a "…" phrase runs on to the end of its
// clause: "Father is a retired engineer, mother a teacher" gives two family
// matches, "the father is unknown" none. A "…" origin phrase followed by a
// number ("born in 1990", "出生于1992年") is an age, not a place: dropped.
//
// Extent: overlapping or adjacent phrases of one category are joined
// ("proud mom" + "mom of three"); phrases of different categories stay
// separate matches, so "married with two kids" gives marital_status
// "married" and family "two kids". Two phrases of different categories that
// overlap in part are both kept ("as a woman" + "woman of colour"), and so is
// a phrase (medium or above) that ends a longer phrase of another category
// ("已婚未育": marital status, and family "未育").
func init() { register(proseDetector{}) }

type proseDetector struct{}

func (proseDetector) ID() string { return "prose" }

// Keywords are every hit phrase of every list: the prefilter runs the detector
// only when one of them occurs.
// Keywords is nil: the detector's own automaton over every phrase is its
// prefilter (a text without any phrase costs one pass and no more); listing
// thousands of phrases in the scanner's prefilter too would scan each text
// twice for them.
func (proseDetector) Keywords() []string { return nil }

// Context window around a hit, in bytes, cut at the line or sentence end.
const (
	proseWindowBefore = 60
	proseWindowAfter  = 40
)

func (proseDetector) Detect(in *Input) []Match {
	d, err := wlLoad()
	if err != nil {
		return nil
	}
	hits, excl, sections := d.scan(in)
	folded := in.Folded

	// Drop hits inside an innocent context, then keep leftmost-longest hits,
	// joining overlapping or touching hits of one category.
	ks := make([]proseHit, 0, len(hits))
	x := 0 // hits are sorted by start: exclusions before excl[x] end too early
	for _, h := range hits {
		for x < len(excl) && excl[x].start+d.maxLen <= h.start {
			x++
		}
		if wlSuppressed(excl[x:], h.start, h.end, d.maxLen) {
			continue
		}
		e := &d.entries[h.entry]
		if e.clause && !d.clauseStart(folded, h.start) {
			continue
		}
		if n := len(ks); n > 0 && h.start < ks[n-1].end || n > 0 && h.start == ks[n-1].end && ks[n-1].cat == e.category {
			last := &ks[n-1]
			switch {
			case last.cat == e.category:
				last.end = max(last.end, h.end)
				last.l = max(last.l, e.likelihood)
				last.words++
				last.extend = last.extend || e.extend
				continue
			case h.end > last.end:
				// Phrases of two categories that overlap in part ("as a
				// woman" + "woman of colour") are both kept.
			case h.end == last.end && h.start > last.start && e.likelihood >= Medium:
				// A phrase of another category that ends a longer one
				// carries its own meaning: "已婚未育" is marital status and
				// its end "未育" is family.
			default:
				continue
			}
		}
		ks = append(ks, proseHit{h.start, h.end, e.category, e.likelihood, e.cjk, e.extend, 1})
	}

	out := make([]Match, 0, len(ks))
	sec := 0 // sections[:sec] start before the current hit
	for i, k := range ks {
		l := k.l
		if k.extend {
			// "born in 1990", "出生于1990年", "出生于一个教师家庭": a year or
			// a number after a place-of-origin phrase is no place, and in
			// space-separated languages a place has a capital letter.
			if k.cat == Origin && (proseNumberNext(folded, k.end) || !k.cjk && !proseNameNext(in.Text, k.end)) {
				continue
			}
			limit := len(folded)
			if i+1 < len(ks) && ks[i+1].start > k.start {
				limit = ks[i+1].start
			}
			if k.cjk {
				k.end = proseClauseEnd(folded, k.end, limit)
			} else {
				k.end = proseClauseEndWords(folded, k.end, limit)
			}
		}
		if k.cjk && k.cat == Ethnicity && strings.HasPrefix(folded[k.end:], "自治") {
			continue
		}
		// "Criminal record: None", "血型：O型": the phrase is a field label;
		// the label detector reports its value, the label itself is no item.
		if proseIsLabel(folded, k.end) {
			continue
		}
		if !k.cjk {
			if proseHyphenated(folded, k.start, k.end) {
				l--
			}
			if k.words == 1 && proseProperNoun(in.Text, k.start, k.end) {
				l--
			}
		}
		before, after := proseWindow(folded, k.start, k.end)
		ctx := d.context(before, after)
		for sec < len(sections) && sections[sec].start < k.start {
			sec++
		}
		up := ctx&proseCtxPersonal != 0 || sec > 0 && d.entries[sections[sec-1].entry].kind == wlSectionPersonal
		down := ctx&proseCtxProfessional != 0
		switch {
		case up && !down:
			l++
		case down && !up:
			l--
		}
		if l < Low {
			continue
		}
		out = append(out, Match{Category: k.cat, Detector: "prose", Start: k.start, End: k.end, Likelihood: min(l, High)})
	}
	proseFollowUps(in, out)
	proseCoordinatedOrigin(in, out)
	out = append(out, proseHometown(in)...)
	return append(out, prosePartners(in, out)...)
}

// proseCoordinatedOrigin extends an origin match such as "British citizen"
// over nationalities joined to it: "Irish and British citizen", "Irish,
// British citizen". Each joined word must be capitalised.
func proseCoordinatedOrigin(in *Input, found []Match) {
	for i := range found {
		m := &found[i]
		if m.Category != Origin || m.Start == 0 || !isUpperASCII(in.Text[m.Start]) {
			continue
		}
		for n := 0; n < 3; n++ {
			before := in.Text[max(0, m.Start-40):m.Start]
			var join string
			for _, j := range []string{" and ", " & ", ", ", " / ", "/", " e ", " y ", " et ", " und "} {
				if strings.HasSuffix(before, j) {
					join = j
					break
				}
			}
			if join == "" {
				break
			}
			w := before[:len(before)-len(join)]
			k := len(w)
			for k > 0 && (w[k-1] >= 'a' && w[k-1] <= 'z' || w[k-1] >= 'A' && w[k-1] <= 'Z' || w[k-1] == '-') {
				k--
			}
			if k == len(w) || !isUpperASCII(w[k]) || len(w)-k < 3 || k > 0 && w[k-1] != ' ' && w[k-1] != '\n' && w[k-1] != '(' && w[k-1] != '\t' {
				break
			}
			m.Start -= len(before) - k
		}
	}
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

//go:embed data/places_zh.txt
var prosePlacesData string

var prosePlaces = sync.OnceValue(func() *ahocorasick.Automaton {
	var names []string
	for _, l := range strings.Split(prosePlacesData, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			names = append(names, l)
		}
	}
	ac, err := ahocorasick.NewBuilder().SetMatchKind(ahocorasick.LeftmostLongest).AddStrings(names).Build()
	if err != nil {
		panic(err) // embedded data; TestProseHometown covers it
	}
	return ac
})

// proseHometownCues introduce where the candidate comes from. After 我是 the
// place must be followed by 人 ("我是澎湖人", not "我是北京大学毕业的").
var proseHometownCues = []string{"我是", "我来自", "我來自", "老家在", "老家是", "家乡在", "家乡是", "家鄉在", "家鄉是", "祖籍"}

// proseHometown reports hometown statements naming a Chinese place.
func proseHometown(in *Input) []Match {
	var out []Match
	places := prosePlaces()
	text := in.Text
	for _, c := range in.familyMatches(proseHometownFamily) {
		cue, p := proseHometownCues[c.PatternID], c.End
		rest := text[p:min(len(text), p+24)]
		m, ok := places.Find(stringBytes(rest), 0)
		if !ok || m.Start != 0 {
			continue
		}
		end := p + m.End
		tail := text[end:]
		for _, suffix := range []string{"省", "市", "县", "縣", "区", "區"} {
			tail = strings.TrimPrefix(tail, suffix)
		}
		if cue == "我是" && !strings.HasPrefix(tail, "人") {
			continue
		}
		out = append(out, Match{Category: Origin, Detector: "prose", Start: p, End: end, Likelihood: High})
	}
	return out
}

// proseHometownFamily finds the hometown cues in the shared pass. The cues
// have no case, so the folded text holds them at the same offsets.
var proseHometownFamily = newFamily(func() []string { return proseHometownCues })

// proseFollowUpPhrases say how a condition just named stands ("因焦虑症休
// 假三个月，目前已痊愈", "HBV carrier, liver function normal"). Alone they
// say nothing; right after a health or mental-health item they are part
// of it, and proseFollowUps extends the item over them, so no dangling
// "，已康复" is left to hint at what was removed.
var proseFollowUpPhrases = []string{
	"目前已痊愈", "已痊愈", "已经痊愈", "已康复", "已经康复", "已完全康复", "已痊癒", "已康復", "已完全康復", "現已康復", "现已康复",
	"肝功能正常", "控制良好", "病情稳定", "病情穩定", "定期复查", "定期複查", "不影响工作", "不影響工作",
	"fully recovered", "now fully recovered", "now recovered", "in remission", "in full remission", "well controlled", "well managed",
}

// proseFollowWindow is how far after a condition a follow-up may start.
const proseFollowWindow = 24

func proseFollowUps(in *Input, found []Match) {
	for i := range found {
		c := &found[i]
		if (c.Category != Health && c.Category != MentalHealth) || c.Likelihood < Medium {
			continue
		}
		// The follow-up starts soon after, in the same sentence.
		// Offsets in win count from the item's end as found (end0): c.End
		// grows as phrases match and must not shift later ones.
		end0 := c.End
		win := in.Folded[end0:min(len(in.Folded), end0+proseFollowWindow+40)]
		if j := strings.IndexAny(win, ".。\n;；"); j >= 0 {
			win = win[:j]
		}
		for _, p := range proseFollowUpPhrases {
			k := strings.Index(win, p)
			if k < 0 || k > proseFollowWindow {
				continue
			}
			start := end0 + k
			if !wlHasCJK(p) && !wlBounded(in.Folded, start, start+len(p)) {
				continue
			}
			c.End = max(c.End, start+len(p))
		}
	}
}

// proseWindowPartner is how far from an orientation statement a partner
// mention is read as part of it: about a paragraph.
const proseWindowPartner = 400

// prosePartnerPhrases name a partner in the first person. Alone they are
// family; next to a statement of orientation ("I'm a gay man who lives
// with my husband", "married my girlfriend … after same-sex marriage was
// legalised") they disclose it too.
var prosePartnerPhrases = []string{
	"my wife", "my husband", "my partner", "my girlfriend", "my boyfriend", "my fiancé", "my fiancee", "my fiancée", "my spouse",
	"我太太", "我先生", "我老公", "我老婆", "我妻子", "我丈夫", "我的女朋友", "我的男朋友", "我女友", "我男友", "我的伴侣", "我的伴侶",
}

// prosePartners returns partner mentions within proseWindowPartner bytes
// of an orientation statement: a match of medium likelihood or more, or
// any mention of same-sex partnership.
func prosePartners(in *Input, found []Match) []Match {
	var triggers []Match
	for _, m := range found {
		if m.Category != SexualOrientation {
			continue
		}
		v := in.Folded[m.Start:m.End]
		if m.Likelihood >= Medium || strings.Contains(v, "same-sex") || strings.Contains(v, "same sex") || strings.Contains(v, "同性") || strings.Contains(v, "同婚") {
			triggers = append(triggers, m)
		}
	}
	if len(triggers) == 0 {
		return nil
	}
	// Search only around the statements: a paragraph each side.
	var out []Match
	seen := map[int]bool{}
	for _, t := range triggers {
		lo, hi := max(0, t.Start-proseWindowPartner), min(len(in.Folded), t.End+proseWindowPartner)
		win := in.Folded[lo:hi]
		for _, p := range prosePartnerPhrases {
			for off := 0; ; {
				i := strings.Index(win[off:], p)
				if i < 0 {
					break
				}
				start, end := lo+off+i, lo+off+i+len(p)
				off += i + len(p)
				if seen[start] || !wlHasCJK(p) && !wlBounded(in.Folded, start, end) {
					continue
				}
				seen[start] = true
				out = append(out, Match{Category: SexualOrientation, Detector: "prose", Start: start, End: end, Likelihood: High})
			}
		}
	}
	return out
}

// proseMaxExtend is how many runes a "…" phrase may run on.
const proseMaxExtend = 16

// proseClauseEnd returns where the clause that continues at end stops: at
// punctuation, a space or a line break, after at most proseMaxExtend runes,
// and never past limit.
func proseClauseEnd(folded string, end, limit int) int {
	for n := 0; end < limit && n < proseMaxExtend; n++ {
		r, size := utf8.DecodeRuneInString(folded[end:])
		if !wlIsCJK(r) && !wlWordRune(r) || end+size > limit {
			break
		}
		end += size
	}
	return end
}

// proseMaxExtendBytes is how far a non-Chinese "…" phrase may run on.
const proseMaxExtendBytes = 80

// proseClauseEndWords is proseClauseEnd for space-separated languages: the
// clause runs on to punctuation or a line break ("wife works at the city
// council; ..."), at most proseMaxExtendBytes and then only to a word end,
// and never past limit.
func proseClauseEndWords(folded string, end, limit int) int {
	stop := min(limit, end+proseMaxExtendBytes)
	i := end
	for i < stop {
		c := folded[i]
		if c < utf8.RuneSelf {
			if c == '\n' || c == '\r' || c == '\t' || strings.IndexByte(".,;:!?()[]|\"", c) >= 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(folded[i:])
		if wlIsCJK(r) || unicode.IsPunct(r) && r != '\'' && r != '’' || i+size > stop {
			break
		}
		i += size
	}
	if i == stop && stop < len(folded) && stop < limit {
		// Cut at the byte limit: back to the end of a whole word.
		if sp := strings.LastIndexByte(folded[end:i], ' '); sp > 0 {
			i = end + sp
		} else {
			i = end
		}
	}
	for i > end && folded[i-1] == ' ' {
		i--
	}
	return i
}

// proseNumberNext reports whether a number (digits or Chinese numerals)
// follows end, after optional spaces.
func proseNumberNext(folded string, end int) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(folded[end:], " "))
	return unicode.IsDigit(r) || strings.ContainsRune("〇零一二三四五六七八九十两", r)
}

// proseNameNext reports whether a place name follows end in a space-
// separated language: a capitalised word, or "the" ("born in the UK"), and
// not "originally from a finance background".
func proseNameNext(text string, end int) bool {
	rest := strings.TrimLeft(text[end:], " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || len(rest) > 4 && strings.EqualFold(rest[:4], "the ")
}

// clauseStart reports whether a "^" phrase at start opens a clause: only
// spaces, after a line start, a bullet or punctuation, precede it, or a
// personal word does ("my", "我").
func (d *wlDict) clauseStart(folded string, start int) bool {
	i := start
	for i > 0 && (folded[i-1] == ' ' || folded[i-1] == '\t') {
		i--
	}
	if i == 0 {
		return true
	}
	r, size := utf8.DecodeLastRuneInString(folded[:i])
	switch {
	case r == '\n' || r == '\r':
		return true
	case r == '-':
		return i < start // "x - wife is", not "step-father is"
	case r < utf8.RuneSelf && strings.ContainsRune(".,;:!?()[]|*\"", r):
		return true
	case unicode.IsPunct(r) || unicode.Is(unicode.Pd, r) || labelIsBullet(r):
		return true
	case wlIsCJK(r):
		for _, w := range d.personalCJK {
			if strings.HasSuffix(folded[:i], w) {
				return true
			}
		}
		return false
	}
	j := i - size
	for j > 0 && proseWordByte(folded[j-1]) && folded[j-1] < utf8.RuneSelf {
		j--
	}
	return d.contextWords[folded[j:i]]&proseCtxPersonal != 0
}

// proseWindow returns the text before and after [start,end) within the
// window sizes, cut at a line break or the end of a sentence.
func proseWindow(folded string, start, end int) (before, after string) {
	lo := max(0, start-proseWindowBefore)
	for i := start - 1; i >= lo; i-- {
		if n := proseStopAt(folded, i); n > 0 {
			lo = i + n
			break
		}
	}
	for lo < start && !utf8.RuneStart(folded[lo]) {
		lo++
	}
	hi := min(len(folded), end+proseWindowAfter)
	for i := end; i < hi; i++ {
		if proseStopAt(folded, i) > 0 {
			hi = i
			break
		}
	}
	for hi > end && hi < len(folded) && !utf8.RuneStart(folded[hi]) {
		hi--
	}
	return folded[lo:start], folded[end:hi]
}

// proseStopAt returns the length of the sentence or line stop starting at
// folded[i] ("\n", ". ", "。" ...), or 0.
func proseStopAt(folded string, i int) int {
	switch c := folded[i]; c {
	case '\n':
		return 1
	case '.', '!', '?', ';':
		if i+1 < len(folded) && (folded[i+1] == ' ' || folded[i+1] == '\n') {
			return 2
		}
	case 0xE3, 0xEF: // 。 is E3 80 82; ！？； are EF BC 81/9F/9B
		if i+2 < len(folded) {
			switch folded[i : i+3] {
			case "。", "！", "？", "；":
				return 3
			}
		}
	}
	return 0
}

// Context flags of a word.
const (
	proseCtxPersonal = 1 << iota
	proseCtxProfessional
)

// context returns the context flags of the words in before and after: whole
// non-CJK words looked up in d.contextWords, CJK words found as substrings.
func (d *wlDict) context(before, after string) (flags int) {
	for _, s := range [2]string{before, after} {
		ascii := true
		for i := 0; i < len(s); {
			c := s[i]
			if c >= utf8.RuneSelf {
				ascii = false
			}
			if !proseWordByte(c) {
				i++
				continue
			}
			j := i + 1
			for j < len(s) && proseWordByte(s[j]) {
				j++
			}
			flags |= d.contextWords[s[i:j]]
			i = j
		}
		if !ascii {
			for _, w := range d.personalCJK {
				if strings.Contains(s, w) {
					flags |= proseCtxPersonal
					break
				}
			}
			for _, w := range d.professionalCJK {
				if strings.Contains(s, w) {
					flags |= proseCtxProfessional
					break
				}
			}
		}
	}
	return flags
}

// proseWordByte reports whether c can be part of a non-CJK context word:
// ASCII letters and digits, and the bytes of non-ASCII runes (accented
// Latin letters); a CJK run then forms a "word" that no map key matches.
func proseWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}

// proseHyphenated reports whether the hit is glued to another word by a
// hyphen or slash: "third-party", "single-page", "sign-on/single".
func proseHyphenated(folded string, start, end int) bool {
	if start >= 2 && (folded[start-1] == '-' || folded[start-1] == '/') {
		if r, _ := utf8.DecodeLastRuneInString(folded[:start-1]); wlWordRune(r) {
			return true
		}
	}
	if end+1 < len(folded) && (folded[end] == '-' || folded[end] == '/') {
		if r, _ := utf8.DecodeRuneInString(folded[end+1:]); wlWordRune(r) {
			return true
		}
	}
	return false
}

// proseProperNoun reports whether a single capitalised word ("Christian") is
// next to another capitalised word, as in a person's or an organisation's
// name. All-caps text is left alone.
func proseProperNoun(text string, start, end int) bool {
	w := text[start:end]
	if strings.IndexByte(w, ' ') >= 0 || !proseTitleCase(w) {
		return false
	}
	// A capitalised word before it, one space away ("Jane Gay", "Anna
	// Christian"), other than "I".
	if start >= 2 && text[start-1] == ' ' {
		i := start - 1
		for i > 0 && (text[i-1] >= 'a' && text[i-1] <= 'z' || text[i-1] >= 'A' && text[i-1] <= 'Z') {
			i--
		}
		if prev := text[i : start-1]; prev != "I" && prev != "" && proseTitleCase(prev) {
			return true
		}
	}
	rest := text[end:]
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	rest = strings.TrimLeft(rest, " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

func proseTitleCase(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range w[size:] {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// proseHit is a kept hit: one phrase, or several joined phrases of one
// category. A Chinese ethnic-group hit directly followed by 自治 is part of a
// place name ("宁夏回族自治区", and "湘西土家族苗族自治州" where the two
// touching groups are joined into one hit) and is dropped.
type proseHit struct {
	start, end int
	cat        Category
	l          Likelihood
	cjk        bool
	extend     bool // run on to the end of the clause
	words      int  // number of phrases joined
}

// proseIsLabel reports whether the phrase ending at end is followed by a
// field separator (a colon, a bar or a tab), which makes it a field label.
func proseIsLabel(folded string, end int) bool {
	rest := strings.TrimLeft(folded[end:], " ")
	return rest != "" && (rest[0] == ':' || rest[0] == '|' || rest[0] == '\t' || strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, "｜"))
}
