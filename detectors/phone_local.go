package detectors

import (
	"strings"
	"unicode/utf8"
)

// Phone numbers in national formats ("07700 900461", "(11) 98734-5521",
// "0912-345-678", "9123 4876", "06 47 21 83 59"). Without a country code
// such a number looks like any other group of digits, so it is reported
// only with evidence: a phone label just before it on its line ("Mobile:",
// "Telefone:", "H/P", "手機："), another number after such a label ("Tel:
// (31) 3274-5518 / (31) 99128-7740"), or a contact line, where it stands as
// a cell beside an e-mail address ("jane@example.com | 98201 46573").
func init() { register(phoneLocalDetector{}) }

type phoneLocalDetector struct{}

func (phoneLocalDetector) ID() string         { return "phone_local" }
func (phoneLocalDetector) Keywords() []string { return nil }

// phoneLabels are the words that announce a phone number, lower-case.
var phoneLabels = []string{
	"phone", "mobile", "mob", "cell", "cellphone", "tel", "telephone", "contact", "h/p", "hp", "handphone",
	"whatsapp", "ph", "landline", "telefone", "celular", "telefon", "handy", "mobil", "móvil", "movil",
	"teléfono", "telefono", "téléphone", "telephone portable", "portable", "tél", "gsm", "cel", "tlf", "fone",
	"telefonnummer", "handynummer", "mobilnummer", "mobiel", "telefoon", "telefoonnummer", "cellulare",
	"手机", "手機", "电话", "電話", "联系电话", "聯絡電話", "聯繫電話", "行動電話", "联系方式", "聯絡方式",
	"手机号", "手机号码", "手機號碼", "座机", "住宅電話", "宅電", "手提", "手提電話", "流動電話",
}

// phoneLabelFillers may stand between a phone label and the number:
// "Mobile No.:", "Contact number -", "Tel (home):".
var phoneLabelFillers = []string{"no", "number", "nr", "nº", "n°", "num", "(m)", "(h)", "(home)", "(mobile)", "(cell)", "号码", "號碼"}

const (
	phoneMinDigits = 8
	phoneMaxDigits = 13
)

func (d phoneLocalDetector) Detect(in *Input) []Match {
	text := in.Text
	runs := in.digitRuns()
	var out []Match
	lastEnd := -1 // end of the last accepted number
	for k := 0; k < len(runs); {
		start, end := runs[k][0], runs[k][1]
		digits, groups, short := end-start, 1, end-start < 2
		k++
		for k < len(runs) && digits <= phoneMaxDigits {
			gap := text[end:runs[k][0]]
			if !phoneGap(gap, groups == 1 && start > 0 && text[start-1] == '(') {
				break
			}
			n := runs[k][1] - runs[k][0]
			digits, groups, end = digits+n, groups+1, runs[k][1]
			short = short || n < 2
			k++
		}
		s := start
		if s > 0 && text[s-1] == '(' {
			s--
		}
		if digits < phoneMinDigits || digits > phoneMaxDigits || groups > 5 || short {
			continue
		}
		if s > 0 && strings.IndexByte("+.,/:", text[s-1]) >= 0 && !phoneLabelColon(text, s) {
			continue // international (the phone detector's), or part of a decimal or a date
		}
		if !isBoundary(text, s, end) || end < len(text) && (text[end] == '.' || text[end] == ',' || text[end] == '/') && end+1 < len(text) && text[end+1]-'0' <= 9 {
			continue
		}
		v := text[s:end]
		if phoneNotPhone(v) {
			continue
		}
		var l Likelihood
		switch {
		case phoneLabelled(in, s) || phoneChained(text, lastEnd, s):
			l = High
		case phoneContactCell(text, s, end):
			l = Medium
		default:
			continue
		}
		out = append(out, Match{Category: Contact, Detector: d.ID(), Start: s, End: end, Likelihood: l})
		lastEnd = end
	}
	return out
}

// phoneLabelColon reports whether the ':' before s ends a label (so the
// number is the label's value, not the second half of a time).
func phoneLabelColon(text string, s int) bool {
	return text[s-1] == ':' && s >= 2 && text[s-2]-'0' > 9
}

// phoneGap reports whether gap may separate two digit groups of one phone
// number: a space, a dash, a dot, or the ") " that closes an area code.
func phoneGap(gap string, openParen bool) bool {
	switch gap {
	case " ", "-", ".", "\u00a0":
		return true
	case ")", ") ", ")-":
		return openParen
	}
	return false
}

// phoneNotPhone rejects digit groups that are dates, year ranges or
// version-like numbers rather than phone numbers.
func phoneNotPhone(v string) bool {
	d := digitsOf(v)
	if idAllSame(d) || len(d) == 8 && validDate(d) {
		return true
	}
	groups := strings.FieldsFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	years := 0
	for _, g := range groups {
		if len(g) == 4 && (g[:2] == "19" || g[:2] == "20") {
			years++
		}
	}
	if years == len(groups) {
		return true // "2015 2020", "1998-2004"
	}
	if len(groups) >= 2 && len(groups[0]) == 4 && (groups[0][:2] == "19" || groups[0][:2] == "20") &&
		len(groups[1]) <= 2 && len(groups) <= 3 && strings.ContainsAny(v, "-.") {
		return true // "2019-06-30" written with a short year group
	}
	return false
}

// phoneLabelled reports whether a phone label ends just before s on the
// same line, with only separators and fillers ("no.", "number") between.
func phoneLabelled(in *Input, s int) bool { return labelBefore(in.Folded, s, phoneLabels) >= 0 }

// labelBefore returns where one of labels (the longest) starts when it ends
// just before s in the folded text f, with only separators and fillers
// ("no.", "number") between, or -1.
func labelBefore(f string, s int, labels []string) int {
	p := s
	for step := 0; step < 4; step++ {
		p = phoneSkipSeparators(f, p)
		filler := false
		for _, w := range phoneLabelFillers {
			if strings.HasSuffix(f[:p], w) && phoneWordStart(f, p-len(w), w) {
				p -= len(w)
				filler = true
				break
			}
		}
		if !filler {
			break
		}
	}
	start := -1
	for _, w := range labels {
		if (start < 0 || p-len(w) < start) && strings.HasSuffix(f[:p], w) && phoneWordStart(f, p-len(w), w) {
			start = p - len(w)
		}
	}
	return start
}

// phoneWordStart reports whether a Latin word w at i starts a word.
func phoneWordStart(f string, i int, w string) bool {
	if w[0] >= utf8.RuneSelf || i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(f[:i])
	return !isWordRune(r)
}

// phoneSkipSeparators moves p back over the separators between a label and
// its value, at most 40 bytes and never past a line start.
func phoneSkipSeparators(f string, p int) int {
	start := p
	for p > 0 && start-p < 40 {
		c := f[p-1]
		if c == ' ' || c == '\t' || c == ':' || c == '.' || c == '-' || c == '#' || c == '|' || c == '=' {
			p--
			continue
		}
		if r, size := utf8.DecodeLastRuneInString(f[:p]); r == '：' || r == '　' || r == '｜' || r == '–' {
			p -= size
			continue
		}
		break
	}
	return p
}

// phoneChained reports whether the number at s follows an accepted number
// on the same line with only a list separator between: "/ ", ", ", " or ".
func phoneChained(text string, lastEnd, s int) bool {
	if lastEnd < 0 || s-lastEnd > 8 {
		return false
	}
	gap := strings.TrimSpace(text[lastEnd:s])
	switch gap {
	case "/", ",", ";", "or", "|", "、", "，", "/ ", "・":
		return true
	}
	return false
}

// phoneContactCell reports whether text[s:e] stands as a whole cell of a
// line that also holds an e-mail address: "jane@example.com · 98201 46573",
// or as the cell right beside the e-mail address, whatever stands on its
// other side: a converter that joins a paragraph's lines into one (pandoc)
// puts the name or the job title before "06 47 21 83 59 – jane@example.fr".
func phoneContactCell(text string, s, e int) bool {
	lo := max(0, s-200)
	ls := lo
	if i := strings.LastIndexByte(text[lo:s], '\n'); i >= 0 {
		ls = lo + i + 1
	}
	le := e + 200
	if le > len(text) {
		le = len(text)
	}
	if i := strings.IndexByte(text[e:le], '\n'); i >= 0 {
		le = e + i
	}
	line := text[ls:le]
	at := strings.IndexByte(line, '@')
	if at <= 0 || !strings.Contains(line[at:], ".") || !isWordRune(rune(line[at-1])) {
		return false
	}
	before, after := text[ls:s], text[e:le]
	edgeBefore, edgeAfter := phoneCellEdge(before, true), phoneCellEdge(after, false)
	return edgeBefore && edgeAfter || edgeAfter && phoneEmailBeside(after, false) || edgeBefore && phoneEmailBeside(before, true)
}

// phoneEmailBeside reports whether side (the text after, or before, a
// number on its line) starts, or ends, with one separator and then an
// e-mail address: " – jane@example.fr 27 rue ...".
func phoneEmailBeside(side string, before bool) bool {
	var word string
	if before {
		side = strings.TrimRight(side, " \t\r")
		_, size := utf8.DecodeLastRuneInString(side)
		side = strings.TrimRight(side[:len(side)-size], " \t")
		word = side[strings.LastIndexAny(side, " \t")+1:]
	} else {
		side = strings.TrimLeft(side, " \t")
		_, size := utf8.DecodeRuneInString(side)
		side = strings.TrimLeft(side[size:], " \t")
		if i := strings.IndexAny(side, " \t\r"); i >= 0 {
			side = side[:i]
		}
		word = side
	}
	at := strings.IndexByte(word, '@')
	return at > 0 && isWordRune(rune(word[at-1])) && strings.Contains(word[at:], ".")
}

// phoneCellEdge reports whether side (the text before or after a number on
// its line) ends, or starts, at a cell separator.
func phoneCellEdge(side string, before bool) bool {
	side = strings.TrimRight(side, " \t\r")
	if !before {
		side = strings.TrimLeft(side, " \t")
	}
	if side == "" {
		return true
	}
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(side)
	} else {
		r, _ = utf8.DecodeRuneInString(side)
	}
	switch r {
	case '|', '｜', '·', '•', '–', '—', '/', ',', ';', '●', '▪', '◆', '丨':
		return true
	}
	return false
}
