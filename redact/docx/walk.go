package docx

import (
	"bytes"
	"maps"
	"strings"
)

// Namespaces, transitional; strict-conformance URIs are mapped onto them.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsC   = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsV   = "urn:schemas-microsoft-com:vml"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT  = "http://schemas.openxmlformats.org/package/2006/content-types"
)

// space is a namespace the walker tells apart, resolved once where a
// prefix is bound: names are then compared by a byte, not by URI.
type space uint8

const (
	spaceNone  space = iota // no namespace: unprefixed attributes, unbound prefixes
	spaceOther              // any namespace the walker does not look at
	spaceW
	spaceA
	spaceC
	spaceR
	spaceV
)

// spaces are the namespaces the walker looks at, by URI, transitional and
// strict.
var spaces = map[string]space{
	"":  spaceNone,
	nsW: spaceW, "http://purl.oclc.org/ooxml/wordprocessingml/main": spaceW,
	nsA: spaceA, "http://purl.oclc.org/ooxml/drawingml/main": spaceA,
	nsC: spaceC, "http://purl.oclc.org/ooxml/drawingml/chart": spaceC,
	nsR: spaceR, "http://purl.oclc.org/ooxml/officeDocument/relationships": spaceR,
	nsV: spaceV,
}

// spaceOf is the namespace an attribute's value names.
func spaceOf(data []byte, a *attr) space {
	var s space
	var ok bool
	if a.plain {
		s, ok = spaces[string(data[a.valStart:a.valEnd])] // looked up without a copy
	} else {
		s, ok = spaces[a.value(data)]
	}
	if !ok {
		return spaceOther
	}
	return s
}

type nodeKind uint8

const (
	nodeText   nodeKind = iota // element content: w:t, a:t, c:v, w:instrText
	nodeAttr                   // an attribute value: hyperlink target, field instruction
	nodeElem                   // a whole element standing for a character: w:tab, w:br
	nodeAnchor                 // zero-length: where an image sits
)

// node is one piece of the source that contributes to Text. s:e is the
// raw content (or attribute value, or whole element) in its part.
type node struct {
	part   int
	kind   nodeKind
	hidden bool
	// asWritten: the text is the part's bytes s:e as they stand (no
	// references, no line ends to normalise: most text). Until build, text
	// is then left empty; build copies the bytes into Text and takes text
	// from there, so such a node costs no string of its own.
	asWritten bool
	s, e      int
	spaceAt   int // for w:t without xml:space: where to insert it; -1 otherwise
	text      string
	tStart    int
}

// textLen is the length of n's text, before build as after.
func (n *node) textLen() int {
	if n.asWritten {
		return n.e - n.s
	}
	return len(n.text)
}

// seg is one piece of a line of Text: a node's index, or a separator of
// our own (negative). An int, not a struct with the separator's string:
// lines are built for every paragraph, twice per screened document.
type seg int

const (
	segSpace seg = -1 // between the paragraphs of a table cell
	segTab   seg = -2 // between the cells of a table row
)

// sep is the text of a separator.
func (s seg) sep() string {
	if s == segTab {
		return "\t"
	}
	return " "
}

type frameKind uint8

const (
	framePara frameKind = iota
	frameCell
	frameRow
)

type frame struct {
	kind   frameKind
	segs   []seg
	cells  int
	hidden bool // paragraph style hides its runs
	start  int  // table row: where it starts
	delete bool // table row: a tracked deletion
}

// element actions at the end tag.
const (
	actNone = iota
	actFrame
	actRun
	actCapture
	actUnwrap // accepted insertion: drop the end tag
	actLeaf
)

type openElem struct {
	local    string
	start    int
	nsSaved  map[string]space // the bindings outside it
	space    space
	act      uint8 // what to do at its end tag: act*
	declares bool  // it binds prefixes of its own
}

type runState struct {
	start  int
	direct int8 // w:vanish in the run's own properties: 1 on, -1 off, 0 none
	styled bool // its character style hides it
}

// walker scans one XML part once, with the tokenizer, and
// records text nodes, lines and the sanitising splices. It never
// re-encodes anything.
type walker struct {
	b      *builder
	styles *styles
	pi     int
	data   []byte
	leaf   bool // docProps: every element's text is its own line

	ns      map[string]space    // prefix -> namespace
	names   map[string]elemName // element names resolved, by qname
	stack   []openElem
	skip    int // >0: inside an element being removed, at this depth
	frames  []frame
	runs    []runState
	capFrom int // content start of the element being captured
	capText []byte
	capOpen bool
	capKind string   // "t" for w:t
	capTag  int      // insertion point for xml:space, -1 if present
	splices []splice // of every part walked, in turn
	// dependent is set when the walk of the part has looked past its
	// bytes, or could have: at a run (styles decide whether it is
	// hidden), or at a relationship id (the relationships decide what it
	// points at). Such a part is never inert.
	dependent bool
}

// run walks one part. One walker walks every part of a package in turn,
// keeping its buffers.
func (w *walker) run(pi int, data []byte, leaf bool) error {
	w.pi, w.data, w.leaf = pi, data, leaf
	w.stack, w.frames, w.runs = w.stack[:0], w.frames[:0], w.runs[:0]
	w.skip, w.capOpen = 0, false
	t := w.b.tokenizer(data)
	w.ns = map[string]space{"xml": spaceOther}
	clear(w.names)
	for {
		kind, err := t.next()
		if err != nil {
			return err
		}
		switch kind {
		case tokEOF:
			return nil
		case tokStart:
			w.start(t)
		case tokEnd:
			w.end(t.start, t.end)
		case tokText:
			if w.capOpen && w.skip == 0 {
				w.capText = t.appendText(w.capText)
			}
		}
	}
}

// resolve is the namespace bound to a prefix.
func (w *walker) resolve(prefix []byte) space {
	return w.ns[string(prefix)]
}

// elemName is an element's name resolved.
type elemName struct {
	space   space
	removed bool // one of removedW
	local   string
}

// elemName resolves an element's name. Answers are kept by the name as
// written until the namespace bindings change: a part uses a few dozen
// names thousands of times.
func (w *walker) elemName(n xname) elemName {
	q := n.qname(w.data)
	if e, ok := w.names[string(q)]; ok {
		return e
	}
	e := elemName{space: w.resolve(n.prefix(w.data)), local: w.b.intern(n.local(w.data))}
	e.removed = e.space == spaceW && removedW[e.local]
	w.names[string(q)] = e
	return e
}

func (w *walker) start(t *tokenizer) {
	off0, off1 := t.start, t.end
	saved := w.ns
	copied := false
	for i := range t.attrs {
		a := &t.attrs[i]
		isDefault := string(a.name.qname(w.data)) == "xmlns"
		if string(a.name.prefix(w.data)) == "xmlns" || isDefault {
			if !copied {
				w.ns, copied = make(map[string]space, len(saved)+len(t.attrs)), true
				maps.Copy(w.ns, saved)
				clear(w.names)
			}
			sp := spaceOf(w.data, a)
			if isDefault {
				w.ns[""] = sp
			} else {
				w.ns[w.b.intern(a.name.local(w.data))] = sp
			}
		}
	}
	name := w.elemName(t.name)
	el := openElem{space: name.space, local: name.local, start: off0, nsSaved: saved, declares: copied}
	self := t.selfClose
	var parent *openElem
	if n := len(w.stack); n > 0 {
		parent = &w.stack[n-1]
	}
	w.stack = append(w.stack, el)
	top := &w.stack[len(w.stack)-1]
	if w.skip > 0 {
		return
	}
	if w.leaf {
		w.capOpen, w.capText, w.capFrom, top.act = true, w.capText[:0], off1, actLeaf
		return
	}
	if name.removed {
		// A tracked row deletion removes the whole row.
		if el.local == "del" && parent != nil && parent.space == spaceW && parent.local == "trPr" {
			for i := len(w.frames) - 1; i >= 0; i-- {
				if w.frames[i].kind == frameRow {
					w.frames[i].delete = true
					break
				}
			}
		}
		w.removeTop(off0)
		return
	}
	if w.attrs(t.attrs, el.space, el.local) {
		w.removeTop(off0)
		return
	}
	switch el.space {
	case spaceW:
		switch el.local {
		case "p":
			w.frames = append(w.frames, frame{kind: framePara})
			top.act = actFrame
		case "tr":
			w.frames = append(w.frames, frame{kind: frameRow, start: off0})
			top.act = actFrame
		case "tc":
			w.frames = append(w.frames, frame{kind: frameCell})
			top.act = actFrame
		case "r":
			w.dependent = true
			w.runs = append(w.runs, runState{start: off0})
			top.act = actRun
		case "vanish", "specVanish":
			if w.inRunProps(parent) {
				w.runs[len(w.runs)-1].direct = 1
				if falseVal(w.data, t.attrs) {
					w.runs[len(w.runs)-1].direct = -1
				}
			}
		case "rStyle":
			if w.inRunProps(parent) && w.styles.hidden(localAttr(w.data, t.attrs, "val")) {
				w.runs[len(w.runs)-1].styled = true
			}
		case "pStyle":
			if parent != nil && parent.space == spaceW && parent.local == "pPr" {
				if f := w.para(); f != nil && w.styles.hidden(localAttr(w.data, t.attrs, "val")) {
					f.hidden = true
				}
			}
		case "t", "instrText":
			if parent != nil && parent.space == spaceW && parent.local == "r" && !self {
				w.capture(top, off0, off1, el.local == "t")
			}
		case "tab", "ptab", "br", "cr", "noBreakHyphen":
			if parent != nil && parent.space == spaceW && parent.local == "r" {
				ch := map[string]string{"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}[el.local]
				top.act = actNone
				w.pendingElem(off0, ch)
			}
		case "ins", "moveTo":
			if self {
				w.removeTop(off0)
				return
			}
			w.splices = append(w.splices, splice{start: off0, end: off1})
			top.act = actUnwrap
		}
	case spaceA:
		switch el.local {
		case "p":
			w.frames = append(w.frames, frame{kind: framePara})
			top.act = actFrame
		case "t":
			if !self {
				w.capture(top, off0, off1, false)
			}
		}
	case spaceC:
		if el.local == "v" && !self {
			w.capture(top, off0, off1, false)
		}
	}
}

// removedW are WordprocessingML elements removed with their content on
// every copy: tracked deletions and formatting changes (they name authors),
// comment anchors, embedded objects, editing permissions, settings that
// leak paths or machine details.
var removedW = map[string]bool{
	"del": true, "moveFrom": true,
	"rPrChange": true, "pPrChange": true, "sectPrChange": true, "tblPrChange": true, "tblPrExChange": true,
	"trPrChange": true, "tcPrChange": true, "tblGridChange": true, "numberingChange": true,
	"moveFromRangeStart": true, "moveFromRangeEnd": true, "moveToRangeStart": true, "moveToRangeEnd": true,
	"customXmlInsRangeStart": true, "customXmlInsRangeEnd": true, "customXmlDelRangeStart": true, "customXmlDelRangeEnd": true,
	"customXmlMoveFromRangeStart": true, "customXmlMoveFromRangeEnd": true, "customXmlMoveToRangeStart": true, "customXmlMoveToRangeEnd": true,
	"cellIns": true, "cellDel": true, "cellMerge": true,
	"commentRangeStart": true, "commentRangeEnd": true, "commentReference": true,
	"object": true, "control": true, "altChunk": true, "subDoc": true,
	"permStart": true, "permEnd": true,
	"attachedTemplate": true, "rsids": true, "docVars": true, "mailMerge": true,
}

// falseVal reports a val attribute that turns a property off.
func falseVal(data []byte, attrs []attr) bool {
	for i := range attrs {
		if string(attrs[i].name.local(data)) == "val" {
			switch strings.ToLower(attrs[i].value(data)) {
			case "0", "false", "off":
				return true
			}
		}
	}
	return false
}

func (w *walker) removeTop(off0 int) {
	w.stack[len(w.stack)-1].act = actNone
	w.skip = len(w.stack)
}

func (w *walker) capture(top *openElem, off0, off1 int, isT bool) {
	top.act = actCapture
	w.capOpen, w.capText, w.capFrom, w.capTag = true, w.capText[:0], off1, -1
	if isT {
		w.capKind = "t"
		if !bytes.Contains(w.data[off0:off1], []byte("xml:space")) {
			w.capTag = off1 - 1
		}
	} else {
		w.capKind = ""
	}
	if top.local == "instrText" {
		w.capKind = "instr"
	}
}

// inRunProps reports whether parent is the w:rPr of the innermost run.
func (w *walker) inRunProps(parent *openElem) bool {
	if parent == nil || parent.space != spaceW || parent.local != "rPr" || len(w.stack) < 3 || len(w.runs) == 0 {
		return false
	}
	gp := w.stack[len(w.stack)-3]
	return gp.space == spaceW && gp.local == "r"
}

// para is the innermost paragraph frame, if any.
func (w *walker) para() *frame {
	for i := len(w.frames) - 1; i >= 0; i-- {
		if w.frames[i].kind == framePara {
			return &w.frames[i]
		}
	}
	return nil
}

// runHidden decides a run's visibility as Word does: its own w:vanish wins,
// then its character style, then its paragraph's style, then the defaults.
func (w *walker) runHidden(r runState) bool {
	switch {
	case r.direct != 0:
		return r.direct > 0
	case r.styled:
		return true
	}
	if f := w.para(); f != nil && f.hidden {
		return true
	}
	return w.styles.defaultHidden()
}

func (w *walker) hidden() bool {
	for _, r := range w.runs {
		if w.runHidden(r) {
			return true
		}
	}
	return false
}

// pendingElem records a w:tab or w:br; its end offset is known at its end
// tag, so the node is created now and completed there.
func (w *walker) pendingElem(off0 int, ch string) {
	top := &w.stack[len(w.stack)-1]
	top.act = actCapture
	w.capOpen, w.capText, w.capFrom, w.capTag, w.capKind = true, append(w.capText[:0], ch...), off0, -1, "elem"
}

func (w *walker) end(off0, off1 int) {
	el := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	if el.declares {
		w.ns = el.nsSaved
		clear(w.names)
	}
	if w.skip > 0 {
		if len(w.stack)+1 == w.skip {
			w.skip = 0
			w.splices = append(w.splices, splice{start: el.start, end: off1})
		}
		return
	}
	switch el.act {
	case actFrame:
		f := w.frames[len(w.frames)-1]
		w.frames = w.frames[:len(w.frames)-1]
		var parent *frame
		if n := len(w.frames); n > 0 {
			parent = &w.frames[n-1]
		}
		if f.delete {
			w.splices = append(w.splices, splice{start: f.start, end: off1})
		}
		switch {
		case f.kind == framePara && parent != nil && parent.kind == frameCell:
			if len(parent.segs) > 0 {
				parent.segs = append(parent.segs, segSpace)
			}
			parent.segs = append(parent.segs, f.segs...)
		case f.kind == frameCell && parent != nil && parent.kind == frameRow:
			if parent.cells > 0 {
				parent.segs = append(parent.segs, segTab)
			}
			parent.cells++
			parent.segs = append(parent.segs, f.segs...)
		default:
			w.b.lines = append(w.b.lines, f.segs)
		}
	case actRun:
		r := w.runs[len(w.runs)-1]
		hidden := w.runHidden(r)
		w.runs = w.runs[:len(w.runs)-1]
		if hidden {
			w.splices = append(w.splices, splice{start: r.start, end: off1})
		}
	case actCapture:
		w.capOpen = false
		n := node{part: w.pi, kind: nodeText, s: w.capFrom, e: off0, spaceAt: w.capTag, hidden: w.hidden()}
		if w.capKind == "elem" {
			n.kind, n.e = nodeElem, off1
		}
		w.setText(&n)
		if w.capKind == "instr" {
			w.b.addExtra(n)
			return
		}
		if len(w.capText) == 0 {
			return
		}
		w.addNode(n)
	case actUnwrap:
		w.splices = append(w.splices, splice{start: off0, end: off1})
	case actLeaf:
		if w.capOpen && len(bytes.TrimSpace(w.capText)) > 0 {
			n := node{part: w.pi, kind: nodeText, s: w.capFrom, e: off0, spaceAt: -1}
			w.setText(&n)
			w.b.meta = append(w.b.meta, []seg{seg(w.b.add(n))})
		}
		w.capOpen = false
	}
}

// setText gives n the text captured: as written when it is the bytes s:e.
func (w *walker) setText(n *node) {
	if bytes.Equal(w.capText, w.data[n.s:n.e]) {
		n.asWritten = true
		return
	}
	n.text = string(w.capText)
}

// addNode puts a node at the current place in the text: in the innermost
// paragraph, cell or row, or on a line of its own.
func (w *walker) addNode(n node) {
	i := w.b.add(n)
	if k := len(w.frames); k > 0 {
		f := &w.frames[k-1]
		if f.segs == nil {
			f.segs = make([]seg, 0, 8) // a line has a few runs
		}
		f.segs = append(f.segs, seg(i))
		return
	}
	w.b.lines = append(w.b.lines, []seg{seg(i)})
}

// attrs handles the attributes of a start tag: rsids dropped, alt text
// cleared, references to removed relationships dropped, images anchored,
// hyperlink tooltips and field instructions put into the text. It reports
// whether the element itself must go: one that exists only to point at a
// removed relationship (a chart's embedded workbook, say).
func (w *walker) attrs(attrs []attr, elSpace space, local string) (removeElement bool) {
	remove := func(a *attr) { w.splices = append(w.splices, splice{start: a.start, end: a.end}) }
	for i := range attrs {
		a := &attrs[i]
		aspace := spaceNone
		if p := a.name.prefix(w.data); len(p) > 0 && string(p) != "xmlns" {
			aspace = w.resolve(p)
		}
		alocal := a.name.local(w.data)
		switch {
		case aspace == spaceW && bytes.HasPrefix(alocal, []byte("rsid")):
			remove(a)
		case aspace == spaceNone && (string(alocal) == "descr" || string(alocal) == "title") && (local == "docPr" || local == "cNvPr"),
			aspace == spaceNone && string(alocal) == "alt" && elSpace == spaceV,
			string(alocal) == "title" && elSpace == spaceV && local == "imagedata":
			remove(a)
		case aspace == spaceR:
			w.dependent = true
			v := a.value(w.data)
			if w.b.removedRel(w.pi, v) {
				if removedWithRel[local] {
					return true
				}
				remove(a)
				continue
			}
			if (local == "blip" && string(alocal) == "embed") || (local == "imagedata" && string(alocal) == "id") {
				w.b.anchorImage(w, v)
			}
		case elSpace == spaceW && aspace == spaceW && (local == "hyperlink" && string(alocal) == "tooltip" || local == "fldSimple" && string(alocal) == "instr"):
			if v := a.value(w.data); v != "" {
				w.b.addExtra(node{part: w.pi, kind: nodeAttr, s: a.valStart, e: a.valEnd, spaceAt: -1, text: v})
			}
		}
	}
	return false
}

// removedWithRel are elements that only point at a relationship; when the
// relationship goes, so do they.
var removedWithRel = map[string]bool{"externalData": true, "userShapes": true, "attachedTemplate": true, "subDoc": true, "dataSource": true, "headerSource": true, "src": true}
