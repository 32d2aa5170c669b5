package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// TestCorpusIsScreenedLikeTheFixtures generates a small mixed corpus with
// our own writers, screens it in-process and checks the manifest against
// the findings: the documents are distinct, the regenerated IDs are valid,
// and the planted items are found about as well as in the fixtures
// themselves. (TestOfficeWriters covers the office programs' documents.)
func TestCorpusIsScreenedLikeTheFixtures(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-n", "60", "-out", dir, "-seed", "7", "-office=false", "-fixtures", "../../fixtures/eval"}, &stdout, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	entries, err := readManifest(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 60 {
		t.Fatalf("manifest has %d entries, want 60", len(entries))
	}
	fixtureIDs := fixtureCNIDs(t)
	fp, _ := report.NewFingerprinter([]byte("gencorpus-test-key-0123456789"))
	p := &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp}
	seen := map[[32]byte]bool{}
	formatsSeen, pagesSeen, langsSeen := map[string]bool{}, map[int]bool{}, map[string]bool{}
	freshIDs := 0
	var docs []report.Document
	for _, e := range entries {
		formatsSeen[e.Format], pagesSeen[e.Pages], langsSeen[e.Lang] = true, true, true
		data, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if seen[sum] {
			t.Errorf("%s: same bytes as an earlier document", e.File)
		}
		seen[sum] = true
		if e.Format == "txt" {
			for _, it := range e.Items {
				v := string(data[it.Start:it.End])
				if it.Category == detectors.IDNumber && cnIDRE.MatchString(v) {
					if cnCheck(v[:17]) != v[17] {
						t.Errorf("%s: regenerated resident ID fails its check digit", e.File)
					}
					if !fixtureIDs[v] {
						freshIDs++
					}
				}
			}
		}
		out, err := p.Process(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, report.Document{Input: e.File, Status: out.Status, Findings: out.Findings})
	}
	if freshIDs == 0 {
		t.Error("no resident ID was regenerated")
	}
	if len(formatsSeen) != 3 || len(pagesSeen) != 3 || len(langsSeen) != 2 {
		t.Errorf("formats %v, pages %v, languages %v: want all three formats, 1-3 pages, zh and latin", formatsSeen, pagesSeen, langsSeen)
	}
	r := compare(entries, docs)
	if r.missing != 0 {
		t.Errorf("%d documents missing from the findings", r.missing)
	}
	if got := float64(r.overall.recalled) / float64(r.overall.items); r.overall.items < 500 || got < 0.95 {
		t.Errorf("recall %.3f over %d planted items; want at least 0.95 over 500", got, r.overall.items)
	}
	for _, c := range []detectors.Category{detectors.IDNumber, detectors.Contact, detectors.Name} {
		if tl := r.byCategory[c]; tl == nil || float64(tl.recalled) < 0.9*float64(tl.items) {
			t.Errorf("%s: regenerated values recalled %+v", c, tl)
		}
	}
	var printed bytes.Buffer
	if err := r.print(&printed); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(printed.String(), "overall") {
		t.Errorf("table lacks the overall row:\n%s", printed.String())
	}
}

func fixtureCNIDs(t *testing.T) map[string]bool {
	c, err := eval.Load("../../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, d := range c.Docs {
		for _, it := range d.Items {
			if v := d.Text[it.Start:it.End]; cnIDRE.MatchString(v) {
				ids[v] = true
			}
		}
	}
	return ids
}

// TestVaryMovesSpans checks that replacing values of different lengths
// keeps every item's span on its (new) value.
func TestVaryMovesSpans(t *testing.T) {
	text := "Name: Jane Doe\nE-mail: jane@example.com\nID: 110101199001011237\nJane Doe again, religion: Buddhist\n"
	d := eval.Doc{Text: text}
	for _, it := range []struct {
		c detectors.Category
		v string
	}{{detectors.Name, "Jane Doe"}, {detectors.Contact, "jane@example.com"}, {detectors.IDNumber, "110101199001011237"}, {detectors.Religion, "Buddhist"}} {
		i := strings.Index(text, it.v)
		d.Items = append(d.Items, eval.Item{Category: it.c, Span: eval.Span{Start: i, End: i + len(it.v)}})
	}
	for seed := range uint64(20) {
		got, items := vary(newRand(seed), d)
		if strings.Contains(got, "Jane Doe") || strings.Contains(got, "jane@") || strings.Contains(got, "199001011237") {
			t.Fatalf("seed %d: an old value survived: %q", seed, got)
		}
		if v := got[items[3].Start:items[3].End]; v != "Buddhist" {
			t.Errorf("seed %d: religion span now holds %q", seed, v)
		}
		if v := got[items[2].Start:items[2].End]; !cnIDRE.MatchString(v) || !strings.HasPrefix(v, "11010119900101") {
			t.Errorf("seed %d: ID span holds %q", seed, v)
		}
		if name := got[items[0].Start:items[0].End]; strings.Count(got, name) != 2 {
			t.Errorf("seed %d: the new name %q is not used for both occurrences", seed, name)
		}
	}
}

// TestSameSeedSameCorpus: a seed fixes the documents and the manifest.
// (Without office programs: LibreOffice writes the time and a random ID
// into its PDFs.)
func TestSameSeedSameCorpus(t *testing.T) {
	var dirs [2]string
	for i := range dirs {
		dirs[i] = t.TempDir()
		var out bytes.Buffer
		if err := run([]string{"-n", "40", "-out", dirs[i], "-seed", "3", "-formats", "txt,pdf", "-office=false", "-fixtures", "../../fixtures/eval"}, &out, &out); err != nil {
			t.Fatal(err, out.String())
		}
	}
	files, _ := filepath.Glob(filepath.Join(dirs[0], "docs", "*"))
	if len(files) != 40 {
		t.Fatalf("%d files, want 40", len(files))
	}
	for _, f := range append(files, filepath.Join(dirs[0], "manifest.jsonl")) {
		rel, _ := filepath.Rel(dirs[0], f)
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed (%v)", rel, err)
		}
	}
}
