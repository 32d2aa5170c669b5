package pipeline

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"sync"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/report"
)

// Spool holds the report entries of a batch on disk rather than in memory,
// so that a batch's memory does not grow with its size: each entry is
// written as report.json indents it (see report.RawDocuments), as it
// arrives rather than all at the end, to an unnamed temp file in the
// output folder (mode 0600, unlinked as soon as it is open, so a crash
// leaves nothing behind), and only its input path and place in the file
// are kept. The entries hold no raw value, like the report itself. Safe
// for concurrent use.
type Spool struct {
	mu     sync.Mutex
	f      *os.File
	w      *bufio.Writer
	off    int64
	index  []spoolEntry
	totals report.Totals
}

type spoolEntry struct {
	input    string
	off, len int64
}

var _ report.RawDocuments = (*Spool)(nil)

// NewSpool opens a spool in dir, which must exist.
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, ".prescreen-report-*.tmp")
	if err != nil {
		return nil, err
	}
	// Gone from the folder at once; the open file stays readable. (Where
	// an open file cannot be removed, Close removes it.)
	os.Remove(f.Name())
	return &Spool{f: f, w: bufio.NewWriterSize(f, 256<<10), totals: report.Totals{FindingsByCategory: map[detectors.Category]int{}}}, nil
}

// Add stores one report entry.
func (s *Spool) Add(d report.Document) error {
	b, err := report.MarshalEntry(d)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return errors.New("spool closed")
	}
	if _, err := s.w.Write(b); err != nil {
		return err
	}
	s.index = append(s.index, spoolEntry{d.Input, s.off, int64(len(b))})
	s.off += int64(len(b))
	s.totals.Add(d)
	return nil
}

// Len is the number of entries.
func (s *Spool) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.index)
}

// Totals are the report's totals over the entries so far.
func (s *Spool) Totals() report.Totals {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.totals
	t.FindingsByCategory = make(map[detectors.Category]int, len(s.totals.FindingsByCategory))
	for c, n := range s.totals.FindingsByCategory {
		t.FindingsByCategory[c] = n
	}
	return t
}

// Each calls fn with every entry as report.MarshalEntry gave it, sorted by
// input (the order of Batch.Run's result). raw is valid only during the
// call.
func (s *Spool) Each(fn func(raw []byte) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return errors.New("spool closed")
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	slices.SortFunc(s.index, func(a, b spoolEntry) int { return cmp.Compare(a.input, b.input) })
	var buf []byte
	for _, e := range s.index {
		buf = slices.Grow(buf[:0], int(e.len))[:e.len]
		if _, err := s.f.ReadAt(buf, e.off); err != nil {
			return err
		}
		if err := fn(buf); err != nil {
			return err
		}
	}
	return nil
}

// Documents reads every entry back, sorted by input: for the reports that
// need them all at once (CSV, HTML).
func (s *Spool) Documents() ([]report.Document, error) {
	docs := make([]report.Document, 0, s.Len())
	err := s.Each(func(raw []byte) error {
		var d report.Document
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// Close releases the spool's file.
func (s *Spool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	os.Remove(s.f.Name())
	s.f = nil
	return err
}
