package isolate

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
	"golang.org/x/sys/unix"
)

// Serve is the worker side: it reads its Setup, then screens documents one
// at a time until its input ends. The binary calls it for its hidden
// "__worker" command, with stdin and stdout as the pipes.
func Serve(in io.Reader, out io.Writer) error { return ServeWith(in, out, nil) }

// ServeWith is Serve with a hook that may adjust the processor (tests use
// it to plant misbehaving formats).
func ServeWith(in io.Reader, out io.Writer, adjust func(*pipeline.Processor)) error {
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	var s Setup
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("worker: reading setup: %w", err)
	}
	proc, err := s.processor(s.PolicyName, s.PolicySource, s.Role)
	if err != nil {
		return err
	}
	if adjust != nil {
		adjust(proc)
	}
	// Processors for the other policies and roles requests name, built on
	// first use.
	procs := map[[2]string]*pipeline.Processor{{"", ""}: proc}
	processorFor := func(name, role string) (*pipeline.Processor, error) {
		if p, ok := procs[[2]string{name, role}]; ok {
			return p, nil
		}
		src, file := s.PolicySource, s.PolicyName
		if name != "" {
			src = nil
			for _, f := range s.Policies {
				if f.Name == name {
					src, file = f.Source, f.File
				}
			}
			if src == nil {
				return nil, fmt.Errorf("unknown policy %q", name)
			}
		}
		p, err := s.processor(file, src, role)
		if err != nil {
			return nil, err
		}
		if adjust != nil {
			adjust(p)
		}
		procs[[2]string{name, role}] = p
		return p, nil
	}
	// Build the detectors' automata now, not inside the first document's
	// time and CPU limits.
	proc.Scanner.Prepare()
	if s.CPU > 0 {
		watchCPU()
	}
	if s.MemoryBytes > 0 && !raceEnabled {
		// The GC works to stay below the limit; the kernel stops the
		// process if a parser still goes past it.
		debug.SetMemoryLimit(s.MemoryBytes * 3 / 4)
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: uint64(s.MemoryBytes), Max: uint64(s.MemoryBytes)}); err != nil {
			return fmt.Errorf("worker: address-space limit: %w", err)
		}
	}
	var cpu cpuLimit
	for {
		var req request
		if err := dec.Decode(&req); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("worker: reading a request: %w", err)
		}
		if s.CPU > 0 {
			cpu.limit(s.CPU)
		}
		var o pipeline.Outcome
		p, err := processorFor(req.Policy, req.Role)
		if err == nil {
			o, err = p.ProcessDoc(context.Background(), req.Data, req.Ref)
		}
		r := response{Outcome: o}
		if err != nil {
			r.Failed = err.Error()
		}
		// A timed-out document may have left its parser spinning in a
		// goroutine nothing can stop: this worker must not serve again.
		r.Retire = o.Status == report.Quarantined && strings.HasPrefix(o.Reason, "timeout")
		if req.Temp != "" && err == nil && o.Status != report.Quarantined {
			// On failure the copy goes back in the answer and the
			// parent writes it, or reports why it cannot.
			if writeNew(req.Temp, o.Output) == nil {
				r.Written, r.Outcome.Output = true, nil
			}
		}
		clear(req.Data)
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("worker: answering: %w", err)
		}
		clear(o.Output)
		if r.Retire {
			return nil
		}
	}
}

// writeNew writes data to a new file at name, mode 0600; on failure it
// removes what it wrote. The parent flushes and renames the file.
//
// It opens the file as os.OpenFile would, but without offering it to the
// runtime's poller, which refuses a regular file after four system calls.
func writeNew(name string, data []byte) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o600)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o600)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	f := os.NewFile(uintptr(fd), name)
	_, err = f.Write(data)
	if err = errors.Join(err, f.Close()); err != nil {
		os.Remove(name)
	}
	return err
}

func (s Setup) processor(file string, source []byte, role string) (*pipeline.Processor, error) {
	pol, err := policy.Parse(file, source)
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	if pol, err = pol.WithRole(role); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	fp, err := report.NewFingerprinter(s.Key)
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return &pipeline.Processor{Scanner: detectors.Default(), Policy: pol, Fingerprinter: fp, Timeout: s.Timeout, Consents: policy.NewConsents(s.Consents), MaxTextBytes: s.MaxTextBytes}, nil
}

// exitCPULimit is the worker's exit status when a document used up its
// CPU time.
const exitCPULimit = 3

// cpuLimit moves the worker's CPU-time limit from document to document.
type cpuLimit struct {
	lim syscall.Rlimit // as last set; Max zero until read
}

// limit lets the next document use at most d of CPU time: the soft
// RLIMIT_CPU is moved to the time used so far plus d, in whole seconds.
// Past it the kernel sends SIGXCPU, on which the worker exits (see
// watchCPU); the parent quarantines the document and starts a new worker.
// The limit changes only when the time used crosses a second, so the
// worker sets it only then: one system call a document instead of three.
func (c *cpuLimit) limit(d time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return
	}
	if c.lim.Max == 0 && syscall.Getrlimit(syscall.RLIMIT_CPU, &c.lim) != nil {
		return
	}
	used := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	soft := uint64((used + d + time.Second - 1) / time.Second)
	if c.lim.Max != ^uint64(0) && soft > c.lim.Max { // not RLIM_INFINITY
		soft = c.lim.Max
	}
	if soft == c.lim.Cur {
		return
	}
	next := c.lim
	next.Cur = soft
	if syscall.Setrlimit(syscall.RLIMIT_CPU, &next) == nil {
		c.lim = next
	}
}

// watchCPU exits the worker on SIGXCPU. The Go runtime ignores that signal
// unless asked for it; a signal reaches this goroutine even while another
// one spins in a parser.
func watchCPU() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGXCPU)
	go func() {
		<-c
		os.Exit(exitCPULimit)
	}()
}

// stdio keeps the worker's pollable pipes reachable: a collected *os.File
// would close its descriptor.
var stdio [2]*os.File

// Stdio returns standard input and output, the worker's pipes from its
// parent, switched to non-blocking mode so that waiting for the next
// request parks a goroutine in the runtime's poller instead of an OS
// thread in a read (which costs a thread hand-off per document). Where
// that fails it returns os.Stdin and os.Stdout.
func Stdio() (io.Reader, io.Writer) {
	for fd, std := range []*os.File{os.Stdin, os.Stdout} {
		stdio[fd] = std
		if syscall.SetNonblock(fd, true) == nil {
			stdio[fd] = os.NewFile(uintptr(fd), std.Name())
		}
	}
	return stdio[0], stdio[1]
}
