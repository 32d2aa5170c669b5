package pipeline

import (
	"os"
	"path/filepath"
	"testing"
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
