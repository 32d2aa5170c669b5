package pdf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/prescreen/prescreen/redact"
)

// editor collects the edits of one Apply.
type editor struct {
	d       *Document
	removed map[*instance]map[int][]*glyph // glyphs to drop, per operator
	images  map[*instance]map[int]bool     // image operators to replace (true: opaque image)
	dirty   map[*instance]bool
	counter int
}

func (e *editor) markDirty(inst *instance) {
	for ; inst != nil && !e.dirty[inst]; inst = inst.parent {
		e.dirty[inst] = true
	}
}

var errApplied = errors.New("pdf: Apply may be called only once per extraction")

// Apply removes the glyphs of every span and every listed photo, sanitises
// the document and writes it as a complete new file. It changes the
// extraction, so it may be called once.
func (d *Document) Apply(r redact.Redaction) (out []byte, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			out, err = nil, errors.New("pdf: writer failed on this file")
		}
	}()
	if d.ctx == nil {
		return nil, errApplied
	}
	e := &editor{d: d, removed: map[*instance]map[int][]*glyph{}, images: map[*instance]map[int]bool{}, dirty: map[*instance]bool{}}
	gone := map[*glyph]bool{}
	for _, sp := range redact.Merge(r.Spans) {
		if sp.Start < 0 || sp.End > len(d.text) {
			return nil, fmt.Errorf("pdf: span %d-%d outside the text (%d bytes)", sp.Start, sp.End, len(d.text))
		}
		i := sort.Search(len(d.order), func(i int) bool { return d.order[i].end > sp.Start })
		for ; i < len(d.order) && d.order[i].start < sp.End; i++ {
			gone[d.order[i]] = true
		}
	}
	for g := range gone {
		if g.group != nil {
			for _, o := range *g.group {
				gone[o] = true
			}
		}
	}
	for _, g := range d.order {
		if gone[g] {
			m := e.removed[g.inst]
			if m == nil {
				m = map[int][]*glyph{}
				e.removed[g.inst] = m
			}
			m[g.op] = append(m[g.op], g)
			e.markDirty(g.inst)
		}
	}
	for _, id := range r.Objects {
		if id < 0 || id >= len(d.images) {
			return nil, fmt.Errorf("pdf: object %d does not exist", id)
		}
		im := d.images[id]
		if e.images[im.inst] == nil {
			e.images[im.inst] = map[int]bool{}
		}
		e.images[im.inst][im.op] = im.opaque
		e.markDirty(im.inst)
	}
	for _, pg := range d.pages {
		markHidden(e, pg.root)
	}
	for _, pg := range d.pages {
		if !e.dirty[pg.root] {
			pruneXObjects(d, pg)
			continue
		}
		body, res, err := e.rewrite(pg.root)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		b.WriteString("q\n")
		b.Write(body)
		b.WriteString("\n")
		b.WriteString(closeOpen(pg.root.ops))
		b.WriteString("Q\n")
		e.boxes(&b, pg, gone)
		sd, err := d.ctx.XRefTable.NewStreamDictForBuf(b.Bytes())
		if err != nil {
			return nil, errors.New("pdf: cannot build a content stream")
		}
		if err := encodeStream(sd); err != nil {
			return nil, errors.New("pdf: cannot compress a content stream")
		}
		ref, err := d.ctx.IndRefForNewObject(*sd)
		if err != nil {
			return nil, errors.New("pdf: cannot add a content stream")
		}
		pg.dict["Contents"] = *ref
		pg.dict["Resources"] = res
	}
	if err := d.pruneToUnicode(gone); err != nil {
		return nil, err
	}
	d.sanitise()
	out, err = d.write()
	d.ctx = nil
	return out, err
}

// pruneXObjects drops XObjects that a page's content never draws from
// its resources: nothing reads them, so nothing screened them.
func pruneXObjects(d *Document, pg *page) {
	xo := d.r.dict(pg.root.res["XObject"])
	if len(xo) == 0 {
		return
	}
	used := map[string]bool{}
	drawn(pg.root, used)
	kept := types.Dict{}
	for k, v := range xo {
		if used[k] {
			kept[k] = v
		}
	}
	if len(kept) == len(xo) {
		return
	}
	res := types.Dict{}
	for k, v := range pg.root.res {
		res[k] = v
	}
	res["XObject"] = kept
	pg.dict["Resources"] = res
}

// drawn adds the XObject names inst draws from its resources, including
// those drawn by forms that use the same resources (no /Resources of
// their own).
func drawn(inst *instance, used map[string]bool) {
	for i, o := range inst.ops {
		if o.name == "Do" && len(o.args) > 0 && o.args[0].kind == kName {
			used[string(o.args[0].val)] = true
		}
		if c := inst.children[i]; c != nil && c.inherited {
			drawn(c, used)
		}
	}
}

// closeOpen returns the operators that end what a content stream leaves
// open (a text object, saved graphics states), so the boxes drawn after
// it are in the page's default space.
func closeOpen(ops []op) string {
	depth, inText := 0, false
	for _, o := range ops {
		switch o.name {
		case "q":
			depth++
		case "Q":
			depth = max(depth-1, 0)
		case "BT":
			inText = true
		case "ET":
			inText = false
		}
	}
	var b strings.Builder
	if inText {
		b.WriteString("ET\n")
	}
	b.WriteString(strings.Repeat("Q\n", depth))
	return b.String()
}

// markHidden marks instances holding content of hidden layers dirty, so
// that content is dropped.
func markHidden(e *editor, inst *instance) {
	if len(inst.ocHidden) > 0 {
		e.markDirty(inst)
	}
	for _, c := range inst.children {
		markHidden(e, c)
	}
}

// rewrite returns the new content of inst and the resources it needs.
func (e *editor) rewrite(inst *instance) ([]byte, types.Dict, error) {
	res := types.Dict{}
	for k, v := range inst.res {
		res[k] = v
	}
	xo := types.Dict{}
	for k, v := range e.d.r.dict(inst.res["XObject"]) {
		xo[k] = v
	}
	used := map[string]bool{}
	var b bytes.Buffer
	for i, o := range inst.ops {
		switch {
		case inst.ocHidden[i]:
			// Content of a layer that is off: drop it, end any path.
			if o.name != "Tj" && o.name != "TJ" && o.name != "'" && o.name != "\"" && o.name != "Do" && o.name != "BI" && o.name != "sh" {
				b.WriteString("n\n")
			}
			continue
		case inst.children[i] != nil && e.dirty[inst.children[i]]:
			name, ref, err := e.copyForm(inst.children[i], xo)
			if err != nil {
				return nil, nil, err
			}
			xo[name] = ref
			used[name] = true
			b.WriteString("/" + name + " Do\n")
			continue
		case e.images[inst] != nil && hasKey(e.images[inst], i):
			// The placeholder hides no more than the image did: over a
			// masked or transparent image it is see-through itself.
			if e.images[inst][i] {
				b.WriteString("q 0.75 g 0 0 1 1 re f Q\n")
			} else {
				gsd := types.Dict{}
				for k, v := range e.d.r.dict(inst.res["ExtGState"]) {
					gsd[k] = v
				}
				gsd["PsHalf"] = types.Dict{"Type": types.Name("ExtGState"), "ca": types.Float(0.5)}
				res["ExtGState"] = gsd
				b.WriteString("q /PsHalf gs 0.75 g 0 0 1 1 re f Q\n")
			}
			continue
		case e.removed[inst][i] != nil:
			b.Write(e.rewriteText(o, e.removed[inst][i]))
			continue
		}
		if o.name == "Do" && len(o.args) > 0 && o.args[0].kind == kName {
			used[string(o.args[0].val)] = true
		}
		if c := inst.children[i]; c != nil && c.inherited {
			drawn(c, used) // it draws from these resources too
		}
		b.Write(inst.src[o.start:o.end])
		b.WriteByte('\n')
	}
	// Drop XObjects no longer drawn here (replaced photos, edited forms).
	for k := range xo {
		if !used[k] {
			delete(xo, k)
		}
	}
	if len(xo) > 0 {
		res["XObject"] = xo
	} else {
		delete(res, "XObject")
	}
	return b.Bytes(), res, nil
}

func hasKey(m map[int]bool, k int) bool {
	_, ok := m[k]
	return ok
}

// copyForm writes an edited copy of a form as a new object, leaving the
// original (which other pages may share) untouched.
func (e *editor) copyForm(inst *instance, xo types.Dict) (string, types.IndirectRef, error) {
	body, res, err := e.rewrite(inst)
	if err != nil {
		return "", types.IndirectRef{}, err
	}
	sd, err := e.d.ctx.XRefTable.NewStreamDictForBuf(body)
	if err != nil {
		return "", types.IndirectRef{}, errors.New("pdf: cannot copy a form")
	}
	for k, v := range inst.form.Dict {
		switch k {
		case "Length", "Filter", "DecodeParms", "Resources", "Metadata", "PieceInfo":
		default:
			sd.Dict[k] = v
		}
	}
	sd.Dict["Resources"] = res
	if err := encodeStream(sd); err != nil {
		return "", types.IndirectRef{}, errors.New("pdf: cannot compress a form")
	}
	ref, err := e.d.ctx.IndRefForNewObject(*sd)
	if err != nil {
		return "", types.IndirectRef{}, errors.New("pdf: cannot add a form")
	}
	for {
		e.counter++
		name := "PsRed" + strconv.Itoa(e.counter)
		if _, taken := xo[name]; !taken {
			return name, *ref, nil
		}
	}
}

// rewriteText turns a text-showing operator into one TJ without the
// removed glyphs; each removed run becomes a displacement equal to its
// advance, so the glyphs after it stay where they were.
func (e *editor) rewriteText(o op, gone []*glyph) []byte {
	var b bytes.Buffer
	switch o.name {
	case "'":
		b.WriteString("T*\n")
	case "\"":
		if len(o.args) >= 3 {
			b.WriteString(fmtNum(o.args[0].num) + " Tw " + fmtNum(o.args[1].num) + " Tc T*\n")
		}
	}
	byElem := map[int][]*glyph{}
	for _, g := range gone {
		byElem[g.elem] = append(byElem[g.elem], g)
	}
	var elems []operand
	switch {
	case o.name == "TJ" && len(o.args) > 0 && o.args[len(o.args)-1].kind == kArr:
		elems = o.args[len(o.args)-1].arr
	case len(o.args) > 0:
		// Tj, ' and ": the string is the last operand; index it as such.
		last := len(o.args) - 1
		elems = make([]operand, last+1)
		elems[last] = o.args[last]
	}
	b.WriteByte('[')
	for k, el := range elems {
		switch el.kind {
		case kNum:
			b.WriteString(fmtNum(el.num) + " ")
		case kStr:
			gs := byElem[k]
			sort.Slice(gs, func(i, j int) bool { return gs[i].off < gs[j].off })
			prev := 0
			for _, g := range gs {
				if g.off > prev {
					b.Write(hexString(el.val[prev:g.off]))
				}
				if g.fs != 0 {
					b.WriteString(" " + fmtNum(-1000*g.adv/g.fs) + " ")
				}
				prev = g.off + g.n
			}
			if prev < len(el.val) {
				b.Write(hexString(el.val[prev:]))
			}
		}
	}
	b.WriteString("] TJ\n")
	return b.Bytes()
}

// boxes paints a black box over each run of removed visible glyphs.
func (e *editor) boxes(b *bytes.Buffer, pg *page, gone map[*glyph]bool) {
	var run rect
	var last *glyph
	flush := func() {
		if last != nil {
			const pad = 0.5
			fmt.Fprintf(b, "%s %s %s %s re f\n", fmtNum(run.x0-pad), fmtNum(run.y0-pad), fmtNum(run.x1-run.x0+2*pad), fmtNum(run.y1-run.y0+2*pad))
		}
		last = nil
	}
	b.WriteString("q 0 g\n")
	for _, g := range e.d.order {
		if g.inst.page != pg {
			continue
		}
		if !gone[g] || g.hidden {
			flush()
			continue
		}
		if last != nil && (!sameDir(last, g) || abs(g.y-last.y) > 0.35*g.size || g.x < last.x || g.x-last.endX > 0.6*g.size) {
			flush()
		}
		if last == nil {
			run = g.box
		} else {
			run = run.union(g.box)
		}
		last = g
	}
	flush()
	b.WriteString("Q\n")
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// pruneToUnicode rewrites the ToUnicode map of each font that lost codes
// no glyph shows any more, so the file keeps no map to removed characters.
func (d *Document) pruneToUnicode(gone map[*glyph]bool) error {
	used := map[*font]map[uint32]int{}
	lost := map[*font]bool{}
	var lostOrder []*font // in order of appearance, so output is reproducible
	for _, g := range d.order {
		if used[g.font] == nil {
			used[g.font] = map[uint32]int{}
		}
		if !gone[g] {
			used[g.font][g.code] = g.n
		}
	}
	for _, g := range d.order {
		if gone[g] {
			if _, still := used[g.font][g.code]; !still && g.font.toUni != nil && g.font.dict != nil && !lost[g.font] {
				lost[g.font] = true
				lostOrder = append(lostOrder, g.font)
			}
		}
	}
	for _, f := range lostOrder {
		var b strings.Builder
		b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
		n := 1
		if f.kind == fontType0 {
			n = 2
			if len(f.space) > 0 {
				n = f.space[0].n
			}
		}
		fmt.Fprintf(&b, "1 begincodespacerange\n<%s> <%s>\nendcodespacerange\n", strings.Repeat("00", n), strings.Repeat("FF", n))
		codes := make([]uint32, 0, len(used[f]))
		for c := range used[f] {
			if _, ok := f.toUni[c]; ok {
				codes = append(codes, c)
			}
		}
		sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
		for i := 0; i < len(codes); i += 100 {
			chunk := codes[i:min(i+100, len(codes))]
			fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
			for _, c := range chunk {
				cb := make([]byte, used[f][c])
				for k := range cb {
					cb[len(cb)-1-k] = byte(c >> (8 * k))
				}
				b.Write(hexString(cb))
				b.WriteByte(' ')
				b.Write(hexString(utf16BE(f.toUni[c])))
				b.WriteByte('\n')
			}
			b.WriteString("endbfchar\n")
		}
		b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
		sd, err := d.ctx.XRefTable.NewStreamDictForBuf([]byte(b.String()))
		if err != nil || encodeStream(sd) != nil {
			return errors.New("pdf: cannot rebuild a ToUnicode map")
		}
		ref, err := d.ctx.IndRefForNewObject(*sd)
		if err != nil {
			return errors.New("pdf: cannot add a ToUnicode map")
		}
		f.dict["ToUnicode"] = *ref
	}
	return nil
}

func utf16BE(s string) []byte {
	var out []byte
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi>>8), byte(hi), byte(lo>>8), byte(lo))
			continue
		}
		out = append(out, byte(r>>8), byte(r))
	}
	return out
}

// sanitise removes, on every copy: document metadata (Info, XMP), scripts
// and automatic actions, outlines, embedded files, form fields, the
// structure tree (its alt and actual texts), optional-content
// configuration (hidden layers' content is dropped by rewrite), page
// thumbnails, annotations other than internal links, and encryption.
func (d *Document) sanitise() {
	ctx := d.ctx
	root := ctx.RootDict
	for _, k := range []string{"Metadata", "OpenAction", "AA", "Outlines", "AcroForm", "StructTreeRoot", "MarkInfo",
		"OCProperties", "PieceInfo", "Threads", "SpiderInfo", "Perms", "Collection", "Legal", "PageMode", "Lang", "URI"} {
		delete(root, k)
	}
	if names := d.r.dict(root["Names"]); names != nil {
		if dests, ok := names["Dests"]; ok {
			root["Names"] = types.Dict{"Dests": dests}
		} else {
			delete(root, "Names")
		}
	}
	ctx.Info = nil
	ctx.Encrypt, ctx.E, ctx.EncKey = nil, nil, nil
	// Metadata streams, private application data and associated files
	// hang off images, forms, fonts and pages too.
	for _, e := range ctx.Table {
		if e == nil || e.Free {
			continue
		}
		var dict types.Dict
		switch o := e.Object.(type) {
		case types.Dict:
			dict = o
		case types.StreamDict:
			dict = o.Dict
		}
		for _, k := range []string{"Metadata", "PieceInfo", "AF"} {
			delete(dict, k)
		}
	}
	for _, pg := range d.pages {
		for _, k := range []string{"AA", "Thumb", "PieceInfo", "Metadata", "B", "StructParents"} {
			delete(pg.dict, k)
		}
		var keep types.Array
		for _, a := range d.r.array(pg.dict["Annots"]) {
			ad := d.r.dict(a)
			if ad == nil || d.r.name(ad["Subtype"]) != "Link" {
				continue
			}
			if act := d.r.dict(ad["A"]); act != nil && d.r.name(act["S"]) != "GoTo" {
				continue
			}
			if ad["Dest"] == nil && ad["A"] == nil {
				continue
			}
			for _, k := range []string{"AA", "Contents", "T", "NM", "M", "RC", "Popup", "PA", "StructParent"} {
				delete(ad, k)
			}
			keep = append(keep, a)
		}
		if len(keep) > 0 {
			pg.dict["Annots"] = keep
		} else {
			delete(pg.dict, "Annots")
		}
	}
}

var (
	sizeRE = regexp.MustCompile(`/Size\s*\d+`)
	dateRE = regexp.MustCompile(`/(CreationDate|ModDate)\s*\(D:[0-9+\-Z']*\)`)
	idRE   = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]`)
)

// finish edits what pdfcpu writes on its own, keeping every byte offset
// (the cross-reference table points into the file): the Producer becomes
// "prescreen", the creation and modification dates (the time of
// redaction) are blanked out, and the file identifiers become a hash of
// the copy itself, so they neither link the copy to the original nor
// change from run to run.
func finish(out []byte) ([]byte, error) {
	lit := []byte("(pdfcpu " + model.VersionStr + ")")
	switch bytes.Count(out, lit) {
	case 0: // PDF 2.0: pdfcpu writes no Info dictionary
		if bytes.Contains(out, []byte("pdfcpu")) {
			return nil, errors.New("pdf: cannot find the producer entry to neutralise")
		}
	case 1:
	default:
		return nil, errors.New("pdf: cannot find the producer entry to neutralise")
	}
	repl := []byte("(prescreen)")
	repl = append(repl, bytes.Repeat([]byte(" "), len(lit)-len(repl))...)
	out = bytes.Replace(out, lit, repl, 1)
	out = dateRE.ReplaceAllFunc(out, func(m []byte) []byte { return bytes.Repeat([]byte(" "), len(m)) })
	locs := idRE.FindAllSubmatchIndex(out, -1)
	for _, l := range locs {
		for k := 2; k < 6; k += 2 {
			for i := l[k]; i < l[k+1]; i++ {
				out[i] = '0'
			}
		}
	}
	sum := sha256.Sum256(out)
	id := strings.ToUpper(hex.EncodeToString(sum[:]))
	for _, l := range locs {
		for k := 2; k < 6; k += 2 {
			for i := l[k]; i < l[k+1]; i++ {
				out[i] = id[(i-l[k])%len(id)]
			}
		}
	}
	return out, nil
}

func (d *Document) write() (out []byte, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			out, err = nil, errors.New("pdf: writer failed on this file")
		}
	}()
	// Plain objects and a classic cross-reference table: pdfcpu fills
	// object streams in map order, which would make copies differ from
	// run to run.
	d.ctx.WriteObjectStream, d.ctx.WriteXRefStream = false, false
	var buf bytes.Buffer
	d.ctx.Write.Writer = bufio.NewWriter(&buf)
	if err := errors.Join(pdfcpu.WriteContext(d.ctx), d.ctx.Write.Flush()); err != nil {
		return nil, errors.New("pdf: cannot write the redacted file")
	}
	out, err = relayout(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return finish(out)
}

// relayout writes the objects of a file with a classic cross-reference
// table in object-number order with a fresh table: pdfcpu writes objects
// in Go map order, so without this two runs give different bytes.
func relayout(b []byte) ([]byte, error) {
	bad := errors.New("pdf: unexpected layout of the written file")
	sx := bytes.LastIndex(b, []byte("startxref"))
	if sx < 0 {
		return nil, bad
	}
	var x int
	if _, err := fmt.Sscan(string(b[sx+len("startxref"):]), &x); err != nil || x <= 0 || x >= sx || !bytes.HasPrefix(b[x:], []byte("xref")) {
		return nil, bad
	}
	tr := bytes.Index(b[x:], []byte("trailer"))
	if tr < 0 {
		return nil, bad
	}
	offs := map[int]int{}
	lines := strings.Fields(string(b[x+len("xref") : x+tr]))
	for i := 0; i+1 < len(lines); {
		start, err1 := strconv.Atoi(lines[i])
		count, err2 := strconv.Atoi(lines[i+1])
		if err1 != nil || err2 != nil || count < 0 || i+2+3*count > len(lines) {
			return nil, bad
		}
		for k := 0; k < count; k++ {
			e := lines[i+2+3*k : i+5+3*k]
			if e[2] == "n" {
				o, err := strconv.Atoi(e[0])
				if err != nil || o <= 0 || o >= x {
					return nil, bad
				}
				offs[start+k] = o
			}
		}
		i += 2 + 3*count
	}
	if len(offs) == 0 {
		return nil, bad
	}
	byOff := make([]int, 0, len(offs))
	for _, o := range offs {
		byOff = append(byOff, o)
	}
	sort.Ints(byOff)
	end := map[int]int{}
	for i, o := range byOff {
		if i+1 < len(byOff) {
			end[o] = byOff[i+1]
		} else {
			end[o] = x
		}
	}
	nums := make([]int, 0, len(offs))
	size := 0
	for n := range offs {
		nums = append(nums, n)
		size = max(size, n+1)
	}
	sort.Ints(nums)
	var out bytes.Buffer
	out.Write(b[:byOff[0]])
	newOff := map[int]int{}
	for _, n := range nums {
		newOff[n] = out.Len()
		out.Write(b[offs[n]:end[offs[n]]])
	}
	nx := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n", size)
	for n := 0; n < size; n++ {
		if o, ok := newOff[n]; ok {
			fmt.Fprintf(&out, "%010d 00000 n\r\n", o)
		} else {
			out.WriteString("0000000000 65535 f\r\n")
		}
	}
	// The trailer's /Size must be one more than the highest object number.
	trailer := sizeRE.ReplaceAll(b[x+tr:sx], []byte("/Size "+strconv.Itoa(size)))
	out.Write(trailer)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", nx)
	return out.Bytes(), nil
}
