package eval

import (
	"fmt"
	"strings"

	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/docx"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
)

// Reformat returns the corpus as another document format would present it
// to the detectors: each resume is converted (text → document bytes), read
// back by the format's own extractor, and every annotation is located again
// in the extracted text by its content and occurrence. An annotation the
// extractor lost is an error: the format dropped text.
func Reformat(c *Corpus, convert func(text string) ([]byte, error), f redact.Format) (*Corpus, error) {
	out := &Corpus{}
	for _, d := range c.Docs {
		data, err := convert(d.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: converting: %w", d.Name, err)
		}
		ex, err := f.Extract(data)
		if err != nil {
			return nil, fmt.Errorf("%s: extracting: %w", d.Name, err)
		}
		nd := Doc{Name: d.Name, Text: ex.Text()}
		relocate := func(sp Span) (Span, error) {
			sub := d.Text[sp.Start:sp.End]
			return locate(nd.Text, sub, strings.Count(d.Text[:sp.Start], sub))
		}
		for i, it := range d.Items {
			sp, err := relocate(it.Span)
			if err != nil {
				return nil, fmt.Errorf("%s: item %d (%s) lost in %s: %w", d.Name, i, it.Category, f.Name(), err)
			}
			nd.Items = append(nd.Items, Item{Category: it.Category, Span: sp})
		}
		for i, tr := range d.Traps {
			sp, err := relocate(tr.Span)
			if err != nil {
				return nil, fmt.Errorf("%s: trap %d lost in %s: %w", d.Name, i, f.Name(), err)
			}
			nd.Traps = append(nd.Traps, Trap{Not: tr.Not, Span: sp})
		}
		out.Docs = append(out.Docs, nd)
	}
	return out, nil
}

// ToDOCX writes text as a Word document the way editors produce one: a
// paragraph per line, tabs as w:tab, and each line split into runs of
// alternating formatting at word boundaries, so values cross run borders.
func ToDOCX(text string) ([]byte, error) {
	var body strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		var runs []string
		for ci, cell := range strings.Split(line, "\t") {
			if ci > 0 {
				runs = append(runs, "<w:r><w:tab/></w:r>")
			}
			words := strings.SplitAfter(cell, " ")
			for i := 0; i < len(words); i += 3 {
				rPr := ""
				if (i/3)%2 == 1 {
					rPr = dt.Bold
				}
				if chunk := strings.Join(words[i:min(i+3, len(words))], ""); chunk != "" {
					runs = append(runs, dt.R(rPr, chunk))
				}
			}
		}
		body.WriteString(dt.P(runs...))
	}
	return dt.Doc{Body: body.String()}.Bytes(), nil
}

// DOCX is the Word format, for Reformat.
var DOCX redact.Format = docx.Format{}
