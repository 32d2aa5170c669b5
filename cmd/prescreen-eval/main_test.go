package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func corpusDir(t *testing.T, text, annotations string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"r.txt": text, "r.json": annotations} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The e-mail detector exists from the start, so these tests use it.
func TestRunFloors(t *testing.T) {
	const text = "Mail: ann.lee@example.org, order 2019-0315-7742"
	annotated := corpusDir(t, text, `{"items":[{"category":"contact","text":"ann.lee@example.org"}],"traps":[{"text":"2019-0315-7742"}]}`)
	unannotated := corpusDir(t, text, `{"items":[],"traps":[]}`)

	var out bytes.Buffer
	if err := run([]string{"-floors", "-dir", annotated}, &out); err != nil {
		t.Fatalf("annotated corpus: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "traps: 1 of 1 survived") {
		t.Errorf("output:\n%s", out.String())
	}

	out.Reset()
	if err := run([]string{"-problems", "-floors", unannotated}, &out); !errors.Is(err, errFloors) {
		t.Fatalf("unannotated e-mail: err = %v, want errFloors\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "r\tfalse_positive\tcontact\t6-25") || !strings.Contains(out.String(), "FLOOR: overall: precision 0.000") {
		t.Errorf("output:\n%s", out.String())
	}
	if strings.Contains(out.String(), "ann.lee") {
		t.Errorf("output quotes document text:\n%s", out.String())
	}

	if err := run([]string{"-threshold", "sure", "-dir", annotated}, &out); err == nil {
		t.Error("bad threshold accepted")
	}
	if err := run([]string{"-dir", filepath.Join(annotated, "missing")}, &out); err == nil {
		t.Error("missing directory accepted")
	}
}
