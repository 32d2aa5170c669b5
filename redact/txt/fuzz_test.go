package txt_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/prescreen/prescreen/pipeline/pipelinetest"
	"github.com/prescreen/prescreen/redact/txt"
)

// FuzzProcess: no bytes make text decoding, detection or redaction panic;
// a quarantined document has no output; a reviewer copy re-reads with
// nothing the default policy redacts. Seeds: the sample and evaluation
// resumes. `make fuzz` runs it for FUZZTIME.
func FuzzProcess(f *testing.F) {
	for _, glob := range []string{"../../fixtures/resumes/*/*.txt", "../../fixtures/resumes/*/*.doc", "../../fixtures/eval/*-01.txt"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte("\xff\xfeE\x00m\x00a\x00i\x00l\x00:\x00 \x00a\x00@\x00b\x00.\x00c\x00o\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pipelinetest.CheckProcess(t, txt.Format{}, data)
	})
}
