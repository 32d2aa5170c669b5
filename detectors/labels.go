package detectors

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// Field labels: resumes carry personal-details blocks ("Marital status:
// Married", "民族：汉", "| 性别 | 男 |", "Gender: Male   Nationality: Indian").
// The label detector finds each label with one Aho-Corasick pass, accepts it
// only where a label can stand (line or cell start, right after the value
// of a label before it on the same line, or opening a run of labels that
// follows other text on its line) and when a separator follows, and
// reports the value: from the separator to the next label, cell separator or
// line end.

//go:embed data/labels_en.txt
var labelDataEN string

//go:embed data/labels_zh.txt
var labelDataZH string

//go:embed data/labels_pt.txt
var labelDataPT string

//go:embed data/labels_eu.txt
var labelDataEU string

// labelIgnore is the category column of labels that only end the value
// before them and produce nothing.
const labelIgnore = "-"

// labelEntry is one pattern of the label automaton.
type labelEntry struct {
	category Category // "" for an ignore label
	han      bool     // the label starts with a Han character
	noDigits bool     // values containing a digit are dropped
	number   bool     // values must contain a number and no percentage
	weak     bool     // a common word: only at a line start, after a personal label or opening a run before one
	head     bool     // ends longer labels ("Client Name"): opens a run only after a heading
}

type labelDetector struct {
	// The automaton is built on first use (ac), not at init: every
	// process links the registry, and the parent of the worker processes
	// never scans.
	acOnce   sync.Once
	acTable  *ahocorasick.Automaton
	family   *patternFamily // the registered detector's labels, in the shared pass
	patterns []string
	entries  []labelEntry
}

func init() {
	d, err := newLabelDetector(map[string]string{"labels_en.txt": labelDataEN, "labels_zh.txt": labelDataZH, "labels_pt.txt": labelDataPT, "labels_eu.txt": labelDataEU})
	if err != nil {
		panic(err) // embedded data; TestLabelData reports the same error
	}
	d.family = newFamily(func() []string { return d.patterns })
	register(d)
}

// labelLine is one parsed line of a label data file.
type labelLine struct {
	file, label, category        string
	noDigits, number, weak, head bool
	line                         int
}

// parseLabelData parses "category<TAB>label[<TAB>flags]" lines, skipping
// blank lines and # comments.
func parseLabelData(file, data string) ([]labelLine, error) {
	var out []labelLine
	sc := bufio.NewScanner(strings.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || f[1] == "" {
			return nil, fmt.Errorf("%s:%d: want category<TAB>label[<TAB>flags]", file, n)
		}
		ll := labelLine{file: file, category: f[0], label: f[1], line: n}
		if ll.category != labelIgnore && !Category(ll.category).Valid() {
			return nil, fmt.Errorf("%s:%d: unknown category %q", file, n, f[0])
		}
		if len(f) == 3 {
			for _, flag := range strings.Fields(f[2]) {
				switch flag {
				case "nodigits":
					ll.noDigits = true
				case "number":
					ll.number = true
				case "weak":
					ll.weak = true
				case "head":
					ll.head = true
				default:
					return nil, fmt.Errorf("%s:%d: unknown flag %q", file, n, flag)
				}
			}
		}
		if Fold(ll.label) != ll.label || strings.TrimSpace(ll.label) != ll.label {
			return nil, fmt.Errorf("%s:%d: label %q must be lower-case and trimmed", file, n, ll.label)
		}
		out = append(out, ll)
	}
	return out, sc.Err()
}

// labelVariants returns the spellings a label is matched in: a straight
// apostrophe also as ’, and a two-character Han label also with alignment
// spaces inside ("姓 名", "姓  名", "姓　名", "姓　　名").
func labelVariants(label string) []string {
	vs := []string{label}
	if strings.Contains(label, "'") {
		vs = append(vs, strings.ReplaceAll(label, "'", "’"))
	}
	if r := []rune(label); len(r) == 2 && labelIsHan(r[0]) && labelIsHan(r[1]) {
		for _, sp := range []string{" ", "  ", "   ", "    ", "　", "　　"} {
			vs = append(vs, string(r[0])+sp+string(r[1]))
		}
	}
	return vs
}

func newLabelDetector(files map[string]string) (*labelDetector, error) {
	d := &labelDetector{}
	seen := map[string]string{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		lines, err := parseLabelData(name, files[name])
		if err != nil {
			return nil, err
		}
		for _, ll := range lines {
			for _, v := range labelVariants(ll.label) {
				if prev, dup := seen[v]; dup {
					return nil, fmt.Errorf("%s:%d: label %q already listed (%s)", ll.file, ll.line, v, prev)
				}
				seen[v] = fmt.Sprintf("%s:%d", ll.file, ll.line)
				r, _ := utf8.DecodeRuneInString(v)
				e := labelEntry{han: labelIsHan(r), noDigits: ll.noDigits, number: ll.number, weak: ll.weak, head: ll.head}
				if ll.category != labelIgnore {
					e.category = Category(ll.category)
				}
				d.patterns = append(d.patterns, v)
				d.entries = append(d.entries, e)
			}
		}
	}
	// Build fails only on these, so that building later cannot.
	if len(d.patterns) == 0 || slices.Contains(d.patterns, "") {
		return nil, errors.New("label automaton: no labels, or an empty one")
	}
	return d, nil
}

// ac returns the label automaton, built on the first call.
func (d *labelDetector) ac() *ahocorasick.Automaton {
	d.acOnce.Do(func() {
		ac, err := ahocorasick.NewBuilder().AddStrings(d.patterns).Build()
		if err != nil {
			panic(err) // newLabelDetector refuses what Build refuses
		}
		d.acTable = ac
	})
	return d.acTable
}

// prepare builds the automaton now (see Scanner.Prepare).
func (d *labelDetector) prepare() { d.ac() }

func (d *labelDetector) ID() string { return "label" }

// matches finds the labels in the folded text: from the shared pass for
// the registered detector, with its own automaton otherwise (tests).
func (d *labelDetector) matches(in *Input) []ahocorasick.Match {
	if d.family != nil {
		return in.familyMatches(d.family) // its only consumer: may be sorted in place
	}
	return d.ac().FindAllOverlapping([]byte(in.Folded))
}

// Keywords is nil: the detector runs one automaton over all its labels,
// which is its own prefilter; listing the labels again in the scanner's
// prefilter would scan the text twice for the same words.
func (d *labelDetector) Keywords() []string { return nil }

// labelHit is an accepted label occurrence.
type labelHit struct {
	start, end int // the label itself
	valueStart int // after the separator and spaces
	lineStart  int
	entry      labelEntry
	sep        labelSep
	// tentative marks a label that stands only if the next label on its
	// line is accepted after its value (see acceptLabel).
	tentative bool
}

// Limits that keep the work per label bounded (and so the detector linear).
const (
	labelMaxValue      = 200 // bytes of a value; a longer one is cut here
	labelMaxSpaceValue = 60  // bytes of a value after a space-only separator
	labelMaxLookBack   = 64
	labelChainGap      = 48 // bytes from a value start to a label glued to it
)

func (d *labelDetector) Detect(in *Input) []Match {
	raw := d.matches(in)
	if len(raw) == 0 {
		return nil
	}
	// By start, longest first.
	slices.SortFunc(raw, func(a, b ahocorasick.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	text, folded := in.Text, in.Folded
	var hits []labelHit
	var pend labelPending      // a label just rejected at a line or cell start
	lineStart, scanned := 0, 0 // lineStart of position scanned
	for i := 0; i < len(raw); {
		start := raw[i].Start
		j := i
		for j < len(raw) && raw[j].Start == start {
			j++
		}
		group := raw[i:j]
		i = j
		for ; scanned < start; scanned++ {
			if text[scanned] == '\n' || text[scanned] == '\r' {
				lineStart = scanned + 1
			}
		}
		var prev *labelHit
		if n := len(hits); n > 0 && hits[n-1].lineStart == lineStart {
			prev = &hits[n-1]
			if start < prev.end {
				continue // inside an accepted label
			}
		}
		accepted := false
		for _, m := range group {
			e := d.entries[m.PatternID]
			paired := pend.ok && pend.lineStart == lineStart && pend.category == e.category && pend.end <= m.Start && labelPairGap(text[pend.end:m.Start])
			h, ok := acceptLabel(text, folded, m.Start, m.End, lineStart, e, prev, paired)
			if ok && prev != nil && prev.tentative {
				if labelConfirms(prev, h) {
					// A second label after the first one's value: the
					// first opens a run.
					prev.tentative = false
				} else {
					// prev opens no run with h: drop it, and see whether
					// h opens one itself.
					hits, prev = hits[:len(hits)-1], nil
					h, ok = acceptLabel(text, folded, m.Start, m.End, lineStart, e, nil, paired)
				}
			}
			if ok {
				hits = append(hits, h)
				accepted = true
				break
			}
		}
		pend.ok = false
		if e := d.entries[group[0].PatternID]; !accepted && e.category != "" {
			switch labelStartKind(text, start, lineStart) {
			case labelStartLine, labelStartCell:
				// Perhaps the first half of a bilingual label ("Name 姓名:",
				// "DOB 出生日期:"): the translation after it may stand for it.
				pend = labelPending{end: group[0].End, lineStart: lineStart, category: e.category, ok: true}
			}
		}
	}
	// A label no other label followed on its line stands alone after other
	// text ("... in 2015. Nationality: British"): left to the other
	// detectors, as before runs were recognised.
	hits = slices.DeleteFunc(hits, func(h labelHit) bool { return h.tentative })
	var out []Match
	names := 0 // name values whose repeats are searched: bounded, for linear time
	for k, h := range hits {
		if h.entry.category == "" {
			continue
		}
		nextOnLine := k+1 < len(hits) && hits[k+1].lineStart == h.lineStart
		if h.sep == labelSepAlias {
			// "Height/Weight: ...": the value belongs to the label after.
			continue
		}
		maxLen := labelMaxValue
		if h.sep == labelSepSpace {
			maxLen = labelMaxSpaceValue
		}
		limit := min(len(text), h.valueStart+maxLen)
		atNext := false
		if nextOnLine && hits[k+1].start <= limit {
			limit, atNext = max(hits[k+1].start, h.valueStart), true
		}
		ve, atBoundary := labelValueExtent(text, h.valueStart, limit)
		vs := h.valueStart
		if h.sep == labelSepSpace && !atBoundary && !atNext {
			continue // runs on like prose: not a table cell
		}
		if ve == vs && !atNext && h.sep == labelSepStrong && (h.entry.category == Contact || h.entry.category == Name) {
			vs, ve = d.nextLineValue(text, folded, vs, h.entry.category)
		}
		if ve <= vs || !labelValueOK(text[vs:ve], h.entry) || d.isLabel(folded[vs:ve]) {
			continue
		}
		m := Match{Category: h.entry.category, Detector: d.ID(), Start: vs, End: ve, Likelihood: High}
		out = append(out, m)
		if m.Category == Name && names < 2 {
			names++
			out = append(out, nameRepeats(in, m)...)
		}
	}
	return out
}

// labelPending is a label of a category that did not stand on its own at a
// line or cell start, because its separator follows a translation of it.
type labelPending struct {
	end, lineStart int
	category       Category
	ok             bool
}

// labelPairGap reports whether gap, between the two halves of a bilingual
// label, is only a space or a slash.
func labelPairGap(gap string) bool {
	return gap != "" && len(gap) <= 4 && strings.Trim(gap, " /") == ""
}

// acceptLabel decides whether the pattern at folded[start:end] stands as a
// label: where it starts, what it touches, and the separator after it. A
// paired label is the second half of a bilingual label and stands where
// the first half stood.
func acceptLabel(text, folded string, start, end, lineStart int, e labelEntry, prev *labelHit, paired bool) (labelHit, bool) {
	h := labelHit{start: start, end: end, lineStart: lineStart, entry: e}
	// English labels are whole words.
	if !e.han {
		if r, _ := utf8.DecodeLastRuneInString(folded[:start]); start > 0 && isWordRune(r) {
			return h, false
		}
		if r, _ := utf8.DecodeRuneInString(folded[end:]); end < len(folded) && isWordRune(r) {
			return h, false
		}
	}
	startKind := labelStartKind(text, start, lineStart)
	if paired {
		startKind = labelStartLine
	}
	chained := false
	switch startKind {
	case labelStartLine, labelStartCell:
	case labelStartSpace, labelStartPunct, labelStartGlued:
		// Right after the value of a label before it on the line:
		// "性别：男 民族：汉", "Name: Jane Doe, Age: 34", "性别：男民族：汉".
		if labelAfterValue(prev, start) {
			if startKind == labelStartGlued && (!e.han || start-prev.valueStart > labelChainGap) {
				return h, false
			}
			chained = true
			break
		}
		// Or opening a run of labels after other text on the line: a
		// heading, a name and address ("PERSONAL DETAILS Date of birth:
		// 12 March 1990 Nationality: British", what pandoc makes of a
		// block of lines, or "个人信息 性别：男 民族：汉"). Such a label
		// needs a colon and stands only if the next label on its line is
		// accepted after its value (Detect drops it otherwise), so that a
		// lone "Nationality: British" after a sentence stays prose.
		if startKind == labelStartGlued || prev != nil || !labelCanOpenRun(text, start, end, e) {
			return h, false
		}
		h.tentative = true
	default:
		return h, false
	}
	if e.weak && !h.tentative && startKind != labelStartLine && (!labelAfterValue(prev, start) || prev.entry.category == "") {
		// "Skills: Go | Health: FHIR, HL7" is a skills domain. (A weak
		// label opening a run needs a personal label after it: labelConfirms.)
		return h, false
	}
	vs, sep := labelSeparator(text, end)
	if sep == labelSepNone || h.tentative && !labelColonBefore(text, end, vs) {
		return h, false
	}
	if startKind == labelStartGlued && !labelColonBefore(text, end, vs) {
		return h, false // "少数民族 | 28岁" is no label glued to a value
	}
	if startKind == labelStartCell && !labelAfterValue(prev, start) && !labelColonBefore(text, end, vs) &&
		!labelFirstCell(text[lineStart:start]) {
		// "Finance | Health | Retail" is a list, not a label and its value:
		// a label followed by a rule, a tab or spaces must open its row or
		// follow the value of another label.
		return h, false
	}
	if sep == labelSepSpace {
		// "Marital Status    Single" in a table; Chinese tables also with one
		// space ("性别 男"). English needs two spaces or a tab.
		if chained && !e.han {
			return h, false
		}
		gap := text[end:vs]
		if !e.han && !strings.Contains(gap, "\t") && !strings.Contains(gap, "  ") && !strings.Contains(gap, "　") {
			return h, false
		}
	}
	h.valueStart, h.sep = vs, sep
	return h, true
}

// labelCanOpenRun reports whether the label at text[start:end], after
// other text on its line, may open a run of labels. A Han label must not be
// glued to the text before it ("少数民族：" is no label; the caller checks).
// A Latin one is written with a capital, as field names are, and not
// "checked the nationality: ..."; and a head label after a word is the end
// of a longer label, not the candidate's field ("Client Name:", "Billing
// Address:"), unless that word is a heading in capitals ("PERSONAL
// DETAILS Name:").
func labelCanOpenRun(text string, start, end int, e labelEntry) bool {
	if e.han {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(text[start:]); !unicode.IsUpper(r) {
		return false
	}
	if e.head {
		before := strings.TrimRight(text[max(0, start-labelMaxLookBack):start], " ")
		word := before[strings.LastIndexAny(before, " \t\n\r")+1:]
		if r, _ := utf8.DecodeLastRuneInString(word); unicode.IsLetter(r) && strings.ToUpper(word) != word {
			return false
		}
	}
	return true
}

// labelConfirms reports whether h, accepted after the tentative label
// prev on its line, makes prev the start of a run of labels: it follows
// prev's value closely enough to end it, and after a weak label ("Race :
// Chinese Religion : Buddhist") it is a personal label itself, so that
// "Health: FHIR rollout, Role: lead" stays a sentence. Only the latest
// hit can be tentative: a label is accepted after other text only when
// no label was accepted before it on its line.
func labelConfirms(prev *labelHit, h labelHit) bool {
	if !labelAfterValue(prev, h.start) || h.start-prev.valueStart > labelMaxValue {
		return false
	}
	return !prev.entry.weak || h.entry.category != ""
}

// labelAfterValue reports whether a label at start follows the value of
// the previous label on its line.
func labelAfterValue(prev *labelHit, start int) bool {
	return prev != nil && start >= prev.valueStart
}

// labelFirstCell reports whether only rules, bullets and spaces precede a
// label on its line.
func labelFirstCell(before string) bool {
	for _, r := range before {
		if r != ' ' && r != '\t' && r != '|' && r != '｜' && r != '│' && r != '　' && !labelIsBullet(r) {
			return false
		}
	}
	return true
}

// labelColonBefore reports whether the separator between a label ending at
// end and its value at vs is a colon.
func labelColonBefore(text string, end, vs int) bool {
	gap := text[end:vs]
	return strings.ContainsAny(gap, ":：")
}

type labelStart int

const (
	labelStartNone  labelStart = iota
	labelStartLine             // at a line start, after indentation or a bullet
	labelStartCell             // after a tab, a cell rule or two or more spaces
	labelStartSpace            // after one space
	labelStartPunct            // after , ; 、 or /
	labelStartGlued            // right after a non-space character
)

// labelStartKind classifies what precedes position start on its line.
func labelStartKind(text string, start, lineStart int) labelStart {
	p := start
	spaces := 0
	for p > lineStart && start-p < labelMaxLookBack {
		if text[p-1] == ' ' {
			p--
			spaces++
			continue
		}
		if strings.HasSuffix(text[:p], "　") {
			p -= len("　")
			spaces += 2
			continue
		}
		break
	}
	if p == lineStart || start-p >= labelMaxLookBack {
		return labelStartLine
	}
	r, size := utf8.DecodeLastRuneInString(text[lineStart:p])
	switch r {
	case '\t', '|', '｜', '│', '丨':
		return labelStartCell
	}
	if spaces >= 2 {
		return labelStartCell
	}
	if labelIsBullet(r) && strings.TrimSpace(text[lineStart:p-size]) == "" || labelIsNumbering(text[lineStart:p]) {
		return labelStartLine
	}
	switch r {
	case ',', ';', '，', '；', '、', '/', '／', '。':
		return labelStartPunct
	}
	if spaces == 1 {
		return labelStartSpace
	}
	return labelStartGlued
}

func labelIsBullet(r rune) bool {
	switch r {
	case '-', '*', '•', '·', '●', '○', '▪', '■', '□', '◆', '◇', '►', '▶', '➢', '✓', '✔', '√', '>', '–', '—':
		return true
	}
	return false
}

// labelIsNumbering reports whether s is a list number: "1.", "12)", "a.",
// "(3)", after optional indentation.
func labelIsNumbering(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	last := s[len(s)-1]
	if last != '.' && last != ')' {
		return false
	}
	body := strings.TrimPrefix(s[:len(s)-1], "(")
	if len(body) == 1 && body[0] >= 'a' && body[0] <= 'z' {
		return true
	}
	for i := 0; i < len(body); i++ {
		if body[i] < '0' || body[i] > '9' {
			return false
		}
	}
	return body != ""
}

type labelSep int

const (
	labelSepNone   labelSep = iota
	labelSepStrong          // ":", "：", "|", "-", "="
	labelSepSpace           // only spaces or a tab: a table without rules
	labelSepAlias           // "/": another label of the same field follows
)

// labelSeparator looks at what follows a label ending at end: optional
// spaces, an optional parenthesised note ("Date of Birth (DD/MM/YYYY)"),
// then ":", "：", "|", "-" or "=", or "/" before another label, or just
// spaces or a tab before a value. It returns where the value starts.
func labelSeparator(text string, end int) (int, labelSep) {
	p := labelSkipSpaces(text, end, 16)
	spaced := p > end
	if p < len(text) && (text[p] == '(' || strings.HasPrefix(text[p:], "（")) {
		closer := ")"
		if text[p] != '(' {
			closer = "）"
		}
		q := strings.Index(text[p:min(len(text), p+48)], closer)
		if q <= 0 || strings.ContainsAny(text[p:p+q], "\n\r") {
			return 0, labelSepNone
		}
		p = labelSkipSpaces(text, p+q+len(closer), 16)
		if labelStrongSepAt(text, p) == 0 {
			return 0, labelSepNone
		}
	}
	if n := labelStrongSepAt(text, p); n > 0 {
		if text[p] == '-' || strings.HasPrefix(text[p:], "–") || strings.HasPrefix(text[p:], "—") {
			// "Nationality - Indian", not "Height-adjustable".
			if !spaced && (p+n >= len(text) || text[p+n] != ' ') {
				return 0, labelSepNone
			}
		}
		return labelSkipSpaces(text, p+n, 16), labelSepStrong
	}
	if p < len(text) && (text[p] == '/' || strings.HasPrefix(text[p:], "／")) {
		n := 1
		if text[p] != '/' {
			n = len("／")
		}
		return labelSkipSpaces(text, p+n, 16), labelSepAlias
	}
	if spaced && p < len(text) && text[p] != '\n' && text[p] != '\r' {
		return p, labelSepSpace
	}
	return 0, labelSepNone
}

// labelStrongSepAt returns the length of a separator character at p, or 0.
func labelStrongSepAt(text string, p int) int {
	if p >= len(text) {
		return 0
	}
	switch text[p] {
	case ':', '|', '-', '=':
		return 1
	}
	for _, s := range []string{"：", "｜", "–", "—", "丨"} {
		if strings.HasPrefix(text[p:], s) {
			return len(s)
		}
	}
	return 0
}

// labelSkipSpaces skips spaces, tabs and ideographic spaces (at most max
// bytes).
func labelSkipSpaces(text string, p, max int) int {
	start := p
	for p < len(text) && p-start < max {
		switch {
		case text[p] == ' ' || text[p] == '\t':
			p++
		case strings.HasPrefix(text[p:], "　"):
			p += len("　")
		default:
			return p
		}
	}
	return p
}

// labelValueExtent finds the end of the value starting at vs: a line end, a
// cell separator (tab, |, two spaces, an ideographic space) or limit, with
// trailing spaces and punctuation trimmed. atBoundary reports whether the
// value ended at a line end, a cell separator or the end of the text rather
// than at limit.
func labelValueExtent(text string, vs, limit int) (end int, atBoundary bool) {
	e := vs
	// An unlisted label after the value also ends it: a capitalised word
	// after a space and before ": " or " : " ("Gender: Male Place: Pune",
	// "Religion : Muslim Category : OBC"), or a short Han run before "："
	// ("性别：男 学号：123"). word is where the current word started (-1
	// inside a token that is not a word), lastWord the word before the
	// last space.
	word, lastWord, han, hanRunes := -1, -1, -1, 0
	for ; e < limit; e++ {
		c := text[e]
		if c == '\n' || c == '\r' || c == '\t' || c == '|' ||
			c == ' ' && e+1 < len(text) && text[e+1] == ' ' ||
			c >= utf8.RuneSelf && (strings.HasPrefix(text[e:], "　") || strings.HasPrefix(text[e:], "｜") || strings.HasPrefix(text[e:], "丨")) {
			atBoundary = true
			break
		}
		switch {
		case c == ' ':
			word, lastWord, han = e+1, word, -1
			continue
		case c == ':' && word > vs && e > word && text[word] >= 'A' && text[word] <= 'Z' && (e+1 == len(text) || text[e+1] == ' '):
			e, atBoundary = word, true
		case c == ':' && word == e && lastWord > vs && text[lastWord] >= 'A' && text[lastWord] <= 'Z' && (e+1 == len(text) || text[e+1] == ' '):
			e, atBoundary = lastWord, true
		case c >= utf8.RuneSelf && strings.HasPrefix(text[e:], "：") && han > vs && hanRunes <= 8:
			e, atBoundary = han, true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			han = -1
			continue
		case c >= utf8.RuneSelf:
			word = -1
			if !utf8.RuneStart(c) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(text[e:]); labelIsHan(r) {
				if han < 0 {
					han, hanRunes = e, 0
				}
				hanRunes++
			} else {
				han = -1
			}
			continue
		default:
			word, han = -1, -1
			continue
		}
		break
	}
	if e == len(text) {
		atBoundary = true
	}
	for e > vs && e < len(text) && !utf8.RuneStart(text[e]) {
		e-- // cut at the byte limit: back to a rune start
	}
	for e > vs {
		r, size := utf8.DecodeLastRuneInString(text[vs:e])
		switch r {
		case ' ', ',', ';', '，', '；', '、', '。', '/', '／':
			e -= size
			continue
		}
		break
	}
	return e, atBoundary
}

// nextLineValue takes the next line as the value of a label that ends its
// line with a colon ("Address:\n12 Baker Street"), when that line is short,
// does not start with a label itself and has the shape of the value: an
// address has a digit or a comma, a name two words or CJK characters. A
// heading such as "Summary" after an emptied field (a redacted PDF keeps
// the label and loses the value) is no value.
func (d *labelDetector) nextLineValue(text, folded string, p int, c Category) (int, int) {
	if p < len(text) && text[p] == '\r' {
		p++
	}
	if p >= len(text) || text[p] != '\n' {
		return p, p
	}
	vs := labelSkipSpaces(text, p+1, 16)
	ve := vs
	for ve < len(text) && text[ve] != '\n' && text[ve] != '\r' && ve-vs <= 120 {
		ve++
	}
	if ve-vs > 120 || ve == vs {
		return p, p
	}
	if m, ok := d.ac().Find(stringBytes(folded[vs:ve]), 0); ok && m.Start == 0 {
		return p, p
	}
	e, _ := labelValueExtent(text, vs, ve)
	v := text[vs:e]
	switch {
	case c == Contact && !strings.ContainsAny(v, "0123456789,，"):
		return p, p
	case c == Name && len(strings.Fields(v)) < 2 && !labelHasCJK(v):
		return p, p
	}
	return vs, e
}

func labelHasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// isLabel reports whether v is itself a label ("Gender:    DOB 出生日期:"
// once both values are removed from a PDF): the next field, not a value.
func (d *labelDetector) isLabel(v string) bool {
	v = strings.TrimSpace(v)
	m, ok := d.ac().Find(stringBytes(v), 0)
	return ok && m.Start == 0 && m.End == len(v)
}

// labelPlaceholders are values that say nothing.
var labelPlaceholders = map[string]bool{
	"n/a": true, "na": true, "n.a.": true, "n.a": true, "nil": true, "null": true,
	"tbd": true, "xxx": true, "not applicable": true, "-": true, "/": true,
}

// labelValueOK rejects empty values, placeholders and values the label's
// flags exclude.
func labelValueOK(v string, e labelEntry) bool {
	hasContent, hasNumber := false, false
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			hasContent = true
		}
		if unicode.IsDigit(r) || strings.ContainsRune("一二三四五六七八九十", r) {
			hasNumber = true
		}
		if e.number && (r == '%' || r == '％') {
			return false
		}
		if e.noDigits && unicode.IsDigit(r) {
			return false
		}
	}
	if e.number && !hasNumber {
		return false
	}
	if !hasContent || labelPlaceholders[strings.ToLower(strings.TrimSpace(v))] {
		return false
	}
	if e.category == Name && len(strings.Fields(v)) > 6 {
		return false
	}
	return true
}

func labelIsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// labelRuneStart moves p back to the start of the rune it falls in.
func labelRuneStart(text string, p int) int {
	for p > 0 && p < len(text) && !utf8.RuneStart(text[p]) {
		p--
	}
	return p
}
