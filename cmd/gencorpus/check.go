package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/report"
)

// tally counts planted items of one category (or format).
type tally struct {
	items, recalled, covered int
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
	overall    tally
	status     map[string]int
	missing    int // manifest documents the report does not list
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
	r := checkResult{byCategory: map[detectors.Category]*tally{}, byFormat: map[string]*tally{}, status: map[string]int{}}
	for _, e := range entries {
		d := byName[filepath.Base(e.File)]
		if d == nil {
			r.missing++
		} else {
			r.status[d.Status]++
		}
		if r.byFormat[e.Format] == nil {
			r.byFormat[e.Format] = &tally{}
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
			r.byFormat[e.Format].add(recalled, covered)
			r.overall.add(recalled, covered)
		}
	}
	return r
}

func (r checkResult) print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\titems\trecalled\trecall\tredacted\tcovered\t")
	row := func(name string, t tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%s\t\n", name, t.items, t.recalled, share(t.recalled, t.items), t.covered, share(t.covered, t.items))
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
	for _, f := range fmts {
		row("format "+f, *r.byFormat[f])
	}
	row("overall", r.overall)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "documents: %d redacted, %d clean, %d quarantined, %d not in the report\n",
		r.status[report.Redacted], r.status[report.Clean], r.status[report.Quarantined], r.missing)
	return err
}

func share(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}
