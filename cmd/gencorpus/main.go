// Command gencorpus generates a corpus of resumes for performance runs, at
// any size, from the annotated evaluation resumes (fixtures/eval), and
// checks a scan of it against what it planted.
//
//	go run ./cmd/gencorpus -n 1000 -out DIR [-formats txt,docx,pdf] [-seed N]
//	go run ./cmd/gencorpus -check SCANOUT -out DIR
//
// Each document is one of the evaluation resumes with its ID numbers
// (mainland resident IDs, with a valid check digit), e-mail addresses,
// phone numbers and names replaced by freshly generated ones, lengthened to
// 1–3 pages with item-free lines of other resumes in the same language, and
// written as plain text, Word (our own writer, eval.ToDOCX) or PDF
// (pdftest.FromText), in turn at random. Documents go to DIR/docs/ and
// DIR/manifest.jsonl lists each file with its planted items: category and
// offsets in the text prescreen extracts from it, never a value.
//
// -check reads SCANOUT/report.json (prescreen scan DIR/docs --out SCANOUT)
// and prints, per category and per format, how many planted items a
// finding of their category overlaps (recall) and how many a redacted
// finding of any category covers. It prints no value.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/prescreen/prescreen/eval"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of documents")
	out := fs.String("out", "", "corpus `folder` (documents in docs/, manifest.jsonl)")
	fmts := fs.String("formats", "txt,docx,pdf", "formats to write, comma-separated, mixed at random")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same documents (text, formats, planted items; the paragraph rsids inside DOCX files vary)")
	fixtures := fs.String("fixtures", "fixtures/eval", "annotated resumes to start from")
	check := fs.String("check", "", "scan output `folder` whose report.json to check against -out's manifest")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	if *check != "" {
		return checkScan(filepath.Join(*out, "manifest.jsonl"), filepath.Join(*check, "report.json"), stdout)
	}
	var use []format
	for _, name := range strings.Split(*fmts, ",") {
		f, ok := formats[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("-formats: unknown format %q (txt, docx, pdf)", name)
		}
		use = append(use, f)
	}
	if *n < 1 {
		return errors.New("-n must be at least 1")
	}
	c, err := eval.Load(*fixtures)
	if err != nil {
		return err
	}
	entries, err := generate(newGenerator(c), use, *n, *seed, *out)
	if err != nil {
		return err
	}
	return writeManifest(filepath.Join(*out, "manifest.jsonl"), entries)
}

// generate writes n documents into out/docs, using every CPU. Document i
// depends only on the seed and i.
func generate(g *generator, use []format, n int, seed uint64, out string) ([]Entry, error) {
	dir := filepath.Join(out, "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	entries := make([]Entry, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				entries[i], errs[i] = one(g, use, seed, i, dir)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return entries, errors.Join(errs...)
}

func one(g *generator, use []format, seed uint64, i int, dir string) (Entry, error) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	d := g.make(rng)
	f := use[rng.IntN(len(use))]
	data, items, err := render(d, f)
	if err != nil {
		return Entry{}, fmt.Errorf("document %d (%s): %w", i, d.base, err)
	}
	name := fmt.Sprintf("%06d.%s", i, f.ext)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return Entry{}, err
	}
	return Entry{File: "docs/" + name, Format: f.ext, Lang: d.lang, Base: d.base, Pages: d.pages, Bytes: len(data), Items: items}, nil
}

func writeManifest(path string, entries []Entry) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readManifest(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []Entry
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var e Entry
		if err := dec.Decode(&e); errors.Is(err, io.EOF) {
			return entries, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		entries = append(entries, e)
	}
}
