package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/report"
)

// tally counts planted items of one category (or format, or writer).
// Items counts those located in the extracted text; notLocated those an
// office program dropped or rewrote, which no finding can be matched to.
type tally struct {
	items, recalled, covered, notLocated int
}

func (t *tally) add(recalled, covered bool) {
	t.items++
	if recalled {
		t.recalled++
	}
	if covered {
		t.covered++
	}
}

// checkResult is what checkScan measures.
type checkResult struct {
	byCategory map[detectors.Category]*tally
	byFormat   map[string]*tally
	byWriter   map[string]*tally
	// byFormatWriter is keyed "docx by pandoc".
	byFormatWriter map[string]*tally
	// byPandocReader is keyed by how pandoc read the text.
	byPandocReader map[string]*tally
	overall        tally
	status         map[string]int
	missing        int // manifest documents the report does not list
	quarantined    []quarantine
}

// quarantine is a quarantined document with the report's reason (reasons
// never quote content).
type quarantine struct {
	writer, file, reason string
}

// checkScan compares a scan's report with the corpus manifest and prints
// recall per category and per format.
func checkScan(manifestPath, reportPath string, w io.Writer) error {
	entries, err := readManifest(manifestPath)
	if err != nil {
		return err
	}
	f, err := os.Open(reportPath)
	if err != nil {
		return err
	}
	defer f.Close()
	var rep report.Report
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&rep); err != nil {
		return fmt.Errorf("%s: %w", reportPath, err)
	}
	r := compare(entries, rep.Documents)
	return r.print(w)
}

// compare scores the report's documents against the manifest. A planted
// item is recalled when a finding of its category overlaps it, and covered
// when a redacted finding of any category does. The items of quarantined
// or unlisted documents count as neither.
func compare(entries []Entry, docs []report.Document) checkResult {
	byName := make(map[string]*report.Document, len(docs))
	for i := range docs {
		byName[filepath.Base(docs[i].Input)] = &docs[i]
	}
	r := checkResult{byCategory: map[detectors.Category]*tally{}, byFormat: map[string]*tally{}, byWriter: map[string]*tally{}, byFormatWriter: map[string]*tally{}, byPandocReader: map[string]*tally{}, status: map[string]int{}}
	get := func(m map[string]*tally, k string) *tally {
		if m[k] == nil {
			m[k] = &tally{}
		}
		return m[k]
	}
	for _, e := range entries {
		writer := cmp.Or(e.Writer, writerPrescreen) // manifests from before writers
		tallies := []*tally{get(r.byFormat, e.Format), get(r.byWriter, writer), get(r.byFormatWriter, e.Format+" by "+writer), &r.overall}
		if e.PandocReader != "" {
			tallies = append(tallies, get(r.byPandocReader, e.PandocReader))
		}
		d := byName[filepath.Base(e.File)]
		if d == nil {
			r.missing++
		} else {
			r.status[d.Status]++
			if d.Status == report.Quarantined {
				r.quarantined = append(r.quarantined, quarantine{writer, e.File, d.Reason})
			}
		}
		for _, c := range e.NotLocated {
			if r.byCategory[c] == nil {
				r.byCategory[c] = &tally{}
			}
			r.byCategory[c].notLocated++
			for _, t := range tallies {
				t.notLocated++
			}
		}
		for _, it := range e.Items {
			recalled, covered := false, false
			if d != nil {
				for _, fd := range d.Findings {
					if fd.Location.Start < it.End && it.Start < fd.Location.End {
						recalled = recalled || fd.Category == it.Category
						covered = covered || fd.Action == report.ActionRedacted
					}
				}
			}
			if r.byCategory[it.Category] == nil {
				r.byCategory[it.Category] = &tally{}
			}
			r.byCategory[it.Category].add(recalled, covered)
			for _, t := range tallies {
				t.add(recalled, covered)
			}
		}
	}
	return r
}

// print writes recall per category, format, format and writer (when a
// format has more than one writer), writer and overall, then the
// documents' outcomes and the quarantined documents per writer.
func (r checkResult) print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\titems\trecalled\trecall\tredacted\tcovered\tnot located\t")
	row := func(name string, t tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%s\t%d\t\n", name, t.items, t.recalled, share(t.recalled, t.items), t.covered, share(t.covered, t.items), t.notLocated)
	}
	for _, c := range detectors.Reported {
		if t := r.byCategory[c]; t != nil {
			row(string(c), *t)
		}
	}
	fmts := make([]string, 0, len(r.byFormat))
	for f := range r.byFormat {
		fmts = append(fmts, f)
	}
	slices.Sort(fmts)
	writers := []string{writerPrescreen, writerPandoc, writerLibreOffice}
	for w := range r.byWriter {
		if !slices.Contains(writers, w) {
			writers = append(writers, w)
		}
	}
	for _, f := range fmts {
		row("format "+f, *r.byFormat[f])
		var of []string
		for _, w := range writers {
			if r.byFormatWriter[f+" by "+w] != nil {
				of = append(of, f+" by "+w)
			}
		}
		if len(of) > 1 {
			for _, k := range of {
				row(k, *r.byFormatWriter[k])
			}
		}
	}
	for _, w := range writers {
		if t := r.byWriter[w]; t != nil {
			row("writer "+w, *t)
		}
		if w == writerPandoc {
			for _, rd := range slices.Sorted(maps.Keys(r.byPandocReader)) {
				row("pandoc -f "+rd, *r.byPandocReader[rd])
			}
		}
	}
	row("overall", r.overall)
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "documents: %d redacted, %d clean, %d quarantined, %d not in the report\n",
		r.status[report.Redacted], r.status[report.Clean], r.status[report.Quarantined], r.missing); err != nil {
		return err
	}
	for _, wr := range writers {
		var qs []quarantine
		for _, q := range r.quarantined {
			if q.writer == wr {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			continue
		}
		fmt.Fprintf(w, "quarantined, written by %s: %d\n", wr, len(qs))
		for _, q := range qs {
			fmt.Fprintf(w, "  %s: %s\n", q.file, q.reason)
		}
	}
	return nil
}

func share(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}
