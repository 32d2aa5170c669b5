package eval

import (
	"testing"

	"github.com/prescreen/prescreen/detectors"
)

// TestDOCXMatchesText holds issue 4's bar: the eval resumes presented as
// Word files (values split across runs, cells as tabs) are screened with
// recall and trap survival at least as good as the same resumes as text.
func TestDOCXMatchesText(t *testing.T) {
	c, err := Load("../fixtures/eval")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Reformat(c, ToDOCX, DOCX)
	if err != nil {
		t.Fatal(err)
	}
	scan := detectors.Default().Scan
	txt, doc := Run(c, scan, detectors.Medium), Run(d, scan, detectors.Medium)
	for _, cat := range txt.Categories() {
		if a, b := txt.ByCategory[cat].Recall(), doc.ByCategory[cat].Recall(); b < a {
			t.Errorf("%s: recall %.3f in DOCX < %.3f in text", cat, b, a)
		}
	}
	if doc.TrapSurvival() < txt.TrapSurvival() {
		t.Errorf("traps: %.3f in DOCX < %.3f in text", doc.TrapSurvival(), txt.TrapSurvival())
	}
	if doc.Overall.Support != txt.Overall.Support || doc.Overall.Support == 0 {
		t.Errorf("items: %d in DOCX, %d in text", doc.Overall.Support, txt.Overall.Support)
	}
}
