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
//
// A worker has up to two documents at a time (slots): while it screens
// one, the next waits in its pipe, so that it starts on it as soon as it
// has answered instead of waiting for the parent to read the answer and
// send another. A document still waiting when its worker dies was never
// screened: it goes to another worker, and only the one being screened is
// quarantined.
package isolate

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
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
	cfg Config
	// A worker has two slots (see slots): its first is in free and its
	// second in spare while they are not taken. A document takes a first
	// slot if there is one, so that it goes to an idle worker before it
	// waits behind another document. A nil stands for a worker that could
	// not be started; whoever takes it starts one.
	free, spare chan *worker
	mu          sync.Mutex
	all         map[*worker]bool
	closed      bool
}

// slots is how many documents a worker has at a time: the one it screens
// and the next (a first and a second slot, see Pool). Measured on 3,329
// DOCX files with two workers, a worker with one waited 0.16-0.26 ms for
// its next document after each answer, 17% of its time, and the cores sat
// idle 7% of the scan.
const slots = 2

var (
	_ pipeline.FileScreener = (*Pool)(nil)
	_ pipeline.Queuer       = (*Pool)(nil)
)

// Capacity is how many documents the pool takes at once: slots per worker.
func (p *Pool) Capacity() int { return slots * p.cfg.Workers }

type worker struct {
	cmd *exec.Cmd
	enc *gob.Encoder
	dec *gob.Decoder
	// The parent's ends of the pipes: pollable, so that a request's
	// deadline is a deadline on them rather than a goroutine and a timer.
	in, out *os.File
	done    chan struct{} // closed when the process has exited
	wait    error

	// send orders the requests: one is written at a time, and each
	// request's answer is read after the answers to those written before
	// it (turn). broken is set once the worker must take no more requests
	// (it died, was killed or retired); a request that finds it set at its
	// turn was never screened. A write can wait for the worker to read, so
	// nothing but writing takes send.
	send   sync.Mutex
	turn   chan struct{} // closed when the last request written has had its answer read
	broken atomic.Bool
	// next is the worker started in this one's place (nil if that failed),
	// once by whichever of its slots is given back first (release).
	replaced sync.Once
	next     *worker
}

// Start launches the workers.
func Start(cfg Config) (*Pool, error) {
	if len(cfg.Command) == 0 {
		return nil, errors.New("isolate: no worker command")
	}
	cfg.Workers = max(1, cfg.Workers)
	p := &Pool{cfg: cfg, free: make(chan *worker, cfg.Workers), spare: make(chan *worker, cfg.Workers), all: map[*worker]bool{}}
	for range cfg.Workers {
		w, err := p.spawn()
		if err != nil {
			p.Close()
			return nil, err
		}
		p.free <- w
		p.spare <- w
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
	w := &worker{cmd: cmd, enc: gob.NewEncoder(in), dec: gob.NewDecoder(out), in: in, out: out, done: make(chan struct{}), turn: make(chan struct{})}
	close(w.turn) // no request before the first
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
	if p.closed {
		// A replacement started as the pool closed (an interrupted
		// request stops its worker in the background): stop it too.
		p.mu.Unlock()
		w.kill()
		return nil, errors.New("isolate: the pool is closed")
	}
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
	for {
		var w *worker
		first := true
		select {
		case w = <-p.free:
		default:
			select {
			case w = <-p.free:
			case w = <-p.spare:
				first = false
			case <-ctx.Done():
				return response{}, pipeline.ErrInterrupted
			}
		}
		if w == nil { // a replacement failed to start: try again
			var err error
			if w, err = p.spawn(); err != nil {
				p.put(nil, first)
				return failure(req, "internal error: no worker process could be started"), nil
			}
		}
		r, st, err := p.run(ctx, w, req, first)
		switch st {
		case healthy:
			p.put(w, first)
		case screenAgain:
			// The worker went before it started on this document.
			p.release(w, first)
			if err == nil {
				continue
			}
		case gone:
			p.release(w, first)
		case abandoned:
			// run gives the slot back itself, later.
		}
		return r, err
	}
}

// put gives back a worker's first or second slot.
func (p *Pool) put(w *worker, first bool) {
	if first {
		p.free <- w
	} else {
		p.spare <- w
	}
}

// How a request left its worker (run).
type state int

const (
	healthy     state = iota // answered; it takes more
	gone                     // answered or failed; it takes no more
	screenAgain              // it went before it started on this request
	abandoned                // interrupted before its turn; run releases the worker once the request before is answered
)

// run writes one request and, once the requests written before it have
// been answered, waits for its answer, the worker's death or the deadline:
// the processor's timeout plus a grace period for start-up, from when the
// worker could start on it. The deadlines, and ctx, act on the pipes: a
// read or write past them fails, and the worker is then killed. While a
// request waits for its turn, the answer being read is another's: an
// interruption then stops the worker only after that answer.
func (p *Pool) run(ctx context.Context, w *worker, req request, first bool) (response, state, error) {
	limit := p.cfg.Setup.Timeout + 5*time.Second
	w.send.Lock()
	if w.broken.Load() {
		w.send.Unlock()
		return interrupted(ctx, screenAgain)
	}
	prev, mine := w.turn, make(chan struct{})
	w.turn = mine
	// The worker reads a request when it has answered the one before, so
	// writing this one may wait for that one too.
	w.in.SetWriteDeadline(time.Now().Add(slots * limit))
	stop := context.AfterFunc(ctx, func() { w.in.SetWriteDeadline(time.Unix(1, 0)) })
	err := w.enc.Encode(req)
	stop()
	if err != nil {
		// It died, hangs on the request before (whose deadline stops it)
		// or this one was interrupted: it never started on this one, and
		// it takes no more, as part of a request may be in the pipe.
		w.broken.Store(true)
	}
	w.send.Unlock()
	select {
	case <-prev:
	case <-ctx.Done():
		go func() {
			<-prev
			w.stop()
			close(mine)
			p.release(w, first)
		}()
		return response{}, abandoned, pipeline.ErrInterrupted
	}
	defer close(mine)
	if err != nil || w.broken.Load() {
		w.stop()
		return interrupted(ctx, screenAgain)
	}

	w.out.SetReadDeadline(time.Now().Add(limit))
	stop = context.AfterFunc(ctx, func() { w.out.SetReadDeadline(time.Unix(1, 0)) })
	var r response
	err = w.dec.Decode(&r)
	stop()
	if err != nil || r.Retire {
		w.stop()
	}
	switch {
	case err == nil && r.Failed != "":
		st := healthy
		if r.Retire {
			st = gone
		}
		return failure(req, "internal error: "+r.Failed), st, nil
	case err == nil && r.Retire:
		return r, gone, nil
	case err == nil:
		return r, healthy, nil
	case ctx.Err() != nil:
		return response{}, gone, pipeline.ErrInterrupted
	case errors.Is(err, os.ErrDeadlineExceeded):
		return failure(req, fmt.Sprintf("timeout: worker killed after %s", limit)), gone, nil
	}
	// The pipe broke: the worker is gone (or, if it sent something that
	// is not an answer, about to be); say why.
	return failure(req, deathReason(w)), gone, nil
}

// interrupted is st, with ErrInterrupted if ctx is done.
func interrupted(ctx context.Context, st state) (response, state, error) {
	if ctx.Err() != nil {
		return response{}, st, pipeline.ErrInterrupted
	}
	return response{}, st, nil
}

// stop kills w and marks it as taking no more requests. Killing it first
// ends a write waiting for it to read.
func (w *worker) stop() {
	w.kill()
	w.broken.Store(true)
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

// release gives back a slot of a worker that takes no more requests: the
// first of its slots given back stops it and starts its replacement, and
// each gives back a slot of that one. If that failed to start, each gives
// back a nil, and a send that takes one starts a worker of its own (with
// that one slot), so the pool keeps its slots, if for a while on a process
// more.
func (p *Pool) release(w *worker, first bool) {
	w.replaced.Do(func() {
		w.kill()
		p.mu.Lock()
		delete(p.all, w)
		p.mu.Unlock()
		if nw, err := p.spawn(); err == nil {
			w.next = nw
		}
	})
	p.put(w.next, first)
}

// Close stops every worker: all are told at once, then waited for. A
// second call does nothing.
func (p *Pool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
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
