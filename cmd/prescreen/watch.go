package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/prescreen/prescreen/watch"
)

// newLogger builds the slog logger of a long-running command from its
// --log-format (text or json) and --log-level (info or debug) flags.
func newLogger(w io.Writer, cmd, format, level string) (*slog.Logger, error) {
	var l slog.Level
	switch level {
	case "info":
		l = slog.LevelInfo
	case "debug":
		l = slog.LevelDebug
	default:
		return nil, usagef("%s: --log-level must be info or debug", cmd)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("%s: --log-format must be text or json", cmd)
}

// days is a duration flag that also takes a number of days ("180d").
type days struct{ d *time.Duration }

func (f days) String() string {
	if f.d == nil || *f.d == 0 {
		return ""
	}
	return f.d.String()
}

func (f days) Set(s string) error {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		v, err := strconv.Atoi(n)
		if err != nil || v < 0 {
			return fmt.Errorf("%q is not a number of days", s)
		}
		*f.d = time.Duration(v) * 24 * time.Hour
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a duration (e.g. 180d or 36h)", s)
	}
	*f.d = v
	return nil
}

func runWatch(ctx context.Context, args []string, stderr io.Writer) error {
	var (
		c                 common
		archive           string
		retain            time.Duration
		settle, poll      time.Duration
		logFormat, logLvl string
	)
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: prescreen watch INBOX [flags]\n\nScreens what is in INBOX, then every file that lands in it (sub-folders\nincluded), once. Each original is moved to --archive when screened, or left\nin place and recorded as done. Reviewer copies go to OUT/redacted, quarantine\nrecords to OUT/quarantine, one JSON line per document to OUT/report.jsonl.\nStops cleanly on SIGTERM or Ctrl-C.\n\nFlags:")
		fs.PrintDefaults()
	}
	c.register(fs)
	fs.StringVar(&archive, "archive", "", "move screened originals into this `folder` (a sub-folder per day)")
	fs.Var(days{&retain}, "retain", "delete archived originals older than this (e.g. 180d); needs --archive")
	fs.DurationVar(&settle, "settle", 2*time.Second, "a file is complete when its size and mtime are unchanged this long")
	fs.DurationVar(&poll, "poll", 0, "rescan at this interval instead of using inotify (for network mounts)")
	fs.StringVar(&logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&logLvl, "log-level", "info", "log level: info, or debug (debug logs file names)")
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("watch: give exactly one INBOX folder")
	}
	if err := c.check("watch"); err != nil {
		return err
	}
	if settle <= 0 || poll < 0 {
		return usagef("watch: --settle must be positive and --poll not negative")
	}
	log, err := newLogger(stderr, "watch", logFormat, logLvl)
	if err != nil {
		return err
	}
	batch, pol, stop, err := c.batch()
	if err != nil {
		return err
	}
	defer stop()
	err = watch.Run(ctx, watch.Config{
		Inbox:   pos[0],
		Batch:   batch,
		Policy:  policyRef(pol),
		Workers: c.workers,
		Archive: archive,
		Retain:  retain,
		Settle:  settle,
		Poll:    poll,
		Log:     log,
	})
	var ce watch.ConfigError
	if errors.As(err, &ce) {
		return usagef("watch: %v", err)
	}
	return err
}
