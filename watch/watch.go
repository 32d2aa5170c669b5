// Package watch screens every resume that lands in an upload folder, once,
// and survives crashes: see the journal states in journal.go.
package watch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/report"
	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/panics"
)

// Config describes one watcher.
type Config struct {
	Inbox string
	// Batch screens and writes single documents; its Out is the output
	// folder, which also holds journal.jsonl and report.jsonl.
	Batch   *pipeline.Batch
	Policy  report.PolicyRef
	Workers int
	// Archive receives each original once screened, in a folder per day;
	// empty leaves originals in place.
	Archive string
	// Retain deletes archived originals older than this; 0 keeps them.
	Retain time.Duration
	// Settle is how long a file's size and mtime must stay unchanged
	// before it is taken as complete.
	Settle time.Duration
	// Poll, when set, rescans the inbox at this interval instead of using
	// inotify (which does not fire on network mounts).
	Poll time.Duration
	Log  *slog.Logger
}

// ReportLine is one line of report.jsonl.
type ReportLine struct {
	Time   time.Time        `json:"time"`
	Policy report.PolicyRef `json:"policy"`
	report.Document
}

type fileKey struct {
	size  int64
	mtime time.Time
}

type pendingFile struct {
	key     fileKey
	changed time.Time // when we last saw key change
}

type watcher struct {
	Config
	journal *journal

	reportMu sync.Mutex
	report   *os.File
	reported map[string]bool // sha256 values with a line in report.jsonl

	seenMu sync.Mutex
	seen   map[string]fileKey // path -> the version last handled
	busy   map[string]bool    // paths being screened

	pending map[string]*pendingFile // owned by the main loop
	queue   chan string
	fsw     *fsnotify.Watcher
}

// Run watches until ctx is cancelled, then finishes the documents in flight
// (each bounded by the processor's timeout) and returns nil.
func Run(ctx context.Context, cfg Config) error {
	if err := cfg.check(); err != nil {
		return err
	}
	w := &watcher{Config: cfg, reported: map[string]bool{}, seen: map[string]fileKey{}, busy: map[string]bool{}, pending: map[string]*pendingFile{}, queue: make(chan string, cfg.Workers*4)}
	if err := w.open(); err != nil {
		return err
	}
	defer w.journal.close()
	defer w.report.Close()

	if cfg.Poll == 0 {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return inotifyError(err)
		}
		defer fsw.Close()
		w.fsw = fsw
	}
	if err := w.rescan(); err != nil {
		return err
	}
	if cfg.Archive != "" && cfg.Retain > 0 {
		w.applyRetention()
	}

	var workers conc.WaitGroup
	for range cfg.Workers {
		workers.Go(func() {
			for path := range w.queue {
				w.handleSafely(path)
			}
		})
	}
	err := w.loop(ctx)
	close(w.queue)
	workers.Wait()
	w.Log.Info("watch stopped")
	return err
}

// ConfigError is a problem with the Config, as opposed to one met while
// watching.
type ConfigError struct{ error }

func (c *Config) check() error {
	if err := c.validate(); err != nil {
		return ConfigError{err}
	}
	return nil
}

func (c *Config) validate() error {
	if c.Workers < 1 {
		c.Workers = 1
	}
	if c.Settle <= 0 {
		c.Settle = 2 * time.Second
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	st, err := os.Stat(c.Inbox)
	if err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("inbox %s is not a folder", c.Inbox)
	}
	for name, dir := range map[string]string{"--out": c.Batch.Out, "--archive": c.Archive} {
		if dir != "" && within(dir, c.Inbox) {
			return fmt.Errorf("%s %s must not lie inside the inbox", name, dir)
		}
	}
	if c.Retain > 0 && c.Archive == "" {
		return errors.New("--retain needs --archive: only archived originals are deleted")
	}
	return nil
}

func within(path, dir string) bool {
	p, err1 := filepath.Abs(path)
	d, err2 := filepath.Abs(dir)
	return err1 == nil && err2 == nil && (p == d || strings.HasPrefix(p, d+string(filepath.Separator)))
}

// open prepares the output folder: removes temp files a crash left behind,
// repairs torn last lines, opens the journal and the report.
func (w *watcher) open() error {
	out := w.Batch.Out
	if err := os.MkdirAll(out, 0o700); err != nil {
		return err
	}
	if _, err := pipeline.RemoveTemps(out); err != nil {
		return fmt.Errorf("removing temp files a crash left: %w", err)
	}
	j, err := openJournal(filepath.Join(out, "journal.jsonl"))
	if err != nil {
		return err
	}
	w.journal = j
	reportPath := filepath.Join(out, "report.jsonl")
	if err := repairTail(reportPath); err != nil {
		return err
	}
	if b, err := os.ReadFile(reportPath); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
		for sc.Scan() {
			var line ReportLine
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.SHA256 != "" {
				w.reported[line.SHA256] = true
			}
		}
	}
	w.report, err = os.OpenFile(reportPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	return err
}

func (w *watcher) loop(ctx context.Context) error {
	tick := time.NewTicker(max(w.Settle/4, 10*time.Millisecond))
	defer tick.Stop()
	var poll, retention <-chan time.Time
	if w.Poll > 0 {
		t := time.NewTicker(w.Poll)
		defer t.Stop()
		poll = t.C
	}
	if w.Archive != "" && w.Retain > 0 {
		t := time.NewTicker(min(max(w.Retain/10, time.Second), time.Hour))
		defer t.Stop()
		retention = t.C
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	w.Log.Info("watching", "mode", map[bool]string{true: "poll", false: "inotify"}[w.Poll > 0], "settle", w.Settle)
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-events:
			w.event(ev)
		case err := <-errs:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.Log.Warn("event queue overflowed: rescanning the inbox")
				if err := w.rescan(); err != nil {
					return err
				}
				continue
			}
			w.Log.Error("watch error", "err", err)
		case <-poll:
			if err := w.rescan(); err != nil {
				w.Log.Error("rescan failed", "err", err)
			}
		case <-retention:
			w.applyRetention()
		case <-tick.C:
			w.promote(ctx)
		}
	}
}

func (w *watcher) event(ev fsnotify.Event) {
	switch {
	case ev.Has(fsnotify.Create), ev.Has(fsnotify.Write):
		st, err := os.Lstat(ev.Name)
		if err != nil {
			return
		}
		if st.IsDir() {
			// Add the new folder first, then scan it: files written
			// into it before the watch was added give no event.
			if !skipName(filepath.Base(ev.Name)) {
				if err := w.walk(ev.Name); err != nil {
					w.Log.Error("watching new folder failed", "err", err)
				}
			}
			return
		}
		w.markPending(ev.Name, st)
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		delete(w.pending, ev.Name)
	}
}

// rescan walks the whole inbox, adding watches and marking every file not
// yet handled in its current version as pending.
func (w *watcher) rescan() error { return w.walk(w.Inbox) }

func (w *watcher) walk(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			w.Log.Warn("unreadable folder in inbox", "err", errors.Unwrap(err))
			return nil
		}
		if path != root && skipName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if w.fsw != nil {
				if err := w.fsw.Add(path); err != nil {
					return inotifyError(err)
				}
			}
			return nil
		}
		if st, err := os.Lstat(path); err == nil {
			w.markPending(path, st)
		}
		return nil
	})
}

// skipName ignores hidden files and the temporary names that browsers,
// uploaders and Office write before the real file appears.
func skipName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.HasSuffix(lower, ".part") || strings.HasSuffix(lower, ".crdownload") ||
		strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".download")
}

func (w *watcher) markPending(path string, st fs.FileInfo) {
	if skipName(filepath.Base(path)) {
		return
	}
	key := fileKey{st.Size(), st.ModTime()}
	w.seenMu.Lock()
	handled := w.seen[path] == key
	w.seenMu.Unlock()
	if handled {
		return
	}
	if p, ok := w.pending[path]; !ok || p.key != key {
		w.pending[path] = &pendingFile{key: key, changed: time.Now()}
	}
}

// promote queues the pending files whose size and mtime have been stable
// for the settle time.
func (w *watcher) promote(ctx context.Context) {
	now := time.Now()
	for path, p := range w.pending {
		if ctx.Err() != nil {
			return
		}
		st, err := os.Lstat(path)
		if err != nil {
			delete(w.pending, path)
			continue
		}
		key := fileKey{st.Size(), st.ModTime()}
		if key != p.key {
			p.key, p.changed = key, now
			continue
		}
		// A file already old when first seen (the backlog) is stable.
		stableSince := p.changed
		if key.mtime.Before(stableSince) {
			stableSince = key.mtime
		}
		if now.Sub(stableSince) < w.Settle {
			continue
		}
		w.seenMu.Lock()
		busy := w.busy[path]
		if !busy {
			w.busy[path] = true
		}
		w.seenMu.Unlock()
		if busy {
			continue
		}
		select {
		case w.queue <- path:
			delete(w.pending, path)
		default: // workers are full; try on the next tick
			w.seenMu.Lock()
			delete(w.busy, path)
			w.seenMu.Unlock()
			return
		}
	}
}

func (w *watcher) handleSafely(path string) {
	var key fileKey
	if st, err := os.Lstat(path); err == nil {
		key = fileKey{st.Size(), st.ModTime()}
	}
	if r := panics.Try(func() { w.handle(path) }); r != nil {
		w.Log.Error("internal error while screening a document (it stays in the inbox)")
	}
	w.seenMu.Lock()
	w.seen[path] = key
	delete(w.busy, path)
	w.seenMu.Unlock()
}

// handle takes one complete file through the journal states.
func (w *watcher) handle(path string) {
	rel, _ := filepath.Rel(w.Inbox, path)
	it := pipeline.Item{Path: path, Rel: filepath.ToSlash(rel)}
	st, err := os.Lstat(path)
	if err != nil {
		return // gone meanwhile
	}
	it.Problem = pipeline.ProblemOf(st.Mode())
	data, problem := w.Batch.Load(it)
	var sha string
	if problem != nil {
		sha = problem.SHA256
	} else {
		sha = pipeline.SHA256(data)
	}
	if sha == "" {
		// Unreadable or not a file: key the journal by its name's hash.
		sha = "name:" + pipeline.SHA256([]byte(it.Rel))
	}
	log := w.Log.With("sha256", sha)
	log.Debug("complete file", "path", it.Rel)

	switch w.journal.state(sha) {
	case stateDone:
		log.Info("skipped: same content already screened")
		w.archive(it, sha, log, false)
		return
	case stateReported:
		w.archive(it, sha, log, true)
		return
	case stateScreening:
		if w.hasReportLine(sha) {
			// Crashed after the report line, before the journal said so.
			if err := w.journal.record(sha, stateReported); err != nil {
				log.Error("journal write failed", "err", err)
				return
			}
			w.archive(it, sha, log, true)
			return
		}
		if _, err := w.journal.claim(sha, true); err != nil {
			log.Error("journal write failed", "err", err)
			return
		}
	default:
		owned, err := w.journal.claim(sha, false)
		if err != nil {
			log.Error("journal write failed", "err", err)
			return
		}
		if !owned {
			log.Info("skipped: same content is being screened")
			return
		}
	}

	var out pipeline.Outcome
	if problem != nil {
		out = *problem
	} else {
		// In-flight documents finish after a stop signal: the processor's
		// own timeout bounds them.
		if out, err = w.Batch.Screen(context.Background(), data, it.Rel); err != nil {
			log.Error("screening failed", "err", err)
			return
		}
	}
	doc, err := w.Batch.Write(it, out)
	if err != nil {
		log.Error("writing outputs failed; will retry after a restart", "err", err)
		return
	}
	doc.Input = it.Rel
	if err := w.appendReport(doc); err != nil {
		log.Error("writing report line failed", "err", err)
		return
	}
	if err := w.journal.record(sha, stateReported); err != nil {
		log.Error("journal write failed", "err", err)
		return
	}
	log.Info("screened", "status", doc.Status, "findings", len(doc.Findings), "reason", doc.Reason)
	w.archive(it, sha, log, true)
}

func (w *watcher) hasReportLine(sha string) bool {
	w.reportMu.Lock()
	defer w.reportMu.Unlock()
	return w.reported[sha]
}

func (w *watcher) appendReport(doc report.Document) error {
	b, err := json.Marshal(ReportLine{Time: time.Now().UTC(), Policy: w.Policy, Document: doc})
	if err != nil {
		return err
	}
	w.reportMu.Lock()
	defer w.reportMu.Unlock()
	if err := appendSync(w.report, b); err != nil {
		return err
	}
	w.reported[doc.SHA256] = true
	return nil
}

// archive moves the original out of the inbox (or, without an archive,
// leaves it) and records the document as done.
func (w *watcher) archive(it pipeline.Item, sha string, log *slog.Logger, record bool) {
	if w.Archive != "" {
		dest, err := moveToArchive(it, w.Archive, sha, time.Now())
		if err != nil {
			log.Error("archiving the original failed; it stays in the inbox", "err", err)
			return
		}
		log.Debug("archived", "path", dest)
	}
	if record {
		if err := w.journal.record(sha, stateDone); err != nil {
			log.Error("journal write failed", "err", err)
		}
	}
}

func inotifyError(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("the inotify watch limit is reached: raise it with `sysctl fs.inotify.max_user_watches=524288` (and fs.inotify.max_user_instances), or use --poll: %w", err)
	}
	if errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("too many inotify instances: raise `sysctl fs.inotify.max_user_instances`, or use --poll: %w", err)
	}
	return err
}
