package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/prescreen/prescreen/report"
	"github.com/sourcegraph/conc/panics"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sys/unix"
)

// Batch screens a list of items into an output folder:
//
//	Out/redacted/<rel>          the reviewer copy (redacted or clean)
//	Out/quarantine/<rel>.json   why a document could not be screened
//	Out/report.json             the findings report (written by the caller)
type Batch struct {
	Processor *Processor
	// Screener, when set, screens instead of Processor: the isolate
	// package's pool of worker processes, say.
	Screener Screener
	Out      string
	// Workers is how many documents are screened at once (at least 1).
	Workers int
	// MaxBytes quarantines larger files without reading them; 0: no limit.
	MaxBytes int64
	// NeutralNames names reviewer copies by content (the first 12 hex
	// digits of the sha256 plus the extension), flat in redacted/: under
	// a policy that redacts names, "Zhang_Wei_resume.pdf" would undo it.
	NeutralNames bool
	// OnDocument, if set, receives each document's report entry as it
	// finishes (serialised by Batch), for streamed reports.
	OnDocument func(report.Document)
	// Spool, if set, receives the report entries instead of Run's result
	// (which is then empty), so memory does not grow with the batch.
	Spool *Spool
	// Progress, if set, is called after each document (from many
	// goroutines, serialised by Batch).
	Progress func(done, total int)

	// injectWrite, when set, replaces the file writer: tests inject a
	// full disk.
	injectWrite func(path string, data []byte) error
}

// put writes one output file atomically and then calls then with the
// outcome (see dirSet.put).
func (b *Batch) put(path string, data []byte, dirs *dirSet, then func(error)) {
	if b.injectWrite != nil {
		then(b.injectWrite(path, data))
		return
	}
	dirs.put(path, data, then)
}

// QuarantineRecord is the content of Out/quarantine/<rel>.json.
type QuarantineRecord struct {
	Input     string `json:"input"`
	Reason    string `json:"reason"`
	SHA256    string `json:"sha256"`
	MediaType string `json:"media_type"`
}

// Run screens items and returns one report entry per screened document,
// sorted by input. It stops early, with ErrInterrupted, when ctx is
// cancelled; documents already written stay written, and no partial file is
// left. Any other error is an internal failure (the output folder cannot be
// written): per-document trouble is a quarantine, never an error.
//
// Each file is written atomically (temp file, flush, rename): files are
// flushed in groups behind the documents (see dirSet), and the folders
// written to are synced once, before Run returns, rather than after every
// file: the caller writes the report only after that.
func (b *Batch) Run(ctx context.Context, items []Item) ([]report.Document, error) {
	var (
		mu       sync.Mutex
		docs     []report.Document
		errs     []error
		finished int
		dirs     dirSet
	)
	// Screening is held to Workers documents at once, or to what the
	// Screener takes at once (a Queuer's workers each hold a document
	// beside the one they screen). Workers more documents are in flight,
	// so that reading one file and writing another overlap with screening
	// instead of leaving a worker idle.
	workers := max(1, b.Workers)
	screenCap := workers
	if q, ok := b.Screener.(Queuer); ok {
		screenCap = max(1, q.Capacity())
	}
	screening := make(chan struct{}, screenCap)
	p := pool.New().WithMaxGoroutines(screenCap + workers)
	// record takes a document's report entry once its files are in place.
	record := func(doc report.Document, err error) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case errors.Is(err, ErrInterrupted):
			return
		case err != nil:
			errs = append(errs, err)
			return
		}
		if b.Spool != nil {
			if err := b.Spool.Add(doc); err != nil {
				errs = append(errs, fmt.Errorf("keeping the report entry: %w", err))
				return
			}
		} else {
			docs = append(docs, doc)
		}
		finished++
		if b.OnDocument != nil {
			b.OnDocument(doc)
		}
		if b.Progress != nil {
			b.Progress(finished, len(items))
		}
	}
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		p.Go(func() {
			// Writing can panic too (a full disk in an unexpected place):
			// it must cost this document, not the batch. Files are only
			// queued as the last step of one, so a panic comes before.
			if r := panics.Try(func() { b.one(ctx, it, &dirs, screening, record) }); r != nil {
				doc := report.Document{Input: it.Path, Status: report.Quarantined, Reason: "internal error: panic", Findings: []report.Finding{}}
				b.writeQuarantine(it, doc, &dirs, record)
			}
		})
	}
	p.Wait()
	dirs.wait()
	if err := dirs.sync(); err != nil {
		errs = append(errs, fmt.Errorf("syncing the output folders: %w", err))
	}
	slices.SortFunc(docs, func(a, b report.Document) int { return cmp.Compare(a.Input, b.Input) })
	if err := errors.Join(errs...); err != nil {
		return docs, err
	}
	if ctx.Err() != nil {
		return docs, ErrInterrupted
	}
	return docs, nil
}

// one screens and writes a single item, screening only while it holds a
// place in screening, and passes its report entry to done.
func (b *Batch) one(ctx context.Context, it Item, dirs *dirSet, screening chan struct{}, done func(report.Document, error)) {
	data, out := b.Load(it)
	if out == nil {
		select {
		case screening <- struct{}{}:
		case <-ctx.Done():
			done(report.Document{}, ErrInterrupted)
			return
		}
		o, temp, err := b.screenTo(ctx, it, data, dirs)
		<-screening
		if err != nil {
			done(report.Document{}, err)
			return
		}
		b.write(it, o, temp, dirs, done)
		return
	}
	b.write(it, *out, "", dirs, done)
}

// screenTo screens one document. When the Screener can write the reviewer
// copy itself (a FileScreener), it is asked to, to a temp file beside
// where the copy goes; temp names that file when it was written.
func (b *Batch) screenTo(ctx context.Context, it Item, data []byte, dirs *dirSet) (out Outcome, temp string, err error) {
	if fs, ok := b.Screener.(FileScreener); ok && b.injectWrite == nil {
		// Where the folder cannot be made, the copy is written the usual
		// way, which reports the error.
		if dir := filepath.Join(b.Out, "redacted", b.outputDir(it)); dirs.mkdir(dir) == nil {
			temp = filepath.Join(dir, fmt.Sprintf(".prescreen-%d-%016x.tmp", os.Getpid(), rand.Uint64()))
			out, written, err := fs.ProcessDocTo(ctx, data, it.Rel, temp)
			if !written || err != nil {
				syscall.Unlink(temp) // whatever a killed worker left, if anything
				temp = ""
			}
			return out, temp, err
		}
	}
	out, err = b.Screen(ctx, data, it.Rel)
	return out, "", err
}

// Screen screens one document with the Screener, or the Processor.
func (b *Batch) Screen(ctx context.Context, data []byte, ref string) (Outcome, error) {
	if b.Screener != nil {
		return b.Screener.ProcessDoc(ctx, data, ref)
	}
	return b.Processor.ProcessDoc(ctx, data, ref)
}

// Load reads an item. When the file itself is the problem (a symlink, too
// large, unreadable, empty) it returns the quarantine outcome instead.
func (b *Batch) Load(it Item) ([]byte, *Outcome) {
	fail := func(o Outcome, reason string) *Outcome {
		q := quarantine(o, reason)
		return &q
	}
	if it.Problem != "" {
		return nil, fail(Outcome{}, it.Problem)
	}
	f, err := openFile(it.Path)
	if err != nil {
		return nil, fail(Outcome{}, "unreadable: "+errReason(err))
	}
	defer f.Close()
	limit := b.MaxBytes
	if limit <= 0 {
		limit = 1 << 62
	}
	data, err := readAll(f, limit+1)
	if err != nil {
		return nil, fail(Outcome{}, "unreadable: "+errReason(err))
	}
	if int64(len(data)) > limit {
		// Hash the whole file, so the record still identifies it.
		h := sha256.New()
		h.Write(data)
		if _, err := io.Copy(h, f); err != nil {
			return nil, fail(Outcome{}, "unreadable: "+errReason(err))
		}
		return nil, fail(Outcome{SHA256: hex.EncodeToString(h.Sum(nil)), MediaType: baseOutcome(data[:min(len(data), 3072)]).MediaType}, fmt.Sprintf("too large: over %d bytes", limit))
	}
	if len(data) == 0 {
		return nil, fail(baseOutcome(data), "empty file")
	}
	return data, nil
}

// openFile opens path for reading, as os.Open does, but without offering
// the file to the runtime's poller: os.Open tries that for every file (a
// regular file is refused), five system calls more for each document the
// batch's parent reads.
func openFile(path string) (*os.File, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// readAll reads at most n bytes of f. It sizes its buffer from the file's
// size, as os.ReadFile does, so a file is read in one or two system calls
// rather than in a dozen as io.ReadAll's buffer grows from 512 bytes.
func readAll(f *os.File, n int64) ([]byte, error) {
	size := int64(512)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		size = fi.Size() + 1 // one more, to see the end without another read
	}
	data := make([]byte, 0, min(size, n))
	r := io.LimitReader(f, n)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // let append grow it
		}
		k, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+k]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// Write stores an outcome under the output folder: the reviewer copy, or
// the quarantine record (removing any reviewer copy an earlier run left).
// Each file and its folder are synced before Write returns.
func (b *Batch) Write(it Item, out Outcome) (doc report.Document, err error) {
	b.write(it, out, "", nil, func(d report.Document, e error) { doc, err = d, e })
	return doc, err
}

// write is Write, passing the report entry to done once the files are in
// place; with dirs set, that is later, from dirs' committer (see
// dirSet.put), and folders are recorded in dirs to be synced at the end.
// A non-empty temp names the reviewer copy a FileScreener already wrote,
// in the folder where it goes; out.Output is then unused.
func (b *Batch) write(it Item, out Outcome, temp string, dirs *dirSet, done func(report.Document, error)) {
	doc := report.Document{Input: filepath.ToSlash(it.Path), SHA256: out.SHA256, MediaType: out.MediaType, Status: out.Status, Reason: out.Reason, Findings: out.Findings, Consent: out.Consent}
	if doc.Findings == nil {
		doc.Findings = []report.Finding{}
	}
	if out.Status == report.Quarantined {
		if temp != "" { // a screener should not write a copy then; none goes out
			syscall.Unlink(temp)
		}
		b.writeQuarantine(it, doc, dirs, done)
		return
	}
	rel := filepath.Join("redacted", b.outputName(it, out.SHA256))
	then := func(err error) {
		if err != nil {
			done(doc, fmt.Errorf("writing reviewer copy: %w", err))
			return
		}
		// A quarantine record from an earlier run no longer applies.
		if err := removeIfExists(b.quarantinePath(it), dirs); err != nil {
			done(doc, err)
			return
		}
		relSlash := filepath.ToSlash(rel)
		doc.Output = &relSlash
		done(doc, nil)
	}
	if temp != "" {
		dirs.putWritten(temp, filepath.Join(b.Out, rel), then)
		return
	}
	b.put(filepath.Join(b.Out, rel), out.Output, dirs, then)
}

// errReason describes a file error without its path (paths can hold names).
func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// outputName is the reviewer copy's path under redacted/.
func (b *Batch) outputName(it Item, sha string) string {
	if !b.NeutralNames || len(sha) < 12 {
		return filepath.FromSlash(it.Rel)
	}
	return sha[:12] + strings.ToLower(filepath.Ext(it.Rel))
}

// outputDir is the folder under redacted/ that outputName puts a screened
// document's copy in (a screened document always has its sha256).
func (b *Batch) outputDir(it Item) string {
	if b.NeutralNames {
		return "."
	}
	return filepath.Dir(filepath.FromSlash(it.Rel))
}

func (b *Batch) quarantinePath(it Item) string {
	return filepath.Join(b.Out, "quarantine", filepath.FromSlash(it.Rel)+".json")
}

// writeQuarantine records a quarantined document and removes any reviewer
// copy an earlier run left for it: a document that fails now must not
// reach a reviewer through a stale file. done gets the report entry.
func (b *Batch) writeQuarantine(it Item, doc report.Document, dirs *dirSet, done func(report.Document, error)) {
	rec, err := json.MarshalIndent(QuarantineRecord{Input: doc.Input, Reason: doc.Reason, SHA256: doc.SHA256, MediaType: doc.MediaType}, "", "  ")
	if err != nil {
		done(doc, err)
		return
	}
	if err := removeIfExists(filepath.Join(b.Out, "redacted", b.outputName(it, doc.SHA256)), dirs); err != nil {
		done(doc, err)
		return
	}
	b.put(b.quarantinePath(it), append(rec, '\n'), dirs, func(err error) {
		if err != nil {
			err = fmt.Errorf("writing quarantine record: %w", err)
		}
		done(doc, err)
	})
}

// removeIfExists removes path. When something was removed, its folder is
// synced (with dirs nil) or recorded in dirs.
func removeIfExists(path string, dirs *dirSet) error {
	// Unlink, not os.Remove: these are files, and os.Remove follows a
	// failed unlink with an rmdir, a second system call per document.
	err := syscall.Unlink(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("removing stale output: %w", err)
	}
	return dirs.changed(filepath.Dir(path))
}
