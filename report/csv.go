package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

var csvHeader = []string{"input", "output", "sha256", "media_type", "status", "reason", "category", "detector", "likelihood", "action", "page", "start", "end", "length", "masked", "fingerprint"}

// WriteCSV writes one row per finding; a document without findings (or
// quarantined) gets one row with the finding columns empty, so every
// document appears.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, d := range r.Documents {
		out := ""
		if d.Output != nil {
			out = *d.Output
		}
		doc := []string{cell(d.Input), cell(out), d.SHA256, d.MediaType, d.Status, cell(d.Reason)}
		if len(d.Findings) == 0 {
			if err := cw.Write(append(doc, make([]string, len(csvHeader)-len(doc))...)); err != nil {
				return err
			}
		}
		for _, f := range d.Findings {
			page := ""
			if f.Location.Page > 0 {
				page = strconv.Itoa(f.Location.Page)
			}
			row := append(append([]string(nil), doc...), string(f.Category), f.Detector, f.Likelihood.String(), f.Action, page,
				strconv.Itoa(f.Location.Start), strconv.Itoa(f.Location.End), strconv.Itoa(f.Length), f.Masked, f.Fingerprint)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses spreadsheet formulas: a file name such as "=HYPERLINK(...)"
// must stay text when HR opens the CSV in a spreadsheet.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
