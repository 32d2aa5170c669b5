// Package docx extracts and redacts Word (OOXML) documents. It reads the
// ZIP package with archive/zip and each XML part once with a small
// tokenizer of its own (xmltok.go) that gives every token's byte range,
// and writes the copy by splicing the original bytes: nothing is
// re-encoded, so namespace prefixes, mc:Ignorable and the formatting of
// everything not redacted stay as they were.
//
// Text comes from the body, tables, text boxes, headers, footers,
// footnotes, endnotes, SmartArt, charts, hyperlink targets, field codes and
// the document properties, with a map from every text node back to its
// part and byte range, so a value Word split over several runs is redacted
// as one. Every copy is sanitised: properties reset, comments, tracked
// changes, hidden text, custom XML, embedded objects, macros, external
// relationships, image alt text, attached templates and rsids removed.
package docx

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
)

// MediaType is what content sniffing reports for .docx files.
const MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// Format is the DOCX format. The zero value uses DefaultLimits.
type Format struct {
	Limits Limits
}

func (Format) Name() string { return "docx" }

var (
	_ redact.Format       = Format{}
	_ redact.Extraction   = (*Document)(nil)
	_ redact.Hider        = (*Document)(nil)
	_ redact.ObjectLister = (*Document)(nil)
	_ redact.CopyReader   = (*Document)(nil)
)

// Content types (lower case) that decide how a part is treated.
const (
	ctMain          = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctTemplate      = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	ctMacroMain     = "application/vnd.ms-word.document.macroenabled.main+xml"
	ctMacroTmpl     = "application/vnd.ms-word.template.macroenabledtemplate.main+xml"
	ctCore          = "application/vnd.openxmlformats-package.core-properties+xml"
	ctApp           = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
	ctCustom        = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
	ctStyles        = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	contentTypesXML = "[Content_Types].xml"
)

// Relationship types (their last path segment) whose targets are removed.
var removedRelTypes = map[string]bool{
	"comments": true, "commentsExtended": true, "commentsIds": true, "commentsExtensible": true,
	"people": true, "customXml": true, "custom-properties": true, "thumbnail": true,
	"oleObject": true, "package": true, "control": true, "activeXControlBinary": true,
	"vbaProject": true, "wordVbaData": true, "keyMapCustomizations": true,
	"glossaryDocument": true, "printerSettings": true, "aFChunk": true,
	"attachedTemplate": true, "subDocument": true,
}

// removedByName reports parts removed whatever points at them.
func removedByName(name, ct string) bool {
	lower := strings.ToLower(name)
	base := path.Base(lower)
	switch {
	case strings.HasPrefix(lower, "customxml/"),
		strings.HasPrefix(lower, "word/embeddings/"),
		strings.HasPrefix(lower, "word/activex/"),
		strings.HasPrefix(lower, "word/glossary/"),
		strings.HasPrefix(lower, "word/printersettings/"),
		strings.HasPrefix(lower, "docprops/thumbnail"),
		base == "vbaproject.bin", base == "vbadata.xml", base == "people.xml",
		strings.HasPrefix(base, "comments") && strings.HasSuffix(base, ".xml"),
		ct == ctCustom,
		strings.Contains(ct, "comments") && strings.HasPrefix(ct, "application/vnd.openxmlformats-officedocument.wordprocessingml."),
		strings.HasSuffix(ct, ".people+xml"),
		strings.HasSuffix(ct, "oleobject"), strings.HasSuffix(ct, "vbaproject"), strings.HasPrefix(ct, "application/vnd.ms-office.activex"):
		return true
	}
	return false
}

// Neutral document properties written on every copy.
const (
	neutralCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`
	neutralApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`
)

// The neutral properties as written, shared by every copy (never modified).
var neutralCoreBytes, neutralAppBytes = []byte(neutralCore), []byte(neutralApp)

type rel struct {
	relsPart   int
	source     string
	id, typ    string
	target     string // part name for internal targets
	external   bool
	start, end int // the Relationship element
	tStart     int // Target value
	tEnd       int
}

// builder collects what the walkers find.
type builder struct {
	parts   []*part
	byName  map[string]int
	nodes   []node
	lines   [][]seg
	extras  [][]seg
	meta    [][]seg
	rels    map[string]map[string]rel // source part -> id -> rel
	removed map[string]map[string]bool
	anchors map[int]int // media part -> first anchor node
	names   map[string]string
	lim     Limits
	tok     tokenizer // kept from part to part, for its buffers
}

// tokenizer is the builder's tokenizer, reset for data.
func (b *builder) tokenizer(data []byte) *tokenizer {
	b.tok.reset(data, b.lim.MaxXMLDepth)
	return &b.tok
}

// intern returns name as a string, allocating once per distinct name: a
// package uses a few dozen element names many times over.
func (b *builder) intern(name []byte) string {
	if s, ok := b.names[string(name)]; ok {
		return s
	}
	s := string(name)
	b.names[s] = s
	return s
}

// key is how part names are compared: OPC part names are case-insensitive.
func key(name string) string { return strings.ToLower(name) }

// found counts what the walkers have added to the text so far; it only
// grows.
func (b *builder) found() int { return len(b.nodes) + len(b.lines) + len(b.extras) + len(b.meta) }

func (b *builder) add(n node) int {
	b.nodes = append(b.nodes, n)
	return len(b.nodes) - 1
}

func (b *builder) addExtra(n node) {
	b.extras = append(b.extras, []seg{seg(b.add(n))})
}

func (b *builder) removedRel(pi int, id string) bool {
	return b.removed[key(b.parts[pi].name)][id]
}

func (b *builder) anchorImage(w *walker, id string) {
	r, ok := b.rels[key(b.parts[w.pi].name)][id]
	if !ok || r.external {
		return
	}
	mi, ok := b.byName[key(r.target)]
	if !ok {
		return
	}
	if _, seen := b.anchors[mi]; seen {
		return
	}
	n := node{part: w.pi, kind: nodeAnchor, spaceAt: -1}
	i := len(b.nodes)
	w.addNode(n)
	b.anchors[mi] = i
}

// Document is an extracted DOCX package.
type Document struct {
	parts    []*part
	text     string
	nodes    []node
	order    []int // node indices sorted by tStart
	hidden   []redact.Span
	objects  []photo
	ctPart   int
	ctTypes  map[string]overrideLoc // part name -> its Override in [Content_Types].xml
	ctEnd    int                    // where to insert new Overrides
	lim      Limits                 // what it was read with, for ReadCopy
	reused   int                    // entries not inflated: their bytes came from the original (ReadCopy)
	unwalked int                    // inert parts not walked: the original's were (ReadCopy)
}

// overrideLoc is where an Override element and its ContentType value sit.
type overrideLoc struct {
	start, end       int
	valStart, valEnd int
}

type photo struct {
	obj  redact.Object
	part int
	w, h int
}

func (d *Document) Text() string               { return d.text }
func (d *Document) HiddenSpans() []redact.Span { return slices.Clone(d.hidden) }

func (d *Document) Objects() []redact.Object {
	out := make([]redact.Object, len(d.objects))
	for i, p := range d.objects {
		out[i] = p.obj
	}
	return out
}

// Extract reads data as a DOCX package.
func (f Format) Extract(data []byte) (redact.Extraction, error) {
	d, err := readDocument(data, f.Limits.orDefault(), nil)
	if err != nil {
		return nil, err // not a nil *Document in an interface
	}
	return d, nil
}

// ReadCopy reads output, a copy written by d.Apply, as the Format that read
// d would (redact.CopyReader). The copy's entries are read from its own
// bytes, with every check; only an entry identical to one of d's in its
// compressed bytes and everything archive/zip checks (sameEntry), such as
// the styles part an Apply copied unchanged, is not inflated a second
// time: it takes the bytes inflated for d, which are what inflating it
// would give.
func (d *Document) ReadCopy(output []byte) (redact.Extraction, error) {
	c, err := readDocument(output, d.lim, d.parts)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// readDocument reads data with limits lim. prev are the parts of the document
// data is a copy of, or nil (readPackage).
func readDocument(data []byte, lim Limits, prev []*part) (*Document, error) {
	parts, reused, err := readPackage(data, lim, prev)
	if err != nil {
		return nil, err
	}
	b := &builder{parts: parts, byName: make(map[string]int, len(parts)), rels: map[string]map[string]rel{}, removed: map[string]map[string]bool{}, anchors: map[int]int{},
		names: make(map[string]string, 64), lim: lim} // a package uses a few dozen names
	for i, p := range parts {
		b.byName[key(p.name)] = i
	}
	doc := &Document{parts: parts, ctTypes: map[string]overrideLoc{}, lim: lim, reused: reused}

	// Content types name each part's kind.
	ci, ok := b.byName[key(contentTypesXML)]
	if !ok {
		return nil, unsupported("no [Content_Types].xml")
	}
	doc.ctPart = ci
	if err := doc.readContentTypes(b); err != nil {
		return nil, err
	}
	main := -1
	for i, p := range parts {
		switch p.contentType {
		case ctMacroMain, ctMacroTmpl:
			return nil, unsupported("macro-enabled document")
		case ctMain, ctTemplate:
			if main >= 0 {
				return nil, unsupported("two main document parts")
			}
			main = i
		}
	}
	if main < 0 {
		return nil, unsupported("no main document part")
	}
	// Room for the text nodes, to grow the slice less often: most are in
	// the main part, where Word spends well over 64 bytes of markup on a
	// run (the other parts, styles and themes, have few or none).
	b.nodes = make([]node, 0, min(len(parts[main].data)/64, 1<<16))

	// Relationships: which parts go, which links go, which targets are text.
	var rels []rel
	for i, p := range parts {
		if src, ok := relsSource(p.name); ok {
			rs, err := readRels(b.tokenizer(p.data), i, src)
			if err != nil {
				return nil, unsupported("relationships part: %v", err)
			}
			rels = append(rels, rs...)
		}
	}
	for i, p := range parts {
		if removedByName(p.name, p.contentType) {
			parts[i].removed = true
		}
	}
	for _, r := range rels {
		if !r.external && removedRelTypes[path.Base(r.typ)] {
			if ti, ok := b.byName[key(r.target)]; ok {
				parts[ti].removed = true
			}
		}
	}
	for i, p := range parts {
		if src, ok := relsSource(p.name); ok && src != "" {
			if si, ok := b.byName[key(src)]; !ok || parts[si].removed {
				parts[i].removed = true
			}
		}
	}
	for _, r := range rels {
		if parts[r.relsPart].removed {
			continue
		}
		src := key(r.source)
		if b.rels[src] == nil {
			b.rels[src] = map[string]rel{}
		}
		b.rels[src][r.id] = r
		drop := false
		switch {
		case r.external && path.Base(r.typ) == "hyperlink":
			if r.tEnd > r.tStart {
				b.addExtra(node{part: r.relsPart, kind: nodeAttr, s: r.tStart, e: r.tEnd, spaceAt: -1, text: r.target})
			}
		case r.external:
			drop = true
		default:
			if ti, ok := b.byName[key(r.target)]; ok && parts[ti].removed {
				drop = true
			}
		}
		if drop {
			rp := parts[r.relsPart]
			rp.splices = append(rp.splices, splice{start: r.start, end: r.end})
			if b.removed[src] == nil {
				b.removed[src] = map[string]bool{}
			}
			b.removed[src][r.id] = true
		}
	}
	// Overrides of removed parts go too.
	for name, loc := range doc.ctTypes {
		if i, ok := b.byName[key(name)]; ok && parts[i].removed {
			cp := parts[ci]
			cp.splices = append(cp.splices, splice{start: loc.start, end: loc.end})
		}
	}

	// Walk the XML parts: the main document first.
	order := []int{main}
	for i, p := range parts {
		if i != main && !p.removed && i != ci && isXML(p) {
			if _, isRels := relsSource(p.name); !isRels {
				order = append(order, i)
			}
		}
	}
	var st *styles
	for _, p := range parts {
		if p.contentType == ctStyles && !p.removed {
			if !mayHide(p.data) {
				break // read, it would hide nothing, as a nil *styles does
			}
			if st, err = readStyles(b.tokenizer(p.data)); err != nil {
				return nil, unsupported("%s in the styles part", err)
			}
			break
		}
	}
	w := &walker{b: b, styles: st, names: map[string]elemName{}}
	for _, i := range order {
		p := parts[i]
		leaf := false
		switch p.contentType {
		case ctCore, ctApp:
			leaf = true
			p.replace = neutralCoreBytes
			if p.contentType == ctApp {
				p.replace = neutralAppBytes
			}
		}
		// A part of a copy that is the original's part byte for byte,
		// under the same content type, and was inert there is not walked
		// again: the walk of the same bytes takes the same path, and on
		// an inert part that path never looks past the bytes (at styles,
		// relationships or other parts), so it would again add nothing.
		// The themes, font tables and most styles parts of office
		// programs' files are inert; for pandoc's they are most of the
		// package.
		if q := p.from; q != nil && q.inert && q.contentType == p.contentType && !leaf {
			p.inert = true
			doc.unwalked++
			continue
		}
		from, before := len(w.splices), b.found()
		w.dependent = leaf
		if err := w.run(i, p.data, leaf); err != nil {
			return nil, unsupported("%s in %s", err, partKind(p))
		}
		p.inert = !w.dependent && len(w.splices) == from && b.found() == before && len(p.splices) == 0 && p.replace == nil
		if len(p.splices) == 0 {
			// Its share of the walker's splices, capped: appending to it
			// copies, and the walker's later appends go past it.
			p.splices = w.splices[from:len(w.splices):len(w.splices)]
		} else {
			p.splices = append(p.splices, w.splices[from:]...)
		}
	}

	doc.build(b)
	if err := doc.listPhotos(b); err != nil {
		return nil, err
	}
	return doc, nil
}

func isXML(p *part) bool {
	return strings.HasSuffix(p.contentType, "+xml") || strings.HasSuffix(p.contentType, "/xml") || strings.HasSuffix(strings.ToLower(p.name), ".xml")
}

// partKind names a part for error messages without quoting its name.
func partKind(p *part) string {
	ct := p.contentType
	if i := strings.LastIndexAny(ct, "./"); i >= 0 {
		ct = ct[i+1:]
	}
	ct = strings.TrimSuffix(ct, "+xml")
	var clean []rune
	for _, r := range ct {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			clean = append(clean, r)
		}
	}
	if len(clean) == 0 || len(clean) > 40 {
		return "an XML part"
	}
	return "the " + string(clean) + " part"
}

// build lays out Text: body lines, then the other parts' lines (already in
// walk order), then hyperlink targets and field codes, then properties.
func (d *Document) build(b *builder) {
	size := 0
	for _, lines := range [][][]seg{b.lines, b.extras, b.meta} {
		for _, l := range lines {
			for _, s := range l {
				if s < 0 {
					size += len(s.sep())
				} else {
					size += b.nodes[s].textLen()
				}
			}
			size++
		}
	}
	for i := range b.nodes {
		if b.nodes[i].asWritten {
			b.nodes[i].tStart = -1 // not written yet
		}
	}
	var sb strings.Builder
	sb.Grow(size)
	write := func(lines [][]seg) {
		for _, l := range lines {
			for _, s := range l {
				if s < 0 {
					sb.WriteString(s.sep())
					continue
				}
				n := &b.nodes[s]
				n.tStart = sb.Len()
				if n.asWritten {
					sb.Write(b.parts[n.part].data[n.s:n.e])
				} else {
					sb.WriteString(n.text)
				}
			}
			sb.WriteByte('\n')
		}
	}
	write(b.lines)
	write(b.extras)
	write(b.meta)
	d.text = sb.String()
	for i := range b.nodes {
		if n := &b.nodes[i]; n.asWritten {
			if n.tStart < 0 { // on no line
				n.tStart, n.text = 0, string(b.parts[n.part].data[n.s:n.e])
			} else {
				n.text = d.text[n.tStart : n.tStart+n.e-n.s]
			}
		}
	}
	d.nodes = b.nodes
	d.order = make([]int, len(d.nodes))
	for i := range d.order {
		d.order[i] = i
	}
	slices.SortStableFunc(d.order, func(i, j int) int { return cmp.Compare(d.nodes[i].tStart, d.nodes[j].tStart) })
	var hidden []redact.Span
	for _, n := range d.nodes {
		if n.hidden && n.text != "" {
			hidden = append(hidden, redact.Span{Start: n.tStart, End: n.tStart + len(n.text), Category: detectors.HiddenText})
		}
	}
	d.hidden = redact.Merge(hidden)
}

func (d *Document) readContentTypes(b *builder) error {
	p := b.parts[d.ctPart]
	defaults := map[string]string{}
	overrides := map[string]string{}
	err := scanFlat(b.tokenizer(p.data), func(local []byte, attrs []attr, start, end int) {
		switch string(local) {
		case "Default":
			defaults[strings.ToLower(attrVal(p.data, attrs, "Extension"))] = strings.ToLower(attrVal(p.data, attrs, "ContentType"))
		case "Override":
			name := strings.TrimPrefix(attrVal(p.data, attrs, "PartName"), "/")
			if n, err := unescapePath(name); err == nil {
				name = n
			}
			overrides[key(name)] = strings.ToLower(attrVal(p.data, attrs, "ContentType"))
			if a := findAttr(p.data, attrs, "ContentType"); a != nil {
				d.ctTypes[key(name)] = overrideLoc{start: start, end: end, valStart: a.valStart, valEnd: a.valEnd}
			}
		case "Types":
			d.ctEnd = end
		}
	})
	if err != nil {
		return unsupported("content types: %v", err)
	}
	// Insert new Overrides just before </Types>.
	if i := bytes.LastIndex(p.data[:d.ctEnd], []byte("</")); i >= 0 {
		d.ctEnd = i
	} else {
		return unsupported("content types: no closing tag")
	}
	for _, q := range b.parts {
		if ct, ok := overrides[key(q.name)]; ok {
			q.contentType = ct
			continue
		}
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(q.name), "."))
		q.contentType = defaults[ext]
	}
	return nil
}

// findAttr is the unprefixed attribute with this name, or nil.
func findAttr(data []byte, attrs []attr, name string) *attr {
	for i := range attrs {
		if string(attrs[i].name.qname(data)) == name {
			return &attrs[i]
		}
	}
	return nil
}

// attrVal is the value of the unprefixed attribute with this name, or "".
func attrVal(data []byte, attrs []attr, name string) string {
	if a := findAttr(data, attrs, name); a != nil {
		return a.value(data)
	}
	return ""
}

// scanFlat calls fn for each element of a small XML part (content types,
// relationships) at its end, with its attributes and byte range.
func scanFlat(t *tokenizer, fn func(local []byte, attrs []attr, start, end int)) error {
	type open struct {
		local []byte
		attrs []attr
		start int
	}
	var stack []open
	for {
		kind, err := t.next()
		if err != nil {
			return err
		}
		switch kind {
		case tokEOF:
			return nil
		case tokStart:
			attrs := t.attrs
			if !t.selfClose {
				// Kept until the end tag; for <name/>, that comes next,
				// before the tokenizer reuses its attributes.
				attrs = slices.Clone(attrs)
			}
			stack = append(stack, open{t.name.local(t.data), attrs, t.start})
		case tokEnd:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			fn(o.local, o.attrs, o.start, t.end)
		}
	}
}

func readRels(t *tokenizer, relsPart int, source string) ([]rel, error) {
	var out []rel
	data := t.data
	err := scanFlat(t, func(local []byte, attrs []attr, start, end int) {
		if string(local) != "Relationship" {
			return
		}
		r := rel{relsPart: relsPart, source: source, id: attrVal(data, attrs, "Id"), typ: attrVal(data, attrs, "Type"),
			external: strings.EqualFold(attrVal(data, attrs, "TargetMode"), "External"), start: start, end: end}
		target := attrVal(data, attrs, "Target")
		if r.external {
			r.target = target
		} else {
			r.target = resolveTarget(source, target)
		}
		if a := findAttr(data, attrs, "Target"); a != nil {
			r.tStart, r.tEnd = a.valStart, a.valEnd
		}
		out = append(out, r)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Apply writes the redacted, sanitised copy.
func (d *Document) Apply(r redact.Redaction) ([]byte, error) {
	// Each part's splices: those Extract found, then the redactions'. The
	// Document's own are capped, so that appending copies them.
	splices := make(map[int][]splice)
	for i, p := range d.parts {
		if len(p.splices) > 0 {
			splices[i] = slices.Clip(p.splices)
		}
	}
	var spans []redact.Span
	for _, sp := range r.Spans {
		if sp.Start < 0 || sp.End > len(d.text) || sp.Start > sp.End {
			return nil, fmt.Errorf("docx: span %d-%d outside the text (%d bytes)", sp.Start, sp.End, len(d.text))
		}
		// Hidden runs are removed on every copy, with no marker.
		if sp.Category != detectors.HiddenText {
			spans = append(spans, sp)
		}
	}
	type edit struct {
		a, b int
		ins  string
	}
	edits := map[int][]edit{}
	for _, sp := range redact.Merge(spans) {
		k := sort.Search(len(d.order), func(i int) bool {
			n := d.nodes[d.order[i]]
			return n.tStart+len(n.text) > sp.Start
		})
		marked := false
		for ; k < len(d.order); k++ {
			ni := d.order[k]
			n := d.nodes[ni]
			if n.tStart >= sp.End {
				break
			}
			a, bb := max(sp.Start, n.tStart)-n.tStart, min(sp.End, n.tStart+len(n.text))-n.tStart
			if a >= bb {
				continue
			}
			ins := ""
			if !marked && !n.hidden && (n.kind == nodeText || n.kind == nodeAttr) {
				ins, marked = r.Marker(sp.Category), true
			}
			edits[ni] = append(edits[ni], edit{a, bb, ins})
		}
	}
	for ni, es := range edits {
		n := d.nodes[ni]
		if n.kind == nodeElem {
			splices[n.part] = append(splices[n.part], splice{start: n.s, end: n.e})
			continue
		}
		var nt strings.Builder
		prev := 0
		for _, e := range es { // spans are merged and sorted, so are edits
			nt.WriteString(n.text[prev:e.a])
			nt.WriteString(e.ins)
			prev = e.b
		}
		nt.WriteString(n.text[prev:])
		s := nt.String()
		if n.kind == nodeAttr {
			splices[n.part] = append(splices[n.part], splice{start: n.s, end: n.e, repl: attrEscaper.Replace(s)})
			continue
		}
		splices[n.part] = append(splices[n.part], splice{start: n.s, end: n.e, repl: textEscaper.Replace(s)})
		if n.spaceAt >= 0 && s != strings.TrimSpace(s) {
			splices[n.part] = append(splices[n.part], splice{start: n.spaceAt, end: n.spaceAt, repl: ` xml:space="preserve"`})
		}
	}
	changed := map[int][]byte{}
	for _, id := range r.Objects {
		if id < 0 || id >= len(d.objects) {
			return nil, fmt.Errorf("docx: object %d unknown", id)
		}
		ph := d.objects[id]
		png, err := placeholderPNG(ph.w, ph.h)
		if err != nil {
			return nil, errors.New("docx: making an image placeholder failed")
		}
		changed[ph.part] = png
		name := d.parts[ph.part].name
		if loc, ok := d.ctTypes[key(name)]; ok {
			splices[d.ctPart] = append(splices[d.ctPart], splice{start: loc.valStart, end: loc.valEnd, repl: "image/png"})
		} else {
			splices[d.ctPart] = append(splices[d.ctPart], splice{start: d.ctEnd, end: d.ctEnd,
				repl: `<Override PartName="/` + attrEscaper.Replace(name) + `" ContentType="image/png"/>`})
		}
	}
	// The spliced parts' buffers go back to the pool once written.
	var bufs []*[]byte
	defer func() {
		for _, buf := range bufs {
			if cap(*buf) <= maxPooled {
				splicedBufs.Put(buf)
			}
		}
	}()
	for i, p := range d.parts {
		if p.removed {
			continue
		}
		if p.replace != nil {
			changed[i] = p.replace
			continue
		}
		if sp, ok := splices[i]; ok {
			if _, done := changed[i]; !done {
				if len(sp) == len(p.splices) {
					sp = slices.Clone(sp) // still the Document's own: applySplices sorts it
				}
				buf, ok := splicedBufs.Get().(*[]byte)
				if !ok {
					buf = new([]byte)
				}
				*buf = applySplices((*buf)[:0], p.data, sp)
				changed[i] = *buf
				bufs = append(bufs, buf)
			}
		}
	}
	return writePackage(d.parts, changed)
}

// Source maps a byte of Text back to the package: the part it comes from
// and its byte offset in that part's XML. Separators prescreen adds (line
// ends, tabs between cells) have none (ok false). Inside a text node that
// holds character references the offset is that of the node's content.
func (d *Document) Source(offset int) (part string, xmlOffset int, ok bool) {
	k := sort.Search(len(d.order), func(i int) bool {
		n := d.nodes[d.order[i]]
		return n.tStart+len(n.text) > offset
	})
	if k == len(d.order) {
		return "", 0, false
	}
	n := d.nodes[d.order[k]]
	if offset < n.tStart || n.text == "" {
		return "", 0, false
	}
	p := d.parts[n.part]
	if n.kind == nodeElem || n.e-n.s != len(n.text) || string(p.data[n.s:n.e]) != n.text {
		return p.name, n.s, true
	}
	return p.name, n.s + offset - n.tStart, true
}
