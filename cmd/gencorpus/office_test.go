package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// TestLocateAll: planted values are found in an office program's layout
// of the text, at the same occurrence, and reported lost when rewritten.
func TestLocateAll(t *testing.T) {
	text := "Name: Jane Doe\nAddress: No. 12, Long Road, Springfield\nReligion: Hindu\n年龄：28岁\nRef: Jane Doe's sister\n"
	d := doc{text: text}
	plant := func(c detectors.Category, v string, nth int) {
		from := 0
		for range nth {
			from += strings.Index(text[from:], v) + 1
		}
		i := from + strings.Index(text[from:], v)
		d.items = append(d.items, eval.Item{Category: c, Span: eval.Span{Start: i, End: i + len(v)}})
	}
	plant(detectors.Name, "Jane Doe", 0)
	plant(detectors.Contact, "No. 12, Long Road, Springfield", 0)
	plant(detectors.Religion, "Hindu", 0)
	plant(detectors.Age, "28岁", 0)
	plant(detectors.Family, "Jane Doe's sister", 0)
	plant(detectors.Name, "Jane Doe", 1)
	for _, tc := range []struct {
		name, ext string
		lost      []detectors.Category
	}{
		{"same", text, nil},
		{"lines joined", strings.ReplaceAll(text, "\n", " "), nil},
		{"wrapped, no-break space, font change", "Name: Jane\nDoe\nAddress: No.\u00a012, Long Road,\nSpringfield\nReligion: Hindu\n年龄：28 岁\nRef: Jane Doe’s sister\n", nil},
		{"value dropped", "Name: Jane Doe\nAddress: No. 12, Long Road, Springfield\nReligion:\n年龄：28岁\nRef: Jane Doe's sister\n", []detectors.Category{detectors.Religion}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, lost := locateAll(d, tc.ext)
			if !slices.Equal(lost, tc.lost) {
				t.Fatalf("lost %v, want %v", lost, tc.lost)
			}
			var want []detectors.Category
			for _, it := range d.items {
				if !slices.Contains(tc.lost, it.Category) {
					want = append(want, it.Category)
				}
			}
			if len(found) != len(want) {
				t.Fatalf("found %d items, want %d", len(found), len(want))
			}
			for k, p := range found {
				if p.Category != want[k] {
					t.Errorf("item %d: %s, want %s", k, p.Category, want[k])
				}
			}
			// The second "Jane Doe" is the one inside "Jane Doe's sister".
			last := found[len(found)-1]
			if fam := found[len(found)-2]; last.Start != fam.Start {
				t.Errorf("second name at %d, want %d (the family item's start)", last.Start, fam.Start)
			}
			if first := found[0]; first.Start == last.Start {
				t.Error("both names located at the same occurrence")
			}
		})
	}
}

func needOffice(t *testing.T) tools {
	t.Helper()
	tl := findTools()
	if tl.pandoc == "" || tl.soffice == "" {
		t.Skip("pandoc or soffice is not on PATH")
	}
	return tl
}

// TestOfficeWriters generates a corpus in which office programs write
// half the DOCX and PDF documents, and checks the manifest against the
// files: every writer appears, each office-written item's offsets hold a
// value of its category in the text prescreen extracts, and -check counts
// items and quarantines per writer.
func TestOfficeWriters(t *testing.T) {
	needOffice(t)
	dir := t.TempDir()
	const n, seed = 48, 11
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-n", fmt.Sprint(n), "-out", dir, "-seed", fmt.Sprint(seed), "-formats", "docx,pdf", "-office-share", "0.4", "-fixtures", "../../fixtures/eval"}, &stdout, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	entries, err := readManifest(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := eval.Load("../../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(c)
	use := []format{formats["docx"], formats["pdf"]}
	seen := map[string]int{}
	readers := map[string]bool{}
	located, lost := 0, 0
	for i, e := range entries {
		seen[e.Format+" by "+e.Writer]++
		if e.Writer == writerPrescreen {
			continue
		}
		readers[e.PandocReader] = true
		if e.ExtractError != "" {
			t.Errorf("%s: prescreen cannot read it: %s", e.File, e.ExtractError)
			continue
		}
		d, f, _, _ := plan(g, use, seed, i)
		if f.ext != e.Format || d.base != e.Base {
			t.Fatalf("%s: plan gives %s from %s, manifest %s from %s", e.File, f.ext, d.base, e.Format, e.Base)
		}
		if got := len(e.Items) + len(e.NotLocated); got != len(d.items) {
			t.Errorf("%s: %d items and %d not located, %d planted", e.File, len(e.Items), len(e.NotLocated), len(d.items))
		}
		located += len(e.Items)
		lost += len(e.NotLocated)
		// The values of each category, without whitespace, as planted.
		values := map[detectors.Category][]string{}
		for _, it := range d.items {
			values[it.Category] = append(values[it.Category], squeeze(d.text[it.Start:it.End]))
		}
		data, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) != e.Bytes {
			t.Errorf("%s: %d bytes, manifest says %d", e.File, len(data), e.Bytes)
		}
		ex, err := f.extract.Extract(data)
		if err != nil {
			t.Fatal(e.File, err)
		}
		text := ex.Text()
		for k, it := range e.Items {
			if it.Start < 0 || it.End > len(text) || it.Start >= it.End {
				t.Errorf("%s: item %d (%s) at %d-%d outside the %d bytes of text", e.File, k, it.Category, it.Start, it.End, len(text))
				continue
			}
			if !slices.Contains(values[it.Category], squeeze(text[it.Start:it.End])) {
				// Says which item, never its value.
				t.Errorf("%s: item %d (%s): its offsets hold no planted %s value", e.File, k, it.Category, it.Category)
			}
		}
	}
	for _, k := range []string{"docx by prescreen", "docx by pandoc", "docx by libreoffice", "pdf by prescreen", "pdf by libreoffice"} {
		if seen[k] == 0 {
			t.Errorf("no %s document in %v", k, seen)
		}
	}
	for _, rd := range pandocReaders {
		if !readers[rd] {
			t.Errorf("no pandoc document read as %s", rd)
		}
	}
	if located == 0 || lost*20 > located {
		t.Errorf("office-written documents: %d items located, %d not: want at most 1 in 20 lost", located, lost)
	}
	if !strings.Contains(stdout.String(), "docx: prescreen") || !strings.Contains(stdout.String(), "pandoc") {
		t.Errorf("no summary of writers: %q", stdout.String())
	}

	// -check: screen in-process, quarantine one pandoc document by hand.
	fp, _ := report.NewFingerprinter([]byte("gencorpus-test-key-0123456789"))
	p := &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp}
	var docs []report.Document
	quarantined := ""
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.File))
		out, err := p.Process(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		doc := report.Document{Input: e.File, Status: out.Status, Reason: out.Reason, Findings: out.Findings}
		if quarantined == "" && e.Writer == writerPandoc && out.Status != report.Quarantined {
			quarantined = e.File
			doc.Status, doc.Reason, doc.Findings = report.Quarantined, "test: made up", nil
		}
		docs = append(docs, doc)
	}
	r := compare(entries, docs)
	for _, w := range []string{writerPrescreen, writerPandoc, writerLibreOffice} {
		want := tally{}
		for _, e := range entries {
			if e.Writer == w {
				want.items += len(e.Items)
				want.notLocated += len(e.NotLocated)
			}
		}
		got := r.byWriter[w]
		if got == nil || got.items != want.items || got.notLocated != want.notLocated {
			t.Errorf("writer %s: %+v, want %d items and %d not located", w, got, want.items, want.notLocated)
			continue
		}
		if got.recalled < got.items/2 {
			t.Errorf("writer %s: %d of %d items recalled", w, got.recalled, got.items)
		}
	}
	if sum := r.byWriter[writerPrescreen].items + r.byWriter[writerPandoc].items + r.byWriter[writerLibreOffice].items; sum != r.overall.items {
		t.Errorf("writers hold %d items, overall %d", sum, r.overall.items)
	}
	var printed bytes.Buffer
	if err := r.print(&printed); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"writer pandoc", "writer libreoffice", "docx by pandoc", "pdf by libreoffice", "pandoc -f commonmark", "not located",
		"quarantined, written by pandoc:", "  " + quarantined + ": test: made up"} {
		if !strings.Contains(printed.String(), want) {
			t.Errorf("-check output lacks %q:\n%s", want, printed.String())
		}
	}
}

// squeeze drops whitespace and makes quotes straight, as the layouts of
// office programs differ from the text in those.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '‘' || r == '’':
			return '\''
		case r == '“' || r == '”':
			return '"'
		}
		return r
	}, s)
}

// TestOfficeFailures: a document an office program fails to write is
// written by our own writer and counted on stderr; a program that writes
// nothing at all is an error.
func TestOfficeFailures(t *testing.T) {
	tl := needOffice(t)
	c, err := eval.Load("../../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(c)
	use := []format{formats["docx"]}

	// pandoc failing for one of its two readers.
	bin := t.TempDir()
	fake := filepath.Join(bin, "pandoc")
	script := "#!/bin/sh\n[ \"$2\" = commonmark ] && { echo refused >&2; exit 1; }\nexec " + tl.pandoc + " \"$@\"\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	entries, err := generate(g, use, 30, 5, dir, officeOpts{tools: tools{pandoc: fake}, share: 0.5}, &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	fellBack := 0
	for i, e := range entries {
		_, _, u, mode := plan(g, use, 5, i)
		if u < 0.5 && mode == "commonmark" {
			fellBack++
			if e.Writer != writerPrescreen || len(e.Items) == 0 || len(e.NotLocated) != 0 {
				t.Errorf("%s: pandoc failed, yet writer %q, %d items, %d not located", e.File, e.Writer, len(e.Items), len(e.NotLocated))
			}
		}
	}
	if fellBack == 0 {
		t.Fatal("no document was read as commonmark: pick another seed")
	}
	if want := fmt.Sprintf("%d of ", fellBack); !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "prescreen's writer instead") {
		t.Errorf("stderr %q does not count the %d failures", stderr.String(), fellBack)
	}

	// soffice writing nothing.
	stderr.Reset()
	_, err = generate(g, use, 10, 5, t.TempDir(), officeOpts{tools: tools{soffice: "/bin/true"}, share: 0.5}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "all") || !strings.Contains(err.Error(), "wrote no file") {
		t.Errorf("soffice writing nothing: err %v", err)
	}
}
