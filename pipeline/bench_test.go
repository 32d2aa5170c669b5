package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gabriel-vasile/mimetype"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
	"github.com/prescreen/prescreen/report"
)

// The stage benchmarks screen one two-page resume (three evaluation
// resumes, English and Chinese, one after the other: 88 lines, 3.4 KB of
// text, most categories planted) in each format. MB/s is over the input
// file's bytes, so formats compare by what a scan reads from disk; text
// per second is the TXT figure.

type benchDoc struct {
	name string
	data []byte
}

func benchDocs(b *testing.B) []benchDoc {
	b.Helper()
	var text string
	for _, name := range []string{"uk-01", "us-02", "cn-01"} {
		t, err := os.ReadFile("../fixtures/eval/" + name + ".txt")
		if err != nil {
			b.Skip("no fixtures/eval resumes:", err)
		}
		text += string(t) + "\n"
	}
	docx, err := eval.ToDOCX(text)
	if err != nil {
		b.Fatal(err)
	}
	return []benchDoc{{"txt", []byte(text)}, {"docx", docx}, {"pdf", pdftest.FromText(text)}}
}

func benchProcessor(b *testing.B) *Processor {
	b.Helper()
	fp, err := report.NewFingerprinter([]byte("pipeline-bench-key-0123456789"))
	if err != nil {
		b.Fatal(err)
	}
	p := &Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp}
	p.Scanner.Scan("warm up the automata") // built once, before timing
	return p
}

// prepared is a document extracted, detected and decided, ready for the
// stage under test.
type prepared struct {
	benchDoc
	format redact.Format
	ext    redact.Extraction
	red    redact.Redaction
	output []byte
}

func prepare(b *testing.B, p *Processor, d benchDoc) prepared {
	b.Helper()
	mt := baseOutcome(d.data).MediaType
	f, ok := DefaultFormats()[mt]
	if !ok {
		b.Fatalf("%s: sniffed as %s", d.name, mt)
	}
	ext, err := f.Extract(d.data)
	if err != nil {
		b.Fatal(err)
	}
	matches, decide := p.detect(ext.Text(), nil)
	var red redact.Redaction
	for _, m := range matches {
		if r, _ := decide(m); r {
			red.Spans = append(red.Spans, redact.Span{Start: m.Start, End: m.End, Category: m.Category})
		}
	}
	if len(red.Spans) < 20 {
		b.Fatalf("%s: only %d spans to redact", d.name, len(red.Spans))
	}
	out, err := ext.Apply(red)
	if err != nil {
		b.Fatal(err)
	}
	return prepared{d, f, ext, red, out}
}

func eachFormat(b *testing.B, fn func(b *testing.B, p *Processor, d prepared)) {
	p := benchProcessor(b)
	for _, d := range benchDocs(b) {
		pd := prepare(b, p, d)
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.data)))
			b.ReportAllocs()
			fn(b, p, pd)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkSniff is the media-type check on each file's bytes.
func BenchmarkSniff(b *testing.B) {
	eachFormat(b, func(b *testing.B, _ *Processor, d prepared) {
		for b.Loop() {
			mimetype.Detect(d.data)
		}
	})
}

// BenchmarkExtract parses a file into text with its map to the source.
func BenchmarkExtract(b *testing.B) {
	eachFormat(b, func(b *testing.B, _ *Processor, d prepared) {
		for b.Loop() {
			if _, err := d.format.Extract(d.data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDetectDecide runs the detectors, the policy's terms and the
// decisions over the extracted text (the detectors alone:
// detectors.BenchmarkDetect).
func BenchmarkDetectDecide(b *testing.B) {
	eachFormat(b, func(b *testing.B, p *Processor, d prepared) {
		text := d.ext.Text()
		for b.Loop() {
			matches, decide := p.detect(text, nil)
			for _, m := range matches {
				decide(m)
			}
		}
	})
}

// BenchmarkRedact applies the redactions (and the sanitising) to the
// parsed document and writes the reviewer copy. A PDF extraction can be
// applied once, so each round parses the file again off the clock.
func BenchmarkRedact(b *testing.B) {
	eachFormat(b, func(b *testing.B, _ *Processor, d prepared) {
		for b.Loop() {
			b.StopTimer()
			ext, err := d.format.Extract(d.data)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := ext.Apply(d.red); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkVerify re-reads the reviewer copy (with the second reader, for
// PDF) and runs the detectors over it again.
func BenchmarkVerify(b *testing.B) {
	eachFormat(b, func(b *testing.B, p *Processor, d prepared) {
		for b.Loop() {
			if reason := p.verify(d.format, d.ext, d.output, nil); reason != "" {
				b.Fatal(reason)
			}
		}
	})
}

// BenchmarkProcess is the whole Processor: sniff, hash, extract, detect,
// decide, redact, verify (not the file I/O).
func BenchmarkProcess(b *testing.B) {
	eachFormat(b, func(b *testing.B, p *Processor, d prepared) {
		ctx := context.Background()
		for b.Loop() {
			out, err := p.Process(ctx, d.data)
			if err != nil || out.Status != report.Redacted {
				b.Fatalf("%v %s", err, out.Reason)
			}
		}
	})
}

// BenchmarkBatch screens a folder of 100 files of one format with two
// workers, in-process: the Processor plus reading the files, the atomic
// writes of the reviewer copies and the report entries. One op is the
// batch of 100.
func BenchmarkBatch(b *testing.B) {
	p := benchProcessor(b)
	for _, d := range benchDocs(b) {
		b.Run(d.name, func(b *testing.B) {
			in := b.TempDir()
			for i := range 100 {
				if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("%03d.%s", i, d.name)), d.data, 0o600); err != nil {
					b.Fatal(err)
				}
			}
			items, err := Collect([]string{in}, "")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(items) * len(d.data)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				batch := &Batch{Processor: p, Out: b.TempDir(), Workers: 2}
				b.StartTimer()
				docs, err := batch.Run(context.Background(), items)
				if err != nil || len(docs) != len(items) || docs[0].Status != report.Redacted {
					b.Fatalf("%v: %d documents", err, len(docs))
				}
			}
			b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
