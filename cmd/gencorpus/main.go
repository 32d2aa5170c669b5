// Command gencorpus generates a corpus of resumes for performance runs, at
// any size, from the annotated evaluation resumes (fixtures/eval), and
// checks a scan of it against what it planted.
//
//	go run ./cmd/gencorpus -n 1000 -out DIR [-formats txt,docx,pdf] [-seed N] [-office=false] [-office-share 0.2]
//	go run ./cmd/gencorpus -check SCANOUT -out DIR
//
// Each document is one of the evaluation resumes with its ID numbers
// (mainland resident IDs, with a valid check digit), e-mail addresses,
// phone numbers and names replaced by freshly generated ones, lengthened to
// 1–3 pages with item-free lines of other resumes in the same language, and
// written as plain text, Word or PDF, in turn at random. Word files are
// written by our own writer (eval.ToDOCX) or, when they are on PATH, by
// pandoc and LibreOffice (a share each, -office-share); PDF files by
// pdftest.FromText or LibreOffice. Documents go to DIR/docs/ and
// DIR/manifest.jsonl lists each file with its writer and planted items:
// category and offsets in the text prescreen extracts from it, never a
// value. In an office program's file the items are located by their
// values; those it dropped or rewrote are listed as not located.
//
// -check reads SCANOUT/report.json (prescreen scan DIR/docs --out SCANOUT)
// and prints, per category, format, writer and overall, how many planted
// items a finding of their category overlaps (recall) and how many a
// redacted finding of any category covers, then the quarantined documents
// per writer with the report's reasons. It prints no value.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same documents (text, formats, writers, planted items; the paragraph rsids inside our DOCX files, and the dates and IDs in LibreOffice's, vary)")
	fixtures := fs.String("fixtures", "fixtures/eval", "annotated resumes to start from")
	check := fs.String("check", "", "scan output `folder` whose report.json to check against -out's manifest")
	office := fs.Bool("office", true, "have pandoc and LibreOffice (soffice) write a share of the documents, when they are on PATH")
	share := fs.Float64("office-share", 0.2, "with -office: the `share` of DOCX documents pandoc writes, the same share LibreOffice writes, and the share of PDF documents LibreOffice writes (0 to 0.5)")
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
	if *share < 0 || *share > 0.5 {
		return errors.New("-office-share must be between 0 and 0.5")
	}
	if *n < 1 {
		return errors.New("-n must be at least 1")
	}
	c, err := eval.Load(*fixtures)
	if err != nil {
		return err
	}
	oo := officeOpts{share: *share}
	if *office {
		oo.tools = findTools()
		wantDOCX, wantPDF := false, false
		for _, f := range use {
			wantDOCX = wantDOCX || f.ext == "docx"
			wantPDF = wantPDF || f.ext == "pdf"
		}
		if wantDOCX && oo.tools.pandoc == "" {
			fmt.Fprintln(stderr, "gencorpus: pandoc is not on PATH: no DOCX is written by pandoc")
		}
		if (wantDOCX || wantPDF) && oo.tools.soffice == "" {
			fmt.Fprintln(stderr, "gencorpus: soffice is not on PATH: no document is written by LibreOffice")
		}
	}
	entries, err := generate(newGenerator(c), use, *n, *seed, *out, oo, stdout, stderr)
	if err != nil {
		return err
	}
	return writeManifest(filepath.Join(*out, "manifest.jsonl"), entries)
}

// officeOpts says which documents office programs write.
type officeOpts struct {
	tools tools
	// share of DOCX documents pandoc writes, the same share LibreOffice
	// writes, and the share of PDF documents LibreOffice writes.
	share float64
}

// writerFor picks the writer of a document of format ext from u, a
// uniform draw in [0, 1).
func (o officeOpts) writerFor(ext string, u float64) string {
	switch {
	case ext == "docx" && u < o.share && o.tools.pandoc != "":
		return writerPandoc
	case ext == "docx" && u >= o.share && u < 2*o.share && o.tools.soffice != "":
		return writerLibreOffice
	case ext == "pdf" && u < o.share && o.tools.soffice != "":
		return writerLibreOffice
	}
	return writerPrescreen
}

// generate writes n documents into out/docs, using every CPU. Document i
// (its text, format and writer) depends only on the seed and i. Our own
// writers write theirs at once; the office programs' documents are then
// converted in batches (see convert).
func generate(g *generator, use []format, n int, seed uint64, out string, oo officeOpts, stdout, stderr io.Writer) ([]Entry, error) {
	dir := filepath.Join(out, "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	entries := make([]Entry, n)
	errs := make([]error, n)
	pending := make([]*officeDoc, n)
	parallel(runtime.NumCPU(), n, func(i int) {
		entries[i], pending[i], errs[i] = one(g, use, seed, i, dir, oo)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var office []*officeDoc
	for _, od := range pending {
		if od != nil {
			office = append(office, od)
		}
	}
	if len(office) > 0 {
		if err := convert(oo.tools, office); err != nil {
			return nil, err
		}
		if err := failedConversions(office, stderr); err != nil {
			return nil, err
		}
		parallel(runtime.NumCPU(), len(office), func(k int) {
			od := office[k]
			entries[od.i], errs[od.i] = finish(od, dir)
		})
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		unread := 0
		for _, od := range office {
			if entries[od.i].ExtractError != "" {
				unread++
			}
		}
		if unread > 0 {
			fmt.Fprintf(stderr, "gencorpus: prescreen cannot read %d of the %d office-written documents (manifest: extract_error; their items are listed as not located)\n", unread, len(office))
		}
	}
	printSummary(stdout, entries)
	return entries, nil
}

// parallel calls fn(0..n-1) on up to workers goroutines.
func parallel(workers, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, workers) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// one makes document i and writes it when our own writer is to, or returns
// it for an office program to write.
func one(g *generator, use []format, seed uint64, i int, dir string, oo officeOpts) (Entry, *officeDoc, error) {
	d, f, u, mode := plan(g, use, seed, i)
	if w := oo.writerFor(f.ext, u); w != writerPrescreen {
		if w != writerPandoc {
			mode = ""
		}
		return Entry{}, &officeDoc{i: i, d: d, f: f, writer: w, mode: mode}, nil
	}
	e, err := ourOwn(d, f, i, dir)
	return e, nil, err
}

// plan is document i: its text and planted items, its format, the draw u
// that picks its writer (officeOpts.writerFor) and pandoc's reader.
func plan(g *generator, use []format, seed uint64, i int) (d doc, f format, u float64, mode string) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	d = g.make(rng)
	f = use[rng.IntN(len(use))]
	// Drawn for every document, so that the office options never change
	// which documents (text and format) a seed gives.
	u, mode = rng.Float64(), pandocReaders[rng.IntN(len(pandocReaders))]
	return d, f, u, mode
}

// ourOwn writes document i with prescreen's writer for format f.
func ourOwn(d doc, f format, i int, dir string) (Entry, error) {
	data, items, err := render(d, f)
	if err != nil {
		return Entry{}, fmt.Errorf("document %d (%s): %w", i, d.base, err)
	}
	name := fmt.Sprintf("%06d.%s", i, f.ext)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		return Entry{}, err
	}
	return Entry{File: "docs/" + name, Format: f.ext, Writer: writerPrescreen, Lang: d.lang, Base: d.base, Pages: d.pages, Bytes: len(data), Items: items}, nil
}

// convert has the office programs write their documents, on GOMAXPROCS
// goroutines: LibreOffice in batches of sofficeBatch files per process
// (one profile per goroutine, removed at the end), pandoc one process per
// file. Each document ends with data or err set.
func convert(t tools, office []*officeDoc) error {
	tmp, err := os.MkdirTemp("", "gencorpus-office-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	// The batches first: they take longest.
	var jobs []func(worker int)
	for _, ext := range []string{"pdf", "docx"} {
		var batch []*officeDoc
		flush := func() {
			if len(batch) > 0 {
				b := batch
				jobs = append(jobs, func(worker int) {
					runSoffice(ctx, t.soffice, tmp, filepath.Join(tmp, fmt.Sprintf("profile-%d", worker)), b)
				})
			}
			batch = nil
		}
		for _, od := range office {
			if od.writer == writerLibreOffice && od.f.ext == ext {
				batch = append(batch, od)
				if len(batch) == sofficeBatch {
					flush()
				}
			}
		}
		flush()
	}
	for _, od := range office {
		if od.writer == writerPandoc {
			jobs = append(jobs, func(int) { runPandoc(ctx, t.pandoc, od) })
		}
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan func(int))
	for w := range workers {
		wg.Go(func() {
			for job := range next {
				job(w)
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
	return nil
}

// failedConversions prints how many documents each office program failed
// to write, which prescreen's writer then writes instead (finish). When a
// program wrote none of its documents it is broken, and that is an error.
func failedConversions(office []*officeDoc, stderr io.Writer) error {
	type count struct {
		tried, failed int
		first         error
	}
	counts := map[string]*count{}
	for _, od := range office {
		key := od.writer + " " + od.f.ext
		c := counts[key]
		if c == nil {
			c = &count{}
			counts[key] = c
		}
		c.tried++
		if od.err != nil {
			c.failed++
			if c.first == nil {
				c.first = od.err
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var errs []error
	for _, k := range keys {
		c := counts[k]
		switch {
		case c.failed == c.tried:
			errs = append(errs, fmt.Errorf("%s: all %d conversions failed (-office=false makes the corpus without office programs): %w", k, c.tried, c.first))
		case c.failed > 0:
			fmt.Fprintf(stderr, "gencorpus: %s: %d of %d conversions failed, written by prescreen's writer instead (manifest: writer); first: %v\n", k, c.failed, c.tried, c.first)
		}
	}
	return errors.Join(errs...)
}

// finish writes a converted document and locates its planted items in the
// text prescreen's extractor reads from it. A document whose conversion
// failed is written by our own writer instead.
func finish(od *officeDoc, dir string) (Entry, error) {
	if od.err != nil {
		return ourOwn(od.d, od.f, od.i, dir)
	}
	name := fmt.Sprintf("%06d.%s", od.i, od.f.ext)
	if err := os.WriteFile(filepath.Join(dir, name), od.data, 0o644); err != nil {
		return Entry{}, err
	}
	e := Entry{File: "docs/" + name, Format: od.f.ext, Writer: od.writer, PandocReader: od.mode, Lang: od.d.lang, Base: od.d.base, Pages: od.d.pages, Bytes: len(od.data)}
	ex, err := od.f.extract.Extract(od.data)
	if err != nil {
		e.ExtractError = err.Error()
		e.Items = []Planted{}
		for _, it := range od.d.items {
			e.NotLocated = append(e.NotLocated, it.Category)
		}
		return e, nil
	}
	e.Items, e.NotLocated = locateAll(od.d, ex.Text())
	if od.f.ext == "pdf" {
		e.Pages = pagesOf(ex, e.Pages)
	}
	return e, nil
}

// printSummary prints how many documents of each format each writer wrote.
func printSummary(w io.Writer, entries []Entry) {
	counts := map[string]map[string]int{}
	for _, e := range entries {
		if counts[e.Format] == nil {
			counts[e.Format] = map[string]int{}
		}
		counts[e.Format][e.Writer]++
	}
	var parts []string
	for _, f := range []string{"txt", "docx", "pdf"} {
		if c := counts[f]; c != nil {
			var ws []string
			for _, wr := range []string{writerPrescreen, writerPandoc, writerLibreOffice} {
				if c[wr] > 0 {
					ws = append(ws, fmt.Sprintf("%s %d", wr, c[wr]))
				}
			}
			parts = append(parts, fmt.Sprintf("%s: %s", f, strings.Join(ws, ", ")))
		}
	}
	fmt.Fprintf(w, "%d documents; %s\n", len(entries), strings.Join(parts, "; "))
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
