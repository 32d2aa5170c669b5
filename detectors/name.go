package detectors

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The candidate's own name on the first prominent line of a resume: "Jane
// Doe", "PRIYA RAMAN | priya@example.com", "张伟", "张伟 Zhang Wei". The
// label form ("Name:", "姓名：") is the label detector's. A first line is
// only medium likely to be a name (headings and job titles come first in
// some resumes); an e-mail local part that contains the name raises it to
// high.

//go:embed data/surnames_zh.txt
var labelSurnamesZH string

var nameSurnames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(labelSurnamesZH, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, s := range strings.Fields(line) {
			m[s] = true
		}
	}
	return m
}()

// nameHeadings are first lines that are not names.
var nameHeadings = map[string]bool{
	"curriculum vitae": true, "resume": true, "résumé": true, "cv": true, "c.v.": true, "bio data": true, "biodata": true,
	"简历": true, "个人简历": true, "求职简历": true, "简历表": true, "个人资料": true, "基本信息": true, "个人信息": true,
	"履历表": true, "个人履历": true, "應徵履歷": true, "履歷表": true, "個人簡歷": true, "简 历": true, "个 人 简 历": true,
}

// nameHeadingWords are the words of a heading line in any language of the
// resumes we read, alone or combined ("Lebenslauf / CV", "RESUME 简历").
var nameHeadingWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`curriculum vitae vitæ resume résumé cv c.v. biodata bio-data
		currículo curriculo currículum lebenslauf tabellarischer sollicitatie hoja de vida
		简历 个人简历 求职简历 履历 个人履历 履歷 個人履歷 履歷表 簡歷 個人簡歷 自傳 自传`) {
		nameHeadingWords[w] = true
	}
}

// nameHeadingTokens splits a line into the words of a heading, dropping
// rules and dashes between them.
func nameHeadingTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '/' || r == '|' || r == '–' || r == '—' || r == '-' || r == '·' || r == ':' ||
			r == '：' || r == '　' || r == '#' || r == '*' || r == '=' || r == '_' || r == '与' || r == '與' || r == '&'
	})
}

// nameIsHeadingToken reports whether a word belongs to a heading: a listed
// word, a Han run ending in 简历/履历, or "curriculum"/"vitae" split apart.
func nameIsHeadingToken(t string) bool {
	if nameHeadingWords[t] || t == "curriculum" || t == "vitae" || t == "vitæ" || t == "de" || t == "vida" {
		return true
	}
	for _, suffix := range []string{"简历", "履历", "履歷", "簡歷"} {
		if strings.HasSuffix(t, suffix) && utf8.RuneCountInString(t) <= 6 {
			return true
		}
	}
	return false
}

// nameIsHeading reports whether a whole line is a heading: "Curriculum
// Vitae", "Lebenslauf / CV", "RESUME 简历", "自傳與履歷".
func nameIsHeading(line string) bool {
	if nameHeadings[strings.ToLower(strings.Trim(line, " :：#*-=_"))] {
		return true
	}
	ts := nameHeadingTokens(line)
	if len(ts) == 0 || len(ts) > 5 {
		return false
	}
	for _, t := range ts {
		if !nameIsHeadingToken(t) {
			return false
		}
	}
	return nameIsHeadingToken(ts[0]) && ts[0] != "de" && ts[0] != "vida"
}

// nameHeadingPrefix returns where the text after a leading heading and a
// dash, rule or colon starts ("CURRICULUM VITAE – ", "简历 —— "), or 0.
func nameHeadingPrefix(line string) int {
	for _, sep := range []string{" – ", " — ", " - ", "——", "—", " | ", ": ", "："} {
		i := strings.Index(line, sep)
		if i <= 0 || i > 40 {
			continue
		}
		if nameIsHeading(strings.TrimSpace(line[:i])) {
			j := i + len(sep)
			for j < len(line) && (line[j] == ' ' || strings.HasPrefix(line[j:], "—")) {
				if line[j] == ' ' {
					j++
				} else {
					j += len("—")
				}
			}
			return j
		}
	}
	return 0
}

// nameNotNameWords are words that mark a first line as a title or heading
// rather than a person's name.
var nameNotNameWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`resume curriculum vitae cv profile summary personal details information
		contact objective career experience education skills engineer developer manager software senior junior
		lead principal staff data scientist analyst consultant designer architect director intern student graduate
		university college school institute inc ltd llc company corporation group project projects overview
		references cover letter application position the of and at in for java python team head chief officer
		specialist executive assistant associate accountant teacher nurse technician administrator marketing sales
		product full stack web mobile frontend backend devops cloud security research professional candidate
		page confidential draft template sample name phone email address
		gerente analista engenheiro engenheira desenvolvedor desenvolvedora coordenador coordenadora diretor
		diretora assistente técnico técnica enfermeira enfermeiro professor professora vendedor vendedora
		ingeniero ingeniera desarrollador desarrolladora jefe jefa directora responsable técnico enfermera
		chargé chargée ingénieur ingénieure développeur développeuse chef consultante directeur directrice
		infirmière infirmier ingenieur ingenieurin entwickler entwicklerin leiter leiterin berater beraterin
		kaufmann kauffrau projektleiter sachbearbeiter sachbearbeiterin pflegefachkraft
		vendas sistemas projetos proyectos ventas dados datos données daten recursos humanos
		简历 工程师 经理 设计师`) {
		nameNotNameWords[w] = true
	}
	register(nameLineDetector{})
}

type nameLineDetector struct{}

func (nameLineDetector) ID() string         { return "name_line" }
func (nameLineDetector) Keywords() []string { return nil }

const nameMaxLines = 3 // non-empty lines looked at, skipping headings

func (d nameLineDetector) Detect(in *Input) []Match {
	text := in.Text
	var out []Match
	p := 0
	for n := 0; n < nameMaxLines && p < len(text); {
		e := strings.IndexAny(text[p:], "\n\r")
		if e < 0 {
			e = len(text)
		} else {
			e += p
		}
		line := text[p:e]
		lineStart := p
		p = e + 1
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		n++
		if nameIsHeading(trimmed) {
			continue
		}
		if h := nameHeadingPrefix(line); h > 0 {
			// "CURRICULUM VITAE – Carlos Santos": the name follows the
			// heading; "简历 — 产品经理": a heading and a job title.
			cs, ce := nameFirstCell(line[h:])
			if m := d.cell(in, lineStart+h+cs, lineStart+h+ce); len(m) > 0 && m[0].Likelihood >= Medium {
				out = append(out, m...)
				break
			}
			continue
		}
		cs, ce := nameFirstCell(line)
		if rest := strings.TrimLeft(line[ce:], " "); strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
			break // a label ("姓名：", "Objective:"), not a name
		}
		out = append(out, d.cell(in, lineStart+cs, lineStart+ce)...)
		break // only the first line that is not a heading
	}
	for _, m := range out {
		out = append(out, nameRepeats(in, m)...)
	}
	return out
}

// nameRepeats finds the other occurrences of the name m in the text (in a
// signature, a declaration, a file name): whole words for Latin names, and
// for Han names not wedged between other Han characters.
func nameRepeats(in *Input, m Match) []Match {
	name := in.Folded[m.Start:m.End]
	if len(name) < 4 {
		return nil
	}
	r0, _ := utf8.DecodeRuneInString(name)
	han := labelIsHan(r0)
	var out []Match
	for p := 0; p < len(in.Folded); {
		i := strings.Index(in.Folded[p:], name)
		if i < 0 {
			break
		}
		s, e := p+i, p+i+len(name)
		p = e
		if s == m.Start {
			continue
		}
		if han {
			before, after := structuredLastRune(in.Folded[:s]), structuredFirstRune(in.Folded[e:])
			if s > 0 && labelIsHan(before) && e < len(in.Folded) && labelIsHan(after) {
				continue
			}
		} else if !isBoundary(in.Folded, s, e) {
			continue
		}
		out = append(out, Match{Category: Name, Detector: m.Detector, Start: s, End: e, Likelihood: m.Likelihood})
	}
	return out
}

// nameFirstCell returns the extent of the first cell of a line: up to a
// rule, tab, bullet, comma or two spaces, trimmed.
func nameFirstCell(line string) (int, int) {
	s := 0
	for s < len(line) && (line[s] == ' ' || line[s] == '\t') {
		s++
	}
	e := s
	for e < len(line) {
		c := line[e]
		if c == '|' || c == '\t' || c == ',' || c == ' ' && e+1 < len(line) && line[e+1] == ' ' {
			break
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(line[e:])
			if strings.ContainsRune("｜丨·•，、　（(：:", r) {
				break
			}
		}
		if c == '(' || c == ':' {
			break
		}
		if c == ' ' && (strings.HasPrefix(line[e:], " - ") || strings.HasPrefix(line[e:], " – ") || strings.HasPrefix(line[e:], " — ")) {
			break
		}
		e++
	}
	for e > s && line[e-1] == ' ' {
		e--
	}
	return s, e
}

// cell judges the first cell text[s:e]: a Han name, a Latin name, or both
// ("张伟 Zhang Wei").
func (d nameLineDetector) cell(in *Input, s, e int) []Match {
	cell := in.Text[s:e]
	han := 0
	for han < len(cell) {
		r, size := utf8.DecodeRuneInString(cell[han:])
		if !labelIsHan(r) {
			break
		}
		han += size
	}
	var out []Match
	latinStart := s
	if han == 0 {
		// "Emily Zhou Xinyi 周心怡": the Han name after the Latin one.
		if sp := strings.LastIndexByte(cell, ' '); sp > 0 && nameAllHan(cell[sp+1:]) {
			l, ok := nameHanLikelihood(cell[sp+1:])
			latin := strings.TrimRight(cell[:sp], " ")
			if !ok || !nameLooksLatin(latin) {
				return nil
			}
			l = max(l, Medium)
			if nameEmailCorroborates(in, latin) {
				l = High
			}
			return []Match{
				{Category: Name, Detector: d.ID(), Start: s, End: s + len(latin), Likelihood: l},
				{Category: Name, Detector: d.ID(), Start: s + sp + 1, End: e, Likelihood: l},
			}
		}
	}
	if han > 0 {
		if l, ok := nameHanLikelihood(cell[:han]); ok {
			out = append(out, Match{Category: Name, Detector: d.ID(), Start: s, End: s + han, Likelihood: l})
		} else {
			return nil
		}
		if han == len(cell) {
			return out
		}
		if cell[han] != ' ' {
			return nil
		}
		latinStart = s + han + 1
	}
	latin := in.Text[latinStart:e]
	if !nameLooksLatin(latin) {
		return out // the Han name alone, if any
	}
	l := Medium
	if nameEmailCorroborates(in, latin) {
		l = High
	}
	for i := range out {
		out[i].Likelihood = max(out[i].Likelihood, l)
	}
	return append(out, Match{Category: Name, Detector: d.ID(), Start: latinStart, End: e, Likelihood: l})
}

// nameHanLikelihood accepts two to four Han characters that are not a
// heading: medium with a known surname, low without.
func nameHanLikelihood(s string) (Likelihood, bool) {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || nameHeadings[s] {
		return 0, false
	}
	for _, suffix := range []string{"简历", "信息", "资料", "经历", "意向", "履历", "简介", "评价", "技能", "背景"} {
		if strings.HasSuffix(s, suffix) {
			return 0, false
		}
	}
	rs := []rune(s)
	if nameSurnames[string(rs[0])] || n >= 3 && nameSurnames[string(rs[:2])] {
		return Medium, true
	}
	return Low, true
}

// nameLooksLatin accepts 2-4 capitalised words or initials: "Jane Doe",
// "PRIYA RAMAN", "Jean-Luc O'Neil", "J. R. Smith".
func nameLooksLatin(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	letters, names := 0, 0
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && i < len(words)-1 && (nameParticles[lw] || nameParticles[w]) {
			continue // "bin", "s/o", "de", "van der"
		}
		if i > 0 && i < len(words)-1 && nameIsNickname(w) {
			continue // JENNIFER "JEN" OKAFOR
		}
		if nameNotNameWords[strings.ToLower(strings.Trim(w, "."))] {
			return false
		}
		names++
		first := true
		for _, r := range w {
			switch {
			case first && !unicode.IsUpper(r):
				return false
			case unicode.IsLetter(r):
				letters++
			case r == '-' || r == '\'' || r == '’' || r == '.':
			default:
				return false
			}
			first = false
		}
	}
	return letters >= 4 && names >= 2 && names <= 4
}

// nameParticles are the lower-case words that stand between the parts of a
// name: Malay and Tamil patronymics (bin, binti, s/o, d/o, a/l, a/p),
// Romance and Dutch particles (de, da, dos, del, van, von, der, ter), Arabic
// (al, ibn). Written in capitals in an all-caps name ("RAVI S/O KUMAR").
var nameParticles = map[string]bool{
	"bin": true, "binti": true, "bte": true, "bt": true, "s/o": true, "d/o": true, "a/l": true, "a/p": true,
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "ten": true, "du": true, "le": true,
	"la": true, "y": true, "e": true, "al": true, "ibn": true, "bint": true, "zu": true, "het": true,
}

// nameIsNickname reports whether w is a quoted nickname: "Jen", “Jen”.
func nameIsNickname(w string) bool {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}} {
		if strings.HasPrefix(w, q[0]) && strings.HasSuffix(w, q[1]) && len(w) > len(q[0])+len(q[1])+1 {
			inner := w[len(q[0]) : len(w)-len(q[1])]
			r, _ := utf8.DecodeRuneInString(inner)
			return unicode.IsUpper(r) && strings.IndexFunc(inner, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
		}
	}
	return false
}

// nameAllHan reports whether s is a non-empty run of Han characters.
func nameAllHan(s string) bool {
	for _, r := range s {
		if !labelIsHan(r) {
			return false
		}
	}
	return s != ""
}

// nameEmailCorroborates reports whether the first e-mail address in the
// text has a local part containing a word of the name of three or more
// letters ("jane.doe@", "jdoe88@" for Jane Doe).
func nameEmailCorroborates(in *Input, name string) bool {
	local := emailLocalPart(in.Folded)
	for _, w := range strings.Fields(Fold(name)) {
		if nameWordInLocal(local, w) {
			return true
		}
	}
	return false
}

// emailLocalPart returns the local part of the first e-mail address in the
// folded text f, or "".
func emailLocalPart(f string) string {
	at := strings.IndexByte(f, '@')
	if at <= 0 {
		return ""
	}
	s := at
	for s > 0 && at-s < 64 {
		c := f[s-1]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+') {
			break
		}
		s--
	}
	return f[s:at]
}

// nameWordInLocal reports whether the folded name word w, of three or more
// letters, is part of the e-mail local part.
func nameWordInLocal(local, w string) bool {
	w = strings.Trim(w, ".-'’")
	return len(w) >= 3 && strings.Contains(local, w)
}
