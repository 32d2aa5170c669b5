// Package pdf extracts and redacts PDF resumes.
//
// Reading and writing go through pdfcpu's object model; the content streams
// are read by our own lexer and interpreter (graphics and text state,
// simple, Type3 and Type0 fonts, Form XObjects), which yields every glyph
// with its character code, Unicode text, position and advance. Detection
// text is rebuilt from those glyphs, so detection and redaction agree on
// every glyph.
//
// Redaction removes exactly the glyphs of each span from the Tj/TJ
// operators that show them (a TJ displacement equal to their advance keeps
// the rest of the line in place), copies a Form XObject before editing it,
// wraps the page's original content in q … Q and paints a black box over
// each removed run. Hidden text (render mode 3, outside the crop box,
// white without a painted background, smaller than 1pt, hidden optional
// content) is reported through HiddenSpans and removed without a box.
// Raster images larger than icons are listed as photos and replaced by a
// grey box of the same size. Every output is sanitised and written as a
// complete new file (see sanitise).
//
// Verification by an independent extractor: the Document returned for a
// redacted copy implements redact.CrossChecker, giving the page text as
// read by github.com/ledongthuc/pdf; the pipeline scans it too, so a copy is
// released only when neither extractor finds anything the policy redacts.
//
// Documents that cannot be screened safely fail with redact.ErrUnsupported:
// encrypted with a user password, glyphs with no Unicode mapping (Type3
// fonts or CID fonts without ToUnicode), unsupported CMaps (predefined CJK
// CMaps other than Identity-H and the Unicode ones such as UniGB-UCS2-H,
// vertical writing), and pages with an image
// but no text layer (scans). Errors never quote document text.
package pdf

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
)

// Format is the PDF format. Its limits are checked before any page is
// interpreted; zero means the default.
type Format struct {
	// MaxPages bounds the page count (default DefaultMaxPages): reading
	// pages costs more than linear time in their number.
	MaxPages int
	// MaxObjects bounds the objects in the cross-reference table
	// (default DefaultMaxObjects).
	MaxObjects int
}

// Default limits: far above any resume, and below what takes seconds.
const (
	DefaultMaxPages   = 500
	DefaultMaxObjects = 500_000
)

func (Format) Name() string { return "pdf" }

// maxObjectNumber is the highest object number in a cross-reference table.
func maxObjectNumber[E any](table map[int]E) int {
	highest := 0
	for n := range table {
		highest = max(highest, n)
	}
	return highest
}

// disableConfig keeps pdfcpu from making or reading a configuration
// folder in the user's home (what api.DisableConfigDir does). The api
// package itself is not used: it adds nothing to pdfcpu.Read and
// pdfcpu.WriteContext but imports form filling, whose go-runewidth tables
// took 17 ms to build at the start of every process.
var disableConfig sync.Once

// indirectFilter matches a /Filter or /DecodeParms entry whose value is an
// indirect reference (white space and comments allowed between).
var indirectFilter = regexp.MustCompile(`/(?:Filter|DecodeParms)(?:[\x00\t\n\f\r ]|%[^\r\n]*)*\d+[\x00\t\n\f\r ]+\d+[\x00\t\n\f\r ]+R`)

// Document is an extracted PDF.
type Document struct {
	ctx    *model.Context
	r      *reader
	pages  []*page
	order  []*glyph // glyphs in text order
	text   string
	hidden []redact.Span
	images []*placed // photos only (small images are left alone)
	data   []byte
}

var (
	_ redact.Extraction   = (*Document)(nil)
	_ redact.Paged        = (*Document)(nil)
	_ redact.Hider        = (*Document)(nil)
	_ redact.ObjectLister = (*Document)(nil)
	_ redact.CrossChecker = (*Document)(nil)
)

func (d *Document) Text() string               { return d.text }
func (d *Document) HiddenSpans() []redact.Span { return append([]redact.Span(nil), d.hidden...) }

// PageOf returns the 1-based page of the text at offset.
func (d *Document) PageOf(offset int) int {
	i := sort.Search(len(d.pages), func(i int) bool { return d.pages[i].textStart > offset })
	return max(i, 1)
}

// Objects lists the photos (raster images larger than icons).
func (d *Document) Objects() []redact.Object {
	var out []redact.Object
	for i, im := range d.images {
		out = append(out, redact.Object{ID: i, Category: detectors.Photo, Offset: im.offset, Digest: im.digest})
	}
	return out
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", redact.ErrUnsupported, fmt.Sprintf(format, args...))
}

// Extract parses data and interprets every page.
func (f Format) Extract(data []byte) (ext redact.Extraction, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The panic value may quote the document: say only where.
			ext, err = nil, errors.New("pdf: parser failed on this file")
		}
	}()
	// A file cut short can still be "repaired" into pages that lost their
	// content; a complete one ends with %%EOF (give or take trailing junk).
	if !bytes.Contains(data[max(0, len(data)-4096):], []byte("%%EOF")) {
		return nil, errors.New("pdf: truncated: no end-of-file marker")
	}
	// pdfcpu (v0.15.0) reads a stream's /Filter or /DecodeParms given by
	// reference by reading that object, so a stream naming itself recurses
	// until the Go stack overflows: a fatal error that no recover stops and
	// that kills the process (found by FuzzProcess). Such references are
	// refused before parsing. This only narrows the hole (a name written
	// with #-escapes gets past it); worker processes are the boundary.
	if indirectFilter.Match(data) {
		return nil, unsupported("stream filter given by reference")
	}
	disableConfig.Do(func() { model.ConfigPath = "disable" })
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) {
			return nil, unsupported("encrypted with a user password")
		}
		return nil, errors.New("pdf: not a readable PDF file")
	}
	limit := cmp.Or(f.MaxObjects, DefaultMaxObjects)
	if n := len(ctx.XRefTable.Table); n > limit {
		return nil, unsupported("too many objects (%d, limit %d)", n, limit)
	}
	// The rewritten file's cross-reference table has a line for every
	// number up to the highest, used or not: seven objects, one numbered
	// 30,407,070, made a 608 MB copy that took minutes to read back (found
	// by FuzzProcess). The highest number is bounded like the count.
	if n := maxObjectNumber(ctx.XRefTable.Table); n > limit {
		return nil, unsupported("object number too high (%d, limit %d)", n, limit)
	}
	if err := ctx.EnsurePageCount(); err != nil || ctx.PageCount == 0 {
		return nil, errors.New("pdf: page tree unreadable")
	}
	if limit := cmp.Or(f.MaxPages, DefaultMaxPages); ctx.PageCount > limit {
		return nil, unsupported("too many pages (%d, limit %d)", ctx.PageCount, limit)
	}
	d := &Document{ctx: ctx, r: &reader{x: ctx.XRefTable}, data: data}
	in := &interp{r: d.r, fonts: &fontLoader{d: d.r, cache: map[int]*font{}}, hidden: d.offLayers()}
	for n := 1; n <= ctx.PageCount; n++ {
		pd, _, inh, err := ctx.PageDict(n, false)
		if err != nil || pd == nil {
			return nil, fmt.Errorf("pdf: page %d unreadable", n)
		}
		pg := &page{num: n, dict: pd, crop: rect{0, 0, 612, 792}}
		if inh != nil {
			if b := inh.MediaBox; b != nil {
				pg.crop = rect{b.LL.X, b.LL.Y, b.UR.X, b.UR.Y}
			}
			if b := inh.CropBox; b != nil {
				pg.crop = rect{b.LL.X, b.LL.Y, b.UR.X, b.UR.Y}
			}
		}
		var res types.Dict
		if inh != nil {
			res = inh.Resources
		}
		if res == nil {
			res = d.r.dict(pd["Resources"])
		}
		content, err := d.pageContent(pd)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d content unreadable", n)
		}
		ops, err := parseContent(content)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d content: %v", n, err)
		}
		pg.root = &instance{ops: ops, res: res, page: pg, src: content}
		in.pg = pg
		gs := gstate{ctm: identity, th: 1, clip: pg.crop}
		if err := in.run(pg.root, gs); err != nil {
			return nil, fmt.Errorf("pdf: page %d: %v", n, err)
		}
		markCovered(pg)
		if in.badFont != nil {
			if errors.Is(in.badFont, errUnsupportedFont) {
				return nil, fmt.Errorf("%w: page %d: %v", redact.ErrUnsupported, n, in.badFont)
			}
			return nil, unsupported("page %d: %v", n, in.badFont)
		}
		if in.unmapped > 0 {
			return nil, unsupported("page %d: %d glyphs have no Unicode mapping (font without ToUnicode)", n, in.unmapped)
		}
		if scanned(pg) {
			if len(pg.glyphs) == 0 {
				return nil, unsupported("page %d has no text layer (scanned image)", n)
			}
			return nil, unsupported("page %d is a scanned image with an invisible OCR text layer: the image would keep what the text loses", n)
		}
		d.pages = append(d.pages, pg)
	}
	d.assemble()
	return d, nil
}

// scanned reports whether a page is an image of text: a large image and
// either no text or mostly invisible text (an OCR layer over the scan).
func scanned(pg *page) bool {
	area := (pg.crop.x1 - pg.crop.x0) * (pg.crop.y1 - pg.crop.y0)
	big := false
	for _, im := range pg.images {
		if (im.box.x1-im.box.x0)*(im.box.y1-im.box.y0) >= area/4 {
			big = true
		}
	}
	if !big {
		return false
	}
	invisible := 0
	for _, g := range pg.glyphs {
		if g.invisible {
			invisible++
		}
	}
	return len(pg.glyphs) == 0 || invisible*2 >= len(pg.glyphs)
}

// pageContent joins a page's content streams with a newline between
// them: a stream may end on a token that must not run into the next
// stream's first one (pdfcpu's PageContent joins them without one).
func (d *Document) pageContent(pd types.Dict) ([]byte, error) {
	var parts []types.Object
	switch c := d.r.deref(pd["Contents"]).(type) {
	case nil:
		return nil, nil
	case types.Array:
		parts = c
	default:
		parts = []types.Object{pd["Contents"]}
	}
	var b []byte
	for _, p := range parts {
		if d.r.deref(p) == nil {
			continue
		}
		s, err := d.r.stream(p)
		if err != nil {
			return nil, err
		}
		if len(b)+len(s) > maxDecode {
			return nil, errors.New("page content too large")
		}
		b = append(append(b, s...), '\n')
	}
	return b, nil
}

// offLayers returns the object numbers of optional-content groups that
// are off by default: content in them is hidden.
func (d *Document) offLayers() map[int]bool {
	off := map[int]bool{}
	oc := d.r.dict(d.ctx.RootDict["OCProperties"])
	if oc == nil {
		return off
	}
	dd := d.r.dict(oc["D"])
	if dd == nil {
		return off
	}
	for _, o := range d.r.array(dd["OFF"]) {
		if ir, ok := o.(types.IndirectRef); ok {
			off[ir.ObjectNumber.Value()] = true
		}
	}
	return off
}

// assemble rebuilds the text from glyph positions: glyphs that follow each
// other on a baseline form fragments (a gap wider than a fraction of the
// font size becomes a space); fragments on the same baseline that do not
// overlap join one line, in left-to-right order; lines follow in content
// order, one per text line, like pdftotext's reading order for single
// column documents. Pages are separated by a form feed.
func (d *Document) assemble() {
	var b strings.Builder
	for pi, pg := range d.pages {
		if pi > 0 {
			b.WriteString("\f")
		}
		pg.textStart = b.Len()
		lines := buildLines(pg.glyphs)
		for li, ln := range lines {
			if li > 0 {
				b.WriteByte('\n')
			}
			for fi, fr := range ln.frags {
				if fi > 0 {
					b.WriteByte(' ')
				}
				for gi, g := range fr {
					if gi > 0 && gap(fr[gi-1], g) {
						b.WriteByte(' ')
					}
					g.start = b.Len()
					b.WriteString(g.text)
					g.end = b.Len()
					d.order = append(d.order, g)
				}
			}
		}
		for _, im := range pg.images {
			im.offset = pg.textStart
			if !im.small {
				d.images = append(d.images, im)
			}
		}
	}
	d.text = b.String()
	// Hidden spans: maximal runs of hidden glyphs in text order, without
	// leading or trailing white space (hidden spaces alone hide nothing).
	for i := 0; i < len(d.order); {
		if !d.order[i].hidden || isSpace(d.order[i].text) {
			i++
			continue
		}
		j := i
		for j+1 < len(d.order) && d.order[j+1].hidden {
			j++
		}
		k := j
		for isSpace(d.order[k].text) {
			k--
		}
		d.hidden = append(d.hidden, redact.Span{Start: d.order[i].start, End: d.order[k].end, Category: detectors.HiddenText})
		i = j + 1
	}
}

func isSpace(s string) bool { return strings.TrimSpace(s) == "" }

func gap(prev, g *glyph) bool {
	if isSpace(prev.text) || isSpace(g.text) {
		return false
	}
	size := math.Max(prev.size, g.size)
	return g.x-prev.endX > 0.12*size
}

type line struct {
	base  float64
	size  float64
	frags [][]*glyph
}

func sameDir(a, b *glyph) bool { return a.ux*b.ux+a.uy*b.uy > 0.99 }

func continues(prev, g *glyph) bool {
	size := math.Max(prev.size, g.size)
	return sameDir(prev, g) && math.Abs(g.y-prev.y) <= 0.35*size && g.x >= prev.endX-0.3*size && g.x-prev.endX < 6*size
}

func buildLines(glyphs []*glyph) []*line {
	var frags [][]*glyph
	for _, g := range glyphs {
		if n := len(frags); n > 0 && continues(frags[n-1][len(frags[n-1])-1], g) {
			frags[n-1] = append(frags[n-1], g)
			continue
		}
		frags = append(frags, []*glyph{g})
	}
	var lines []*line
	for _, fr := range frags {
		y, size := fr[0].y, fr[0].size
		if n := len(lines); n > 0 {
			ln := lines[n-1]
			if sameDir(ln.frags[0][0], fr[0]) && math.Abs(ln.base-y) <= 0.35*math.Max(ln.size, size) && !overlaps(ln, fr) {
				ln.frags = append(ln.frags, fr)
				continue
			}
		}
		lines = append(lines, &line{base: y, size: size, frags: [][]*glyph{fr}})
	}
	for _, ln := range lines {
		sort.SliceStable(ln.frags, func(i, j int) bool { return ln.frags[i][0].x < ln.frags[j][0].x })
	}
	return lines
}

func overlaps(ln *line, fr []*glyph) bool {
	x0, x1 := fr[0].x, fr[len(fr)-1].endX
	for _, o := range ln.frags {
		if x0 < o[len(o)-1].endX && o[0].x < x1 {
			return true
		}
	}
	return false
}
