package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// WriteFile writes data to path atomically: a temp file in the same folder,
// fsync, mode 0600, rename over path, fsync of the folder. Readers see the
// old file or the new one, never a part. Missing folders are made with 0700.
func WriteFile(path string, data []byte) error {
	return writeFile(path, data, nil)
}

// writeFile is WriteFile; with dirs set, see dirSet.put.
func writeFile(path string, data []byte, dirs *dirSet) error {
	errc := make(chan error, 1)
	dirs.put(path, data, func(err error) { errc <- err })
	return <-errc
}

// dirSet is a batch's deferred durability. On a nil dirSet every file is
// made durable at once (fsync, rename, folder sync).
//
// In a batch, files are made durable in groups, behind the documents'
// goroutines: put writes the temp file and queues it; a committer flushes
// the queue with one syncfs(2) per file system, then renames each file into
// place and calls its continuation. A name therefore never points at data
// that is not on disk, as with an fsync per file, but one flush of the
// disk's cache serves many files: an fsync per file cost a quarter of a TXT
// scan's time. The committer waits groupDelay after the first file of a
// group so that others can join (as PostgreSQL's commit_delay does); the
// documents' goroutines do not wait for it. The folders whose entries
// changed are synced once, at the end (sync).
type dirSet struct {
	mu   sync.Mutex
	dirs map[string]bool
	made map[string]bool // folders mkdir made or found

	queue   []pendingFile
	drained *sync.Cond // signalled when the queue shrinks or the committer stops
	// committer is non-nil while a committer goroutine drains the queue;
	// wait closes it: no file will join a group, flush now.
	committer chan struct{}
}

// groupDelay is how long the committer lets a group form; maxQueued bounds
// the files waiting (a stalled disk then slows the batch down instead of
// filling memory). At 2 ms a two-worker scan made a flush for every two
// files (485 for 1,000 documents); at 10 ms groups were about five times
// larger and the scan 4% faster. 20 ms halves the flushes again: each
// flush blocks the parent's thread long enough that the Go runtime's
// monitor wakes every 20 µs for a while after it, and on a machine whose
// cores all screen, each wake-up takes a worker off its core. Over the
// mixed 1,000 with two workers, the parent's voluntary context switches
// went from 5,500-5,640 to 4,470-4,810, the workers' involuntary ones from
// 5,500-6,000 to 4,800-5,400. Nobody waits for the delay but the copy's
// rename: the end of a batch flushes at once. maxQueued holds 20 ms of a
// plain-text scan (0.27 ms a document) several times over.
var groupDelay = 20 * time.Millisecond // tests lengthen it

const maxQueued = 256

// pendingFile is a temp file written and closed, waiting for its group.
type pendingFile struct {
	s    *StreamFile
	then func(error)
}

// put writes data to path atomically and then calls then with the outcome:
// on a nil dirSet at once, before put returns; otherwise later, from the
// committer's goroutine, once the file is durable and at its path (or has
// failed, leaving nothing there); the committer calls them one at a time.
func (d *dirSet) put(path string, data []byte, then func(error)) {
	s, err := NewStreamFile(path)
	if err == nil {
		_, err = s.Write(data)
	}
	if err != nil {
		if s != nil {
			s.Abort()
		}
		then(err)
		return
	}
	if d == nil {
		then(s.Commit())
		return
	}
	if err := s.close(); err != nil {
		then(err)
		return
	}
	d.enqueue(pendingFile{s, then})
}

// putWritten is put for a file already written and closed at temp, in the
// folder of path (by a worker process, say): it is made durable and renamed
// to path, or removed, and then is called as by put.
func (d *dirSet) putWritten(temp, path string, then func(error)) {
	s := &StreamFile{name: temp, path: path}
	if d == nil {
		f, err := os.OpenFile(temp, os.O_WRONLY, 0)
		if err != nil {
			os.Remove(temp)
			then(err)
			return
		}
		s.f = f
		then(s.Commit())
		return
	}
	d.enqueue(pendingFile{s, then})
}

// enqueue adds a closed temp file to the queue, waiting while it is full,
// and starts the committer if it is not running.
func (d *dirSet) enqueue(p pendingFile) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.drained == nil {
		d.drained = sync.NewCond(&d.mu)
	}
	for len(d.queue) >= maxQueued {
		d.drained.Wait()
	}
	d.queue = append(d.queue, p)
	if d.committer == nil {
		d.committer = make(chan struct{})
		go d.commit(d.committer)
	}
}

// commit drains the queue in groups, then stops. Once hurry is closed it
// no longer waits for a group to form.
func (d *dirSet) commit(hurry <-chan struct{}) {
	delay := time.NewTimer(groupDelay)
	defer delay.Stop()
	for {
		select {
		case <-delay.C:
		case <-hurry:
		}
		d.mu.Lock()
		group := d.queue
		d.queue = nil
		if len(group) == 0 {
			d.committer = nil
			d.drained.Broadcast()
			d.mu.Unlock()
			return
		}
		d.drained.Broadcast()
		d.mu.Unlock()

		errs := flushGroup(group)
		for i, g := range group {
			if errs[i] == nil {
				d.changed(filepath.Dir(g.s.path))
			}
			g.then(errs[i])
		}
		delay.Reset(groupDelay)
	}
}

// flushGroup makes the group's files durable with one syncfs per file
// system, then renames each into place. A file that fails is removed.
func flushGroup(group []pendingFile) []error {
	byDir := map[string]error{} // a group's files share a folder or two
	byDev := map[uint64]error{} // and their folders a file system
	errs := make([]error, len(group))
	for i, g := range group {
		dir := filepath.Dir(g.s.path)
		err, ok := byDir[dir]
		if !ok {
			var st unix.Stat_t
			if err = unix.Stat(dir, &st); err == nil {
				if err, ok = byDev[st.Dev]; !ok {
					err = flushFS(dir)
					byDev[st.Dev] = err
				}
			}
			byDir[dir] = err
		}
		if errs[i] = err; err == nil {
			errs[i] = rename(g.s.name, g.s.path)
		}
		if errs[i] != nil {
			os.Remove(g.s.name)
		}
	}
	return errs
}

// rename is os.Rename without the Lstat of the new name that os.Rename
// makes first (to refuse to replace a folder, which rename(2) refuses as
// well): a path lookup less per file committed; perf put that Lstat at 3%
// of a batch's parent's time.
func rename(from, to string) error {
	for {
		err := unix.Rename(from, to)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
		return nil
	}
}

// flushFS is syncfs; tests replace it to watch or fail the flushes.
var flushFS = syncfs

// syncfs flushes the file system that holds dir.
func syncfs(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// wait returns once every queued file has been committed. The caller
// queues no more files meanwhile, so the committer need not wait for
// others to join: the last group is flushed at once.
func (d *dirSet) wait() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.committer == nil {
		return
	}
	close(d.committer)
	for d.committer != nil {
		d.drained.Wait()
	}
}

// mkdir makes dir and its parents, mode 0700, once per batch: a folder of
// reviewer copies is asked for once per document. (Should one vanish
// during the batch, the copy's write fails and the usual write, which
// makes its folder again, takes over.)
func (d *dirSet) mkdir(dir string) error {
	if d == nil {
		return os.MkdirAll(dir, 0o700)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.made[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if d.made == nil {
		d.made = map[string]bool{}
	}
	d.made[dir] = true
	return nil
}

// changed records that dir's entries changed; on a nil dirSet it syncs
// dir at once.
func (d *dirSet) changed(dir string) error {
	if d == nil {
		return syncDir(dir)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dirs == nil {
		d.dirs = map[string]bool{}
	}
	d.dirs[dir] = true
	return nil
}

// sync makes every recorded folder's entries (renames, removals) durable.
// Call it after wait.
func (d *dirSet) sync() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var errs []error
	for dir := range d.dirs {
		errs = append(errs, syncDir(dir))
	}
	d.dirs = nil
	return errors.Join(errs...)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// StreamFile is a file written bit by bit that appears at its path only
// when committed: a temp file in the same folder, then fsync and rename.
type StreamFile struct {
	f    *os.File
	name string // the temp file's
	path string
}

// NewStreamFile starts writing path.
func NewStreamFile(path string) (*StreamFile, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, ".prescreen-*.tmp")
	if err != nil {
		return nil, err
	}
	return &StreamFile{f: f, name: f.Name(), path: path}, nil
}

func (s *StreamFile) Write(p []byte) (int, error) { return s.f.Write(p) }

// Commit makes the file appear at its path, mode 0600, and syncs its
// folder.
func (s *StreamFile) Commit() error {
	if err := s.commit(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(s.path))
}

// commit is Commit without the folder's sync, which is left to the caller.
func (s *StreamFile) commit() error {
	if s.f == nil {
		return errors.New("stream file already closed")
	}
	if err := s.f.Sync(); err != nil {
		s.Abort()
		return err
	}
	if err := s.close(); err != nil {
		return err
	}
	if err := rename(s.name, s.path); err != nil {
		os.Remove(s.name)
		return err
	}
	return nil
}

// close sets mode 0600 and closes the temp file, which stays at s.name for
// the rename; on failure it is removed.
func (s *StreamFile) close() error {
	if s.f == nil {
		return errors.New("stream file already closed")
	}
	f := s.f
	s.f = nil
	if err := errors.Join(f.Chmod(0o600), f.Close()); err != nil {
		os.Remove(s.name)
		return err
	}
	return nil
}

// Abort drops an uncommitted file; after Commit it does nothing.
func (s *StreamFile) Abort() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
		s.f = nil
	}
}

// RemoveTemps deletes the temp files (".prescreen-*.tmp") that a process
// killed mid-write left under dir, and returns how many it removed. Run it
// before writing to a folder no other process is writing to.
func RemoveTemps(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), ".prescreen-") && strings.HasSuffix(d.Name(), ".tmp") {
			if err := os.Remove(path); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
