package eval

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
)

// writeCorpus writes name.txt/name.json pairs (json may be "" to omit it).
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const synthText = "Religion: Catholic. Works at Christian Dior. Catholic choir. Tel 555"

// synthetic is a two-document corpus with known spans.
func synthetic(t *testing.T) *Corpus {
	t.Helper()
	dir := writeCorpus(t, map[string]string{
		"a.txt": synthText,
		"a.json": `{"items":[{"category":"religion","text":"Catholic"},{"category":"religion","text":"Catholic","nth":1},
			{"category":"contact","text":"555"}],
			"traps":[{"text":"Christian Dior","not":["religion"]},{"text":"Works"}]}`,
		"b.txt":  "Married, 2 kids. 5 years of experience.",
		"b.json": `{"items":[{"category":"marital_status","text":"Married"},{"category":"family","text":"2 kids"}],"traps":[{"text":"5 years","not":["age"]}]}`,
	})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadResolvesSpans(t *testing.T) {
	c := synthetic(t)
	if len(c.Docs) != 2 || c.Docs[0].Name != "a" || c.Docs[1].Name != "b" {
		t.Fatalf("docs = %+v", c.Docs)
	}
	a := c.Docs[0]
	want := []Item{
		{detectors.Religion, Span{10, 18}},
		{detectors.Religion, Span{45, 53}},
		{detectors.Contact, Span{65, 68}},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("items = %+v", a.Items)
	}
	for i, it := range a.Items {
		if it != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, it, want[i])
		}
	}
	if a.Traps[0].Span != (Span{29, 43}) || len(a.Traps[0].Not) != 1 || a.Traps[1].Not != nil {
		t.Errorf("traps = %+v", a.Traps)
	}
}

func TestLocateCountsOverlapping(t *testing.T) {
	for _, tc := range []struct {
		text, sub string
		nth       int
		want      Span
		ok        bool
	}{
		{"aaa", "aa", 0, Span{0, 2}, true},
		{"aaa", "aa", 1, Span{1, 3}, true},
		{"aaa", "aa", 2, Span{}, false},
		{"性别：男 性别：女", "性别", 1, Span{13, 19}, true},
		{"abc", "", 0, Span{}, false},
		{"abc", "a", -1, Span{}, false},
	} {
		got, err := locate(tc.text, tc.sub, tc.nth)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("locate(%q, %q, %d) = %v, %v; want %v ok=%v", tc.text, tc.sub, tc.nth, got, err, tc.want, tc.ok)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  string
	}{
		"txt without json": {map[string]string{"a.txt": "x"}, "a.txt has no a.json"},
		"json without txt": {map[string]string{"a.json": "{}"}, "a.json has no a.txt"},
		"unknown category": {map[string]string{"a.txt": "x", "a.json": `{"items":[{"category":"zodiac","text":"x"}]}`}, `unknown category "zodiac"`},
		"hidden text item": {map[string]string{"a.txt": "x", "a.json": `{"items":[{"category":"hidden_text","text":"x"}]}`}, "unknown category"},
		"unknown trap cat": {map[string]string{"a.txt": "x", "a.json": `{"traps":[{"text":"x","not":["zodiac"]}]}`}, "unknown category"},
		"missing text":     {map[string]string{"a.txt": "Married", "a.json": `{"items":[{"category":"marital_status","text":"Single"}]}`}, "0 occurrence(s)"},
		"nth too large":    {map[string]string{"a.txt": "Married", "a.json": `{"items":[{"category":"marital_status","text":"Married","nth":1}]}`}, "1 occurrence(s), nth=1"},
		"unknown field":    {map[string]string{"a.txt": "x", "a.json": `{"item":[]}`}, "unknown field"},
		"not on an item":   {map[string]string{"a.txt": "x", "a.json": `{"items":[{"category":"age","text":"x","not":["age"]}]}`}, "is for traps"},
		"category on trap": {map[string]string{"a.txt": "x", "a.json": `{"traps":[{"category":"age","text":"x"}]}`}, "traps take"},
		"invalid utf8":     {map[string]string{"a.txt": "\xff", "a.json": `{}`}, "not valid UTF-8"},
		"empty corpus":     {map[string]string{"README.md": "x"}, "no annotated documents"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(writeCorpus(t, tc.files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestLoadErrorsHideText: errors name files and indices, never annotated text.
func TestLoadErrorsHideText(t *testing.T) {
	_, err := Load(writeCorpus(t, map[string]string{"a.txt": "x", "a.json": `{"items":[{"category":"religion","text":"Catholic"}]}`}))
	if err == nil || strings.Contains(err.Error(), "Catholic") {
		t.Fatalf("error = %v", err)
	}
}

// TestRunScoresExactly checks the harness on a synthetic corpus with a fake
// scan function whose findings are known: every count is asserted.
func TestRunScoresExactly(t *testing.T) {
	c := synthetic(t)
	scan := func(text string) []detectors.Match {
		if text == synthText {
			return []detectors.Match{
				{Category: detectors.Religion, Start: 0, End: 18, Likelihood: detectors.High},    // TP: overlaps first Catholic
				{Category: detectors.Religion, Start: 29, End: 38, Likelihood: detectors.Medium}, // FP, springs Dior trap
				{Category: detectors.Religion, Start: 45, End: 53, Likelihood: detectors.Low},    // below threshold: ignored
				{Category: detectors.Name, Start: 20, End: 25, Likelihood: detectors.Certain},    // FP (no name items), springs "Works" trap
				{Category: detectors.Contact, Start: 60, End: 64, Likelihood: detectors.Medium},  // FP: ends where "555" starts
			}
		}
		return []detectors.Match{
			{Category: detectors.MaritalStatus, Start: 0, End: 7, Likelihood: detectors.Certain}, // TP
			{Category: detectors.Family, Start: 9, End: 15, Likelihood: detectors.Medium},        // TP
			{Category: detectors.Health, Start: 9, End: 15, Likelihood: detectors.Medium},        // FP: wrong category
			{Category: detectors.Family, Start: 17, End: 24, Likelihood: detectors.High},         // FP, but "5 years" trap only forbids age
		}
	}
	r := Run(c, scan, detectors.Medium)
	want := map[detectors.Category]Counts{
		detectors.Religion:      {Support: 2, Recalled: 1, FN: 1, TP: 1, FP: 1},
		detectors.Contact:       {Support: 1, Recalled: 0, FN: 1, TP: 0, FP: 1},
		detectors.Name:          {FP: 1},
		detectors.MaritalStatus: {Support: 1, Recalled: 1, TP: 1},
		detectors.Family:        {Support: 1, Recalled: 1, TP: 1, FP: 1},
		detectors.Health:        {FP: 1},
	}
	if len(r.ByCategory) != len(want) {
		t.Errorf("categories = %v", r.ByCategory)
	}
	for cat, w := range want {
		if got := r.ByCategory[cat]; got != w {
			t.Errorf("%s = %+v, want %+v", cat, got, w)
		}
	}
	if w := (Counts{Support: 5, Recalled: 3, FN: 2, TP: 3, FP: 5}); r.Overall != w {
		t.Errorf("overall = %+v, want %+v", r.Overall, w)
	}
	if r.Traps != 3 || r.TrapsKept != 1 || math.Abs(r.TrapSurvival()-1.0/3) > 1e-9 {
		t.Errorf("traps %d kept %d", r.Traps, r.TrapsKept)
	}
	if p := r.Overall.Precision(); p != 3.0/8 {
		t.Errorf("overall precision = %v", p)
	}
	wantProblems := []Problem{
		{"a", FalsePositive, detectors.Name, 20, 25},
		{"a", TrapHit, detectors.Name, 20, 25}, // the "Works" trap: any category
		{"a", FalsePositive, detectors.Religion, 29, 38},
		{"a", TrapHit, detectors.Religion, 29, 43},
		{"a", Miss, detectors.Religion, 45, 53},
		{"a", FalsePositive, detectors.Contact, 60, 64},
		{"a", Miss, detectors.Contact, 65, 68},
		{"b", FalsePositive, detectors.Health, 9, 15},
		{"b", FalsePositive, detectors.Family, 17, 24},
	}
	if len(r.Problems) != len(wantProblems) {
		t.Fatalf("problems = %+v", r.Problems)
	}
	for i := range wantProblems {
		if r.Problems[i] != wantProblems[i] {
			t.Errorf("problem %d = %+v, want %+v", i, r.Problems[i], wantProblems[i])
		}
	}

	fails := r.Check(Floors{Recall: 0.95, MinItems: 2, Precision: 0.95, MinFindings: 3, TrapSurvival: 0.95})
	wantFails := []string{"religion: recall 0.500", "overall: precision 0.375", "traps: survival 0.333"}
	if len(fails) != len(wantFails) {
		t.Fatalf("Check = %q", fails)
	}
	for i, w := range wantFails {
		if !strings.HasPrefix(fails[i], w) {
			t.Errorf("Check[%d] = %q, want prefix %q", i, fails[i], w)
		}
	}
	if fails := r.Check(Floors{}); len(fails) != 0 {
		t.Errorf("zero floors fail: %q", fails)
	}

	var buf bytes.Buffer
	if err := r.Print(&buf); err != nil {
		t.Fatal(err)
	}
	if err := r.PrintProblems(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"religion", "0.500", "traps: 1 of 3 survived (0.333)", "documents: 2", "a\tmiss\treligion\t45-53"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	for _, s := range []string{"Catholic", "Dior", "Married", "kids"} {
		if strings.Contains(out, s) {
			t.Errorf("output quotes annotated text %q", s)
		}
	}
}

// TestEvalFloors runs the default scanner over the project's corpus and
// enforces the floors of issue 3: recall >= 0.95 per category with 10 or
// more items, precision >= 0.95, traps >= 0.95.
func TestEvalFloors(t *testing.T) {
	c, err := Load(filepath.Join("..", "fixtures", "eval"))
	if err != nil {
		t.Fatal(err)
	}
	r := Run(c, detectors.Default().Scan, detectors.Medium)
	var buf bytes.Buffer
	if err := r.Print(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", buf.String())
	for _, f := range r.Check(DefaultFloors) {
		t.Error(f)
	}
	if t.Failed() {
		buf.Reset()
		_ = r.PrintProblems(&buf)
		t.Logf("problems (file, kind, category, byte offsets):\n%s", buf.String())
	}
}
