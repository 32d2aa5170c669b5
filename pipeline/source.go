package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Item is one file found under the scan roots.
type Item struct {
	// Path is how to open the file: the root joined with Rel.
	Path string
	// Rel is the path relative to its root, slash-separated; outputs are
	// written under the same relative path.
	Rel string
	// Problem, when set, is why the item cannot be read (a symlink, a
	// device, an unreadable folder); it is quarantined without being opened.
	Problem string
}

// Collect lists the documents under roots: a root that is a file is one
// document named by its base name; a folder is walked recursively, skipping
// hidden files and folders, the folder skip (the output folder, if it lies
// inside a root) and never following symlinks. Every file seen is returned,
// so none is silently lost: what cannot be screened carries a Problem.
func Collect(roots []string, skip string) ([]Item, error) {
	skipAbs, _ := filepath.Abs(skip)
	var items []Item
	seen := map[string]string{} // Rel -> root, to refuse colliding outputs
	add := func(root string, it Item) error {
		if other, dup := seen[it.Rel]; dup {
			return fmt.Errorf("%s and %s both hold %s: their outputs would collide; scan them separately", other, root, it.Rel)
		}
		seen[it.Rel] = root
		items = append(items, it)
		return nil
	}
	for _, root := range roots {
		st, err := os.Lstat(root)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", root, err)
		}
		if abs, _ := filepath.Abs(root); skipAbs != "" && (abs == skipAbs || strings.HasPrefix(abs, skipAbs+string(filepath.Separator))) {
			return nil, fmt.Errorf("input %s lies inside the output folder %s", root, skip)
		}
		if !st.IsDir() {
			if err := add(root, Item{Path: root, Rel: filepath.Base(root), Problem: ProblemOf(st.Mode())}); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if path == root {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if err != nil {
				// An unreadable folder: record it so the loss is visible.
				return add(root, Item{Path: path, Rel: rel, Problem: "unreadable folder"})
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(path); abs == skipAbs {
					return filepath.SkipDir
				}
				return nil
			}
			return add(root, Item{Path: path, Rel: rel, Problem: ProblemOf(d.Type())})
		})
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}

// ProblemOf says why a file of mode m cannot be screened, or "".
func ProblemOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symlink: not followed"
	case !m.IsRegular():
		return "not a regular file"
	}
	return ""
}
