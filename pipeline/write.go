package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// WriteFile writes data to path atomically: a temp file in the same folder,
// fsync, mode 0600, rename over path, fsync of the folder. Readers see the
// old file or the new one, never a part. Missing folders are made with 0700.
func WriteFile(path string, data []byte) error {
	return writeFile(path, data, nil)
}

// writeFile is WriteFile; with dirs set, the folder is not synced but
// recorded in dirs, for one sync per folder at the end of a batch.
func writeFile(path string, data []byte, dirs *dirSet) error {
	s, err := NewStreamFile(path)
	if err != nil {
		return err
	}
	defer s.Abort()
	if _, err := s.Write(data); err != nil {
		return err
	}
	if err := s.commit(); err != nil {
		return err
	}
	return dirs.changed(filepath.Dir(path))
}

// dirSet collects the folders whose entries changed during a batch, so
// that each is synced once (a sync per file costs about as much as the
// rest of writing a small file on ext4).
type dirSet struct {
	mu   sync.Mutex
	dirs map[string]bool
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
	return &StreamFile{f: f, path: path}, nil
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
	f := s.f
	s.f = nil
	if err := errors.Join(f.Chmod(0o600), f.Sync(), f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), s.path); err != nil {
		os.Remove(f.Name())
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
