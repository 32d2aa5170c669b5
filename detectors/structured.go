package detectors

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// Unlabelled structured values: ages ("34 years old", "28岁", "born in
// 1990", "出生于1995年"), measurements ("175cm/65kg", "身高175cm"), WeChat and
// QQ IDs after their keyword, residential addresses with clear cues (house
// number and street type, 号楼/单元/室), and personal values standing alone as
// cells of a header line ("张三 | 男 | 28岁 | 汉族").
//
// One Aho-Corasick pass finds the cue words; each cue is then checked in a
// bounded window around it, so the cost stays linear. Regular expressions
// only ever run on those windows.

//go:embed data/values_en.txt
var labelValuesEN string

//go:embed data/values_zh.txt
var labelValuesZH string

//go:embed data/values_pt.txt
var labelValuesPT string

type structuredCue int

const (
	cueYearsOld     structuredCue = iota + 1 // "34 years old"
	cueAgeWord                               // "Age 34", "aged 34"
	cueBorn                                  // "born in 1990"
	cueDOB                                   // "DOB 1990-03-12"
	cueSui                                   // "28岁"
	cueBornZHAfter                           // "出生于1995年"
	cueBornZHBefore                          // "1995年出生", "95年生"
	cueMeasure                               // "身高175cm", "Height 5'10"
	cueCM                                    // "175cm/65kg"
	cueMeasureZH                             // "身高182", "近视600度": the unit may be left out
	cueWeChat                                // "微信 zhang_san88"
	cueQQ                                    // "QQ 12345678"
	cueWxid                                  // "wxid_abc123"
	cueAddrZH                                // 号楼, 单元, 室, 小区
	cueStreet                                // "12 Baker Street"
	cueRua                                   // "Rua Augusta, 123"
	cueCell                                  // a value that may stand as a cell
	cueAnos                                  // "34 anos", "37 años", "34 ans", "35 Jahre"
	cueNianCi                                // "1985年次", "74年次" (Taiwan: year of birth)
	cueHukou                                 // "上海户口" as a header cell
)

type structuredCueEntry struct {
	kind     structuredCue
	category Category // cueCell only
	weak     bool     // cueCell only
	comma    bool     // cueCell only: may stand between commas
	ascii    bool     // whole-word match needed
}

var structuredCues = map[string]structuredCue{
	"years old": cueYearsOld, "year old": cueYearsOld, "yrs old": cueYearsOld, "yr old": cueYearsOld,
	"age": cueAgeWord, "aged": cueAgeWord,
	"born": cueBorn, "nascido": cueBorn, "nascida": cueBorn, "nacido": cueBorn, "nacida": cueBorn,
	"né": cueBorn, "née": cueBorn, "geboren": cueBorn,
	"歲": cueSui, "年次": cueNianCi,
	"dob": cueDOB, "d.o.b": cueDOB, "d.o.b.": cueDOB, "date of birth": cueDOB, "birth date": cueDOB, "birthdate": cueDOB,
	"岁": cueSui, "anos": cueAnos, "户口": cueHukou, "户籍": cueHukou, "戶口": cueHukou, "戶籍": cueHukou,
	"出生于": cueBornZHAfter, "生于": cueBornZHAfter,
	"出生": cueBornZHBefore, "年生": cueBornZHBefore, "月生": cueBornZHBefore, "日生": cueBornZHBefore,
	"身高": cueMeasureZH, "体重": cueMeasureZH, "體重": cueMeasureZH, "视力": cueMeasureZH, "視力": cueMeasureZH, "近视": cueMeasureZH, "近視": cueMeasureZH,
	"height": cueMeasure, "weight": cueMeasure,
	"cm": cueCM,
	"微信": cueWeChat, "微信号": cueWeChat, "wechat": cueWeChat, "weixin": cueWeChat, "wechat id": cueWeChat,
	"qq": cueQQ, "qq号": cueQQ, "qq号码": cueQQ,
	"wxid_": cueWxid,
	"号楼":    cueAddrZH, "栋": cueAddrZH, "幢": cueAddrZH, "单元": cueAddrZH, "室": cueAddrZH, "小区": cueAddrZH, "弄": cueAddrZH, "号院": cueAddrZH,
	"street": cueStreet, "st": cueStreet, "avenue": cueStreet, "ave": cueStreet, "road": cueStreet, "rd": cueStreet,
	"lane": cueStreet, "ln": cueStreet, "drive": cueStreet, "dr": cueStreet, "boulevard": cueStreet, "blvd": cueStreet,
	"court": cueStreet, "ct": cueStreet, "place": cueStreet, "way": cueStreet, "terrace": cueStreet,
	"crescent": cueStreet, "close": cueStreet, "parkway": cueStreet, "highway": cueStreet, "square": cueStreet,
	"gardens": cueStreet, "grove": cueStreet, "mews": cueStreet, "nagar": cueStreet, "marg": cueStreet,
	"rua": cueRua, "avenida": cueRua, "travessa": cueRua, "alameda": cueRua,
}

type structuredDetector struct {
	ac       *ahocorasick.Automaton
	family   *patternFamily // the registered detector's cues, in the shared pass
	entries  []structuredCueEntry
	keywords []string
	// values maps each Latin-script cell value to its category, for
	// comma-separated personal-details phrases ("Male, 32, married").
	values map[string]Category
}

func init() {
	d, err := newStructuredDetector(map[string]string{"values_en.txt": labelValuesEN, "values_zh.txt": labelValuesZH, "values_pt.txt": labelValuesPT})
	if err != nil {
		panic(err) // embedded data; TestStructuredData reports the same error
	}
	d.family = newFamily(func() []string { return d.keywords })
	register(d)
}

// labelValueLine is one line of a values data file.
type labelValueLine struct {
	value       string
	category    Category
	weak, comma bool
	line        int
}

func parseLabelValues(file, data string) ([]labelValueLine, error) {
	var out []labelValueLine
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || f[1] == "" {
			return nil, fmt.Errorf("%s:%d: want category<TAB>value[<TAB>flags]", file, n+1)
		}
		if !Category(f[0]).Valid() {
			return nil, fmt.Errorf("%s:%d: unknown category %q", file, n+1, f[0])
		}
		if Fold(f[1]) != f[1] {
			return nil, fmt.Errorf("%s:%d: value %q must be lower-case", file, n+1, f[1])
		}
		v := labelValueLine{value: f[1], category: Category(f[0]), line: n + 1}
		if len(f) == 3 {
			for _, flag := range strings.Fields(f[2]) {
				switch flag {
				case "weak":
					v.weak = true
				case "comma":
					v.comma = true
				default:
					return nil, fmt.Errorf("%s:%d: unknown flag %q", file, n+1, flag)
				}
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func newStructuredDetector(files map[string]string) (*structuredDetector, error) {
	d := &structuredDetector{}
	var patterns []string
	add := func(p string, e structuredCueEntry) error {
		if slices.Contains(patterns, p) {
			return fmt.Errorf("structured cue %q listed twice", p)
		}
		r, _ := utf8.DecodeRuneInString(p)
		e.ascii = r < utf8.RuneSelf
		patterns = append(patterns, p)
		d.entries = append(d.entries, e)
		return nil
	}
	cues := make([]string, 0, len(structuredCues))
	for c := range structuredCues {
		cues = append(cues, c)
	}
	slices.Sort(cues)
	for _, c := range cues {
		if err := add(c, structuredCueEntry{kind: structuredCues[c]}); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		vals, err := parseLabelValues(name, files[name])
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			if err := add(v.value, structuredCueEntry{kind: cueCell, category: v.category, weak: v.weak, comma: v.comma}); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, v.line, err)
			}
			if r, _ := utf8.DecodeRuneInString(v.value); r < utf8.RuneSelf {
				if d.values == nil {
					d.values = map[string]Category{}
				}
				d.values[v.value] = v.category
			}
		}
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(patterns).Build()
	if err != nil {
		return nil, fmt.Errorf("structured automaton: %w", err)
	}
	d.ac, d.keywords = ac, patterns
	return d, nil
}

func (d *structuredDetector) ID() string { return "structured" }

// Keywords is nil: like the label detector, it prefilters itself with one
// automaton over its cues.
func (d *structuredDetector) Keywords() []string { return nil }

// structuredCand is a candidate match; cells need their line's context.
type structuredCand struct {
	Match
	cell, weak bool
}

func (d *structuredDetector) Detect(in *Input) []Match {
	text, folded := in.Text, in.Folded
	var raw []ahocorasick.Match
	if d.family != nil {
		raw = in.familyMatches(d.family) // its only consumer
	} else {
		raw = d.ac.FindAllOverlapping([]byte(folded))
	}
	var cands []structuredCand
	emit := func(c Category, s, e int, l Likelihood) {
		if s < e {
			cands = append(cands, structuredCand{Match: Match{Category: c, Detector: d.ID(), Start: s, End: e, Likelihood: l}})
		}
	}
	for _, m := range raw {
		e := d.entries[m.PatternID]
		s, t := m.Start, m.End
		if e.ascii && !structuredBounded(folded, s, t, e.kind) {
			continue
		}
		switch e.kind {
		case cueYearsOld:
			if a, ok := structuredNumberBefore(text, s, 14, 90); ok {
				emit(Age, a, t, High)
			}
		case cueAgeWord:
			if a, b, ok := structuredAgeAfter(text, t); ok {
				emit(Age, a, b, High)
			}
		case cueBorn, cueDOB:
			if a, b, ok := structuredDateAfter(text, t, e.kind == cueBorn); ok {
				emit(Age, a, b, High)
			}
		case cueAnos:
			if a, ok := structuredNumberBefore(text, s, 14, 90); ok && structuredAnosIsAge(text, a, t) {
				emit(Age, a, t, High)
			}
		case cueHukou:
			if a, ok := structuredHukouCell(text, s, t); ok {
				emit(Origin, a, t, High)
			}
		case cueNianCi:
			if a, ok := structuredNianCi(text, s, t); ok {
				emit(Age, a, t, High)
			}
		case cueSui:
			a := s
			if strings.HasSuffix(text[:s], "周") || strings.HasSuffix(text[:s], "週") {
				a -= len("周")
			}
			if b, ok := structuredNumberBefore(text, a, 14, 90); ok && !structuredRangeBefore(text, b) {
				emit(Age, b, t, High)
			}
		case cueBornZHAfter:
			if a, b, ok := structuredZHDateAfter(text, t); ok {
				emit(Age, a, b, High)
			}
		case cueBornZHBefore:
			if a, b, ok := structuredZHDateBefore(text, s, t); ok {
				emit(Age, a, b, High)
			}
		case cueMeasure:
			if a, b, ok := structuredMeasureAfter(text, t); ok {
				emit(Physical, a, b, High)
			}
		case cueMeasureZH:
			if a, b, ok := structuredMeasureAfter(text, t); ok {
				emit(Physical, a, b, High)
			} else if a, b, ok := structuredBareMeasureAfter(text, t); ok {
				emit(Physical, a, b, High)
			}
		case cueCM:
			if a, b, ok := structuredHeightWeight(text, s, t); ok {
				emit(Physical, a, b, High)
			}
		case cueWeChat, cueQQ:
			if a, b, ok := structuredIMAfter(text, t, e.kind == cueQQ); ok {
				emit(Contact, a, b, High)
			}
		case cueWxid:
			if b := structuredTokenEnd(text, t); b-t >= 4 && isBoundary(text, s, b) {
				emit(Contact, s, b, High)
			}
		case cueAddrZH:
			if a, b, ok := structuredAddressZH(text, s, t); ok {
				emit(Contact, a, b, Medium)
			}
		case cueStreet:
			if a, b, ok := structuredAddressEN(text, s, t); ok {
				emit(Contact, a, b, Medium)
			}
		case cueRua:
			if a, b, ok := structuredAddressPT(text, s, t); ok {
				emit(Contact, a, b, Medium)
			}
		case cueCell:
			if structuredIsCell(text, s, t, e.ascii) || e.comma && structuredCommaCell(text, s, t) {
				cands = append(cands, structuredCand{Match: Match{Category: e.category, Detector: d.ID(), Start: s, End: t, Likelihood: Medium}, cell: true, weak: e.weak})
			} else if e.ascii {
				for _, m := range d.commaPhrase(text, folded, s) {
					emit(m.Category, m.Start, m.End, High)
				}
			}
		}
	}
	return structuredResolveCells(text, cands)
}

// structuredBounded checks that an ASCII cue is a whole word; "cm" may
// follow a digit ("175cm") and "wxid_" runs into the ID.
func structuredBounded(folded string, s, t int, kind structuredCue) bool {
	before := s == 0 || !isWordRune(structuredLastRune(folded[:s]))
	after := t == len(folded) || !isWordRune(structuredFirstRune(folded[t:]))
	switch kind {
	case cueCM:
		return after
	case cueWxid:
		return before
	}
	return before && after
}

// structuredResolveCells keeps cell values: a strong value always (High
// when another personal item shares its line), a weak one only with such
// company.
func structuredResolveCells(text string, cands []structuredCand) []Match {
	hasCell := false
	for _, c := range cands {
		hasCell = hasCell || c.cell
	}
	out := make([]Match, 0, len(cands))
	if !hasCell {
		for _, c := range cands {
			out = append(out, c.Match)
		}
		return out
	}
	slices.SortFunc(cands, func(a, b structuredCand) int { return a.Start - b.Start })
	// Line number of each candidate, by one sweep over the text.
	lines := make([]int, len(cands))
	line, pos := 0, 0
	for i, c := range cands {
		for pos < c.Start {
			nl := strings.IndexByte(text[pos:c.Start], '\n')
			if nl < 0 {
				pos = c.Start
				break
			}
			line++
			pos += nl + 1
		}
		lines[i] = line
	}
	for i := 0; i < len(cands); {
		j := i
		for j < len(cands) && lines[j] == lines[i] {
			j++
		}
		group := cands[i:j]
		ages := structuredBareAges(text, group)
		company := j-i+len(ages) >= 2
		out = append(out, ages...)
		for _, c := range group {
			if c.cell {
				if c.weak && !company {
					continue
				}
				if company {
					c.Likelihood = High
				}
			}
			out = append(out, c.Match)
		}
		i = j
	}
	return out
}

// structuredBareAges finds a bare number of years standing as a cell on a
// header line that has a gender cell: "Singapore Citizen | Male | 32",
// "男 28 汉族".
func structuredBareAges(text string, group []structuredCand) []Match {
	gender := false
	for _, c := range group {
		gender = gender || c.cell && c.Category == Gender
	}
	if !gender {
		return nil
	}
	ls := strings.LastIndexByte(text[:group[0].Start], '\n') + 1
	le := len(text)
	if k := strings.IndexByte(text[group[len(group)-1].End:], '\n'); k >= 0 {
		le = group[len(group)-1].End + k
	}
	han := false
	for _, r := range text[ls:le] {
		if labelIsHan(r) {
			han = true
			break
		}
	}
	var out []Match
	for p := ls; p < le; p++ {
		if text[p] < '0' || text[p] > '9' || p+2 > le || text[p+1] < '0' || text[p+1] > '9' {
			continue
		}
		if p > ls && text[p-1] >= '0' && text[p-1] <= '9' || p+2 < le && text[p+2] >= '0' && text[p+2] <= '9' {
			continue
		}
		n, _ := strconv.Atoi(text[p : p+2])
		if n >= 16 && n <= 80 && structuredIsCell(text[:le], p, p+2, !han) {
			out = append(out, Match{Category: Age, Detector: "structured", Start: p, End: p + 2, Likelihood: High})
		}
	}
	return out
}

// structuredCommaCell reports whether text[s:e] stands between commas (or
// a comma and a line end): "Brasileira, casada, 34 anos".
func structuredCommaCell(text string, s, e int) bool {
	before := strings.TrimRight(text[:s], " ")
	after := strings.TrimLeft(text[e:], " ")
	bOK := before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "\n")
	aOK := after == "" || after[0] == ',' || after[0] == '\n' || after[0] == '\r'
	return bOK && aOK && (strings.HasSuffix(before, ",") || after != "" && after[0] == ',')
}

// structuredIsCell reports whether text[s:e] stands alone between cell
// separators or line ends. Chinese values also stand between single spaces
// and Chinese commas; English ones need a rule, a tab, a bullet or two
// spaces, so "male and female patients" is no cell.
func structuredIsCell(text string, s, e int, ascii bool) bool {
	return structuredCellEdge(text[:s], true, ascii) && structuredCellEdge(text[e:], false, ascii)
}

func structuredCellEdge(side string, before, ascii bool) bool {
	var r rune
	var size int
	if before {
		r, size = utf8.DecodeLastRuneInString(side)
	} else {
		r, size = utf8.DecodeRuneInString(side)
	}
	if size == 0 {
		return true
	}
	switch r {
	case '\n', '\r', '\t', '|', '｜', '丨', '│', '/', '／', '·', '•', '●', '　':
		return true
	case ' ':
		if !ascii {
			return true
		}
		var next string
		if before {
			next = side[:len(side)-1]
		} else {
			next = side[1:]
		}
		if next == "" {
			return true
		}
		if strings.HasSuffix(next, " ") && before || strings.HasPrefix(next, " ") && !before {
			return true
		}
		// One space next to a rule: "Female | 34".
		var r2 rune
		if before {
			r2, _ = utf8.DecodeLastRuneInString(next)
		} else {
			r2, _ = utf8.DecodeRuneInString(next)
		}
		switch r2 {
		case '|', '｜', '/', '·', '•', '\n', '\r', '\t':
			return true
		}
		return false
	case ',', '，', '、', ';', '；', '(', ')', '（', '）':
		return !ascii
	}
	return false
}

// structuredNumberBefore finds an integer in [lo, hi] ending just before
// end (spaces and one hyphen allowed between): "34 years old", "28岁".
func structuredNumberBefore(text string, end, lo, hi int) (int, bool) {
	p := end
	for p > 0 && end-p < 3 && (text[p-1] == ' ' || text[p-1] == '-') {
		p--
	}
	q := p
	for q > 0 && p-q < 3 && text[q-1] >= '0' && text[q-1] <= '9' {
		q--
	}
	if q == p || p-q > 2 {
		return 0, false
	}
	if q > 0 && (text[q-1] >= '0' && text[q-1] <= '9' || text[q-1] == '.') {
		return 0, false
	}
	if !isBoundary(text, q, p) {
		return 0, false
	}
	n, _ := strconv.Atoi(text[q:p])
	return q, n >= lo && n <= hi
}

// structuredAnosIsAge tells "34 anos" (an age: the phrase ends there) from
// "10 anos de experiência" or "há 5 anos".
func structuredAnosIsAge(text string, a, t int) bool {
	before := strings.ToLower(strings.TrimRight(text[max(0, a-12):a], " "))
	for _, w := range []string{"há", "por", "de", "durante", "+", "mais", "cerca", "últimos", "ultimos", "e",
		"hace", "desde", "más", "mas", "y", "depuis", "pendant", "plus", "et", "seit", "über", "mehr", "als", "vor", "und",
		"bis", "à", "a", "ou", "or", "to"} {
		if before == w || strings.HasSuffix(before, " "+w) {
			return false
		}
	}
	// "Berufserfahrung: 15 Jahre", "Experiência: 20 anos": a duration.
	line := strings.ToLower(text[labelRuneStart(text, max(0, a-48)):a])
	if i := strings.LastIndexByte(line, '\n'); i >= 0 {
		line = line[i+1:]
	}
	for _, w := range []string{"experi", "expéri", "erfahrung", "ervaring", "esperienza", "anos de", "años de", "ans d"} {
		if strings.Contains(line, w) {
			return false
		}
	}
	after := strings.TrimLeft(text[t:], " ")
	if strings.HasPrefix(after, "de idade") || strings.HasPrefix(after, "de edad") || strings.HasPrefix(after, "alt") && !strings.HasPrefix(after, "alte") {
		return true
	}
	return after == "" || strings.ContainsRune(",.;)|\n\r", rune(after[0]))
}

// structuredNianCi reads the year before 年次, Taiwan's way of giving a
// year of birth: a Gregorian year ("1985年次") or a Republic of China year
// ("74年次"), followed by a break, not by more Han text (年次報告, an
// annual report).
func structuredNianCi(text string, s, t int) (int, bool) {
	if r, _ := utf8.DecodeRuneInString(text[t:]); t < len(text) && labelIsHan(r) {
		return 0, false
	}
	q := s
	for q > 0 && s-q < 4 && text[q-1] >= '0' && text[q-1] <= '9' {
		q--
	}
	if q == s || q > 0 && text[q-1] >= '0' && text[q-1] <= '9' {
		return 0, false
	}
	n, _ := strconv.Atoi(text[q:s])
	switch s - q {
	case 4:
		return q, n >= 1930 && n <= 2015
	case 2, 3:
		return q, n >= 20 && n <= 104
	}
	return 0, false
}

// structuredHukouCell reads a household registration standing as a cell:
// "上海户口", "农业户口", "本地户籍" between cell separators.
func structuredHukouCell(text string, s, t int) (int, bool) {
	a := s
	for n := 0; a > 0 && n < 6; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !labelIsHan(r) {
			break
		}
		a -= size
	}
	if a == s || a > 0 && labelIsHan(structuredLastRune(text[:a])) {
		return 0, false
	}
	return a, structuredIsCell(text, a, t, false)
}

// structuredRangeBefore reports a range like "25-35岁" or "3至5岁".
func structuredRangeBefore(text string, p int) bool {
	for _, s := range []string{"-", "~", "～", "至", "到", "—", "–"} {
		if strings.HasSuffix(strings.TrimRight(text[:p], " "), s) {
			return true
		}
	}
	return false
}

var (
	reAgeAfter = regexp.MustCompile(`^[ \t]*[:：=-]?[ \t]*([1-9][0-9])\b`)
	// What follows a number that is not an age: "Age 5+", "Age 30%", a
	// duration of experience, a range.
	reAgeNotAge = regexp.MustCompile(`^(?:\s*(?:\+|%|-\s*[0-9]|to\s+[0-9]|years?\s+of|yrs?\s+of|years?\s+experience|months?))`)
	reDate      = regexp.MustCompile(`^(?i:[0-9]{1,2}(?:st|nd|rd|th)?[ ./-](?:[a-z]{3,9}\.?|[0-9]{1,2})[ ./,-]+((?:19|20)[0-9]{2})` +
		`|((?:19|20)[0-9]{2})[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?` +
		`|[a-z]{3,9}\.? [0-9]{1,2}(?:st|nd|rd|th)?,? ((?:19|20)[0-9]{2})` +
		`|[a-z]{3,9}\.?,? ((?:19|20)[0-9]{2})` +
		`|((?:19|20)[0-9]{2}))\b`)
	reZHDate = regexp.MustCompile(`^((?:19|20)?[0-9]{2})\s*年(?:\s*[0-9]{1,2}\s*月)?(?:\s*[0-9]{1,2}\s*[日号])?` +
		`|^((?:19|20)[0-9]{2})[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?`)
	reZHDateBefore = regexp.MustCompile(`(?:^|[^0-9])(((?:19|20)?[0-9]{2})\s*年(?:\s*[0-9]{1,2}\s*月)?(?:\s*[0-9]{1,2}\s*[日号])?` +
		`|((?:19|20)[0-9]{2})[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?)\s*$`)
	reMeasure = regexp.MustCompile(`^[ \t]*(?:[:：=-][ \t]*)?(?:is[ \t]+|为)?(` +
		`[0-9]{2,3}(?:\.[0-9])?\s*(?:cm|CM|厘米|公分)|[12]\.[0-9]{1,2}\s*(?:m|米)|[4-7]\s*(?:'|’|ft|feet)(?:\s*[0-9]{1,2}\s*(?:"|”|''|in|inches)?)?` +
		`|[0-9]{2,3}(?:\.[0-9])?\s*(?:kg|KG|Kg|公斤|千克|斤|lbs?|pounds))`)
	reMeasureBare = regexp.MustCompile(`^[ \t]*(?:[:：=][ \t]*)?(?:为|是)?([0-9]{1,3}(?:\.[0-9])?(?:度)?)(?:[^0-9%％.]|$)`)
	reKGAfter     = regexp.MustCompile(`^\s*[/,，、;；]?\s*(?:体重\s*[:：]?\s*)?[0-9]{2,3}(?:\.[0-9])?\s*(?:kg|KG|Kg|公斤|千克)`)
	reIMAfter     = regexp.MustCompile(`^(?:\s*(?:号码|号|id|ID|Id))?\s*[:：]?\s*`)
	reWeChat      = regexp.MustCompile(`^(?:[A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9][0-9]{9})`)
	reQQ          = regexp.MustCompile(`^[1-9][0-9]{4,11}`)
)

// structuredAgeAfter reads "Age 34", "aged 34".
func structuredAgeAfter(text string, p int) (int, int, bool) {
	w := text[p:min(len(text), p+24)]
	m := reAgeAfter.FindStringSubmatchIndex(w)
	if m == nil {
		return 0, 0, false
	}
	n, _ := strconv.Atoi(w[m[2]:m[3]])
	if n < 14 || n > 90 || reAgeNotAge.MatchString(w[m[3]:]) {
		return 0, 0, false
	}
	return p + m[2], p + m[3], true
}

// structuredDateAfter reads a date or year after "born" or "DOB".
func structuredDateAfter(text string, p int, born bool) (int, int, bool) {
	q := labelSkipSpaces(text, p, 8)
	if n := labelStrongSepAt(text, q); n > 0 {
		q = labelSkipSpaces(text, q+n, 8)
	}
	if born {
		// "born in", "nascida em", "nacido el", "né le", "geboren am".
		for _, w := range []string{"in ", "on ", "In ", "On ", "em ", "en ", "el ", "le ", "am ", "à ", "op ", "il "} {
			if strings.HasPrefix(text[q:], w) {
				q = labelSkipSpaces(text, q+len(w), 8)
			}
		}
	}
	w := text[q:min(len(text), q+32)]
	m := reDate.FindStringSubmatchIndex(w)
	if m == nil {
		return 0, 0, false
	}
	for g := 1; g < len(m)/2; g++ {
		if m[2*g] >= 0 {
			y, _ := strconv.Atoi(w[m[2*g]:m[2*g+1]])
			if y < 1930 || y > 2015 {
				return 0, 0, false
			}
		}
	}
	if !structuredMonthOK(w[m[0]:m[1]]) {
		return 0, 0, false
	}
	return q + m[0], q + m[1], true
}

var structuredMonths = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// structuredMonthOK rejects a date whose letters are not a month name
// ("born to lead 2010" is no date).
func structuredMonthOK(s string) bool {
	var word []byte
	check := func() bool {
		if len(word) == 0 {
			return true
		}
		w := strings.ToLower(string(word))
		word = word[:0]
		switch w {
		case "st", "nd", "rd", "th":
			return true
		}
		for _, m := range structuredMonths {
			if strings.HasPrefix(w, m) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			word = append(word, c)
			continue
		}
		if !check() {
			return false
		}
	}
	return check()
}

func structuredYearOK(y string) bool {
	n, _ := strconv.Atoi(y)
	if len(y) == 2 {
		return n >= 40 || n <= 12
	}
	return n >= 1930 && n <= 2015
}

// structuredZHDateAfter reads the date after "出生于".
func structuredZHDateAfter(text string, p int) (int, int, bool) {
	q := labelSkipSpaces(text, p, 8)
	w := text[q:min(len(text), q+32)]
	m := reZHDate.FindStringSubmatchIndex(w)
	if m == nil {
		return 0, 0, false
	}
	var y string
	if m[2] >= 0 {
		y = w[m[2]:m[3]]
	} else {
		y = w[m[4]:m[5]]
	}
	if !structuredYearOK(y) {
		return 0, 0, false
	}
	return q + m[0], q + m[1], true
}

// structuredZHDateBefore reads "1995年6月出生", "95年生人". The cue is
// 出生 or [年月日]生; a bare 生 must not start a word (2019年生产).
func structuredZHDateBefore(text string, s, t int) (int, int, bool) {
	end := s
	if !strings.HasPrefix(text[s:], "出生") {
		end = s + len("年") // keep 年/月/日 in the date
		if r, _ := utf8.DecodeRuneInString(text[t:]); t < len(text) && labelIsHan(r) && r != '人' {
			return 0, 0, false
		}
	} else if strings.HasPrefix(text[t:], "地") || strings.HasPrefix(text[t:], "日期") || strings.HasPrefix(text[t:], "年月") {
		return 0, 0, false // a label (出生地, 出生日期): the label detector's
	}
	w0 := max(0, end-40)
	for w0 > 0 && !utf8.RuneStart(text[w0]) {
		w0++
	}
	w := text[w0:end]
	m := reZHDateBefore.FindStringSubmatchIndex(w)
	if m == nil {
		return 0, 0, false
	}
	y := ""
	if m[4] >= 0 {
		y = w[m[4]:m[5]]
	} else {
		y = w[m[6]:m[7]]
	}
	if !structuredYearOK(y) {
		return 0, 0, false
	}
	return w0 + m[2], t, true
}

// structuredMeasureAfter reads a height or weight after 身高/体重/height/weight.
func structuredMeasureAfter(text string, p int) (int, int, bool) {
	w := text[p:min(len(text), p+32)]
	m := reMeasure.FindStringSubmatchIndex(w)
	if m == nil {
		return 0, 0, false
	}
	a, b := p+m[2], p+m[3]
	if k := reKGAfter.FindStringIndex(text[b:min(len(text), b+32)]); k != nil && strings.Contains(text[a:b], "cm") {
		b += k[1]
	}
	if b < len(text) && isWordRune(rune(text[b])) && text[b] < utf8.RuneSelf {
		return 0, 0, false
	}
	return a, b, true
}

// structuredBareMeasureAfter reads the number right after a Chinese body
// measure (身高182, 体重85, 近视600度, 视力5.0): Chinese resumes often leave
// the unit out. A percentage or a longer number is something else.
func structuredBareMeasureAfter(text string, p int) (int, int, bool) {
	m := reMeasureBare.FindStringSubmatchIndex(text[p:min(len(text), p+24)])
	if m == nil {
		return 0, 0, false
	}
	return p + m[2], p + m[3], true
}

// structuredHeightWeight reads "175cm/65kg" around the cue "cm".
func structuredHeightWeight(text string, s, t int) (int, int, bool) {
	q := s
	if q > 0 && text[q-1] == ' ' {
		q--
	}
	a, ok := structuredNumberBefore3(text, q)
	if !ok {
		return 0, 0, false
	}
	k := reKGAfter.FindStringIndex(text[t:min(len(text), t+32)])
	if k == nil {
		return 0, 0, false
	}
	return a, t + k[1], true
}

// structuredNumberBefore3 finds a height in cm (140-220) ending at end.
func structuredNumberBefore3(text string, end int) (int, bool) {
	q := end
	for q > 0 && end-q < 4 && text[q-1] >= '0' && text[q-1] <= '9' {
		q--
	}
	if end-q != 3 || q > 0 && (isWordRune(rune(text[q-1])) && text[q-1] < utf8.RuneSelf || text[q-1] == '.') {
		return 0, false
	}
	n, _ := strconv.Atoi(text[q:end])
	return q, n >= 140 && n <= 220
}

// structuredIMAfter reads a WeChat or QQ ID after its keyword.
func structuredIMAfter(text string, p int, qq bool) (int, int, bool) {
	w := text[p:min(len(text), p+40)]
	sep := reIMAfter.FindStringIndex(w)
	q := p + sep[1]
	w = text[q:min(len(text), q+32)]
	re := reWeChat
	if qq {
		re = reQQ
	}
	loc := re.FindStringIndex(w)
	if loc == nil {
		return 0, 0, false
	}
	b := q + loc[1]
	if b < len(text) && (isWordRune(rune(text[b])) && text[b] < utf8.RuneSelf || text[b] == '-') {
		return 0, 0, false
	}
	v := text[q:b]
	if !qq && !strings.ContainsAny(v, "0123456789_") && !strings.ContainsAny(text[p:q], ":：") {
		return 0, 0, false // "WeChat mini-program": a word, not an ID
	}
	return q, b, true
}

// structuredTokenEnd returns the end of an ID-like token starting at p.
func structuredTokenEnd(text string, p int) int {
	for p < len(text) && (isWordRune(rune(text[p])) && text[p] < utf8.RuneSelf || text[p] == '-') {
		p++
	}
	return p
}

// Chinese address markers: an administrative or street level before a
// building-level cue makes a residential address.
var structuredZHAreaMarks = []string{"省", "市", "区", "县", "镇", "乡", "村", "路", "街", "道", "弄", "巷", "小区", "花园", "苑", "公寓", "家园", "新村"}

// structuredAddressZH checks a building-level cue (3号楼, 2单元, 1002室,
// 38弄, 阳光小区) and returns the address run around it.
func structuredAddressZH(text string, s, t int) (int, int, bool) {
	cue := text[s:t]
	before := text[:s]
	switch cue {
	case "室":
		// 1002室, not 实验室 or 3室2厅.
		n := 0
		for n < len(before) && n < 6 && before[len(before)-1-n] >= '0' && before[len(before)-1-n] <= '9' {
			n++
		}
		if n < 3 {
			return 0, 0, false
		}
	case "小区":
	default:
		r, _ := utf8.DecodeLastRuneInString(before)
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || strings.ContainsRune("一二三四五六七八九十", r)) {
			return 0, 0, false
		}
	}
	// The run of address characters before the cue.
	a := s
	for n := 0; a > 0 && n < 40; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:a])
		if !(labelIsHan(r) || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == '#') {
			break
		}
		a -= size
	}
	run := text[a:s]
	marked := false
	for _, m := range structuredZHAreaMarks {
		if strings.Contains(run, m) {
			marked = true
			break
		}
	}
	if !marked {
		return 0, 0, false
	}
	if cue == "小区" {
		// 负责小区物业管理系统: a 小区 needs a number after it (3栋, 5号楼).
		r, _ := utf8.DecodeRuneInString(text[t:])
		if !(r >= '0' && r <= '9') {
			return 0, 0, false
		}
	}
	// An office: 公司, 办公, 单位 near the run on its line ("中关村软件园3号楼
	// 百度公司").
	near := text[labelRuneStart(text, max(0, a-60)):labelRuneStart(text, min(len(text), t+60))]
	if i := strings.LastIndexByte(near[:a-labelRuneStart(text, max(0, a-60))], '\n'); i >= 0 {
		near = near[i+1:]
	}
	if i := strings.IndexByte(near, '\n'); i >= 0 {
		near = near[:i]
	}
	for _, o := range []string{"公司", "办公", "单位", "工作地点", "大厦", "园区", "集团", "银行", "医院", "学校", "大学"} {
		if strings.Contains(near, o) {
			return 0, 0, false
		}
	}
	return a, t, true
}

var (
	reStreetBefore = regexp.MustCompile(`(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|Room)\s*[0-9A-Za-z-]+,?\s+)?` +
		`[0-9]{1,5}[A-Za-z]?(?:[-/][0-9]{1,5})?,?\s+(?:(?:[A-Z][A-Za-z'’.-]*|[0-9]{1,3}(?:st|nd|rd|th))\s+){1,4}$`)
	reRuaAfter = regexp.MustCompile(`^(?:\s+[\pL'.]+){1,6},?\s*(?:n[º°o.]?\s*)?[0-9]{1,5}(?:\s*[,-]\s*(?:apto|apt|ap|casa|bloco|sala)\.?\s*[0-9A-Za-z]+)?`)
)

// structuredAddressEN checks "221B Baker Street", "Flat 2, 14 Elm Road":
// a capitalised street type after a house number and capitalised words, at
// a line or cell start, then ending the line, a cell, or before a comma.
func structuredAddressEN(text string, s, t int) (int, int, bool) {
	if text[s] < 'A' || text[s] > 'Z' {
		return 0, 0, false
	}
	w0 := max(0, s-64)
	for w0 < s && !utf8.RuneStart(text[w0]) {
		w0++
	}
	w := text[w0:s]
	if i := strings.LastIndexAny(w, "\n\r\t|"); i >= 0 {
		w0 += i + 1
		w = w[i+1:]
	}
	m := reStreetBefore.FindStringIndex(w)
	if m == nil {
		return 0, 0, false
	}
	a := w0 + m[0]
	// The number must start the line or a cell, or follow a label or comma.
	lead := strings.TrimRight(text[w0:a], " ")
	if lead != "" && !strings.HasSuffix(lead, ",") && !strings.HasSuffix(lead, ":") && !strings.HasSuffix(text[w0:a], "  ") &&
		!strings.HasSuffix(lead, "·") && !strings.HasSuffix(lead, "•") && !strings.HasSuffix(lead, "(") {
		return 0, 0, false
	}
	b := t
	if b < len(text) && text[b] == '.' {
		b++
	}
	// What follows: line or cell end, or a comma and up to three short
	// chunks (city, state and ZIP, country).
	rest := text[b:min(len(text), b+100)]
	switch {
	case rest == "" || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '\t' || rest[0] == '|' || strings.HasPrefix(rest, "  ") || rest[0] == ')':
		return a, b, true
	case rest[0] == ',':
	default:
		return 0, 0, false
	}
	end := b
	p := 0
	for chunks := 0; chunks < 4 && p < len(rest) && rest[p] == ','; chunks++ {
		q := p + 1
		for q < len(rest) && rest[q] == ' ' {
			q++
		}
		r := q
		for r < len(rest) && !strings.ContainsRune(",\n\r\t|", rune(rest[r])) && !strings.HasPrefix(rest[r:], "  ") &&
			!strings.HasPrefix(rest[r:], "·") && !strings.HasPrefix(rest[r:], "•") {
			r++
		}
		chunk := rest[q:r]
		if chunk == "" || len(chunk) > 32 || !(chunk[0] >= 'A' && chunk[0] <= 'Z' || chunk[0] >= '0' && chunk[0] <= '9') {
			break
		}
		end = b + r
		p = r
	}
	for end > b && (text[end-1] == ' ' || text[end-1] == '.' || text[end-1] == ',') {
		end--
	}
	if structuredWorkLine(text, a, end) {
		return 0, 0, false
	}
	return a, end, true
}

// structuredWorkLine reports whether the line around text[a:b] is a line of
// work history: an employer ("Acme Inc, 100 Main Street, ...") or a range
// of years. An employer's address is not the candidate's.
func structuredWorkLine(text string, a, b int) bool {
	ls := max(0, a-120)
	if i := strings.LastIndexByte(text[ls:a], '\n'); i >= 0 {
		ls += i + 1
	}
	le := min(len(text), b+120)
	if i := strings.IndexByte(text[b:le], '\n'); i >= 0 {
		le = b + i
	}
	line := text[labelRuneStart(text, ls):labelRuneStart(text, le)]
	if addrHasYearRange(line) {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "inc", "ltd", "llc", "gmbh", "corp", "plc", "pvt", "ltda", "company", "headquarters", "hq", "office":
			return true
		}
	}
	return false
}

// structuredAddressPT checks "Rua das Flores, 123, apto 45".
func structuredAddressPT(text string, s, t int) (int, int, bool) {
	if text[s] < 'A' || text[s] > 'Z' {
		return 0, 0, false
	}
	w := text[t:min(len(text), t+80)]
	if i := strings.IndexAny(w, "\n\r\t|"); i >= 0 {
		w = w[:i]
	}
	m := reRuaAfter.FindStringIndex(w)
	if m == nil {
		return 0, 0, false
	}
	return s, t + m[1], true
}

func structuredLastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func structuredFirstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// commaPhrase reads a phrase of personal details separated by commas that
// starts with the value at s: "Single, female, 32.", "Male, 28, married".
// Every part must be a listed value or an age (16-80), there must be two
// to five parts, and they must be of at least two categories, so "male,
// female" in a list of patients is no such phrase. The phrase starts a
// line or a sentence and ends at a full stop, a semicolon or the line end.
func (d *structuredDetector) commaPhrase(text, folded string, s int) []Match {
	before := strings.TrimRight(text[max(0, s-4):s], " ")
	if !(s == 0 || before == "" || strings.HasSuffix(before, "\n") || strings.HasSuffix(before, ".") || strings.HasSuffix(before, ":") ||
		strings.HasSuffix(before, "|") || strings.HasSuffix(before, "·") || strings.HasSuffix(before, "•")) {
		return nil
	}
	end := s
	for end < len(text) && end-s < 80 && !strings.ContainsRune(".;\n\r|", rune(text[end])) {
		end++
	}
	if end-s >= 80 {
		return nil
	}
	var out []Match
	cats := map[Category]bool{}
	p := s
	for _, part := range strings.Split(text[s:end], ",") {
		a := p + len(part) - len(strings.TrimLeft(part, " "))
		b := p + len(strings.TrimRight(part, " "))
		p += len(part) + 1
		if a >= b {
			return nil
		}
		c, ok := d.values[folded[a:b]]
		if !ok {
			n, err := strconv.Atoi(text[a:b])
			if err != nil || b-a != 2 || n < 16 || n > 80 {
				return nil
			}
			c = Age
		}
		cats[c] = true
		out = append(out, Match{Category: c, Detector: d.ID(), Start: a, End: b, Likelihood: High})
	}
	if len(out) < 2 || len(out) > 5 || len(cats) < 2 {
		return nil
	}
	return out
}
