package detectors

import (
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

func (d headerAddressDetector) Detect(in *Input) []Match {
	text := in.Text[:min(len(in.Text), addrHeaderBytes)]
	var out []Match
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
		for _, c := range addrCells(line) {
			c[0] = addrAfterLabel(line, c[0], c[1])
			if addrLooksHome(line[c[0]:c[1]], in.Folded[ls+c[0]:ls+c[1]]) {
				out = append(out, Match{Category: Contact, Detector: d.ID(), Start: ls + c[0], End: ls + c[1], Likelihood: Medium})
			}
		}
	}
	return out
}

// addrAfterLabel returns where the value of a cell starts: after a label
// and its colon ("Address: 12 ...", "住址："), when the colon comes before
// any digit.
func addrAfterLabel(line string, s, e int) int {
	c := line[s:e]
	i := strings.IndexAny(c, ":：")
	if i < 0 || strings.ContainsAny(c[:i], "0123456789") {
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
