package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// common holds the flags every screening command shares.
type common struct {
	out      string
	workers  int
	policy   string
	timeout  time.Duration
	maxBytes int64
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "out", "prescreen-out", "output `folder`")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "documents screened at once")
	fs.StringVar(&c.policy, "policy", "", "policy `file` (only the built-in default is supported so far)")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "time limit per document")
	fs.Int64Var(&c.maxBytes, "max-bytes", 20<<20, "larger files are quarantined unread")
}

func (c *common) check(cmd string) error {
	switch {
	case c.workers < 1:
		return usagef("%s: --workers must be at least 1", cmd)
	case c.timeout <= 0:
		return usagef("%s: --timeout must be positive", cmd)
	case c.maxBytes <= 0:
		return usagef("%s: --max-bytes must be positive", cmd)
	case c.policy != "" && c.policy != "default":
		return usagef("%s: --policy: policy files are not supported yet; omit the flag to use the built-in default policy", cmd)
	case c.out == "":
		return usagef("%s: --out must not be empty", cmd)
	}
	return nil
}

// batch builds the screening core from the flags.
func (c *common) batch() (*pipeline.Batch, *policy.Policy, error) {
	key, err := report.LoadKey()
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	fp, err := report.NewFingerprinter(key)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	pol := policy.Default()
	return &pipeline.Batch{
		Processor: &pipeline.Processor{Scanner: detectors.Default(), Policy: pol, Fingerprinter: fp, Timeout: c.timeout},
		Out:       c.out,
		Workers:   c.workers,
		MaxBytes:  c.maxBytes,
	}, pol, nil
}

// parseArgs parses flags that may come before, between or after the
// positional arguments, which it returns.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

type scanOptions struct {
	common
	quiet bool
	paths []string
}

func parseScan(args []string, stderr io.Writer) (*scanOptions, error) {
	o := &scanOptions{}
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: prescreen scan [flags] PATH...\n\nScreens every file under each PATH (folders recursively; hidden files\nskipped, symlinks not followed) and writes reviewer copies to OUT/redacted,\nquarantine records to OUT/quarantine and the report to OUT/report.json.\nExit status: 0 all screened, 3 some quarantined, 2 usage error, 1 failure.\n\nFlags:")
		fs.PrintDefaults()
	}
	o.register(fs)
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing but errors")
	var err error
	if o.paths, err = parseArgs(fs, args); err != nil {
		return nil, err
	}
	if len(o.paths) == 0 {
		return nil, usagef("scan: no PATH given (try: prescreen scan resumes/ --out out/)")
	}
	return o, o.check("scan")
}

func runScan(ctx context.Context, args []string, stderr io.Writer) error {
	o, err := parseScan(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	batch, pol, err := o.batch()
	if err != nil {
		return err
	}
	items, err := pipeline.Collect(o.paths, o.out)
	if err != nil {
		return usagef("%v", err)
	}
	if err := os.MkdirAll(o.out, 0o700); err != nil {
		return fmt.Errorf("creating output folder: %w", err)
	}

	rep := &report.Report{
		Tool:    report.Tool{Name: "prescreen", Version: version},
		Policy:  report.PolicyRef{Name: pol.Name, SHA256: pol.SHA256()},
		Started: time.Now().UTC(),
	}
	progress := newProgress(stderr, o.quiet)
	batch.Progress = progress.update
	docs, runErr := batch.Run(ctx, items)
	progress.done()

	rep.Documents = docs
	rep.Finished = time.Now().UTC()
	rep.Interrupted = errors.Is(runErr, pipeline.ErrInterrupted)
	rep.Tally()
	b, err := rep.JSON()
	if err == nil {
		err = pipeline.WriteFile(filepath.Join(o.out, "report.json"), b)
	}
	if err != nil {
		return errors.Join(runErr, fmt.Errorf("writing report: %w", err))
	}
	if !o.quiet {
		fmt.Fprintln(stderr, summary(rep, len(items), o.out))
	}
	switch {
	case rep.Interrupted:
		return fmt.Errorf("interrupted: %d of %d documents screened; the report lists them", len(docs), len(items))
	case runErr != nil:
		return runErr
	case rep.Totals.Quarantined > 0:
		return errQuarantined
	}
	return nil
}

// summary is the one line printed at the end of a scan.
func summary(r *report.Report, total int, out string) string {
	t := r.Totals
	var cats []string
	for _, c := range detectors.Reported {
		if n := t.FindingsByCategory[c]; n > 0 {
			cats = append(cats, fmt.Sprintf("%s %d", c, n))
		}
	}
	found := "none"
	if len(cats) > 0 {
		found = strings.Join(cats, ", ")
	}
	return fmt.Sprintf("prescreen: %d of %d documents: %d redacted, %d clean, %d quarantined; findings: %s; %.2fs; report: %s",
		t.Documents, total, t.Redacted, t.Clean, t.Quarantined, found,
		r.Finished.Sub(r.Started).Seconds(), filepath.Join(out, "report.json"))
}

// progress shows "screened N/M" on a terminal, at most a few times a second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); done == total || now.Sub(p.last) > 200*time.Millisecond {
		p.last = now
		p.shown = true
		fmt.Fprintf(p.w, "\rscreened %d/%d", done, total)
	}
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
