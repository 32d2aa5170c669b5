package watch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// Document states in the journal, in the order a document passes them:
//
//	screening  the document was claimed; its outputs may or may not exist
//	reported   its reviewer copy or quarantine record and its report line
//	           are written
//	done       the original was archived (or, without --archive, left in
//	           place and recorded as done)
//
// After a crash, a document in "screening" whose report line exists is
// taken as reported; one without is screened again (outputs are written
// atomically, so nothing partial is left either way); one in "reported" is
// archived.
const (
	stateScreening = "screening"
	stateReported  = "reported"
	stateDone      = "done"
)

type journalRecord struct {
	Time   time.Time `json:"time"`
	SHA256 string    `json:"sha256"`
	State  string    `json:"state"`
}

// journal is an append-only, fsync'd log of document states keyed by
// content hash. It holds no file names: names can hold candidates' names.
type journal struct {
	mu     sync.Mutex
	f      *os.File
	states map[string]string
}

func openJournal(path string) (*journal, error) {
	if err := repairTail(path); err != nil {
		return nil, err
	}
	j := &journal{states: map[string]string{}}
	if b, err := os.ReadFile(path); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 4096), 1<<20)
		for sc.Scan() {
			var r journalRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				return nil, fmt.Errorf("journal %s: damaged record: %w", path, err)
			}
			j.states[r.SHA256] = r.State
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("journal %s: %w", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	j.f = f
	return j, nil
}

func (j *journal) state(sha string) string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.states[sha]
}

// claim marks sha as being screened unless it already has a state; it
// reports whether the caller now owns the document. A document left in
// "screening" by a crash is reclaimed (the caller checks the report first).
func (j *journal) claim(sha string, reclaim bool) (bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if st, ok := j.states[sha]; ok && !(reclaim && st == stateScreening) {
		return false, nil
	}
	return true, j.recordLocked(sha, stateScreening)
}

func (j *journal) record(sha, state string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.recordLocked(sha, state)
}

func (j *journal) recordLocked(sha, state string) error {
	b, _ := json.Marshal(journalRecord{Time: time.Now().UTC(), SHA256: sha, State: state})
	if err := appendSync(j.f, b); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.states[sha] = state
	return nil
}

func (j *journal) close() error { return j.f.Close() }

// appendSync writes one line to a file opened with O_APPEND and fsyncs it.
// A crash can leave at most a torn last line, which repairTail removes.
func appendSync(f *os.File, line []byte) error {
	if _, err := f.Write(append(line, '\n')); err != nil {
		return err
	}
	return f.Sync()
}

// repairTail cuts a last line that a crash left without its newline.
func repairTail(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || len(b) == 0 || b[len(b)-1] == '\n' {
		return nil
	}
	if err != nil {
		return err
	}
	return os.Truncate(path, int64(bytes.LastIndexByte(b, '\n')+1))
}
