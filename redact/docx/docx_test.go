package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// entries reads every entry of a ZIP package.
func entries(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

func extract(t *testing.T, data []byte) *Document {
	t.Helper()
	ex, err := Format{}.Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	return ex.(*Document)
}

func spanOf(t *testing.T, text, value string, c detectors.Category) redact.Span {
	t.Helper()
	i := strings.Index(text, value)
	if i < 0 {
		t.Fatalf("%q not in the text", value)
	}
	return redact.Span{Start: i, End: i + len(value), Category: c}
}

// TestExtractResume checks that every visible place is in Text, laid out
// for the detectors, and that nothing is read from what is always removed.
func TestExtractResume(t *testing.T) {
	d := extract(t, dt.Resume().Bytes())
	text := d.Text()
	for _, want := range []string{
		"Email: " + dt.SplitEmail + "\n", // three runs, one value
		"Phone: " + dt.HeaderPhone,       // header
		"Contact: " + dt.FooterEmail,     // footer
		"References: " + dt.FootnoteEmail,
		"Mobile: " + dt.TextBoxPhone,
		"ID Number\t" + dt.TableID + "\n", // table cells by tabs, rows by lines
		"Phone\t" + dt.TablePhone + "\n",
		dt.LinkTarget + "\n",
		`HYPERLINK "mailto:` + dt.FieldEmail + `"`,
		dt.HiddenText,
		dt.InsertedText,
		dt.JobText,
		dt.Creator, dt.LastModBy, dt.CompanyName,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, never := range []string{dt.CommentText, dt.DeletedEmail, dt.CustomXMLText} {
		if strings.Contains(text, never) {
			t.Errorf("text holds %q, which is removed on every copy", never)
		}
	}
	if !strings.HasPrefix(text, "Jane Doe\nSenior Backend Engineer\n") {
		t.Errorf("body does not come first: %q", text[:40])
	}
	h := d.HiddenSpans()
	if len(h) != 1 || text[h[0].Start:h[0].End] != dt.HiddenText || h[0].Category != detectors.HiddenText {
		t.Errorf("hidden spans %v", h)
	}
	objs := d.Objects()
	if len(objs) != 1 || objs[0].Category != detectors.Photo || len(objs[0].Digest) != 64 {
		t.Fatalf("objects %+v, want the photo and not the 24x24 icon", objs)
	}
	if o := objs[0].Offset; o <= strings.Index(text, "Portfolio") || o > strings.Index(text, "Summary") {
		t.Errorf("photo offset %d is not where the photo sits", o)
	}
}

// TestSanitiseAlways checks every hiding place on a copy with nothing to
// redact: the values are gone from every entry, the removed parts and
// their relationships and content types are gone, and the package is
// consistent.
func TestSanitiseAlways(t *testing.T) {
	in := dt.Resume().Bytes()
	out, err := extract(t, in).Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	ents := entries(t, out)
	for name, b := range ents {
		for _, v := range []string{dt.CommentText, "Recruiter Bob", "bob@corp.example.com", dt.DeletedEmail, dt.HiddenText,
			dt.AltText, "phone icon", "contact box", "jane.home@example.com", dt.LastModBy, dt.CompanyName, "Resume.dotx", "Resume of Jane Doe",
			dt.CustomValue, dt.CustomXMLText, "secret-ole", "rsid", "00C0FFEE", "w:author", "commentReference", "commentRangeStart", "w:object"} {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s still holds %q", name, v)
			}
		}
	}
	for _, gone := range []string{"word/comments.xml", "word/people.xml", "customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels", "docProps/custom.xml", "word/embeddings/oleObject1.bin"} {
		if _, ok := ents[gone]; ok {
			t.Errorf("%s still in the package", gone)
		}
	}
	doc := string(ents["word/document.xml"])
	if !strings.Contains(doc, dt.InsertedText) || strings.Contains(doc, "<w:ins ") || strings.Contains(doc, "<w:del ") {
		t.Errorf("tracked changes not accepted")
	}
	if !strings.Contains(doc, dt.JobText) {
		t.Error("job text lost")
	}
	checkConsistent(t, ents)
	// The sanitised copy reads again, with nothing hidden left.
	again := extract(t, out)
	if len(again.HiddenSpans()) != 0 || strings.Contains(again.Text(), dt.Creator) {
		t.Errorf("re-extracted copy: hidden %v", again.HiddenSpans())
	}
}

var relAttrRE = regexp.MustCompile(`\br:(?:id|embed|link)="([^"]*)"`)
var relIDRE = regexp.MustCompile(`<Relationship [^>]*Id="([^"]*)"[^>]*Target="([^"]*)"[^>]*>`)

// checkConsistent: every relationship a part uses exists, every internal
// target exists, every Override names an existing part.
func checkConsistent(t *testing.T, ents map[string][]byte) {
	t.Helper()
	for name, b := range ents {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		i := strings.LastIndex(name, "/")
		relsName := name[:i+1] + "_rels/" + name[i+1:] + ".rels"
		ids := map[string]bool{}
		for _, m := range relIDRE.FindAllStringSubmatch(string(ents[relsName]), -1) {
			ids[m[1]] = true
			if !strings.Contains(m[0], `TargetMode="External"`) {
				if _, ok := ents[resolveTarget(name, m[2])]; !ok {
					t.Errorf("%s: relationship %s points at a missing part", relsName, m[1])
				}
			}
		}
		for _, m := range relAttrRE.FindAllStringSubmatch(string(b), -1) {
			if !ids[m[1]] {
				t.Errorf("%s uses relationship %s, which %s lacks", name, m[1], relsName)
			}
		}
	}
	for _, m := range regexp.MustCompile(`PartName="/([^"]*)"`).FindAllStringSubmatch(string(ents["[Content_Types].xml"]), -1) {
		if _, ok := ents[m[1]]; !ok {
			t.Errorf("content type override for missing part %s", m[1])
		}
	}
}

// TestSplitRunsRedacted redacts a value Word split over three runs with
// different formatting: the marker takes the first run's place and
// formatting, the other runs lose their text, and every byte outside the
// edited runs is as before.
func TestSplitRunsRedacted(t *testing.T) {
	in := dt.Resume().Bytes()
	d := extract(t, in)
	base, err := d.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := d.Apply(redact.Redaction{Spans: []redact.Span{spanOf(t, d.Text(), dt.SplitEmail, detectors.Contact)}})
	if err != nil {
		t.Fatal(err)
	}
	before, after := string(entries(t, base)["word/document.xml"]), string(entries(t, out)["word/document.xml"])
	want := `<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>[REDACTED:contact]</w:t></w:r><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t></w:t></w:r><w:r><w:rPr><w:color w:val="1F4E79"/><w:sz w:val="22"/></w:rPr><w:t></w:t></w:r>`
	if !strings.Contains(after, want) {
		t.Fatalf("split value not redacted as one in the first run's formatting")
	}
	i := strings.Index(before, "<w:t>jane.</w:t>")
	j := strings.Index(before, "mple.com</w:t>") + len("mple.com</w:t>")
	k := strings.Index(after, "<w:t>[REDACTED")
	if i < 0 || j < i || before[:i] != after[:k] || !strings.HasSuffix(after, before[j:]) {
		t.Error("bytes outside the redacted runs changed")
	}
	if got := extract(t, out).Text(); !strings.Contains(got, "Email: [REDACTED:contact]\n") || strings.Contains(got, "doe@exa") {
		t.Errorf("re-extracted: %q", got[:80])
	}
	// Untouched parts are copied byte for byte.
	bi, bb, bo := entries(t, in), entries(t, base), entries(t, out)
	for _, name := range []string{"word/styles.xml", "word/media/rIdIcon.png", "word/media/rIdPhoto.png"} {
		if !bytes.Equal(bi[name], bo[name]) {
			t.Errorf("%s changed", name)
		}
	}
	for name, b := range bb {
		if name != "word/document.xml" && !bytes.Equal(b, bo[name]) {
			t.Errorf("%s differs between the sanitised and the redacted copy", name)
		}
	}
}

// TestEveryPlaceRedacted redacts each planted value and checks it is gone
// from every entry: header, footer, footnote, text box (both copies),
// table, hyperlink target, field code, and that hidden_text spans take no
// marker.
func TestEveryPlaceRedacted(t *testing.T) {
	d := extract(t, dt.Resume().Bytes())
	text := d.Text()
	var spans []redact.Span
	for _, v := range []string{dt.SplitEmail, dt.HeaderPhone, dt.FooterEmail, dt.FootnoteEmail, dt.TableID, dt.TablePhone, "hire.jane@example.com", dt.FieldEmail} {
		spans = append(spans, spanOf(t, text, v, detectors.Contact))
	}
	for i := 0; i < 2; i++ { // the text box is written twice
		off := strings.Index(text, dt.TextBoxPhone)
		if i == 1 {
			off = strings.LastIndex(text, dt.TextBoxPhone)
		}
		spans = append(spans, redact.Span{Start: off, End: off + len(dt.TextBoxPhone), Category: detectors.Contact})
	}
	spans = append(spans, d.HiddenSpans()...)
	out, err := d.Apply(redact.Redaction{Spans: spans, Objects: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	ents := entries(t, out)
	for name, b := range ents {
		for _, v := range dt.Secrets {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s still holds %q", name, v)
			}
		}
	}
	if n := strings.Count(string(ents["word/document.xml"]), "[REDACTED:hidden_text]"); n != 0 {
		t.Errorf("hidden text got %d markers", n)
	}
	for _, part := range []string{"word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/_rels/document.xml.rels"} {
		if !bytes.Contains(ents[part], []byte("[REDACTED:contact]")) {
			t.Errorf("%s has no marker", part)
		}
	}
	if !bytes.Contains(ents["word/media/rIdPhoto.png"], []byte(placeholderTag)) {
		t.Error("photo not replaced by the placeholder")
	}
	again := extract(t, out)
	if len(again.Objects()) != 0 {
		t.Errorf("placeholder listed again: %+v", again.Objects())
	}
	if !strings.Contains(again.Text(), dt.JobText) {
		t.Error("job text lost")
	}
	checkConsistent(t, ents)
}

// TestForgedPlaceholder: a photo carrying the placeholder's tag is still a photo.
func TestForgedPlaceholder(t *testing.T) {
	doc := dt.Resume()
	photo := dt.Photo(200, 240, 3)
	// tEXt chunk with the tag after IHDR, CRC not checked by the reader.
	photo = append(append(append([]byte{}, photo[:33]...), []byte("\x00\x00\x00\x1dtEXtComment\x00"+placeholderTag+"\x00\x00\x00\x00")...), photo[33:]...)
	doc.Media["rIdPhoto"] = photo
	if n := len(extract(t, doc.Bytes()).Objects()); n != 1 {
		t.Errorf("forged placeholder: %d objects, want 1", n)
	}
}

func TestEscapedTextAndPreservedSpace(t *testing.T) {
	doc := dt.Doc{Body: dt.P(dt.R("", "R&D <lead> "), dt.R("", "x@example.com tail"))}
	d := extract(t, doc.Bytes())
	if !strings.Contains(d.Text(), "R&D <lead> x@example.com tail\n") {
		t.Fatalf("text %q", d.Text())
	}
	out, err := d.Apply(redact.Redaction{Spans: []redact.Span{spanOf(t, d.Text(), "<lead> x@example.com", detectors.Contact)}})
	if err != nil {
		t.Fatal(err)
	}
	body := string(entries(t, out)["word/document.xml"])
	if !strings.Contains(body, `<w:t xml:space="preserve">R&amp;D [REDACTED:contact]</w:t>`) || !strings.Contains(body, `<w:t xml:space="preserve"> tail</w:t>`) {
		t.Errorf("document: %s", body[strings.Index(body, "<w:body>"):])
	}
}

// TestNoChangeCopiesEntries: a document with nothing to sanitise or redact
// comes back with every entry's bytes unchanged.
func TestNoChangeCopiesEntries(t *testing.T) {
	in := dt.Doc{Body: `<w:p><w:r><w:t>Go developer.</w:t></w:r></w:p>`}.Bytes()
	out, err := extract(t, in).Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	bi, bo := entries(t, in), entries(t, out)
	for name, b := range bi {
		if name == "docProps/core.xml" || name == "docProps/app.xml" || name == "word/settings.xml" || name == "word/document.xml" {
			continue // reset or stripped of rsids
		}
		if !bytes.Equal(b, bo[name]) {
			t.Errorf("%s changed", name)
		}
	}
	if want := strings.Replace(string(bi["word/document.xml"]), ` w:rsidR="00A1B2C3"`, "", 1); string(bo["word/document.xml"]) != want {
		t.Errorf("document changed beyond its rsid:\n%s", bo["word/document.xml"])
	}
}

// zipOf builds a package from raw entries, in order.
func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1]))
	}
	zw.Close()
	return b.Bytes()
}

// TestRejected: damaged or hostile packages fail with ErrUnsupported and a
// reason that quotes nothing from the document.
func TestRejected(t *testing.T) {
	good := dt.Doc{Body: dt.P(dt.R("", "secret-body-text"))}.Bytes()
	ents := entries(t, good)
	rebuild := func(extra ...[2]string) []byte {
		var files [][2]string
		for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"} {
			files = append(files, [2]string{n, string(ents[n])})
		}
		return zipOf(t, append(files, extra...)...)
	}
	deep := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + strings.Repeat("<w:sdt>", 300) + strings.Repeat("</w:sdt>", 300) + `</w:body></w:document>`
	bomb := strings.Repeat("\x00", 3<<20)
	small := Format{Limits: Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 2 << 20, MaxEntries: 20}}
	for _, tc := range []struct {
		name   string
		f      Format
		data   []byte
		reason string
	}{
		{"not a zip", Format{}, []byte("secret-body-text, not a package"), "not a readable ZIP"},
		{"truncated", Format{}, good[:len(good)/2], "not a readable ZIP"},
		{"dot-dot name", Format{}, rebuild([2]string{"../../evil.xml", "secret-body-text"}), "unsafe ZIP entry name"},
		{"absolute name", Format{}, rebuild([2]string{"/etc/evil.xml", "x"}), "unsafe ZIP entry name"},
		{"name not UTF-8", Format{}, rebuild([2]string{"word/media/pho\x83o.png", "x"}), "unsafe ZIP entry name (not UTF-8)"},
		{"zip bomb", small, rebuild([2]string{"word/media/bomb.bin", bomb}), "larger than"},
		{"total size", small, rebuild([2]string{"a.bin", bomb[:900<<10]}, [2]string{"b.bin", bomb[:900<<10]}, [2]string{"c.bin", bomb[:900<<10]}), "decompressed"},
		{"too many entries", small, rebuild(func() (f [][2]string) {
			for i := range 30 {
				f = append(f, [2]string{fmt.Sprintf("x/%d", i), ""})
			}
			return
		}()...), "too many ZIP entries"},
		{"deep XML", Format{}, zipOf(t, [2]string{"[Content_Types].xml", string(ents["[Content_Types].xml"])}, [2]string{"word/document.xml", deep}), "nested too deeply"},
		{"DTD", Format{}, zipOf(t, [2]string{"[Content_Types].xml", string(ents["[Content_Types].xml"])}, [2]string{"word/document.xml", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "secret-body-text">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`}), "document type"},
		{"malformed XML", Format{}, zipOf(t, [2]string{"[Content_Types].xml", string(ents["[Content_Types].xml"])}, [2]string{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:t>secret-body-text</w:p>`}), "malformed XML"},
		// Read for its styles when it may hide text, only walked when not:
		// malformed, it is refused either way.
		{"malformed styles", Format{}, rebuild([2]string{"word/styles.xml", `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style>secret-body-text</w:styles>`}), "malformed XML (end tag does not match its start tag at byte 106) in the styles part"},
		{"malformed hiding styles", Format{}, rebuild([2]string{"word/styles.xml", `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style><w:rPr><w:vanish/></w:rPr>secret-body-text</w:styles>`}), "in the styles part"},
		{"no content types", Format{}, zipOf(t, [2]string{"word/document.xml", string(ents["word/document.xml"])}), "no [Content_Types].xml"},
		{"macro-enabled", Format{}, dt.Doc{Body: dt.P(dt.R("", "secret-body-text")), Macros: true}.Bytes(), "macro-enabled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.f.Extract(tc.data)
			if !errors.Is(err, redact.ErrUnsupported) {
				t.Fatalf("err %v, want ErrUnsupported", err)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("reason %q, want %q", err, tc.reason)
			}
			for _, leak := range []string{"secret", "evil", "bomb", "word/"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error quotes the document: %q", err)
				}
			}
		})
	}
}

func TestApplyRejectsBadInput(t *testing.T) {
	d := extract(t, dt.Resume().Bytes())
	if _, err := d.Apply(redact.Redaction{Spans: []redact.Span{{Start: 0, End: len(d.Text()) + 1}}}); err == nil {
		t.Error("span past the text accepted")
	}
	if _, err := d.Apply(redact.Redaction{Objects: []int{5}}); err == nil {
		t.Error("unknown object accepted")
	}
}

// TestStyleHiddenAndDeletedRows: text hidden through a character style or
// a paragraph style (via basedOn) is hidden text too, unless the run turns
// w:vanish off; a table row deleted with tracked changes goes whole.
func TestStyleHiddenAndDeletedRows(t *testing.T) {
	doc := dt.Doc{
		ExtraStyles: `<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="HiddenBase"><w:name w:val="HiddenBase"/><w:rPr><w:vanish/></w:rPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="HiddenBase"/></w:style>`,
		Body: dt.P(dt.R("", "Visible job text. "), dt.R(`<w:rStyle w:val="Secret"/>`, "styled keyword stuffing")) +
			dt.PStyle("Quiet", dt.R("", "paragraph style stuffing"), dt.R(`<w:vanish w:val="0"/>`, "shown despite the style")) +
			`<w:tbl><w:tr><w:tc>` + dt.P(dt.R("", "kept row")) + `</w:tc></w:tr><w:tr><w:trPr><w:del w:id="5" w:author="X" w:date="2026-01-01T00:00:00Z"/></w:trPr><w:tc>` + dt.P(dt.R("", "deleted row")) + `</w:tc></w:tr></w:tbl>`,
	}
	d := extract(t, doc.Bytes())
	var hidden []string
	for _, sp := range d.HiddenSpans() {
		hidden = append(hidden, d.Text()[sp.Start:sp.End])
	}
	if got := strings.Join(hidden, "|"); got != "styled keyword stuffing|paragraph style stuffing" {
		t.Errorf("hidden spans %q", got)
	}
	out, err := d.Apply(redact.Redaction{Spans: d.HiddenSpans()})
	if err != nil {
		t.Fatal(err)
	}
	body := string(entries(t, out)["word/document.xml"])
	for _, gone := range []string{"stuffing", "deleted row"} {
		if strings.Contains(body, gone) {
			t.Errorf("%q left in the copy", gone)
		}
	}
	for _, kept := range []string{"Visible job text.", "shown despite the style", "kept row"} {
		if !strings.Contains(body, kept) {
			t.Errorf("%q lost", kept)
		}
	}
}

// TestSmartArtAndCharts: text in SmartArt data, its cached drawing and
// chart caches is read and redacted.
func TestSmartArtAndCharts(t *testing.T) {
	const a = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	doc := dt.Doc{Body: dt.P(dt.R("", "See the diagram.")), Extra: map[string][]byte{
		"word/diagrams/data1.xml":    []byte(`<?xml version="1.0"?><dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ` + a + `><dgm:ptLst><dgm:pt modelId="1"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Mail: smart.</a:t></a:r><a:r><a:rPr b="1"/><a:t>art@example.com</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`),
		"word/diagrams/drawing1.xml": []byte(`<?xml version="1.0"?><dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" ` + a + `><dsp:spTree><dsp:sp><dsp:txBody><a:p><a:r><a:t>Mail: smart.art@example.com</a:t></a:r></a:p></dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>`),
		"word/charts/chart1.xml":     []byte(`<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` + a + `><c:chart><c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>chart.person@example.com</c:v></c:pt></c:strCache></c:strRef></c:tx></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`),
	}}
	d := extract(t, doc.Bytes())
	text := d.Text()
	var spans []redact.Span
	for _, line := range []string{"Mail: smart.art@example.com\n", "Mail: smart.art@example.com\n", "chart.person@example.com\n"} {
		i := strings.Index(text, line)
		if i < 0 {
			t.Fatalf("text lacks %q: %q", line, text)
		}
		v := strings.TrimPrefix(strings.TrimSuffix(line, "\n"), "Mail: ")
		s := i + strings.Index(line, v)
		spans = append(spans, redact.Span{Start: s, End: s + len(v), Category: detectors.Contact})
		text = text[:i] + strings.Repeat(" ", len(line)) + text[i+len(line):] // find the next copy
	}
	out, err := d.Apply(redact.Redaction{Spans: spans})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range entries(t, out) {
		if bytes.Contains(b, []byte("example.com")) || bytes.Contains(b, []byte("smart.")) {
			t.Errorf("%s still holds the value", name)
		}
	}
}

// TestSourceMap: every byte of a value split over three runs maps to its
// own byte in document.xml; separators map nowhere.
func TestSourceMap(t *testing.T) {
	in := dt.Resume().Bytes()
	d := extract(t, in)
	xmlDoc := entries(t, in)["word/document.xml"]
	i := strings.Index(d.Text(), dt.SplitEmail)
	for k := 0; k < len(dt.SplitEmail); k++ {
		part, off, ok := d.Source(i + k)
		if !ok || part != "word/document.xml" || xmlDoc[off] != dt.SplitEmail[k] {
			t.Fatalf("byte %d of the value maps to %s:%d (%v)", k, part, off, ok)
		}
	}
	p1, o1, _ := d.Source(i + len("jane.") - 1)
	_, o2, _ := d.Source(i + len("jane."))
	if o2-o1 < 10 {
		t.Errorf("runs not told apart: %s %d %d", p1, o1, o2)
	}
	if _, _, ok := d.Source(strings.Index(d.Text(), "\n")); ok {
		t.Error("a line end maps into the document")
	}
	h := strings.Index(d.Text(), dt.HeaderPhone)
	if part, off, ok := d.Source(h); !ok || part != "word/header1.xml" || !bytes.HasPrefix(entries(t, in)[part][off:], []byte(dt.HeaderPhone)) {
		t.Errorf("header value maps to %s:%d", part, off)
	}
}

// TestChartWorkbookRemoved: a chart's embedded workbook (which holds the
// chart's data in full) is removed, and with it the element pointing at it.
func TestChartWorkbookRemoved(t *testing.T) {
	doc := dt.Doc{Body: dt.P(dt.R("", "Chart below.")), Extra: map[string][]byte{
		"word/charts/chart1.xml":                         []byte(`<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart/><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`),
		"word/charts/_rels/chart1.xml.rels":              []byte(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>`),
		"word/embeddings/Microsoft_Excel_Worksheet.xlsx": []byte("PK workbook with secret data"),
	}}
	out, err := extract(t, doc.Bytes()).Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	ents := entries(t, out)
	if _, ok := ents["word/embeddings/Microsoft_Excel_Worksheet.xlsx"]; ok {
		t.Error("workbook kept")
	}
	if c := string(ents["word/charts/chart1.xml"]); strings.Contains(c, "externalData") || !strings.Contains(c, "<c:chart/>") {
		t.Errorf("chart: %s", c)
	}
	checkConsistent(t, ents)
}

// TestSimpleFieldAndTooltip: a w:fldSimple instruction (tel:) and a
// hyperlink's screen tip are text the detectors see and the copy loses.
func TestSimpleFieldAndTooltip(t *testing.T) {
	doc := dt.Doc{Body: dt.P(
		`<w:fldSimple w:instr=" HYPERLINK &quot;tel:+442079460958&quot; ">`+dt.R("", "call me")+`</w:fldSimple>`,
		`<w:hyperlink w:anchor="top" w:tooltip="mail tip.person@example.com">`+dt.R("", "top")+`</w:hyperlink>`)}
	d := extract(t, doc.Bytes())
	text := d.Text()
	if !strings.Contains(text, "\n HYPERLINK \"tel:+442079460958\" \n") || !strings.Contains(text, "\nmail tip.person@example.com\n") {
		t.Fatalf("text %q", text)
	}
	out, err := d.Apply(redact.Redaction{Spans: []redact.Span{spanOf(t, text, "+442079460958", detectors.Contact), spanOf(t, text, "tip.person@example.com", detectors.Contact)}})
	if err != nil {
		t.Fatal(err)
	}
	body := string(entries(t, out)["word/document.xml"])
	if !strings.Contains(body, `w:instr=" HYPERLINK &quot;tel:[REDACTED:contact]&quot; "`) || !strings.Contains(body, `w:tooltip="mail [REDACTED:contact]"`) {
		t.Errorf("document: %s", body)
	}
}

// A folder entry ("name/") is never read, so one holding bytes would reach
// the copy unread (and archive/zip refuses to copy it: FuzzExtractApply
// found that). Folder entries, empty or not, are left out of the copy.
func TestFolderEntriesLeftOut(t *testing.T) {
	pkg := dt.Doc{Body: dt.P(dt.R("", "Jane Doe")), Extra: map[string][]byte{
		"word/media/": nil,
		"stash.bin":   []byte("Religion: Catholic"),
	}}.Bytes()
	// Rename the stash (in its local and central headers) into a folder
	// with content: zip.Writer would not write one.
	pkg = bytes.ReplaceAll(pkg, []byte("stash.bin"), []byte("stash.bi/"))
	ex, err := Format{}.Extract(pkg)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ex.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	for name := range entries(t, out) {
		if strings.HasSuffix(name, "/") {
			t.Errorf("folder entry %q copied", name)
		}
	}
}

// TestStrictNamespaces: a document in strict conformance (purl.oclc.org
// namespace URIs) reads as its transitional twin: the same text, the same
// hidden run, the same rsids removed.
func TestStrictNamespaces(t *testing.T) {
	body := dt.P(dt.R("", "Email: jane@example.com")) + dt.P(dt.R(dt.Hidden, "hidden words"))
	trans := dt.Doc{Body: body}.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(trans), int64(len(trans)))
	if err != nil {
		t.Fatal(err)
	}
	ents := entries(t, trans)
	var files [][2]string // in the same order: parts are read in order
	for _, f := range zr.File {
		s := strings.ReplaceAll(string(ents[f.Name]), "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
		files = append(files, [2]string{f.Name, s})
	}
	strict := zipOf(t, files...)
	a, b := extract(t, trans), extract(t, strict)
	if a.Text() != b.Text() || len(a.HiddenSpans()) != 1 || fmt.Sprint(a.HiddenSpans()) != fmt.Sprint(b.HiddenSpans()) {
		t.Errorf("strict document read as %q (hidden %v), transitional as %q (hidden %v)", b.Text(), b.HiddenSpans(), a.Text(), a.HiddenSpans())
	}
	out, err := b.Apply(redact.Redaction{})
	if err != nil {
		t.Fatal(err)
	}
	if doc := string(entries(t, out)["word/document.xml"]); strings.Contains(doc, "w:rsid") || strings.Contains(doc, "hidden words") {
		t.Errorf("strict copy keeps rsids or the hidden run:\n%s", doc)
	}
}
