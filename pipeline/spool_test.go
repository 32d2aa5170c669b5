package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/report"
)

// TestSpool: entries added from many goroutines in any order come back
// sorted by input, equal to what was added; the totals and report.json
// are those of the same report held in memory; nothing is left in the
// output folder.
func TestSpool(t *testing.T) {
	dir := t.TempDir()
	s, err := NewSpool(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var docs []report.Document
	for i := range 200 {
		out := fmt.Sprintf("redacted/%03d.txt", i)
		d := report.Document{Input: fmt.Sprintf("in/%03d.txt", (i*37)%200), Output: &out, SHA256: fmt.Sprint(i), MediaType: "text/plain", Status: report.Redacted, Findings: []report.Finding{
			{Category: detectors.Contact, Detector: "email", Likelihood: detectors.High, Action: report.ActionRedacted, Location: report.Location{Start: i, End: i + 5}, Length: 5, Masked: "[contact]", Fingerprint: "0123456789abcdef"},
		}}
		if i%3 == 0 {
			d = report.Document{Input: d.Input, Status: report.Quarantined, Reason: "unsupported format: application/zip", Findings: []report.Finding{}}
		}
		docs = append(docs, d)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(docs); i += 4 {
				if err := s.Add(docs[i]); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the spool shows in the output folder: %v", entries)
	}
	got, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	mem := &report.Report{Tool: report.Tool{Name: "prescreen", Version: "test"}, Documents: sortedByInput(docs)}
	mem.Tally()
	if !reflect.DeepEqual(got, mem.Documents) {
		t.Errorf("documents read back differ from those added (%d vs %d)", len(got), len(mem.Documents))
	}
	if tot := s.Totals(); !reflect.DeepEqual(tot, mem.Totals) {
		t.Errorf("totals %+v, want %+v", tot, mem.Totals)
	}
	want, err := mem.JSON()
	if err != nil {
		t.Fatal(err)
	}
	head := *mem
	head.Documents = nil
	var b bytes.Buffer
	if err := report.WriteJSONFrom(&b, &head, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Error("report.json from the spool differs from the report rendered in memory")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(docs[0]); err == nil {
		t.Error("Add after Close succeeded")
	}
}

func sortedByInput(docs []report.Document) []report.Document {
	out := append([]report.Document(nil), docs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Input < out[i].Input {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
