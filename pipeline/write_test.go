package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeferredFolderSync: within a batch, files are complete at their
// paths as soon as written, with mode 0600 and no temp file left, and each
// folder written to (or removed from) is recorded once for the sync at the
// end.
func TestDeferredFolderSync(t *testing.T) {
	out := t.TempDir()
	var dirs dirSet
	paths := []string{"redacted/a.txt", "redacted/b.txt", "redacted/sub/c.txt", "quarantine/d.txt.json"}
	for _, p := range paths {
		if err := writeFile(filepath.Join(out, p), []byte("content of "+p), &dirs); err != nil {
			t.Fatal(err)
		}
	}
	stale := filepath.Join(out, "old", "e.txt")
	if err := WriteFile(stale, []byte("stale")); err != nil {
		t.Fatal(err)
	}
	if err := removeIfExists(stale, &dirs); err != nil {
		t.Fatal(err)
	}
	if err := removeIfExists(filepath.Join(out, "never", "there.txt"), &dirs); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		got, err := os.ReadFile(filepath.Join(out, p))
		if err != nil || string(got) != "content of "+p {
			t.Errorf("%s: %q, %v", p, got, err)
		}
		if fi, err := os.Stat(filepath.Join(out, p)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", p, fi.Mode(), err)
		}
	}
	want := map[string]bool{}
	for _, d := range []string{"redacted", "redacted/sub", "quarantine", "old"} {
		want[filepath.Join(out, d)] = true
	}
	if len(dirs.dirs) != len(want) {
		t.Errorf("folders to sync: %v, want %v", dirs.dirs, want)
	}
	for d := range want {
		if !dirs.dirs[d] {
			t.Errorf("%s not recorded for the sync", d)
		}
		tmps, _ := filepath.Glob(filepath.Join(d, ".prescreen-*.tmp"))
		if len(tmps) > 0 {
			t.Errorf("temp files left: %v", tmps)
		}
	}
	if err := dirs.sync(); err != nil || len(dirs.dirs) != 0 {
		t.Errorf("sync: %v, %d folders left", err, len(dirs.dirs))
	}
}

// TestGroupCommit: files written at the same time share a flush. (That a
// file appears only after its flush succeeded is TestGroupCommitFlushFails.)
func TestGroupCommit(t *testing.T) {
	out := t.TempDir()
	const n = 40
	var flushes atomic.Int32
	defer func(f func(string) error) { flushFS = f }(flushFS)
	flushFS = func(dir string) error {
		flushes.Add(1)
		return syncfs(dir)
	}
	var dirs dirSet
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		p := filepath.Join(out, "redacted", fmt.Sprintf("r%02d.txt", i))
		wg.Go(func() {
			if errs[i] = writeFile(p, []byte("copy "+p), &dirs); errs[i] == nil {
				if got, err := os.ReadFile(p); err != nil || string(got) != "copy "+p {
					errs[i] = fmt.Errorf("%s: %q, %v", p, got, err)
				}
			}
		})
	}
	wg.Wait()
	dirs.wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if f := flushes.Load(); f == 0 || f > n/4 {
		t.Errorf("%d flushes for %d files written at once, want a few", f, n)
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, "redacted", ".prescreen-*.tmp")); len(tmps) > 0 {
		t.Errorf("temp files left: %v", tmps)
	}
	if err := dirs.sync(); err != nil {
		t.Error(err)
	}
}

// TestGroupCommitWaits: files that arrive one after another, as a batch's
// documents finish, still share flushes: the committer lets a group form.
func TestGroupCommitWaits(t *testing.T) {
	out := t.TempDir()
	var flushes atomic.Int32
	defer func(f func(string) error) { flushFS = f }(flushFS)
	flushFS = func(dir string) error {
		flushes.Add(1)
		return nil // the data is irrelevant here; keep the test fast
	}
	var dirs dirSet
	const n = 40
	var failed atomic.Int32
	for i := range n {
		dirs.put(filepath.Join(out, fmt.Sprint(i)), []byte("x"), func(err error) {
			if err != nil {
				failed.Add(1)
			}
		})
		// A busy wait: sleeps this short last a millisecond or more.
		for t0 := time.Now(); time.Since(t0) < groupDelay/8; {
		}
	}
	dirs.wait()
	if f := flushes.Load(); failed.Load() > 0 || f > n/3 {
		t.Errorf("%d flushes for %d files arriving %v apart (%d failed), want groups", f, n, groupDelay/8, failed.Load())
	}
}

// TestGroupCommitFlushFails: when the flush fails, no file of the group
// appears and each writer gets the error; the next group is unaffected.
func TestGroupCommitFlushFails(t *testing.T) {
	out := t.TempDir()
	defer func(f func(string) error) { flushFS = f }(flushFS)
	boom := errors.New("flush failed")
	flushFS = func(string) error { return boom }
	var dirs dirSet
	bad := filepath.Join(out, "bad.txt")
	if err := writeFile(bad, []byte("x"), &dirs); !errors.Is(err, boom) {
		t.Fatalf("writeFile = %v, want the flush error", err)
	}
	if _, err := os.Stat(bad); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file whose flush failed is at its path (%v)", err)
	}
	flushFS = syncfs
	good := filepath.Join(out, "good.txt")
	if err := writeFile(good, []byte("y"), &dirs); err != nil {
		t.Fatal(err)
	}
	dirs.wait()
	if tmps, _ := filepath.Glob(filepath.Join(out, ".prescreen-*.tmp")); len(tmps) > 0 {
		t.Errorf("temp files left: %v", tmps)
	}
}

// TestGroupCommitBounded: while the disk stalls, at most maxQueued files
// wait for it; the next writer waits too instead of piling up more.
func TestGroupCommitBounded(t *testing.T) {
	out := t.TempDir()
	defer func(f func(string) error) { flushFS = f }(flushFS)
	release := make(chan struct{})
	flushFS = func(dir string) error { <-release; return syncfs(dir) }
	var dirs dirSet
	var queued atomic.Int32
	var wg sync.WaitGroup
	for i := range maxQueued + 2 {
		wg.Go(func() {
			dirs.put(filepath.Join(out, fmt.Sprintf("f%03d", i)), []byte("z"), func(error) {})
			queued.Add(1)
		})
	}
	// One group is taken by the stalled flush; maxQueued more may queue
	// behind it; the rest must wait.
	time.Sleep(200 * time.Millisecond)
	dirs.mu.Lock()
	n := len(dirs.queue)
	dirs.mu.Unlock()
	if n > maxQueued {
		t.Errorf("%d files queued behind a stalled disk, limit %d", n, maxQueued)
	}
	close(release)
	wg.Wait()
	dirs.wait()
	if q := queued.Load(); q != maxQueued+2 {
		t.Errorf("%d puts returned, want %d", q, maxQueued+2)
	}
}

// TestReadAll: readAll reads what io.ReadAll would, up to its limit, for
// files around the sizes where its buffer is sized or grown.
func TestReadAll(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 10000, 70001} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(i * 7)
		}
		path := filepath.Join(dir, fmt.Sprint(size))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{1, 512, int64(size), int64(size) + 1, 1 << 40} {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readAll(f, limit)
			f.Close()
			want := data[:min(int64(size), limit)]
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("size %d, limit %d: %d bytes, %v; want %d", size, limit, len(got), err, len(want))
			}
		}
	}
}

// TestPutWrittenFlushFails: a file written by another process that cannot
// be flushed is removed, not renamed into place.
func TestPutWrittenFlushFails(t *testing.T) {
	out := t.TempDir()
	defer func(f func(string) error) { flushFS = f }(flushFS)
	boom := errors.New("flush failed")
	flushFS = func(string) error { return boom }
	temp, path := filepath.Join(out, ".prescreen-x.tmp"), filepath.Join(out, "copy.txt")
	if err := os.WriteFile(temp, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	var dirs dirSet
	errc := make(chan error, 1)
	dirs.putWritten(temp, path, func(err error) { errc <- err })
	if err := <-errc; !errors.Is(err, boom) {
		t.Fatalf("putWritten = %v, want the flush error", err)
	}
	dirs.wait()
	for _, p := range []string{temp, path} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is there after a failed flush (%v)", filepath.Base(p), err)
		}
	}
	// Without a dirSet the file is flushed and renamed at once.
	os.WriteFile(temp, []byte("y"), 0o600)
	var nilDirs *dirSet
	nilDirs.putWritten(temp, path, func(err error) { errc <- err })
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "y" {
		t.Errorf("copy = %q", got)
	}
}

// TestPutOverFolder: a file whose path is taken by a folder fails to
// commit, in a batch and alone; the folder stays and the temp file goes.
// Commits rename with rename(2) alone, which refuses this as os.Rename
// does.
func TestPutOverFolder(t *testing.T) {
	for _, dirs := range []*dirSet{{}, nil} {
		out := t.TempDir()
		path := filepath.Join(out, "copy.txt")
		if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
			t.Fatal(err)
		}
		errc := make(chan error, 1)
		dirs.put(path, []byte("x"), func(err error) { errc <- err })
		if err := <-errc; err == nil {
			t.Fatalf("put over a folder succeeded (batch: %v)", dirs != nil)
		}
		if dirs != nil {
			dirs.wait()
		}
		if st, err := os.Stat(filepath.Join(path, "inside")); err != nil || !st.IsDir() {
			t.Errorf("the folder is gone (batch: %v): %v", dirs != nil, err)
		}
		if left, _ := filepath.Glob(filepath.Join(out, ".prescreen-*")); len(left) != 0 {
			t.Errorf("temp files left (batch: %v): %v", dirs != nil, left)
		}
	}
}

// TestWaitFlushesAtOnce: at the end of a batch the last group is flushed
// without waiting for other files to join it, which never come.
func TestWaitFlushesAtOnce(t *testing.T) {
	defer func(d time.Duration) { groupDelay = d }(groupDelay)
	groupDelay = time.Hour
	out := t.TempDir()
	var dirs dirSet
	done := make(chan error, 3)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		dirs.put(filepath.Join(out, name), []byte(name), func(err error) { done <- err })
	}
	waited := make(chan struct{})
	go func() { dirs.wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("wait is still waiting for the group delay")
	}
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != name {
			t.Errorf("%s = %q, %v", name, got, err)
		}
	}
	// The set is usable again: a later file waits for its group as usual,
	// and the next wait flushes it at once too.
	dirs.put(filepath.Join(out, "d.txt"), []byte("d"), func(err error) { done <- err })
	go func() { dirs.wait(); done <- nil }()
	for range 2 {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the second wait is still waiting for the group delay")
		}
	}
	if _, err := os.Stat(filepath.Join(out, "d.txt")); err != nil {
		t.Error(err)
	}
}
