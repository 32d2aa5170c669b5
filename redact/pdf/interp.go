package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

var errUnsupportedFont = errors.New("unsupported font")

// reader wraps pdfcpu's cross-reference table with forgiving accessors.
type reader struct {
	x *model.XRefTable
}

func (r *reader) deref(o types.Object) types.Object {
	for i := 0; i < 8; i++ {
		ir, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		v, err := r.x.Dereference(ir)
		if err != nil {
			return nil
		}
		o = v
	}
	return nil
}

func (r *reader) dict(o types.Object) types.Dict {
	switch v := r.deref(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (r *reader) array(o types.Object) types.Array {
	a, _ := r.deref(o).(types.Array)
	return a
}

func (r *reader) name(o types.Object) string {
	n, _ := r.deref(o).(types.Name)
	return string(n)
}

func (r *reader) numOK(o types.Object) (float64, bool) {
	switch v := r.deref(o).(type) {
	case types.Integer:
		return float64(v.Value()), true
	case types.Float:
		return v.Value(), true
	}
	return 0, false
}

func (r *reader) num(o types.Object) float64 {
	v, _ := r.numOK(o)
	return v
}

// maxDecode bounds one decoded stream (against decompression bombs).
const maxDecode = 64 << 20

func (r *reader) stream(o types.Object) ([]byte, error) {
	sd, ok := r.deref(o).(types.StreamDict)
	if !ok {
		return nil, errors.New("not a stream")
	}
	if sd.Content != nil {
		return sd.Content, nil
	}
	if err := sd.DecodeWithLimit(maxDecode); err != nil {
		return nil, errors.New("stream cannot be decoded")
	}
	return sd.Content, nil
}

// Geometry: matrices as [a b c d e f], points transformed as row vectors.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) empty() bool { return r.x1 <= r.x0 || r.y1 <= r.y0 }

func (r rect) add(x, y float64) rect {
	if r.x0 > r.x1 { // the empty "nothing yet" rect
		return rect{x, y, x, y}
	}
	return rect{math.Min(r.x0, x), math.Min(r.y0, y), math.Max(r.x1, x), math.Max(r.y1, y)}
}

func (r rect) intersect(o rect) rect {
	if r.x0 > r.x1 || o.x0 > o.x1 {
		return noRect
	}
	x := rect{math.Max(r.x0, o.x0), math.Max(r.y0, o.y0), math.Min(r.x1, o.x1), math.Min(r.y1, o.y1)}
	if x.x0 > x.x1 || x.y0 > x.y1 {
		return noRect
	}
	return x
}

func (r rect) union(o rect) rect { return r.add(o.x0, o.y0).add(o.x1, o.y1) }

func (r rect) contains(x, y float64) bool { return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1 }

func (r rect) intersects(o rect) bool {
	return r.x0 <= o.x1 && o.x0 <= r.x1 && r.y0 <= o.y1 && o.y0 <= r.y1
}

var noRect = rect{1, 1, 0, 0}

func bbox(m matrix, x0, y0, x1, y1 float64) rect {
	r := noRect
	for _, p := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		r = r.add(m.apply(p[0], p[1]))
	}
	return r
}

// instance is one interpretation of a content stream: a page's content,
// or one invocation of a Form XObject (a form drawn twice gives two
// instances, each of which may be edited and copied on its own).
type instance struct {
	ops      []op
	res      types.Dict
	parent   *instance
	parentOp int
	form     types.StreamDict // for forms
	children map[int]*instance
	page     *page
	src      []byte // the decoded stream the ops point into
	// inherited: a form without /Resources of its own, using its parent's
	inherited bool
	ocHidden  map[int]bool // painting ops inside hidden optional content
}

func (inst *instance) hideOp(i int) {
	if inst.ocHidden == nil {
		inst.ocHidden = map[int]bool{}
	}
	inst.ocHidden[i] = true
}

// paints reports whether an operator marks the page.
func paints(name string) bool {
	switch name {
	case "Tj", "TJ", "'", "\"", "Do", "BI", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh":
		return true
	}
	return false
}

// glyph is one shown character code.
type glyph struct {
	inst      *instance
	op, elem  int // operator index and operand (or TJ element) index
	off, n    int // byte range of the code in that string
	code      uint32
	font      *font
	text      string
	adv       float64 // advance in unscaled text space: w0*Tfs + Tc + Tw
	fs        float64
	box       rect    // in default user space of the page
	x, y      float64 // origin of the glyph, along and across its direction
	endX      float64 // origin plus advance, along its direction
	ux, uy    float64 // direction of the baseline on the page
	size      float64 // effective font size on the page
	hidden    bool
	start     int // byte range in the document text
	end       int
	unmapped  bool
	invisible bool // render mode 3 or 7: OCR layers of scans use it
	seq       int  // painting order on the page
	// group holds the glyphs of an ActualText span: they stand for its
	// text together and are removed together.
	group *[]*glyph
}

// placed is a raster image drawn on a page.
type placed struct {
	inst   *instance
	op     int
	box    rect
	digest string
	page   *page
	small  bool
	offset int
	opaque bool // it hides what lies under it (no mask, no transparency)
}

type page struct {
	num       int
	dict      types.Dict
	crop      rect
	root      *instance
	glyphs    []*glyph
	images    []*placed
	fills     []rect  // non-white filled areas (backgrounds for white text)
	covers    []cover // opaque paint, any colour, in painting order
	textStart int
}

type gstate struct {
	ctm                 matrix
	fillWhite, strWhite bool
	fillN, strN         int // components of the current colour spaces
	font                *font
	fs, tc, tw, th, tl  float64
	rise                float64
	mode                int
	clear               bool // fill alpha (ca) is 0: fills paint nothing
	seeThrough          bool // fill alpha below 1 or a blend mode other than Normal
	clip                rect // bounding box of the clipping path
}

// cover is an opaque area painted at step seq of a page.
type cover struct {
	r   rect
	seq int
}

// interp runs content streams and collects glyphs and images.
type interp struct {
	r        *reader
	fonts    *fontLoader
	pg       *page
	ops      int
	depth    int
	hidden   map[int]bool // OFF optional-content groups
	unmapped int          // glyphs with no Unicode
	seq      int          // painting order on the page
	badFont  error
	forms    map[int]parsedForm // forms drawn more than once are parsed once
}

type parsedForm struct {
	ops []op
	src []byte
}

const maxFormDepth = 12

func (in *interp) run(inst *instance, gs gstate) error {
	var stack []gstate
	var tm, tlm matrix
	path := noRect
	clipPending := false // W or W* seen: the path ends as a clip
	type mark struct {
		hidden bool
		actual *string
		first  int // len(pg.glyphs) at BDC
	}
	var mc []mark // marked-content stack
	hiddenMC := 0
	for i := range inst.ops {
		o := &inst.ops[i]
		in.ops++
		if in.ops > maxOps {
			return errors.New("content too complex")
		}
		if hiddenMC > 0 && paints(o.name) {
			inst.hideOp(i)
		}
		a := o.args
		nums := func(n int) ([]float64, bool) {
			if len(a) < n {
				return nil, false
			}
			v := make([]float64, n)
			for k := 0; k < n; k++ {
				if a[len(a)-n+k].kind != kNum {
					return nil, false
				}
				v[k] = a[len(a)-n+k].num
			}
			return v, true
		}
		switch o.name {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 {
				gs, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if v, ok := nums(6); ok {
				gs.ctm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.mul(gs.ctm)
			}
		case "g":
			if v, ok := nums(1); ok {
				gs.fillWhite, gs.fillN = v[0] >= 0.99, 1
			}
		case "G":
			if v, ok := nums(1); ok {
				gs.strWhite, gs.strN = v[0] >= 0.99, 1
			}
		case "rg":
			if v, ok := nums(3); ok {
				gs.fillWhite, gs.fillN = v[0] >= 0.99 && v[1] >= 0.99 && v[2] >= 0.99, 3
			}
		case "RG":
			if v, ok := nums(3); ok {
				gs.strWhite, gs.strN = v[0] >= 0.99 && v[1] >= 0.99 && v[2] >= 0.99, 3
			}
		case "k":
			if v, ok := nums(4); ok {
				gs.fillWhite, gs.fillN = v[0] <= 0.01 && v[1] <= 0.01 && v[2] <= 0.01 && v[3] <= 0.01, 4
			}
		case "K":
			if v, ok := nums(4); ok {
				gs.strWhite, gs.strN = v[0] <= 0.01 && v[1] <= 0.01 && v[2] <= 0.01 && v[3] <= 0.01, 4
			}
		case "cs", "CS":
			n := in.colourComponents(inst.res, a)
			if o.name == "cs" {
				gs.fillWhite, gs.fillN = false, n
			} else {
				gs.strWhite, gs.strN = false, n
			}
		case "sc", "scn", "SC", "SCN":
			white := false
			fill := o.name[0] == 's'
			n := gs.strN
			if fill {
				n = gs.fillN
			}
			if v, ok := nums(len(a)); ok && len(v) == n && a[len(a)-1].kind == kNum {
				switch n {
				case 1:
					white = v[0] >= 0.99
				case 3:
					white = v[0] >= 0.99 && v[1] >= 0.99 && v[2] >= 0.99
				case 4:
					white = v[0] <= 0.01 && v[1] <= 0.01 && v[2] <= 0.01 && v[3] <= 0.01
				}
			}
			if fill {
				gs.fillWhite = white
			} else {
				gs.strWhite = white
			}
		case "m", "l":
			if v, ok := nums(2); ok {
				path = path.add(gs.ctm.apply(v[0], v[1]))
			}
		case "c", "v", "y":
			if v, ok := nums(len(a)); ok {
				for k := 0; k+1 < len(v); k += 2 {
					path = path.add(gs.ctm.apply(v[k], v[k+1]))
				}
			}
		case "re":
			if v, ok := nums(4); ok {
				path = path.union(bbox(gs.ctm, v[0], v[1], v[0]+v[2], v[1]+v[3]))
			}
		case "W", "W*":
			clipPending = true
		case "f", "F", "f*", "B", "B*", "b", "b*":
			painted := path.intersect(gs.clip)
			if !gs.fillWhite && !painted.empty() {
				in.addFill(painted)
			}
			if !gs.clear && !gs.seeThrough && hiddenMC == 0 && !painted.empty() {
				in.addCover(painted)
			}
			if clipPending {
				gs.clip, clipPending = gs.clip.intersect(path), false
			}
			path = noRect
		case "S", "s", "n":
			if clipPending {
				gs.clip, clipPending = gs.clip.intersect(path), false
			}
			path = noRect
		case "sh":
			// A shading fills the clip region, which is not tracked: take
			// the whole page as painted (white text on it counts as shown).
			in.addFill(in.pg.crop)
		case "gs":
			if len(a) > 0 && a[0].kind == kName {
				eg := in.r.dict(in.r.dict(inst.res["ExtGState"])[string(a[0].val)])
				if v, ok := in.r.numOK(eg["ca"]); ok {
					gs.clear = v < 0.01
					gs.seeThrough = v < 0.99
				}
				if bm := eg["BM"]; bm != nil {
					n := in.r.name(bm)
					if arr := in.r.array(bm); len(arr) > 0 {
						n = in.r.name(arr[0])
					}
					gs.seeThrough = gs.seeThrough || (n != "Normal" && n != "Compatible")
				}
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			gs.font = nil
			if len(a) >= 2 && a[0].kind == kName {
				if v, ok := nums(1); ok {
					gs.fs = v[0]
				}
				fd := in.r.dict(inst.res["Font"])
				if fd != nil {
					if fo, ok := fd[string(a[0].val)]; ok {
						f, err := in.fonts.load(fo)
						if err != nil {
							if in.badFont == nil {
								in.badFont = err
							}
						} else {
							gs.font = f
						}
					}
				}
			}
		case "Td", "TD":
			if v, ok := nums(2); ok {
				if o.name == "TD" {
					gs.tl = -v[1]
				}
				tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if v, ok := nums(6); ok {
				tlm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(tlm)
			tm = tlm
		case "Tc":
			if v, ok := nums(1); ok {
				gs.tc = v[0]
			}
		case "Tw":
			if v, ok := nums(1); ok {
				gs.tw = v[0]
			}
		case "Tz":
			if v, ok := nums(1); ok {
				gs.th = v[0] / 100
			}
		case "TL":
			if v, ok := nums(1); ok {
				gs.tl = v[0]
			}
		case "Ts":
			if v, ok := nums(1); ok {
				gs.rise = v[0]
			}
		case "Tr":
			if v, ok := nums(1); ok {
				gs.mode = int(v[0])
			}
		case "Tj", "'", "\"":
			if o.name != "Tj" {
				if o.name == "\"" {
					if len(a) >= 3 && a[0].kind == kNum && a[1].kind == kNum {
						gs.tw, gs.tc = a[0].num, a[1].num
					}
				}
				tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(tlm)
				tm = tlm
			}
			if len(a) > 0 && a[len(a)-1].kind == kStr {
				in.show(inst, i, len(a)-1, a[len(a)-1].val, &gs, &tm, hiddenMC > 0)
			}
		case "TJ":
			if len(a) > 0 && a[len(a)-1].kind == kArr {
				for k, e := range a[len(a)-1].arr {
					switch e.kind {
					case kStr:
						in.show(inst, i, k, e.val, &gs, &tm, hiddenMC > 0)
					case kNum:
						tx := -e.num / 1000 * gs.fs * gs.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "BDC", "BMC":
			m := mark{first: len(in.pg.glyphs)}
			if o.name == "BDC" && len(a) >= 2 {
				props := a[len(a)-1]
				var pd types.Dict
				if props.kind == kName {
					pd = in.r.dict(in.r.dict(inst.res["Properties"])[string(props.val)])
				}
				if a[0].kind == kName && string(a[0].val) == "OC" && props.kind == kName {
					if ir, ok := in.r.dict(inst.res["Properties"])[string(props.val)].(types.IndirectRef); ok && in.hidden[ir.ObjectNumber.Value()] {
						m.hidden = true
					}
				}
				if v, ok := dictGet(props, "ActualText"); ok && props.kind == kDict && v.kind == kStr {
					t := textString(v.val)
					m.actual = &t
				} else if pd != nil {
					if t, err := model.Text(in.r.deref(pd["ActualText"])); err == nil && pd["ActualText"] != nil {
						m.actual = &t
					}
				}
			}
			mc = append(mc, m)
			if m.hidden {
				hiddenMC++
			}
		case "EMC":
			if n := len(mc); n > 0 {
				m := mc[n-1]
				if m.hidden {
					hiddenMC--
				}
				mc = mc[:n-1]
				if m.actual != nil && m.first < len(in.pg.glyphs) {
					in.actualText(in.pg.glyphs[m.first:], *m.actual)
				}
			}
		case "BI":
			_, masked := dictGet(o.args[0], "SMask")
			_, imask := dictGet(o.args[0], "IM")
			opaque := !gs.seeThrough && !gs.clear && hiddenMC == 0 && !masked && !imask
			in.image(inst, i, gs.ctm, o.inline, opaque)
			if opaque {
				in.addCover(bbox(gs.ctm, 0, 0, 1, 1).intersect(gs.clip))
			}
		case "Do":
			if len(a) > 0 && a[0].kind == kName {
				if err := in.do(inst, i, string(a[0].val), gs, hiddenMC > 0); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (in *interp) colourComponents(res types.Dict, a []operand) int {
	if len(a) == 0 || a[0].kind != kName {
		return 0
	}
	switch string(a[0].val) {
	case "DeviceGray", "CalGray", "G":
		return 1
	case "DeviceRGB", "CalRGB", "RGB":
		return 3
	case "DeviceCMYK", "CMYK":
		return 4
	}
	cs := in.r.deref(in.r.dict(res["ColorSpace"])[string(a[0].val)])
	if arr, ok := cs.(types.Array); ok && len(arr) >= 2 && in.r.name(arr[0]) == "ICCBased" {
		if d := in.r.dict(arr[1]); d != nil {
			return int(in.r.num(d["N"]))
		}
	}
	return 0
}

func (in *interp) image(inst *instance, i int, ctm matrix, data []byte, opaque bool) {
	box := bbox(ctm, 0, 0, 1, 1)
	sum := sha256.Sum256(data)
	w, h := box.x1-box.x0, box.y1-box.y0
	in.pg.images = append(in.pg.images, &placed{inst: inst, op: i, box: box, digest: hex.EncodeToString(sum[:16]), page: in.pg,
		small: w < smallImage || h < smallImage, opaque: opaque})
	in.addFill(box)
}

func (in *interp) addCover(r rect) {
	in.seq++
	if r.empty() {
		return
	}
	if len(in.pg.covers) < maxFills {
		in.pg.covers = append(in.pg.covers, cover{r, in.seq})
	}
}

// markCovered hides glyphs that opaque paint drawn after them covers
// entirely: text under a box (white, or the black of a failed redaction)
// or under an image is in the file but not on the page.
func markCovered(pg *page) {
	if len(pg.covers) == 0 {
		return
	}
	for _, g := range pg.glyphs {
		if g.hidden || g.box.empty() {
			continue
		}
		// Inset the glyph box: covers drawn exactly on the line are enough.
		w, h := (g.box.x1-g.box.x0)*0.1, (g.box.y1-g.box.y0)*0.1
		in := rect{g.box.x0 + w, g.box.y0 + h, g.box.x1 - w, g.box.y1 - h}
		for _, c := range pg.covers {
			if c.seq > g.seq && c.r.contains(in.x0, in.y0) && c.r.contains(in.x1, in.y1) {
				g.hidden = true
				break
			}
		}
	}
}

// maxFills bounds the painted areas kept per page; past it, every white
// glyph counts as painted on something (shown, not hidden).
const maxFills = 4096

func (in *interp) addFill(r rect) {
	if len(in.pg.fills) < maxFills {
		in.pg.fills = append(in.pg.fills, r)
	} else {
		in.pg.fills[maxFills-1] = in.pg.crop
	}
}

// smallImage: images smaller than this (in points) on either side are
// icons and rules, not photos.
const smallImage = 36

func (in *interp) do(inst *instance, i int, name string, gs gstate, hidden bool) error {
	xo := in.r.dict(inst.res["XObject"])
	if xo == nil {
		return nil
	}
	ref := xo[name]
	sd, ok := in.r.deref(ref).(types.StreamDict)
	if !ok {
		return nil
	}
	switch in.r.name(sd.Dict["Subtype"]) {
	case "Image":
		raw := sd.Raw
		if raw == nil {
			raw = sd.Content
		}
		opaque := !gs.seeThrough && !gs.clear && !hidden && sd.Dict["SMask"] == nil && sd.Dict["Mask"] == nil && sd.Dict["ImageMask"] == nil
		in.image(inst, i, gs.ctm, raw, opaque)
		if opaque {
			in.addCover(bbox(gs.ctm, 0, 0, 1, 1).intersect(gs.clip))
		}
		return nil
	case "Form":
	default:
		return nil
	}
	if in.depth >= maxFormDepth {
		return errors.New("form XObjects nested too deeply")
	}
	nr := 0
	if ir, ok := ref.(types.IndirectRef); ok {
		nr = ir.ObjectNumber.Value()
	}
	pf, ok := in.forms[nr]
	if !ok || nr == 0 {
		b, err := in.r.stream(ref)
		if err != nil {
			return fmt.Errorf("form XObject: %w", err)
		}
		ops, err := parseContent(b)
		if err != nil {
			return fmt.Errorf("form XObject: %w", err)
		}
		pf = parsedForm{ops, b}
		if in.forms == nil {
			in.forms = map[int]parsedForm{}
		}
		in.forms[nr] = pf
	}
	ops, b := pf.ops, pf.src
	res := in.r.dict(sd.Dict["Resources"])
	inherited := res == nil
	if inherited {
		res = inst.res
	}
	child := &instance{ops: ops, res: res, parent: inst, parentOp: i, form: sd, page: in.pg, src: b, inherited: inherited}
	if inst.children == nil {
		inst.children = map[int]*instance{}
	}
	inst.children[i] = child
	m := identity
	if arr := in.r.array(sd.Dict["Matrix"]); len(arr) == 6 {
		for k := range m {
			m[k] = in.r.num(arr[k])
		}
	}
	if oc, ok := sd.Dict["OC"].(types.IndirectRef); ok && in.hidden[oc.ObjectNumber.Value()] {
		hidden = true
		inst.hideOp(i)
	}
	gs.ctm = m.mul(gs.ctm)
	in.depth++
	defer func() { in.depth-- }()
	if hidden {
		return in.runHidden(child, gs)
	}
	return in.run(child, gs)
}

// runHidden interprets a form whose content is in a hidden layer: every
// glyph in it is hidden.
func (in *interp) runHidden(child *instance, gs gstate) error {
	before := len(in.pg.glyphs)
	err := in.run(child, gs)
	for _, g := range in.pg.glyphs[before:] {
		g.hidden = true
	}
	return err
}

func (in *interp) show(inst *instance, opIdx, elem int, s []byte, gs *gstate, tm *matrix, hiddenMC bool) {
	f := gs.font
	if f == nil {
		if len(s) > 0 && in.badFont == nil {
			in.badFont = errors.New("text shown without a usable font")
		}
		return
	}
	th := gs.th
	for _, c := range f.split(s) {
		w0 := f.width(c.c, c.n)
		trm := matrix{gs.fs * th, 0, 0, gs.fs, 0, gs.rise}.mul(*tm).mul(gs.ctm)
		t, ok := f.text(c.c)
		if !ok {
			in.unmapped++
		}
		g := &glyph{inst: inst, op: opIdx, elem: elem, off: c.off, n: c.n, code: c.c, font: f, text: t, fs: gs.fs, unmapped: !ok}
		g.box = bbox(trm, 0, f.descent, w0, f.ascent)
		// Positions in the frame of the text's own direction, so rotated
		// lines are rebuilt like horizontal ones: x along the baseline,
		// y across it.
		ux, uy := trm[0], trm[1]
		if n := math.Hypot(ux, uy); n > 0 {
			ux, uy = ux/n, uy/n
		} else {
			ux, uy = 1, 0
		}
		px, py := trm.apply(0, 0)
		ex, ey := trm.apply(w0, 0)
		g.x, g.endX, g.y = px*ux+py*uy, ex*ux+ey*uy, -px*uy+py*ux
		g.ux, g.uy = ux, uy
		g.size = math.Hypot(trm[2], trm[3])
		tw := 0.0
		if c.n == 1 && c.c == 32 {
			tw = gs.tw
		}
		g.adv = w0*gs.fs + gs.tc + tw
		fillMode := gs.mode == 0 || gs.mode == 2 || gs.mode == 4 || gs.mode == 6
		white := (fillMode && gs.fillWhite && (gs.mode == 0 || gs.mode == 4 || gs.strWhite)) || (!fillMode && gs.strWhite)
		in.seq++
		g.seq = in.seq
		g.invisible = gs.mode == 3 || gs.mode == 7
		g.hidden = hiddenMC || g.invisible || g.size < 1 || !g.box.intersects(in.pg.crop) || (gs.clear && (gs.mode == 0 || gs.mode == 4))
		if !g.hidden && white && !in.onBackground(g) {
			g.hidden = true
		}
		in.pg.glyphs = append(in.pg.glyphs, g)
		*tm = matrix{1, 0, 0, 1, g.adv * th, 0}.mul(*tm)
	}
}

// onBackground reports whether a white glyph sits on something painted
// (a coloured box or an image), where it is visible.
func (in *interp) onBackground(g *glyph) bool {
	cx, cy := (g.box.x0+g.box.x1)/2, (g.box.y0+g.box.y1)/2
	for _, f := range in.pg.fills {
		if f.contains(cx, cy) {
			return true
		}
	}
	return false
}

// actualText makes glyphs stand for text together: the first carries it,
// the others none. Their own Unicode, or the lack of it, no longer counts.
func (in *interp) actualText(gs []*glyph, text string) {
	grp := append([]*glyph(nil), gs...)
	for i, g := range gs {
		if g.unmapped {
			g.unmapped = false
			in.unmapped--
		}
		g.text = ""
		if i == 0 {
			g.text = text
		}
		g.group = &grp
	}
}

// textString decodes a PDF text string: UTF-16BE with a byte-order mark,
// or PDFDocEncoding (close to WinAnsi for text).
func textString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		return utf16Text(b[2:])
	}
	var sb strings.Builder
	for _, c := range b {
		if t := pdfDocEnc[c]; t != "" {
			sb.WriteString(t)
		} else if c >= 0x20 && c < 0x80 {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}
