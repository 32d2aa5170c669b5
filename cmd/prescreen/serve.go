package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/isolate"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
	"github.com/prescreen/prescreen/server"
)

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runServe(ctx context.Context, args []string, stderr io.Writer) error {
	var (
		addr, tokenFile, logFormat string
		policies                   stringList
		maxBytes                   int64
		workers, queue             int
		timeout, drain             time.Duration
	)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: prescreen serve [flags]\n\nThe pre-screen HTTP step: POST /v1/screen, GET /v1/policy, /healthz, /readyz,\n/metrics, /openapi.yaml. Stateless; nothing is written to disk.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&addr, "addr", ":8080", "listen address")
	fs.Var(&policies, "policy", "policy to load: default, blind or a YAML file; repeat to load several (the first is the default; requests pick others with ?policy=NAME)")
	fs.Int64Var(&maxBytes, "max-bytes", 20<<20, "largest accepted document (413 above)")
	fs.IntVar(&workers, "workers", runtime.NumCPU(), "documents screened at once")
	fs.IntVar(&queue, "queue", 64, "requests that may wait for a worker; more get 503 with Retry-After")
	fs.DurationVar(&timeout, "timeout", 30*time.Second, "screening time limit per document (422 above)")
	fs.DurationVar(&drain, "drain", 30*time.Second, "on SIGTERM, how long in-flight requests may take to finish")
	fs.StringVar(&tokenFile, "token-file", "", "`file` holding the bearer token requests must carry")
	fs.StringVar(&logFormat, "log-format", "text", "log format: text or json")
	isolated := fs.Bool("isolate", true, "screen in worker processes that a stuck or crashing parser cannot take down")
	cpu := fs.Duration("cpu-limit", 0, "CPU time one document may use in a worker (default: --timeout)")
	memory := fs.Int64("memory-limit", 4<<30, "address-space limit of each worker process, in bytes")
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	if workers < 1 || queue < 0 || maxBytes <= 0 || timeout <= 0 {
		return usagef("serve: --workers, --max-bytes and --timeout must be positive, --queue not negative")
	}
	log, err := newLogger(stderr, "serve", logFormat, "info")
	if err != nil {
		return err
	}
	if len(policies) == 0 {
		policies = stringList{"default"}
	}
	loaded := map[string]*policy.Policy{}
	var first *policy.Policy
	for _, name := range policies {
		p, err := loadPolicy(name, "")
		if err != nil {
			return err
		}
		if first == nil {
			first = p
		}
		loaded[p.Name] = p
	}
	var token string
	if tokenFile != "" {
		b, err := os.ReadFile(tokenFile)
		if err != nil {
			return usagef("serve: --token-file: %v", err)
		}
		if token = strings.TrimSpace(string(b)); len(token) < 16 {
			return usagef("serve: the token in %s must be at least 16 characters", tokenFile)
		}
	}
	key, err := report.LoadKey()
	if err != nil {
		return usagef("%v", err)
	}
	fp, err := report.NewFingerprinter(key)
	if err != nil {
		return usagef("%v", err)
	}
	var screen func(context.Context, []byte, string, string) (pipeline.Outcome, error)
	if *isolated {
		pool, err := startServePool(first, loaded, key, workers, timeout, *cpu, *memory)
		if err != nil {
			return err
		}
		defer pool.Close()
		screen = pool.ProcessPolicy
	}
	srv, err := server.New(server.Config{
		Screen:    screen,
		Processor: &pipeline.Processor{Scanner: detectors.Default(), Policy: first, Fingerprinter: fp, Timeout: timeout},
		Policies:  loaded,
		MaxBytes:  maxBytes,
		Workers:   workers,
		Queue:     queue,
		Token:     token,
		Log:       log,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("serve: %v", err)
	}
	return serveUntilDone(ctx, ln, srv, timeout, drain, log)
}

// serveUntilDone serves on ln until ctx ends (SIGTERM, Ctrl-C), then turns
// /readyz to 503 and drains in-flight requests for at most drain.
func serveUntilDone(ctx context.Context, ln net.Listener, srv *server.Server, timeout, drain time.Duration, log *slog.Logger) error {
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      timeout + 60*time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "drain", drain)
	srv.Shutdown()
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// startServePool starts the worker processes of the HTTP step. They know
// every loaded policy (and the built-in ones), so a request's ?policy= and
// ?role= are applied inside the worker.
func startServePool(first *policy.Policy, loaded map[string]*policy.Policy, key []byte, workers int, timeout, cpu time.Duration, memory int64) (*isolate.Pool, error) {
	if cpu == 0 {
		cpu = timeout
	}
	all := map[string]*policy.Policy{"default": policy.Default(), "blind": policy.Blind()}
	for n, p := range loaded {
		all[n] = p
	}
	var files []isolate.PolicyFile
	for n, p := range all {
		files = append(files, isolate.PolicyFile{Name: n, File: n + ".yaml", Source: p.Source()})
	}
	return startPool(workers, isolate.Setup{
		PolicyName: first.Name, PolicySource: first.Source(), Key: key,
		Timeout: timeout, CPU: cpu, MemoryBytes: memory, Policies: files,
	})
}
