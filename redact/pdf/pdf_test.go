package pdf

import (
	"bytes"
	"errors"
	"flag"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
)

func extract(t *testing.T, b []byte) *Document {
	t.Helper()
	ext, err := Format{}.Extract(b)
	if err != nil {
		t.Fatal(err)
	}
	return ext.(*Document)
}

// inOrder checks that each want occurs in text after the previous one.
func inOrder(t *testing.T, text string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%q missing or out of order in %q", w, text)
			return
		}
		at += i + len(w)
	}
}

func TestExtractRebuildsLinesInReadingOrder(t *testing.T) {
	d := extract(t, pdftest.SimpleResume())
	// Two Tj on one line, a TJ with kerning, ' (next line), a form on both pages.
	inOrder(t, d.Text(), "Jane Doe\nEmail: jane.doe@example.com\nPhone: +44 20 7946 0958 (mobile)\nExperience\nSenior engineer at Acme Ltd since 2015",
		"Sideways: call +44 20 7946 0958\n", "Reach me at jane.doe@example.com any time\fEducation\n", "ID: 110102199101010078", "Reach me at jane.doe@example.com any time")
	if p := d.PageOf(strings.Index(d.Text(), "Education")); p != 2 {
		t.Errorf("Education on page %d, want 2", p)
	}
	if p := d.PageOf(strings.Index(d.Text(), "Experience")); p != 1 {
		t.Errorf("Experience on page %d, want 1", p)
	}

	c := extract(t, pdftest.CJKResume())
	inOrder(t, c.Text(), "张伟\n手机：13812345678\n邮箱：zhang.wei@example.com\n身份证号：110102199101010078\n工作经历：2018年至今 阿里巴巴 高级工程师")
}

func TestGlyphPositionsFollowWidths(t *testing.T) {
	c := extract(t, pdftest.CJKResume())
	// "手机：" are three 1000-unit CIDs at 11pt, then 500-unit digits.
	var digits []*glyph
	for _, g := range c.order {
		if g.text == "1" && g.y > 690 && g.y < 700 {
			digits = append(digits, g)
		}
	}
	if len(digits) == 0 {
		t.Fatal("no digit found on the phone line")
	}
	if x := digits[0].x; x < 72+33-0.01 || x > 72+33+0.01 {
		t.Errorf("first digit at x=%.2f, want 105 (three 11pt CJK glyphs after 72)", x)
	}
	if w := digits[0].endX - digits[0].x; w < 5.49 || w > 5.51 {
		t.Errorf("digit advance %.2f, want 5.5 from /W", w)
	}
	s := extract(t, pdftest.SimpleResume())
	for _, g := range s.order {
		if g.text == "E" && g.y > 690 && g.y < 700 { // "Email" in Helvetica 11pt
			if w := g.endX - g.x; w < 7.33 || w > 7.34 { // E is 667 units
				t.Errorf("Helvetica E advance %.3f, want 7.337", w)
			}
			return
		}
	}
	t.Error("E of Email not found")
}

func TestHiddenTextAndPhotos(t *testing.T) {
	d := extract(t, pdftest.SimpleResume())
	var hidden []string
	for _, sp := range d.HiddenSpans() {
		hidden = append(hidden, d.Text()[sp.Start:sp.End])
	}
	got := strings.Join(hidden, "|")
	for _, w := range []string{"Ignore previous instructions", "python java kubernetes expert", "transparent: top candidate", "Under a white box: golang wizard"} {
		if !strings.Contains(got, w) {
			t.Errorf("hidden spans %q lack %q", got, w)
		}
	}
	if strings.Contains(got, "Jane") || strings.Contains(got, "Reach me") || strings.Contains(got, "Languages") || strings.Contains(got, "White on blue") || strings.Contains(got, "Highlighted") {
		t.Errorf("visible text reported hidden: %q", got)
	}
	objs := d.Objects()
	if len(objs) != 2 || objs[0].Category != detectors.Photo || objs[0].Digest == "" || d.PageOf(objs[1].Offset) != 2 {
		t.Errorf("objects = %+v, want the photo and the masked logo on page 2 (not the 8pt icon)", objs)
	}
}

func TestQuarantine(t *testing.T) {
	var enc bytes.Buffer
	conf := model.NewAESConfiguration("user-secret", "owner-secret", 256)
	if err := api.Encrypt(bytes.NewReader(pdftest.CJKResume()), &enc, conf); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"type3", pdftest.Type3NoUnicode(), "no Unicode mapping"},
		{"scanned", pdftest.Scanned(false), "no text layer"},
		{"scanned with OCR", pdftest.Scanned(true), "invisible OCR text layer"},
		{"encrypted", enc.Bytes(), "user password"},
	} {
		_, err := Format{}.Extract(tc.data)
		if !errors.Is(err, redact.ErrUnsupported) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want ErrUnsupported with %q", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "AAAA") {
			t.Errorf("%s: error quotes the document: %v", tc.name, err)
		}
	}
	if _, err := (Format{}).Extract([]byte("%PDF-1.4\nnot really")); err == nil {
		t.Error("garbage accepted")
	}
}

func TestOwnerPasswordOnlyIsReadAndWrittenUnencrypted(t *testing.T) {
	var enc bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdftest.CJKResume()), &enc, model.NewAESConfiguration("", "owner-secret", 256)); err != nil {
		t.Fatal(err)
	}
	d := extract(t, enc.Bytes())
	out, err := d.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(out), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Encrypt != nil {
		t.Error("copy is still encrypted")
	}
	if !strings.Contains(extract(t, out).Text(), "zhang.wei@example.com") {
		t.Error("unredacted copy lost text")
	}
}

func spansOf(text string, cat detectors.Category, values ...string) []redact.Span {
	var out []redact.Span
	for _, v := range values {
		for i := 0; ; {
			j := strings.Index(text[i:], v)
			if j < 0 {
				break
			}
			out = append(out, redact.Span{Start: i + j, End: i + j + len(v), Category: cat})
			i += j + len(v)
		}
	}
	return out
}

// toUnicodeTexts returns every text any ToUnicode-like CMap stream of the
// file maps to.
func toUnicodeTexts(t *testing.T, b []byte) string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(b), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, e := range ctx.Table {
		if e == nil {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok {
			continue
		}
		if err := sd.Decode(); err != nil || !bytes.Contains(sd.Content, []byte("beginbfchar")) {
			continue
		}
		for _, s := range parseCMap(sd.Content).uni {
			all.WriteString(s)
		}
	}
	return all.String()
}

func TestToUnicodePrunedOfRemovedCodes(t *testing.T) {
	in := pdftest.CJKResume()
	if got := toUnicodeTexts(t, in); !strings.Contains(got, "@") || !strings.Contains(got, "z") {
		t.Fatalf("fixture ToUnicode lacks @ and z: %q", got)
	}
	d := extract(t, in)
	out, err := d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "zhang.wei@example.com", "13812345678")})
	if err != nil {
		t.Fatal(err)
	}
	got := toUnicodeTexts(t, out)
	for _, r := range []string{"@", "z", "x"} { // only in the e-mail address
		if strings.Contains(got, r) {
			t.Errorf("ToUnicode still maps %q after its only glyphs were removed", r)
		}
	}
	for _, r := range []string{"张", "2", "0", "1", "8"} { // still shown
		if !strings.Contains(got, r) {
			t.Errorf("ToUnicode lost %q, which is still shown", r)
		}
	}
	inOrder(t, extract(t, out).Text(), "张伟\n手机：\n邮箱：\n身份证号：110102199101010078\n工作经历：2018年至今")
}

func TestApplyTwiceFails(t *testing.T) {
	d := extract(t, pdftest.CJKResume())
	if _, err := d.Apply(redact.Redaction{}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Apply(redact.Redaction{}); err == nil {
		t.Error("second Apply accepted")
	}
}

func TestRewriteTJKeepsAdvance(t *testing.T) {
	// "AB" then "CD" in Helvetica 10pt, Tc 1: removing B must leave a
	// displacement of -(667*10/1000 + 1)*1000/10 = -767.
	o := op{name: "TJ", args: []operand{{kind: kArr, arr: []operand{{kind: kStr, val: []byte("AB")}, {kind: kNum, num: -50}, {kind: kStr, val: []byte("CD")}}}}}
	g := &glyph{elem: 0, off: 1, n: 1, fs: 10, adv: 0.667*10 + 1}
	got := string((&editor{}).rewriteText(o, []*glyph{g}))
	if got != "[<41> -767 -50 <4344>] TJ\n" {
		t.Errorf("got %q", got)
	}
	o = op{name: "\"", args: []operand{{kind: kNum, num: 2}, {kind: kNum, num: 0.5}, {kind: kStr, val: []byte("xy")}}}
	g = &glyph{elem: 2, off: 0, n: 1, fs: 10, adv: 5}
	if got := string((&editor{}).rewriteText(o, []*glyph{g})); got != "2 Tw 0.5 Tc T*\n[ -500 <79>] TJ\n" {
		t.Errorf("got %q", got)
	}
}

func TestLexer(t *testing.T) {
	ops, err := parseContent([]byte("BT /F#201 12 Tf (a\\(b\\)\\101\\\nc) Tj [<4142> -3.5 (x)] TJ ET BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q % comment\n<< /MCID 3 >> BDC EMC"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range ops {
		names = append(names, o.name)
	}
	if got := strings.Join(names, " "); got != "BT Tf Tj TJ ET BI Q BDC EMC" {
		t.Fatalf("ops = %s", got)
	}
	if string(ops[1].args[0].val) != "F 1" || string(ops[2].args[0].val) != "a(b)Ac" || string(ops[3].args[0].arr[0].val) != "AB" {
		t.Errorf("operands wrong: %q %q", ops[1].args[0].val, ops[2].args[0].val)
	}
	if string(ops[5].inline) != "\x00EI\xff" {
		t.Errorf("inline image data %q", ops[5].inline)
	}
}

// TestMutatedFilesNeverPanic feeds damaged copies of the samples to
// Extract and Apply: they may fail, never panic.
func TestMutatedFilesNeverPanic(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	seeds := [][]byte{pdftest.SimpleResume(), pdftest.CJKResume()}
	n := 150
	if testing.Short() {
		n = 30
	}
	for i := 0; i < n; i++ {
		b := append([]byte(nil), seeds[i%2]...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			b[rng.Intn(len(b))] = byte(rng.Intn(256))
		}
		ext, err := Format{}.Extract(b)
		if err != nil {
			continue
		}
		d := ext.(*Document)
		d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "jane.doe@example.com", "13812345678")})
	}
}

func TestCopyIsReproducibleAndUnlinked(t *testing.T) {
	var outs [][]byte
	for i := 0; i < 2; i++ {
		d := extract(t, pdftest.SimpleResume())
		out, err := d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "jane.doe@example.com")})
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs give different copies")
	}
	for _, k := range []string{"CreationDate", "ModDate", "pdfcpu"} {
		if bytes.Contains(outs[0], []byte(k)) {
			t.Errorf("copy holds %s", k)
		}
	}
	if !bytes.Contains(outs[0], []byte("/Producer(prescreen)")) {
		t.Error("copy lacks the neutral producer")
	}
}

var updateFixture = flag.Bool("update-fixture", false, "rewrite the sample PDF in fixtures/resumes")

const fixturePath = "../../fixtures/resumes/en/sam-taylor.pdf"

// TestFixtureIsGenerated keeps the committed sample PDF equal to what the
// generator writes, so the fixture can be reviewed as code.
func TestFixtureIsGenerated(t *testing.T) {
	want := pdftest.TwoPageResume()
	if *updateFixture {
		if err := os.WriteFile(fixturePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from pdftest.TwoPageResume (run go test ./redact/pdf -run Fixture -update-fixture)", fixturePath)
	}
	d := extract(t, got)
	inOrder(t, d.Text(), "Sam Taylor\nSenior Data Engineer\nEmail: sam.taylor@example.org\nPhone: +44 20 7946 0321\n", "\fEducation\nMSc Data Science")
}

// BenchmarkPDF screens the two-page sample: extraction, redaction of its
// contact details, and the re-extraction of the copy that verification
// does, and reports pages per second.
//
// Measured on the 2-CPU build machine (load about 2): 3.3-3.6 ms per
// document, 550-600 pages/s; pdftotext on the same file takes 5.7-6.8 ms
// per run (about 0.7 ms of it starting the process). The whole scan thus
// takes about 0.6x pdftotext's time; the target is at most 3x.
func BenchmarkPDF(b *testing.B) {
	data := pdftest.TwoPageResume()
	pages := 0
	for b.Loop() {
		ext, err := Format{}.Extract(data)
		if err != nil {
			b.Fatal(err)
		}
		d := ext.(*Document)
		out, err := d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "sam.taylor@example.org", "+44 20 7946 0321")})
		if err != nil {
			b.Fatal(err)
		}
		v, err := Format{}.Extract(out)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := v.(*Document).CrossCheckTexts(); err != nil {
			b.Fatal(err)
		}
		pages += len(d.pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

func TestActualTextStandsForItsGlyphs(t *testing.T) {
	d := extract(t, pdftest.ActualTextType3()) // no ToUnicode, but ActualText: not quarantined
	inOrder(t, d.Text(), "Phone: 13812345678 mobile")
	out, err := d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "13812345678")})
	if err != nil {
		t.Fatal(err)
	}
	o := extract(t, out)
	if strings.Contains(o.Text(), "138") || len(o.order) != len("Phone: mobile") {
		t.Errorf("after redaction: %q with %d glyphs; want every glyph of the ActualText span gone", o.Text(), len(o.order))
	}
}

// decoded returns the file's objects and decoded streams as text.
func decoded(t *testing.T, b []byte) string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(b), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, e := range ctx.Table {
		if e == nil || e.Object == nil {
			continue
		}
		if sd, ok := e.Object.(types.StreamDict); ok {
			if sd.Decode() == nil {
				all.Write(sd.Content)
			}
			all.WriteString(sd.Dict.String())
			continue
		}
		all.WriteString(e.Object.String())
	}
	return all.String()
}

func TestCleanCopyIsSanitisedToo(t *testing.T) {
	d := extract(t, pdftest.SimpleResume())
	out, err := d.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	got := decoded(t, out)
	for _, s := range []string{"unused.secret", "SecretProducer", "private note", "app.alert", "Jane Doe Secret", "example.com/jane", "private bookmark"} {
		if strings.Contains(got, s) {
			t.Errorf("clean copy still holds %q", s)
		}
	}
	if !strings.Contains(got, "jane.doe@example.com") {
		t.Error("clean copy lost its text")
	}
	// The page content itself is left as it was: nothing to redact.
	if !strings.Contains(got, "(Email: ) Tj (jane.doe@example.com) Tj") {
		t.Error("clean page content was rewritten")
	}
}

func TestBuiltinEncodingOfEmbeddedType1(t *testing.T) {
	inOrder(t, extract(t, pdftest.TeXBullet()).Text(), "• Led a team of six")
}

func TestPredefinedUnicodeCMap(t *testing.T) {
	d := extract(t, pdftest.UniGBResume())
	inOrder(t, d.Text(), "李娜\n手机：13812345678\nEmail: li.na@example.com\n工作经历：2019年至今 字节跳动")
	for _, g := range d.order {
		if g.text == "1" { // ASCII sits at CIDs 1-95: 500 units from /W
			if w := g.endX - g.x; w < 5.99 || w > 6.01 {
				t.Errorf("digit advance %.2f, want 6", w)
			}
			break
		}
	}
	out, err := d.Apply(redact.Redaction{Spans: spansOf(d.Text(), detectors.Contact, "13812345678", "li.na@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	inOrder(t, extract(t, out).Text(), "李娜\n手机：\nEmail: \n工作经历：2019年至今 字节跳动")
}

// TestSharedFormIsCopiedBeforeEditing redacts the footer form on page 1
// only: page 2 draws the same form and must keep its text.
func TestSharedFormIsCopiedBeforeEditing(t *testing.T) {
	d := extract(t, pdftest.SimpleResume())
	footer := "Reach me at jane.doe@example.com any time"
	first := strings.Index(d.Text(), footer)
	if first < 0 || d.PageOf(first) != 1 {
		t.Fatal("footer not found on page 1")
	}
	at := first + len("Reach me at ")
	out, err := d.Apply(redact.Redaction{Spans: []redact.Span{{Start: at, End: at + len("jane.doe@example.com"), Category: detectors.Contact}}})
	if err != nil {
		t.Fatal(err)
	}
	o := extract(t, out)
	pages := strings.Split(o.Text(), "\f")
	if len(pages) != 2 || strings.Contains(pages[0], footer) || !strings.Contains(pages[0], "Reach me at   any time") || !strings.Contains(pages[1], footer) {
		t.Errorf("pages after redacting page 1's footer: %q", pages)
	}
}

func TestContentStreamsJoinAtTokenBoundaries(t *testing.T) {
	d := extract(t, pdftest.TwoStreams())
	inOrder(t, d.Text(), "Email: jane.doe@example.com\nPhone: +44 20 7946 0958")
	if len(d.HiddenSpans()) != 0 {
		t.Errorf("text reported hidden: %v", d.HiddenSpans())
	}
}

// TestReplacedPhotosLeaveTheFile checks that the image data of replaced
// photos is gone, not merely undrawn; the icon stays.
func TestReplacedPhotosLeaveTheFile(t *testing.T) {
	d := extract(t, pdftest.SimpleResume())
	var r redact.Redaction
	for _, o := range d.Objects() {
		r.Objects = append(r.Objects, o.ID)
	}
	out, err := d.Apply(r)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(out), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	images := 0
	for _, e := range ctx.Table {
		if e == nil {
			continue
		}
		if sd, ok := e.Object.(types.StreamDict); ok && sd.Dict["Subtype"] == types.Name("Image") {
			images++
		}
	}
	if images != 1 {
		t.Errorf("%d images in the copy, want 1 (the icon)", images)
	}
	if n := len(extract(t, out).Objects()); n != 0 {
		t.Errorf("placeholders listed as %d objects", n)
	}
}

func TestOldRevisionsAndOffLayersLeaveTheFile(t *testing.T) {
	inc := pdftest.Incremental()
	if !strings.Contains(decoded(t, inc), "old.address") {
		t.Fatal("fixture lacks its old revision")
	}
	d := extract(t, inc)
	inOrder(t, d.Text(), "Email: new.address@example.com")
	out, err := d.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	if got := decoded(t, out); strings.Contains(got, "old.address") || !strings.Contains(got, "new.address") {
		t.Error("the copy keeps the old revision or lost the current one")
	}

	d = extract(t, pdftest.OffLayer())
	if h := d.HiddenSpans(); len(h) != 1 || d.Text()[h[0].Start:h[0].End] != "Layer: secret.layer@example.com" {
		t.Fatalf("hidden spans %v in %q", h, d.Text())
	}
	out, err = d.Apply(redact.Redaction{Spans: d.HiddenSpans()})
	if err != nil {
		t.Fatal(err)
	}
	got := decoded(t, out)
	if strings.Contains(got, "secret.layer") || strings.Contains(got, "OCProperties") || !strings.Contains(got, "Visible line") {
		t.Error("the off layer's text or configuration is still in the copy, or the visible text is gone")
	}
}

func TestCloseOpen(t *testing.T) {
	ops, err := parseContent([]byte("q 2 0 0 2 0 0 cm q BT /F1 1 Tf (x) Tj Q"))
	if err != nil {
		t.Fatal(err)
	}
	if got := closeOpen(ops); got != "ET\nQ\n" {
		t.Errorf("closeOpen = %q, want ET then one Q", got)
	}
}

// TestInheritedResourcesStay redacts a page whose header form uses the
// page's resources: the image only the form draws must stay in them.
func TestInheritedResourcesStay(t *testing.T) {
	for _, spans := range []bool{false, true} {
		d := extract(t, pdftest.InheritingForm())
		var r redact.Redaction
		if spans {
			r.Spans = spansOf(d.Text(), detectors.Contact, "jane.doe@example.com")
		}
		out, err := d.Apply(r)
		if err != nil {
			t.Fatal(err)
		}
		o := extract(t, out)
		if len(o.pages[0].images) != 1 || !strings.Contains(o.Text(), "Acme Ltd") {
			t.Errorf("redacting=%v: the header form lost its image or text: %d images, %q", spans, len(o.pages[0].images), o.Text())
		}
	}
}
