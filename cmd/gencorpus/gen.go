package main

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/docx"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
	"github.com/prescreen/prescreen/redact/txt"
)

// linesPerPage is how many text lines make a page: pdftest.FromText lays
// out 60 lines a page, and a page of a typical resume holds about as many.
const linesPerPage = 60

// format is one output format of the corpus.
type format struct {
	ext     string
	write   func(text string) ([]byte, error)
	extract redact.Format
}

var formats = map[string]format{
	"txt":  {"txt", func(t string) ([]byte, error) { return []byte(t), nil }, txt.Format{}},
	"docx": {"docx", eval.ToDOCX, docx.Format{}},
	"pdf":  {"pdf", func(t string) ([]byte, error) { return pdftest.FromText(t), nil }, pdf.Format{}},
}

// Planted is one planted item of a generated document: its category and
// where it lies in the text the format's extractor reads from the file
// (the offsets a scan report uses). It holds no value.
type Planted struct {
	Category detectors.Category `json:"category"`
	Start    int                `json:"start"`
	End      int                `json:"end"`
}

// Entry is one line of manifest.jsonl.
type Entry struct {
	File   string `json:"file"` // relative to the corpus folder
	Format string `json:"format"`
	Writer string `json:"writer"` // prescreen, pandoc or libreoffice
	// PandocReader is how pandoc read the text (pandocReaders).
	PandocReader string    `json:"pandoc_reader,omitempty"`
	Lang         string    `json:"lang"` // "zh" or "latin" (English and other Latin-script resumes)
	Base         string    `json:"base"` // the fixture resume it was made from
	Pages        int       `json:"pages"`
	Bytes        int       `json:"bytes"`
	Items        []Planted `json:"items"`
	// NotLocated lists the categories of planted items whose value is not
	// in the text prescreen extracts from an office program's file (the
	// program dropped or rewrote it); they have no offsets.
	NotLocated []detectors.Category `json:"not_located,omitempty"`
	// ExtractError is why prescreen could not read an office program's
	// file (extraction errors never quote content).
	ExtractError string `json:"extract_error,omitempty"`
}

// generator makes documents from the annotated fixture resumes.
type generator struct {
	docs []eval.Doc
	// filler holds, per language, the lines of every fixture that carry no
	// annotated item: job duties, education, headings.
	filler map[string][]string
}

func newGenerator(c *eval.Corpus) *generator {
	g := &generator{docs: c.Docs, filler: map[string][]string{}}
	for _, d := range c.Docs {
		lang := langOf(d.Text)
		off := 0
		for _, line := range strings.SplitAfter(d.Text, "\n") {
			start, end := off, off+len(line)
			off = end
			if strings.TrimSpace(line) == "" {
				continue
			}
			clean := true
			for _, it := range d.Items {
				if it.Start < end && start < it.End {
					clean = false
					break
				}
			}
			if clean {
				g.filler[lang] = append(g.filler[lang], strings.TrimRight(line, "\r\n"))
			}
		}
	}
	return g
}

// langOf is "zh" for text that is largely Chinese, "latin" otherwise.
func langOf(text string) string {
	han, letters := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if han*3 > letters {
		return "zh"
	}
	return "latin"
}

// doc is a generated resume as text with its planted items.
type doc struct {
	base, lang string
	pages      int
	text       string
	items      []eval.Item
}

// make builds document i: a fixture resume with its planted values
// replaced by fresh ones, lengthened to 1–3 pages with lines of other
// resumes of the same language that hold no personal item.
func (g *generator) make(rng *rand.Rand) doc {
	base := g.docs[rng.IntN(len(g.docs))]
	text, items := vary(rng, base)
	d := doc{base: base.Name, lang: langOf(base.Text), pages: 1 + rng.IntN(3)}
	// A page is 60 lines: aim at a few lines short of the last page's end,
	// so the PDF comes out with exactly d.pages pages.
	want := (d.pages-1)*linesPerPage + 20 + rng.IntN(linesPerPage-25)
	lines := strings.Count(text, "\n") + 1
	var b strings.Builder
	b.WriteString(strings.TrimRight(text, "\n"))
	pool := g.filler[d.lang]
	for lines < want && len(pool) > 0 {
		// A section: a blank line and 4–12 lines.
		b.WriteString("\n")
		lines++
		for n := 4 + rng.IntN(9); n > 0 && lines < want; n-- {
			b.WriteString("\n")
			b.WriteString(pool[rng.IntN(len(pool))])
			lines++
		}
	}
	b.WriteString("\n")
	d.text = b.String()
	d.items = items
	return d
}

var (
	cnIDRE  = regexp.MustCompile(`^\d{17}[\dXx]$`)
	emailRE = regexp.MustCompile(`^([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$`)
	phoneRE = regexp.MustCompile(`^[+()\d][\d ()+.\-]{6,}\d$`)
	hanRE   = regexp.MustCompile(`^\p{Han}{2,4}$`)
	latinRE = regexp.MustCompile(`^\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){1,3}$`)
)

// vary replaces the planted values that can be regenerated (Chinese
// resident IDs with a valid check digit, e-mail addresses, phone numbers,
// names) with fresh ones, everywhere they occur, and returns the new text
// with the items' spans moved to match.
func vary(rng *rand.Rand, d eval.Doc) (string, []eval.Item) {
	type region struct {
		start, end int
		repl       string
	}
	fresh := map[string]string{}
	for _, it := range d.Items {
		v := d.Text[it.Start:it.End]
		if _, done := fresh[v]; done {
			continue
		}
		if r, ok := freshValue(rng, it.Category, v); ok && r != v {
			fresh[v] = r
		}
	}
	// Every occurrence of a replaced value, unless it cuts an item in two
	// or swallows a smaller one.
	var regions []region
	for old, repl := range fresh {
		for from := 0; ; {
			i := strings.Index(d.Text[from:], old)
			if i < 0 {
				break
			}
			s, e := from+i, from+i+len(old)
			from = e
			ok := true
			for _, it := range d.Items {
				inside := it.Start <= s && e <= it.End
				overlaps := it.Start < e && s < it.End
				if overlaps && !inside {
					ok = false
					break
				}
			}
			if ok {
				regions = append(regions, region{s, e, repl})
			}
		}
	}
	// By start, the longer first: the same regions whatever the map's order.
	slices.SortFunc(regions, func(a, b region) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
	var b strings.Builder
	kept := regions[:0]
	last := 0
	for _, r := range regions {
		if r.start < last {
			continue
		}
		b.WriteString(d.Text[last:r.start])
		b.WriteString(r.repl)
		last = r.end
		kept = append(kept, r)
	}
	b.WriteString(d.Text[last:])
	// moved maps an offset of the old text to the new one; p is never
	// strictly inside a region.
	moved := func(p int) int {
		shift := 0
		for _, r := range kept {
			if r.end <= p {
				shift += len(r.repl) - (r.end - r.start)
			}
		}
		return p + shift
	}
	items := make([]eval.Item, len(d.Items))
	for i, it := range d.Items {
		items[i] = eval.Item{Category: it.Category, Span: eval.Span{Start: moved(it.Start), End: moved(it.End)}}
	}
	return b.String(), items
}

// freshValue returns a new value of the same kind as v, or false when v is
// not a kind that is regenerated.
func freshValue(rng *rand.Rand, c detectors.Category, v string) (string, bool) {
	switch c {
	case detectors.IDNumber:
		if cnIDRE.MatchString(v) {
			return cnResidentID(rng, v[:14]), true
		}
	case detectors.Contact:
		if m := emailRE.FindStringSubmatch(v); m != nil {
			return freshLocal(rng) + "@" + m[2], true
		}
		if phoneRE.MatchString(v) && countDigits(v) >= 7 {
			return freshDigits(rng, v, 4), true
		}
	case detectors.Name:
		if hanRE.MatchString(v) {
			return chineseName(rng, len([]rune(v))), true
		}
		if latinRE.MatchString(v) {
			return latinName(rng, len(strings.Fields(v))), true
		}
	}
	return "", false
}

// cnResidentID is a GB 11643 number: the 14 digits of region and birth
// date given, a random sequence number and its ISO 7064 MOD 11-2 check.
func cnResidentID(rng *rand.Rand, prefix string) string {
	s := fmt.Sprintf("%s%03d", prefix, rng.IntN(1000))
	return s + string(cnCheck(s))
}

func cnCheck(s17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(s17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// freshDigits replaces the last n digits of v, keeping its layout and its
// country and area prefix.
func freshDigits(rng *rand.Rand, v string, n int) string {
	b := []byte(v)
	for i := len(b) - 1; i >= 0 && n > 0; i-- {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = byte('0' + rng.IntN(10))
			n--
		}
	}
	return string(b)
}

var (
	firstNames = []string{"Olivia", "Liam", "Amelia", "Noah", "Priya", "Arjun", "Sofia", "Mateus", "Lucas", "Chloe", "Ethan", "Isabela", "Rahul", "Hannah", "Daniel", "Aisha", "Marco", "Elena", "Tomás", "Nadia", "Oscar", "Leah", "Felipe", "Anika", "Jonas", "Mei", "Kavya", "Samuel", "Clara", "Diego"}
	lastNames  = []string{"Harrison", "Okafor", "Fernandes", "Kowalski", "Brennan", "Iyer", "Novak", "Lindqvist", "Carvalho", "Mendes", "Whitaker", "Reddy", "Schmidt", "Delgado", "Murphy", "Tan", "Lim", "Castillo", "Jansen", "Moreau", "Patel", "Nguyen", "Walsh", "Ribeiro", "Hoffmann", "Sharma", "Ortega", "Keller", "Byrne", "Costa"}
	cnSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛")
	cnGiven    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红斌宇浩凯鹏晨欣怡佳琪雨轩子涵梓萱诗若彤嘉俊哲瑞博文昊然")
)

func latinName(rng *rand.Rand, words int) string {
	parts := []string{firstNames[rng.IntN(len(firstNames))]}
	for len(parts) < words-1 {
		parts = append(parts, firstNames[rng.IntN(len(firstNames))])
	}
	return strings.Join(append(parts, lastNames[rng.IntN(len(lastNames))]), " ")
}

func chineseName(rng *rand.Rand, runes int) string {
	name := []rune{cnSurnames[rng.IntN(len(cnSurnames))]}
	for len(name) < max(2, runes) {
		name = append(name, cnGiven[rng.IntN(len(cnGiven))])
	}
	return string(name)
}

func freshLocal(rng *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	var b strings.Builder
	for range 5 + rng.IntN(6) {
		b.WriteByte(letters[rng.IntN(len(letters))])
	}
	if rng.IntN(2) == 0 {
		b.WriteByte('.')
		for range 3 + rng.IntN(5) {
			b.WriteByte(letters[rng.IntN(len(letters))])
		}
	}
	fmt.Fprintf(&b, "%d", rng.IntN(100))
	return b.String()
}

// render writes d in format f and locates its items in the text the
// format's extractor reads back, as a scan report would.
func render(d doc, f format) ([]byte, []Planted, error) {
	data, err := f.write(d.text)
	if err != nil {
		return nil, nil, err
	}
	c := &eval.Corpus{Docs: []eval.Doc{{Name: d.base, Text: d.text, Items: d.items}}}
	back, err := eval.Reformat(c, func(string) ([]byte, error) { return data, nil }, f.extract)
	if err != nil {
		return nil, nil, err
	}
	items := make([]Planted, 0, len(d.items))
	for _, it := range back.Docs[0].Items {
		items = append(items, Planted{Category: it.Category, Start: it.Start, End: it.End})
	}
	return data, items, nil
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }
