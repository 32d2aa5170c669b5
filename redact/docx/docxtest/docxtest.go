// Package docxtest writes realistic Word documents for tests: the parts and
// markup Word itself writes (runs split by formatting, rsids, tracked
// changes, comments, text boxes in mc:AlternateContent, fields, footnotes,
// document properties), so the docx package is tested against what it
// will meet rather than against a minimal package.
package docxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sort"
	"strings"
	"sync/atomic"
)

// Namespace declarations Word puts on every story part.
const nsDecl = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:w10="urn:schemas-microsoft-com:office:word" ` +
	`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ` +
	`mc:Ignorable="w14 wp14"`

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

// Esc escapes text for element content.
func Esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// R is a run with optional run properties (the inside of w:rPr).
func R(rPr, text string) string {
	var b strings.Builder
	b.WriteString("<w:r>")
	if rPr != "" {
		b.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	sp := ""
	if strings.TrimSpace(text) != text {
		sp = ` xml:space="preserve"`
	}
	b.WriteString("<w:t" + sp + ">" + Esc(text) + "</w:t></w:r>")
	return b.String()
}

// Run property snippets.
const (
	Bold   = "<w:b/><w:bCs/>"
	Italic = "<w:i/><w:iCs/>"
	Blue   = `<w:color w:val="1F4E79"/><w:sz w:val="22"/>`
	Hidden = "<w:vanish/>"
)

// rsid numbers paragraphs; atomic, so documents can be built from many
// goroutines (cmd/gencorpus does).
var rsid atomic.Uint32

// P is a paragraph with an rsid, as Word writes them.
func P(runs ...string) string {
	id := 0x00A1B2C3 + rsid.Add(1)
	return fmt.Sprintf(`<w:p w:rsidR="%08X" w:rsidRDefault="%08X" w:rsidP="00C0FFEE">`, id, id) + strings.Join(runs, "") + "</w:p>"
}

// PStyle is a paragraph with a style.
func PStyle(style string, runs ...string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + strings.Join(runs, "") + "</w:p>"
}

// Table is a grid of single-paragraph cells.
func Table(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>`)
	for _, row := range rows {
		b.WriteString(`<w:tr w:rsidR="00D00D00">`)
		for _, c := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>` + P(R("", c)) + `</w:tc>`)
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// Ins and Del are tracked changes by an author.
func Ins(runs ...string) string {
	return `<w:ins w:id="90" w:author="Jane Doe" w:date="2026-01-05T10:00:00Z">` + strings.Join(runs, "") + `</w:ins>`
}

func Del(text string) string {
	return `<w:del w:id="91" w:author="Jane Doe" w:date="2026-01-05T10:00:00Z"><w:r><w:delText xml:space="preserve">` + Esc(text) + `</w:delText></w:r></w:del>`
}

// Hyperlink is an external link through relationship rid.
func Hyperlink(rid string, runs ...string) string {
	return `<w:hyperlink r:id="` + rid + `" w:history="1">` + strings.Join(runs, "") + `</w:hyperlink>`
}

// Field is a complex field (HYPERLINK "mailto:...") with its result.
func Field(instr, result string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + Esc(instr) + ` </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + R(`<w:rStyle w:val="Hyperlink"/>`, result) + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// TextBox is a floating text box, in mc:AlternateContent with the VML
// fallback, the way Word writes it: the text is there twice.
func TextBox(paras ...string) string {
	inner := "<w:txbxContent>" + strings.Join(paras, "") + "</w:txbxContent>"
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>4000000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="1800000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="Text Box 10" descr="contact box"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>` +
		`<wps:txbx>` + inner + `</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape id="Text Box 10" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:315pt;width:141.75pt;height:39.4pt"><v:textbox>` + inner + `</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

// Image is an inline picture through relationship rid, with alt text.
func Image(rid, descr string, cx, cy int) string {
	return fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>`+
		`<wp:docPr id="1" name="Picture 1" descr="%s" title="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="photo.png" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
		cx, cy, Esc(descr), Esc(descr), Esc(descr), rid, cx, cy)
}

// Comment anchors a comment around runs.
func Comment(id int, runs ...string) string {
	return fmt.Sprintf(`<w:commentRangeStart w:id="%d"/>%s<w:commentRangeEnd w:id="%d"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="%d"/></w:r>`, id, strings.Join(runs, ""), id, id)
}

// FootnoteRef is the reference mark of footnote id.
func FootnoteRef(id int) string {
	return fmt.Sprintf(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>`, id)
}

// Photo is a noisy PNG of w×h pixels (a stand-in for a portrait).
func Photo(w, h int, seed uint32) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x := seed | 1
	for i := range img.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i] = byte(x)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	img.Set(0, 0, color.RGBA{1, 2, 3, 255})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// Doc describes a package. Story fields hold WordprocessingML content.
type Doc struct {
	Body      string   // inside w:body, before the section properties
	Header    string   // paragraphs
	Footer    string   // paragraphs
	Footnotes []string // paragraphs of footnotes 1, 2, ...
	Comments  []string // text of comments 0, 1, ...

	Creator, LastModifiedBy, Title, Company, Template string
	CustomProps                                       map[string]string

	// Rels are extra relationships of the main document: id -> target;
	// targets with a scheme are external hyperlinks.
	Links  map[string]string
	Media  map[string][]byte // rid -> PNG bytes, stored as word/media/<rid>.png
	OLE    bool              // an embedded OLE object (word/embeddings/oleObject1.bin)
	Macros bool              // a macro-enabled document with vbaProject.bin

	ExtraStyles      string // more w:style elements for styles.xml
	AttachedTemplate string // an external template path in settings.xml
	CustomXML        string // customXml/item1.xml content
	Extra            map[string][]byte
}

// Bytes writes the package.
func (d Doc) Bytes() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, data string) {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(data))
	}
	mainCT := "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	if d.Macros {
		mainCT = "application/vnd.ms-word.document.macroEnabled.main+xml"
	}
	ct := xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + mainCT + `"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`
	docRels := xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`
	pkgRels := xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`
	sect := `<w:sectPr w:rsidR="00A1B2C3">`
	var parts [][2]string
	if d.Header != "" {
		ct += `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
		docRels += `<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`
		sect += `<w:headerReference w:type="default" r:id="rIdHeader"/>`
		parts = append(parts, [2]string{"word/header1.xml", xmlHeader + `<w:hdr ` + nsDecl + `>` + d.Header + `</w:hdr>`})
	}
	if d.Footer != "" {
		ct += `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
		docRels += `<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`
		sect += `<w:footerReference w:type="default" r:id="rIdFooter"/>`
		parts = append(parts, [2]string{"word/footer1.xml", xmlHeader + `<w:ftr ` + nsDecl + `>` + d.Footer + `</w:ftr>`})
	}
	sect += `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`
	if len(d.Footnotes) > 0 {
		ct += `<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`
		docRels += `<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>`
		fn := `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`
		for i, f := range d.Footnotes {
			fn += fmt.Sprintf(`<w:footnote w:id="%d">%s</w:footnote>`, i+1, f)
		}
		parts = append(parts, [2]string{"word/footnotes.xml", xmlHeader + `<w:footnotes ` + nsDecl + `>` + fn + `</w:footnotes>`})
	}
	if len(d.Comments) > 0 {
		ct += `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>` +
			`<Override PartName="/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/>`
		docRels += `<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>` +
			`<Relationship Id="rIdPeople" Type="http://schemas.microsoft.com/office/2011/relationships/people" Target="people.xml"/>`
		cm := ""
		for i, c := range d.Comments {
			cm += fmt.Sprintf(`<w:comment w:id="%d" w:author="Recruiter Bob" w:date="2026-01-06T09:00:00Z" w:initials="RB"><w:p><w:r><w:annotationRef/></w:r>%s</w:p></w:comment>`, i, R("", c))
		}
		parts = append(parts, [2]string{"word/comments.xml", xmlHeader + `<w:comments ` + nsDecl + `>` + cm + `</w:comments>`},
			[2]string{"word/people.xml", xmlHeader + `<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="Recruiter Bob"><w15:presenceInfo w15:providerId="AD" w15:userId="bob@corp.example.com"/></w15:person></w15:people>`})
	}
	var ids []string
	for id := range d.Links {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		docRels += `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="` + Esc(d.Links[id]) + `" TargetMode="External"/>`
	}
	ids = ids[:0]
	for id := range d.Media {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		docRels += `<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/` + id + `.png"/>`
	}
	if d.OLE {
		docRels += `<Relationship Id="rIdOle" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>`
		parts = append(parts, [2]string{"word/embeddings/oleObject1.bin", "\xd0\xcf\x11\xe0OLE secret-ole-content"})
	}
	if d.Macros {
		ct += `<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>`
		docRels += `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`
		parts = append(parts, [2]string{"word/vbaProject.bin", "\xd0\xcf\x11\xe0VBA"})
	}
	if d.CustomXML != "" {
		ct += `<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>`
		docRels += `<Relationship Id="rIdCustomXml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>`
		parts = append(parts, [2]string{"customXml/item1.xml", xmlHeader + d.CustomXML},
			[2]string{"customXml/itemProps1.xml", xmlHeader + `<ds:datastoreItem ds:itemID="{6D0A0B4E-0000-0000-0000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>`},
			[2]string{"customXml/_rels/item1.xml.rels", xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`})
	}
	if len(d.CustomProps) > 0 {
		ct += `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
		pkgRels += `<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`
		var keys []string
		for k := range d.CustomProps {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		cp := ""
		for i, k := range keys {
			cp += fmt.Sprintf(`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, i+2, Esc(k), Esc(d.CustomProps[k]))
		}
		parts = append(parts, [2]string{"docProps/custom.xml", xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` + cp + `</Properties>`})
	}
	settingsRels := ""
	settings := xmlHeader + `<w:settings ` + nsDecl + `><w:zoom w:percent="100"/>`
	if d.AttachedTemplate != "" {
		settings += `<w:attachedTemplate r:id="rIdTemplate"/>`
		settingsRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTemplate" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="` + Esc(d.AttachedTemplate) + `" TargetMode="External"/></Relationships>`
	}
	settings += `<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00A1B2C3"/><w:rsid w:val="00C0FFEE"/></w:rsids><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
	styles := xmlHeader + `<w:styles ` + nsDecl + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>` +
		`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>` + d.ExtraStyles + `</w:styles>`
	core := xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + Esc(d.Title) + `</dc:title><dc:creator>` + Esc(d.Creator) + `</dc:creator><cp:lastModifiedBy>` + Esc(d.LastModifiedBy) + `</cp:lastModifiedBy><cp:revision>3</cp:revision>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T10:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-06T09:00:00Z</dcterms:modified></cp:coreProperties>`
	app := xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Template>` + Esc(d.Template) + `</Template><TotalTime>42</TotalTime><Pages>2</Pages><Application>Microsoft Office Word</Application><Company>` + Esc(d.Company) + `</Company><AppVersion>16.0000</AppVersion></Properties>`
	document := xmlHeader + `<w:document ` + nsDecl + `><w:body>` + d.Body
	if d.OLE {
		document += P(`<w:r><w:object w:dxaOrig="1531" w:dyaOrig="990"><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:76.5pt;height:49.5pt" o:ole=""><v:imagedata o:title="secret-ole-title"/></v:shape><o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1234567890" r:id="rIdOle"/></w:object></w:r>`)
	}
	document += sect + `</w:body></w:document>`

	add("[Content_Types].xml", ct+`</Types>`)
	add("_rels/.rels", pkgRels+`</Relationships>`)
	add("word/document.xml", document)
	add("word/_rels/document.xml.rels", docRels+`</Relationships>`)
	add("word/styles.xml", styles)
	add("word/settings.xml", settings)
	if settingsRels != "" {
		add("word/_rels/settings.xml.rels", settingsRels)
	}
	for _, p := range parts {
		add(p[0], p[1])
	}
	for _, id := range ids {
		w, _ := zw.Create("word/media/" + id + ".png")
		w.Write(d.Media[id])
	}
	add("docProps/core.xml", core)
	add("docProps/app.xml", app)
	var extra []string
	for k := range d.Extra {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	for _, k := range extra {
		w, _ := zw.Create(k)
		w.Write(d.Extra[k])
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}
