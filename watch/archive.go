package watch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/prescreen/prescreen/pipeline"
)

// moveToArchive moves an original into archive/YYYY-MM-DD/<rel>, adding
// the start of its hash to the name if that name is taken. Folders are
// 0700. The file's mtime is set to the archive time, which retention reads.
func moveToArchive(it pipeline.Item, archive, sha string, now time.Time) (string, error) {
	dest := filepath.Join(archive, now.UTC().Format("2006-01-02"), filepath.FromSlash(it.Rel))
	if _, err := os.Lstat(dest); err == nil {
		ext := filepath.Ext(dest)
		dest = strings.TrimSuffix(dest, ext) + "-" + strings.TrimPrefix(sha, "name:")[:12] + ext
	}
	if err := mkdirPrivate(archive, filepath.Dir(dest)); err != nil {
		return "", err
	}
	if err := os.Rename(it.Path, dest); errors.Is(err, syscall.EXDEV) {
		err = copyThenRemove(it.Path, dest)
		if err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	}
	os.Chtimes(dest, now, now)
	return dest, nil
}

// mkdirPrivate makes dir and every folder between root and it with 0700.
func mkdirPrivate(root, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for d := dir; within(d, root); d = filepath.Dir(d) {
		os.Chmod(d, 0o700)
		if d == filepath.Dir(d) {
			break
		}
	}
	return nil
}

// copyThenRemove moves across file systems: copy, fsync, then remove.
func copyThenRemove(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	if err := errors.Join(cerr, out.Sync(), out.Close()); err != nil {
		os.Remove(dest)
		return err
	}
	return os.Remove(src)
}

// applyRetention deletes archived originals older than Retain, logging
// each by its sha256 (never its name), and removes emptied day folders.
func (w *watcher) applyRetention() {
	cutoff := time.Now().Add(-w.Retain)
	var dirs []string
	filepath.WalkDir(w.Archive, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != w.Archive {
				dirs = append(dirs, path)
			}
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			return nil
		}
		sha, err := fileSHA256(path)
		if err != nil {
			w.Log.Error("retention: cannot read an archived original", "err", errors.Unwrap(err))
			return nil
		}
		if err := os.Remove(path); err != nil {
			w.Log.Error("retention: delete failed", "sha256", sha, "err", errors.Unwrap(err))
			return nil
		}
		w.Log.Info("retention: deleted archived original", "sha256", sha, "archived", info.ModTime().UTC().Format(time.RFC3339), "retain", w.Retain.String())
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // fails, harmlessly, unless empty
	}
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("reading: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
