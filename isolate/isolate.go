// Package isolate runs the screening of each document in worker processes,
// so that a parser stuck in a loop or eating memory costs one quarantined
// document, not the batch or the service: a context cannot stop a spinning
// goroutine, but the kernel can stop a process.
//
// A worker is the prescreen binary re-executing itself (see Serve). The
// parent keeps a small pool of them, fed over pipes with gob frames. Each
// worker runs under an address-space limit and, per document, a CPU-time
// limit; a worker that misses its deadline is killed, one that dies is
// replaced, and its document is quarantined with the reason.
package isolate

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
)

// Setup is what a worker needs to build the same Processor as the parent.
type Setup struct {
	PolicyName   string
	PolicySource []byte
	Role         string
	Consents     []policy.ConsentRecord
	Key          []byte
	Timeout      time.Duration
	// CPU is the CPU time one document may use; MemoryBytes caps the
	// worker's address space. Zero means no limit.
	CPU         time.Duration
	MemoryBytes int64
	// MaxTextBytes is the Processor's limit on extracted text.
	MaxTextBytes int
	// Policies are more policies a request may name (the HTTP step loads
	// several), as file name and contents.
	Policies []PolicyFile
}

// PolicyFile is a policy as a worker receives it.
type PolicyFile struct {
	Name   string // the policy's own name, which requests use
	File   string // for error messages
	Source []byte
}

// Config describes a pool.
type Config struct {
	// Command starts a worker, e.g. {os.Executable(), "__worker"}.
	Command []string
	Workers int
	Setup   Setup
}

type request struct {
	Data []byte
	Ref  string
	// Policy and Role select another loaded policy (empty: the setup's).
	Policy, Role string
	// Temp, if set, is a file the worker creates to write the reviewer
	// copy to (see pipeline.FileScreener).
	Temp string
}

type response struct {
	Outcome pipeline.Outcome
	Failed  string // the worker could not screen (an unknown policy, say)
	Retire  bool   // the worker exits after this answer
	Written bool   // the reviewer copy is at the request's Temp
}

// Pool is a set of worker processes. It implements pipeline.Screener.
type Pool struct {
	cfg  Config
	idle chan *worker
	mu   sync.Mutex
	all  map[*worker]bool
}

var _ pipeline.FileScreener = (*Pool)(nil)

type worker struct {
	cmd *exec.Cmd
	enc *gob.Encoder
	dec *gob.Decoder
	// The parent's ends of the pipes: pollable, so that a request's
	// deadline is a deadline on them rather than a goroutine and a timer.
	in, out *os.File
	done    chan struct{} // closed when the process has exited
	wait    error
}

// Start launches the workers.
func Start(cfg Config) (*Pool, error) {
	if len(cfg.Command) == 0 {
		return nil, errors.New("isolate: no worker command")
	}
	cfg.Workers = max(1, cfg.Workers)
	p := &Pool{cfg: cfg, idle: make(chan *worker, cfg.Workers), all: map[*worker]bool{}}
	for range cfg.Workers {
		w, err := p.spawn()
		if err != nil {
			p.Close()
			return nil, err
		}
		p.idle <- w
	}
	return p, nil
}

func (p *Pool) spawn() (*worker, error) {
	cmd := exec.Command(p.cfg.Command[0], p.cfg.Command[1:]...)
	// A fatal error's goroutine dump could show fragments of memory:
	// print the one-line reason only.
	// glibc (linked in when cgo is) reserves 64 MiB of address space per
	// thread for malloc arenas, which an address-space limit would spend
	// on nothing: two arenas are plenty for a Go program.
	// A worker screens one document at a time on one goroutine: with a P
	// per core its runtime would spin idle threads and run its GC on the
	// cores the other workers screen on (a 1,500-document scan with two
	// workers: 2.30-2.44 s with GOMAXPROCS unset, 2.16-2.20 s with 1).
	cmd.Env = append(os.Environ(), "GOTRACEBACK=none", "MALLOC_ARENA_MAX=2", "GOMAXPROCS=1")
	cmd.Stderr = os.Stderr
	childIn, in, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	out, childOut, err := os.Pipe()
	if err != nil {
		childIn.Close()
		in.Close()
		return nil, err
	}
	cmd.Stdin, cmd.Stdout = childIn, childOut
	err = cmd.Start()
	childIn.Close() // the child has its own copies now
	childOut.Close()
	if err != nil {
		in.Close()
		out.Close()
		return nil, fmt.Errorf("isolate: starting a worker: %w", err)
	}
	w := &worker{cmd: cmd, enc: gob.NewEncoder(in), dec: gob.NewDecoder(out), in: in, out: out, done: make(chan struct{})}
	go func() {
		w.wait = cmd.Wait()
		in.Close()
		out.Close()
		close(w.done)
	}()
	if err := w.enc.Encode(p.cfg.Setup); err != nil {
		w.kill()
		return nil, fmt.Errorf("isolate: sending the worker its setup: %w", err)
	}
	p.mu.Lock()
	p.all[w] = true
	p.mu.Unlock()
	return w, nil
}

func (w *worker) kill() {
	w.cmd.Process.Kill()
	<-w.done
}

// ProcessDoc screens one document in a worker. Trouble with the worker
// (a timeout, a crash, a limit) quarantines the document; the worker is
// replaced. It returns an error only for pipeline.ErrInterrupted.
func (p *Pool) ProcessDoc(ctx context.Context, data []byte, ref string) (pipeline.Outcome, error) {
	return p.ProcessWith(ctx, request{Data: data, Ref: ref})
}

// ProcessDocTo is ProcessDoc with the worker writing the reviewer copy to
// temp (see pipeline.FileScreener), which spares the copy's bytes a trip
// through the pipe and this process.
func (p *Pool) ProcessDocTo(ctx context.Context, data []byte, ref, temp string) (pipeline.Outcome, bool, error) {
	r, err := p.send(ctx, request{Data: data, Ref: ref, Temp: temp})
	return r.Outcome, r.Written, err
}

// ProcessPolicy is ProcessDoc under one of the setup's Policies (by name,
// "" for the setup's own) with a role applied.
func (p *Pool) ProcessPolicy(ctx context.Context, data []byte, policyName, role string) (pipeline.Outcome, error) {
	return p.ProcessWith(ctx, request{Data: data, Policy: policyName, Role: role})
}

// ProcessWith sends one request to a worker.
func (p *Pool) ProcessWith(ctx context.Context, req request) (pipeline.Outcome, error) {
	r, err := p.send(ctx, req)
	return r.Outcome, err
}

// send has a worker answer one request. Trouble with the worker comes
// back as a quarantined outcome, with Written false.
func (p *Pool) send(ctx context.Context, req request) (response, error) {
	var w *worker
	select {
	case w = <-p.idle:
	case <-ctx.Done():
		return response{}, pipeline.ErrInterrupted
	}
	if w == nil { // the last replacement failed to start: try again
		var err error
		if w, err = p.spawn(); err != nil {
			p.idle <- nil
			return failure(req, "internal error: no worker process could be started"), nil
		}
	}
	r, healthy, err := p.run(ctx, w, req)
	if healthy {
		p.idle <- w
	} else {
		p.replace(w)
	}
	return r, err
}

// run sends one request and waits for its answer, the worker's death or the
// deadline: the processor's timeout plus a grace period for start-up. The
// deadline, and ctx, act on the pipes: a read or write past them fails,
// and the worker is then killed.
func (p *Pool) run(ctx context.Context, w *worker, req request) (response, bool, error) {
	limit := p.cfg.Setup.Timeout + 5*time.Second
	deadline := time.Now().Add(limit)
	w.in.SetWriteDeadline(deadline)
	w.out.SetReadDeadline(deadline)
	stop := context.AfterFunc(ctx, func() {
		w.in.SetWriteDeadline(time.Unix(1, 0))
		w.out.SetReadDeadline(time.Unix(1, 0))
	})
	var r response
	err := w.enc.Encode(req)
	if err == nil {
		err = w.dec.Decode(&r)
	}
	stop()
	switch {
	case err == nil && r.Failed != "":
		return failure(req, "internal error: "+r.Failed), !r.Retire, nil
	case err == nil:
		return r, !r.Retire, nil
	case ctx.Err() != nil:
		w.kill()
		return response{}, false, pipeline.ErrInterrupted
	case errors.Is(err, os.ErrDeadlineExceeded):
		w.kill()
		return failure(req, fmt.Sprintf("timeout: worker killed after %s", limit)), false, nil
	}
	// The pipe broke: the worker is gone (or, if it sent something that
	// is not an answer, about to be); say why.
	w.kill()
	return failure(req, deathReason(w)), false, nil
}

// failure is the answer for a request no worker screened: the document
// quarantined for reason, identified by its hash. Only a failure needs the
// hash from this process: a worker's answer carries its own, and hashing
// every document twice cost the parent, which shares the cores with the
// workers, 3% of its time in a scan.
func failure(req request, reason string) response {
	return response{Outcome: quarantined(pipeline.Outcome{SHA256: pipeline.SHA256(req.Data)}, reason)}
}

func quarantined(o pipeline.Outcome, reason string) pipeline.Outcome {
	o.Status, o.Reason = report.Quarantined, reason
	return o
}

// deathReason names why a worker died, from its exit status.
func deathReason(w *worker) string {
	var ee *exec.ExitError
	if errors.As(w.wait, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			switch ws.Signal() {
			case syscall.SIGKILL:
				return "worker killed (out of memory or CPU limit)"
			}
			return "worker died: " + ws.Signal().String()
		}
		if ee.ExitCode() == exitCPULimit {
			return "cpu time limit exceeded: worker stopped"
		}
		if ee.ExitCode() == 2 {
			// How the Go runtime exits on a fatal error, including
			// running out of its address-space limit.
			return "worker crashed: out of memory or a fatal runtime error"
		}
		return fmt.Sprintf("worker died: exit status %d", ee.ExitCode())
	}
	return "worker died"
}

func (p *Pool) replace(w *worker) {
	w.kill()
	p.mu.Lock()
	delete(p.all, w)
	p.mu.Unlock()
	nw, err := p.spawn()
	if err != nil {
		nw = nil // the next ProcessDoc tries again; the pool keeps its size
	}
	p.idle <- nw
}

// Close stops every worker: all are told at once, then waited for. A
// second call does nothing.
func (p *Pool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for w := range p.all {
		w.in.Close() // a worker exits at EOF
	}
	deadline := time.After(2 * time.Second)
	for w := range p.all {
		select {
		case <-w.done:
		case <-deadline:
			w.kill()
		}
	}
	p.all = map[*worker]bool{}
	return nil
}
