package detectors

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestProseListsLoad(t *testing.T) {
	d, err := wlLoad()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range d.entries {
		counts[e.file]++
	}
	for _, c := range []Category{Religion, Health, MentalHealth, Family, MaritalStatus, Ethnicity, Political, Property, CriminalRecord, SexualOrientation} {
		for _, lang := range []string{"en", "zh"} {
			if counts[lang+"/"+string(c)+".txt"] == 0 {
				t.Errorf("no %s list for %s", lang, c)
			}
		}
	}
}

func TestWordlistRejectsBadData(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"unknown category": {"en/hobbies.txt": "chess\n"},
		"upper case":       {"en/religion.txt": "Catholic\n"},
		"bad likelihood":   {"en/religion.txt": "catholic\tcertain\n"},
		"duplicate":        {"en/religion.txt": "mosque\n", "en/exclude.txt": "mosque\n"},
		"single han":       {"zh/religion.txt": "佛\n"},
		"bad section":      {"en/religion.txt": "mosque\n", "en/sections.txt": "hobbies\tmaybe\n"},
		"context phrase":   {"en/religion.txt": "mosque\n", "en/personal.txt": "about me\n"},
		"marker inside":    {"en/family.txt": "my ^father\n"},
		"marker only":      {"en/family.txt": "^…\n"},
		"no phrases":       {"en/exclude.txt": "public health\n"},
	} {
		fsys := fstest.MapFS{}
		for p, data := range files {
			fsys["w/"+p] = &fstest.MapFile{Data: []byte(data)}
		}
		if _, err := wlBuild(fsys, "w"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	d, err := wlBuild(fstest.MapFS{"w/en/religion.txt": {Data: []byte("# comment\nmosque\t# trailing comment\nrabbi\thigh\n\n")}}, "w")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.keywords) != 2 || d.entries[1].likelihood != High || d.entries[0].likelihood != Medium {
		t.Fatalf("parsed %+v", d.entries)
	}
}

// TestProseEveryPhrase puts every phrase of every list in a neutral sentence
// and checks that it is found, whole, with its category and likelihood.
func TestProseEveryPhrase(t *testing.T) {
	d, err := wlLoad()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.entries {
		if e.kind != wlHit {
			continue
		}
		// A capitalised word after the phrase: a run-on origin phrase needs a
		// place name ("born in Xx").
		text := "xx " + e.phrase + " Xx"
		start, end := 3, 3+len(e.phrase)
		if e.clause { // "^" phrases count at a clause start
			text = "xx; " + e.phrase + " Xx"
			start, end = 4, 4+len(e.phrase)
		}
		found := false
		for _, m := range (proseDetector{}).Detect(NewInput(text)) {
			if m.Category == e.category && m.Start <= start && m.End >= end && m.Likelihood == e.likelihood {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %q not found as %s/%v in %q", e.file, e.phrase, e.category, e.likelihood, text)
		}
	}
}

// TestProseEveryExclusion builds, for every exclusion, a text where it
// overlaps a hit phrase (the exclusion itself when it contains one, else the
// two joined on their common part: "哈佛" + "佛教" = "哈佛教"), checks that the
// hit is there before exclusions apply, and that no match survives on it.
func TestProseEveryExclusion(t *testing.T) {
	d, err := wlLoad()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.entries {
		if e.kind != wlExclude {
			continue
		}
		text, ok := proseOverlapText(d, e.phrase)
		if !ok {
			t.Errorf("%s: exclusion %q overlaps no hit phrase: it suppresses nothing", e.file, e.phrase)
			continue
		}
		in := NewInput(text)
		excl := strings.Index(text, e.phrase)
		hits, _, _ := d.scan(in)
		raw := false
		for _, h := range hits {
			raw = raw || h.start < excl+len(e.phrase) && h.end > excl
		}
		if !raw {
			t.Errorf("%s: exclusion %q: no hit in %q to suppress", e.file, e.phrase, text)
			continue
		}
		for _, m := range (proseDetector{}).Detect(in) {
			if m.Start < excl+len(e.phrase) && m.End > excl {
				t.Errorf("%s: exclusion %q does not suppress %s %q in %q", e.file, e.phrase, m.Category, text[m.Start:m.End], text)
			}
		}
	}
}

// proseOverlapText returns a text in which excl overlaps a hit phrase on word
// boundaries, found by the same scan the detector runs.
func proseOverlapText(d *wlDict, excl string) (string, bool) {
	var cands []string
	for _, h := range d.entries {
		if h.kind != wlHit {
			continue
		}
		p := h.phrase
		if strings.Contains(excl, p) {
			cands = append(cands, excl)
			continue
		}
		for k := min(len(p), len(excl)) - 1; k > 0; k-- {
			if strings.HasSuffix(excl, p[:k]) {
				cands = append(cands, excl+p[k:])
			}
			if strings.HasPrefix(excl, p[len(p)-k:]) {
				cands = append(cands, p[:len(p)-k]+excl)
			}
		}
	}
	for _, c := range cands {
		text := "xx " + c + " xx"
		in := NewInput(text)
		hits, ex, _ := d.scan(in)
		if len(ex) > 0 && len(hits) > 0 && wlOverlapsAny(hits, ex[0].start, ex[0].end, d.maxLen) {
			return text, true
		}
	}
	return "", false
}
