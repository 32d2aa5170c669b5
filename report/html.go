package report

import (
	_ "embed"
	"html/template"
	"io"
	"sort"

	"github.com/prescreen/prescreen/detectors"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(n, max int) int {
		if max == 0 {
			return 0
		}
		return n * 100 / max
	},
	"mul": func(a, b int) int { return a * b },
}).Parse(htmlTemplate))

type htmlBar struct {
	Category detectors.Category
	Count    int
}

type htmlDoc struct {
	Document
	Redacted, Kept int
}

// WriteHTML writes a self-contained page (inline CSS and SVG, no scripts,
// no external assets): totals, a bar chart of findings per category and a
// table of documents with their status and quarantine reasons.
func WriteHTML(w io.Writer, r *Report) error {
	var bars []htmlBar
	most := 0
	for _, c := range detectors.Reported {
		if n := r.Totals.FindingsByCategory[c]; n > 0 {
			bars = append(bars, htmlBar{c, n})
			most = max(most, n)
		}
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].Count > bars[j].Count })
	var docs []htmlDoc
	for _, d := range r.Documents {
		hd := htmlDoc{Document: d}
		for _, f := range d.Findings {
			if f.Action == ActionRedacted {
				hd.Redacted++
			} else {
				hd.Kept++
			}
		}
		docs = append(docs, hd)
	}
	return htmlPage.Execute(w, map[string]any{
		"R":        r,
		"Bars":     bars,
		"Max":      most,
		"Docs":     docs,
		"Duration": r.Finished.Sub(r.Started).Round(1e6).String(),
	})
}
