package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/isolate"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// common holds the flags every screening command shares.
type common struct {
	out      string
	workers  int
	policy   string
	role     string
	consent  string
	timeout  time.Duration
	maxBytes int64
	isolate  bool
	cpu      time.Duration
	memory   int64
	maxText  int
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "out", "prescreen-out", "output `folder`")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "documents screened at once")
	fs.StringVar(&c.policy, "policy", "default", "policy: default, blind, or a YAML `file` (see prescreen policy show)")
	fs.StringVar(&c.role, "role", "", "job profile of the policy to apply (see the policy's roles)")
	fs.StringVar(&c.consent, "consent", "", "consent records `file` (CSV or JSON) that let consent items pass")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Second, "time limit per document")
	fs.Int64Var(&c.maxBytes, "max-bytes", 20<<20, "larger files are quarantined unread")
	fs.BoolVar(&c.isolate, "isolate", true, "screen in worker processes that a stuck or crashing parser cannot take down")
	fs.DurationVar(&c.cpu, "cpu-limit", 0, "CPU time one document may use in a worker (default: --timeout)")
	fs.IntVar(&c.maxText, "max-text", pipeline.DefaultMaxTextBytes, "documents with more extracted text (bytes of UTF-8) are quarantined before detection")
	fs.Int64Var(&c.memory, "memory-limit", 4<<30, "address-space limit of each worker process, in bytes (an idle Go worker already maps about 1.4 GiB)")
}

func (c *common) check(cmd string) error {
	switch {
	case c.workers < 1:
		return usagef("%s: --workers must be at least 1", cmd)
	case c.timeout <= 0:
		return usagef("%s: --timeout must be positive", cmd)
	case c.maxBytes <= 0 || c.maxText <= 0:
		return usagef("%s: --max-bytes and --max-text must be positive", cmd)
	case c.out == "":
		return usagef("%s: --out must not be empty", cmd)
	case c.cpu < 0 || c.memory < 64<<20:
		return usagef("%s: --cpu-limit must not be negative and --memory-limit at least 64 MiB", cmd)
	}
	return nil
}

// loadPolicy loads --policy with --role applied.
func loadPolicy(name, role string) (*policy.Policy, error) {
	p, err := policy.Load(name)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if p, err = p.WithRole(role); err != nil {
		return nil, usagef("%v", err)
	}
	return p, nil
}

// batch builds the screening core from the flags. Call the returned stop
// when done: it ends the worker processes.
func (c *common) batch() (*pipeline.Batch, *policy.Policy, func(), error) {
	b, pol, key, err := c.inProcess()
	if err != nil || !c.isolate {
		return b, pol, func() {}, err
	}
	cpu := c.cpu
	if cpu == 0 {
		cpu = c.timeout
	}
	pool, err := startPool(c.workers, isolate.Setup{
		PolicyName: pol.Name, PolicySource: pol.Source(), Role: pol.Role(),
		Consents: b.Processor.Consents.Records(), Key: key,
		Timeout: c.timeout, CPU: cpu, MemoryBytes: c.memory, MaxTextBytes: c.maxText,
	})
	if err != nil {
		return nil, nil, nil, err
	}
	b.Screener = pool
	restore := func() {}
	if n := parentProcs(c.workers, runtime.NumCPU()); n > 0 && os.Getenv("GOMAXPROCS") == "" {
		prev := runtime.GOMAXPROCS(n)
		restore = func() { runtime.GOMAXPROCS(prev) }
	}
	return b, pol, func() { pool.Close(); restore() }, nil
}

// parentProcs is how many threads may run Go code at once in a batch's
// parent process when workers screen, or 0 to leave the default (one per
// CPU). The parent reads files, passes them on and commits the copies,
// about a tenth of a worker's CPU time per document. When the workers
// take every core, a thread per core made it spin idle threads on the
// cores they screen on: with two workers on two cores, 1 instead of 2
// lowered the parent's CPU time by 15% (0.22-0.24 against 0.26-0.32 s
// for 1,000 documents), which the workers then had. One per four workers
// leaves the parent room to keep many workers fed. With fewer workers
// than cores the parent has a core to itself and keeps the default.
func parentProcs(workers, cpus int) int {
	if workers < cpus {
		return 0
	}
	return max(1, min((workers+3)/4, cpus))
}

// startPool starts worker processes: this binary run as workerCommand.
func startPool(workers int, setup isolate.Setup) (*isolate.Pool, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding this program to start workers: %w", err)
	}
	return isolate.Start(isolate.Config{Command: []string{exe, workerCommand}, Workers: workers, Setup: setup})
}

// inProcess builds the screening core that runs in this process.
func (c *common) inProcess() (*pipeline.Batch, *policy.Policy, []byte, error) {
	pol, err := loadPolicy(c.policy, c.role)
	if err != nil {
		return nil, nil, nil, err
	}
	var consents *policy.Consents
	if c.consent != "" {
		if consents, err = policy.LoadConsents(c.consent); err != nil {
			return nil, nil, nil, usagef("%v", err)
		}
	}
	key, err := report.LoadKey()
	if err != nil {
		return nil, nil, nil, usagef("%v", err)
	}
	fp, err := report.NewFingerprinter(key)
	if err != nil {
		return nil, nil, nil, usagef("%v", err)
	}
	return &pipeline.Batch{
		Processor:    &pipeline.Processor{Scanner: detectors.Default(), Policy: pol, Fingerprinter: fp, Timeout: c.timeout, Consents: consents, MaxTextBytes: c.maxText},
		Out:          c.out,
		Workers:      c.workers,
		MaxBytes:     c.maxBytes,
		NeutralNames: pol.NeutralNames(),
	}, pol, key, nil
}

func policyRef(p *policy.Policy) report.PolicyRef {
	return report.PolicyRef{Name: p.FullName(), SHA256: p.SHA256()}
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
	quiet   bool
	formats []string
	paths   []string
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
	format := fs.String("report-format", "json", "extra report formats, comma-separated: jsonl, csv, html (report.json is always written)")
	var err error
	if o.paths, err = parseArgs(fs, args); err != nil {
		return nil, err
	}
	if len(o.paths) == 0 {
		return nil, usagef("scan: no PATH given (try: prescreen scan resumes/ --out out/)")
	}
	if o.formats, err = report.ParseFormats(*format); err != nil {
		return nil, usagef("scan: --report-format: %v", err)
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
	items, err := pipeline.Collect(o.paths, o.out)
	if err != nil {
		return usagef("%v", err)
	}
	batch, pol, stop, err := o.batch()
	if err != nil {
		return err
	}
	defer stop()
	if err := os.MkdirAll(o.out, 0o700); err != nil {
		return fmt.Errorf("creating output folder: %w", err)
	}
	// A scan killed mid-write leaves temp files (never a partial reviewer
	// copy: copies appear by rename). Clear them before starting.
	if _, err := pipeline.RemoveTemps(o.out); err != nil {
		return fmt.Errorf("clearing temp files in the output folder: %w", err)
	}

	rep := &report.Report{Tool: report.Tool{Name: "prescreen", Version: version}, Policy: policyRef(pol), Started: time.Now().UTC()}
	// report.jsonl is written as documents finish, then renamed into
	// place: readers never see a half-written report.
	var stream *pipeline.StreamFile
	if contains(o.formats, "jsonl") {
		if stream, err = pipeline.NewStreamFile(filepath.Join(o.out, "report.jsonl")); err != nil {
			return fmt.Errorf("writing report: %w", err)
		}
		defer stream.Abort()
		batch.OnDocument = func(d report.Document) { report.WriteJSONLine(stream, d) }
	}
	// The report entries wait on disk, not in memory: a batch of 10,000
	// documents would otherwise hold some 90 MB of them.
	spool, err := pipeline.NewSpool(o.out)
	if err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	defer spool.Close()
	batch.Spool = spool
	bar := newProgressBar(stderr, o.quiet, len(items))
	batch.Progress = func(done, total int) { bar.Set(done) }
	_, runErr := batch.Run(ctx, items)
	bar.Finish()
	// The workers are done: let them exit while the report is written.
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	defer func() { <-stopped }()

	rep.Finished = time.Now().UTC()
	rep.Interrupted = errors.Is(runErr, pipeline.ErrInterrupted)
	rep.Totals = spool.Totals()
	if err := writeReports(o.out, o.formats, rep, spool, stream); err != nil {
		return errors.Join(runErr, fmt.Errorf("writing report: %w", err))
	}
	if batch.NeutralNames {
		if err := writeNames(o.out, spool); err != nil {
			return errors.Join(runErr, fmt.Errorf("writing names.json: %w", err))
		}
	}
	done := spool.Len()
	if !o.quiet {
		fmt.Fprintln(stderr, summary(rep, len(items), o.out))
	}
	switch {
	case rep.Interrupted:
		return fmt.Errorf("interrupted: %d of %d documents screened; the report lists them", done, len(items))
	case runErr != nil:
		return runErr
	case rep.Totals.Quarantined > 0:
		return errQuarantined
	}
	return nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// writeReports writes every asked-for format atomically; the streamed
// JSONL report is committed rather than rewritten. report.json is written
// from the spool one document at a time; the other formats read the
// documents back into rep when asked for.
func writeReports(out string, formats []string, rep *report.Report, spool *pipeline.Spool, stream *pipeline.StreamFile) error {
	for _, f := range formats {
		if f == "jsonl" && stream != nil {
			if err := stream.Commit(); err != nil {
				return err
			}
			continue
		}
		write := report.Formats[f].Write
		if f == "json" {
			write = func(w io.Writer, r *report.Report) error { return report.WriteJSONFrom(w, r, spool) }
		} else if rep.Documents == nil && spool.Len() > 0 {
			docs, err := spool.Documents()
			if err != nil {
				return err
			}
			rep.Documents = docs
		}
		// Straight to the file: a report of 10,000 documents is tens of
		// megabytes, not worth holding in memory once more.
		sf, err := pipeline.NewStreamFile(filepath.Join(out, report.Formats[f].File))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(sf, 64<<10)
		if err := errors.Join(write(bw, rep), bw.Flush()); err != nil {
			sf.Abort()
			return err
		}
		if err := sf.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// writeNames writes names.json beside the report, mapping each neutral
// reviewer-copy name back to its input for HR. It never goes in redacted/.
func writeNames(out string, spool *pipeline.Spool) error {
	names := map[string]string{}
	err := spool.Each(func(raw []byte) error {
		var d struct {
			Input  string  `json:"input"`
			Output *string `json:"output"`
		}
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		if d.Output != nil {
			names[*d.Output] = d.Input
		}
		return nil
	})
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(names, "", "  ")
	if err != nil {
		return err
	}
	return pipeline.WriteFile(filepath.Join(out, "names.json"), append(b, '\n'))
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

// newProgressBar shows documents done, rate and ETA on a terminal; nothing
// when stderr is not a terminal or with --quiet.
func newProgressBar(w io.Writer, quiet bool, total int) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return progressbar.DefaultSilent(int64(total))
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("screening"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
