package detectors

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// evalCorpus concatenates the evaluation resumes (English and Chinese, every
// category, with traps): the "mixed resume text" the speed targets refer to.
func evalCorpus(b *testing.B) []string {
	paths, _ := filepath.Glob("../fixtures/eval/*.txt")
	sort.Strings(paths)
	var docs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(data))
	}
	if len(docs) == 0 {
		b.Skip("no fixtures/eval resumes")
	}
	return docs
}

// BenchmarkDetect runs the whole registered detector set, as the pipeline
// does, on a typical ~5 KB resume and on 1 MB of mixed resume text.
func BenchmarkDetect(b *testing.B) {
	docs := evalCorpus(b)
	// The resume closest to 5 KB.
	typical := docs[0]
	for _, d := range docs {
		if abs(len(d)-5000) < abs(len(typical)-5000) {
			typical = d
		}
	}
	var mb strings.Builder
	for mb.Len() < 1<<20 {
		for _, d := range docs {
			mb.WriteString(d)
			mb.WriteString("\n\n")
		}
	}
	s := Default()
	s.Scan(typical) // build the detectors' automata before timing
	for _, tc := range []struct {
		name, text string
	}{{"resume-5KB", typical}, {"mixed-1MB", mb.String()[:1<<20]}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			b.ReportAllocs()
			for b.Loop() {
				s.Scan(tc.text)
			}
		})
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
