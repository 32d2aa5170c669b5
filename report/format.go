package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// A Reporter writes a whole report in one format. Every format is built
// from the Report alone, which holds no raw value, so no format can leak
// one.
type Reporter func(w io.Writer, r *Report) error

// Formats maps --report-format names to their reporter and file name.
var Formats = map[string]struct {
	Write Reporter
	File  string
}{
	"json":  {WriteJSON, "report.json"},
	"jsonl": {WriteJSONL, "report.jsonl"},
	"csv":   {WriteCSV, "report.csv"},
	"html":  {WriteHTML, "report.html"},
}

// ParseFormats checks a comma-separated --report-format value. report.json
// is always written: it is the machine contract.
func ParseFormats(s string) ([]string, error) {
	seen := map[string]bool{"json": true}
	out := []string{"json"}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" || seen[f] {
			continue
		}
		if _, ok := Formats[f]; !ok {
			var names []string
			for n := range Formats {
				names = append(names, n)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("unknown report format %q (choose from %s)", f, strings.Join(names, ", "))
		}
		seen[f] = true
		out = append(out, f)
	}
	return out, nil
}

// WriteJSON writes report.json.
func WriteJSON(w io.Writer, r *Report) error {
	b, err := r.JSON()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
