package detectors

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Home addresses in the header block of a resume, without a label: the
// lines under the name carry the candidate's own address ("Flat C, 12/F,
// Block 3, Lok Fu Estate, Kowloon", "27 rue des Martyrs, 75009 Paris",
// "1420 W. Fullerton Pkwy, Chicago, IL 60614"). Only the first lines are
// read, up to the first section about work, so an employer's address in the
// work history is never taken for the candidate's; the cost is bounded by a
// fixed number of bytes whatever the length of the text.
func init() { register(headerAddressDetector{}) }

type headerAddressDetector struct{}

func (headerAddressDetector) ID() string         { return "header_address" }
func (headerAddressDetector) Keywords() []string { return nil }

const (
	addrHeaderLines = 12   // non-empty lines read
	addrHeaderBytes = 2000 // bytes read at most
)

// addrWords are street, building and unit words of addresses in the
// resumes' languages (lower-case, matched as whole words).
var addrWords = map[string]bool{}

// addrNotWords mark a cell as something other than a home address: a job,
// an employer, a duration.
var addrNotWords = map[string]bool{}

// addrWorkHeadings end the header block.
var addrWorkHeadings = []string{"experience", "employment", "work history", "career history", "berufserfahrung",
	"experiência", "experiencia", "expérience", "werkervaring", "esperienza", "工作经历", "工作經歷", "工作经验", "工作經驗"}

func init() {
	for _, w := range strings.Fields(`flat apt apartment unit suite blk block floor estate tower sector house
		jalan jln lorong taman rue avenue av ave street st road rd lane ln drive dr pkwy parkway blvd boulevard
		bd quay court ct crescent close place pl way terrace square sq gardens grove mews nagar marg colony
		layout rua avenida travessa alameda calle plaza paseo carrera via viale piazza corso straße strasse str
		weg allee platz gasse chemin allée impasse quai cours laan straat gracht plein kade singel`) {
		addrWords[w] = true
	}
	for _, w := range strings.Fields(`year years yrs experience engineer manager developer analyst consultant
		university college school ltd inc llc gmbh pvt corp company bank hospital office headquarters hq
		anos años ans jahre jahren jaar anni`) {
		addrNotWords[w] = true
	}
}

// addrContactLabels are the labels of contact details, lower-case: where
// one stands before a value (a colon, or the blanks of a redacted value
// after it), it ends the cell before it ("... Kowloon Mobile: ...").
var addrContactLabels = append([]string{"email", "e-mail", "mail", "email id", "email address", "e-mail address",
	"courriel", "correo", "correo electrónico", "e-post", "linkedin", "github", "website", "web", "skype",
	"wechat", "微信", "邮箱", "郵箱", "电子邮箱", "電子郵箱", "电子邮件", "電子郵件", "电邮", "電郵"}, phoneLabels...)

func (d headerAddressDetector) Detect(in *Input) []Match { return d.DetectAfter(in, nil) }

// DetectAfter reads each header line with the e-mail addresses and phone
// numbers the other detectors found on it blanked, as verification reads
// the redacted copy (markers blanked to spaces), so that both passes cut
// the line into the same cells: on a line that holds the name, the address
// and the contact details (pandoc joins a paragraph's lines into one) the
// address is then a cell of its own before and after redaction.
func (d headerAddressDetector) DetectAfter(in *Input, others []Match) []Match {
	text := in.Text[:min(len(in.Text), addrHeaderBytes)]
	items := addrContactItems(in.Text, others, len(text))
	var out []Match
	local, localDone := "", false
	for p, n := 0, 0; p < len(text) && n < addrHeaderLines; {
		e := strings.IndexByte(text[p:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += p
		}
		line, ls := text[p:e], p
		p = e + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		n++
		if addrIsWorkHeading(in.Folded[ls:e]) {
			break
		}
		if strings.IndexByte(line, ',') < 0 && !strings.Contains(line, "，") || !strings.ContainsAny(line, "0123456789") {
			continue // no house number or no parts: no address
		}
		view := addrLineView(in.Folded[ls:e], ls, items)
		for _, c := range addrCells(view) {
			c[0] = addrAfterLabel(view, c[0], c[1])
			first := strings.TrimLeft(line[:c[0]], " \t") == "" // the cell that starts the line
			if first {
				c[0] = addrAfterHanName(line, c[0], c[1])
			}
			if !addrLooksHome(line[c[0]:c[1]], in.Folded[ls+c[0]:ls+c[1]]) {
				continue
			}
			if first {
				if !localDone {
					local, localDone = emailLocalPart(in.Folded), true
				}
				c[0] = addrAfterName(line, c[0], c[1], local)
			}
			out = append(out, Match{Category: Contact, Detector: d.ID(), Start: ls + c[0], End: ls + c[1], Likelihood: Medium})
		}
	}
	return out
}

// addrContactItems returns the spans of the e-mail addresses and numbers
// among the others' contact matches (medium and up, as the default policy
// redacts them) that start before limit, sorted: what the redacted copy
// holds as markers, and verification as blanks. Matches with letters and
// no "@" are left out: they are addresses, which this detector may extend.
func addrContactItems(text string, others []Match, limit int) [][2]int {
	var items [][2]int
	for _, m := range others {
		if m.Category != Contact || m.Likelihood < Medium || m.Start >= limit {
			continue
		}
		v := text[m.Start:m.End]
		if strings.IndexByte(v, '@') < 0 && strings.IndexFunc(v, unicode.IsLetter) >= 0 {
			continue
		}
		items = append(items, [2]int{m.Start, m.End})
	}
	slices.SortFunc(items, func(a, b [2]int) int { return a[0] - b[0] })
	return items
}

// addrLineView returns the folded line f (at offset ls of the text) as the
// cells are cut from it: the contact items on it blanked, and each contact
// label that stands before a value (a colon, or two spaces as a blanked
// value leaves) turned into a tab with its colon. Labels are read after
// blanking, so a label before a redacted value counts in both passes.
func addrLineView(f string, ls int, items [][2]int) string {
	var b []byte
	for _, it := range items {
		s, e := max(it[0]-ls, 0), min(it[1]-ls, len(f))
		if s >= e {
			continue
		}
		if b == nil {
			b = []byte(f)
		}
		for k := s; k < e; k++ {
			b[k] = ' '
		}
	}
	v := f
	if b != nil {
		v = string(b)
	}
	for i := 0; i < len(v); i++ {
		end := i
		switch {
		case v[i] == ':':
			end = i + 1
		case strings.HasPrefix(v[i:], "："):
			end = i + len("：")
		case v[i] == ' ' && i+1 < len(v) && v[i+1] == ' ' && i > 0 && v[i-1] != ' ':
		default:
			continue
		}
		s := labelBefore(v, i, addrContactLabels)
		if s < 0 {
			continue
		}
		if b == nil {
			b = []byte(v)
		}
		for k := s; k < end; k++ {
			b[k] = '\t'
		}
	}
	if b == nil {
		return v
	}
	return string(b)
}

// addrAfterHanName returns where a cell that starts the line goes on after
// a Han name of two to four characters and a space ("陳嘉欣 Chan Ka Yan Flat
// C, ..."), or s.
func addrAfterHanName(line string, s, e int) int {
	p, n := s, 0
	for p < e {
		r, size := utf8.DecodeRuneInString(line[p:])
		if !labelIsHan(r) {
			break
		}
		p += size
		n++
	}
	if n < 2 || n > 4 || p >= e || line[p] != ' ' {
		return s
	}
	for p < e && line[p] == ' ' {
		p++
	}
	return p
}

// addrAfterName returns where the address starts in a cell that starts the
// line: after the candidate's name when the line holds it too ("Jane Q.
// Doe 12 Main St, ..."). Only the leading words of a name's shape count,
// up to the last one the e-mail's local part confirms, and at least two:
// a street name may come first ("Keizersgracht 12, ..."), so without that
// confirmation the name stays inside the address.
func addrAfterName(line string, s, e int, local string) int {
	if local == "" {
		return s
	}
	after, words, p := s, 0, s
	for p < e {
		q := p
		for q < e && line[q] != ' ' {
			q++
		}
		w := strings.TrimRight(line[p:q], ",")
		if !addrNameWord(w) {
			break
		}
		words++
		if words >= 2 && nameWordInLocal(local, Fold(w)) {
			after = q
		}
		for p = q; p < e && line[p] == ' '; p++ {
		}
	}
	for after < e && (line[after] == ' ' || line[after] == ',') {
		after++
	}
	return after
}

// addrNameWord reports whether w can be a word of a name: capitalised
// letters, an initial ("J."), or a particle ("de", "bin"), and no street
// or building word.
func addrNameWord(w string) bool {
	lw := strings.ToLower(strings.TrimRight(w, "."))
	if w == "" || addrWords[lw] {
		return false
	}
	if nameParticles[lw] {
		return true
	}
	for i, r := range w {
		switch {
		case i == 0 && !unicode.IsUpper(r):
			return false
		case unicode.IsLetter(r) || r == '-' || r == '\'' || r == '’' || r == '.':
		default:
			return false
		}
	}
	return true
}

// addrAfterLabel returns where the value of a cell starts: after a label
// and its colon ("Address: 12 ...", "住址："), the last colon before any
// digit ("Name: Jane Doe Address: 12 ..." on a joined line).
func addrAfterLabel(line string, s, e int) int {
	c := line[s:e]
	if d := strings.IndexAny(c, "0123456789"); d >= 0 {
		c = c[:d]
	}
	i := strings.LastIndexAny(c, ":：")
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(c[i:])
	p := s + i + size
	for p < e && line[p] == ' ' {
		p++
	}
	return p
}

func addrIsWorkHeading(folded string) bool {
	if len(folded) > 60 {
		return false
	}
	f := strings.TrimSpace(folded)
	if len(f) > 40 {
		return false
	}
	for _, h := range addrWorkHeadings {
		if strings.Contains(f, h) {
			return true
		}
	}
	return false
}

// addrCells splits a line at rules, bullets, tabs and double spaces and
// returns the trimmed [start, end) of each cell.
func addrCells(line string) [][2]int {
	var cells [][2]int
	start := 0
	flush := func(end int) {
		s, e := start, end
		for s < e && (line[s] == ' ' || line[s] == '\r') {
			s++
		}
		for e > s && (line[e-1] == ' ' || line[e-1] == '\r') {
			e--
		}
		if e > s {
			cells = append(cells, [2]int{s, e})
		}
	}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == '|' || r == '\t' || r == '·' || r == '•' || r == '｜' || r == '●' || r == '　' ||
			r == ' ' && i+1 < len(line) && line[i+1] == ' ':
			flush(i)
			start = i + size
		}
		i += size
	}
	flush(len(line))
	return cells
}

// addrLooksHome judges one cell: a house or unit number, a street or
// building word and the comma-separated parts of an address, and nothing
// that makes it a job, an employer or contact details of another kind.
func addrLooksHome(c, lc string) bool {
	if len(c) < 10 || len(c) > 120 || strings.ContainsAny(c, "@") || strings.Contains(c, "http") || strings.Contains(c, "www.") {
		return false
	}
	digits, letters, han := 0, 0, 0
	for _, r := range c {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case labelIsHan(r):
			han++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits == 0 || han > 0 || letters < 6 || digits > letters {
		return false
	}
	if !strings.ContainsAny(c, ",，") {
		return false
	}
	// lc is c case-folded. "No. 23", "nº 45": a house number sign.
	street := strings.Contains(lc, "no. ") || strings.Contains(lc, "nº") || strings.Contains(lc, "n°")
	for i, ws := 0, -1; i <= len(lc); {
		r, size := utf8.RuneError, 1
		if i < len(lc) {
			r, size = utf8.DecodeRuneInString(lc[i:])
		}
		if i < len(lc) && (unicode.IsLetter(r) || r == '/') {
			if ws < 0 {
				ws = i
			}
			i += size
			continue
		}
		if ws >= 0 {
			w := lc[ws:i]
			if addrNotWords[w] {
				return false
			}
			if addrWords[w] && !(ws == 0 && w == "dr") || w == "c/" {
				street = true
			}
			ws = -1
		}
		i += size
	}
	if !street {
		return false
	}
	return !addrHasYearRange(c)
}

// addrHasYearRange reports a range of years ("2019 – 2022", "2018-present").
func addrHasYearRange(c string) bool {
	years := 0
	for i := 0; i+4 <= len(c); i++ {
		if (c[i:i+2] == "19" || c[i:i+2] == "20") && idIsDigits(c[i:i+4]) &&
			(i == 0 || c[i-1] < '0' || c[i-1] > '9') && (i+4 == len(c) || c[i+4] < '0' || c[i+4] > '9') {
			years++
		}
	}
	return years >= 2 || years == 1 && strings.Contains(strings.ToLower(c), "present")
}
