// Package report defines the findings report, report.json. No field of it can
// hold a raw value: a finding carries its category, where it was, how long it
// was, a masked preview and a keyed fingerprint, never the text itself.
package report

import (
	"encoding/json"
	"time"

	"github.com/prescreen/prescreen/detectors"
)

// Document status values.
const (
	Redacted    = "redacted"
	Clean       = "clean"
	Quarantined = "quarantined"
)

// Finding actions.
const (
	ActionRedacted = "redacted"
	ActionKept     = "kept"
)

type Report struct {
	Tool      Tool       `json:"tool"`
	Policy    PolicyRef  `json:"policy"`
	Started   time.Time  `json:"started"`
	Finished  time.Time  `json:"finished"`
	Documents []Document `json:"documents"`
	Totals    Totals     `json:"totals"`
	// Interrupted is set when Ctrl-C or SIGTERM stopped the batch before
	// every document was screened; the unscreened ones are not listed.
	Interrupted bool `json:"interrupted,omitempty"`
}

type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type PolicyRef struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

type Document struct {
	Input     string    `json:"input"`
	Output    *string   `json:"output"` // relative to the output folder; null unless redacted or clean
	SHA256    string    `json:"sha256"`
	MediaType string    `json:"media_type"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"`
	Findings  []Finding `json:"findings"`
	// Consent lists the recorded consents that let items pass.
	Consent []ConsentApplied `json:"consent,omitempty"`
}

// ConsentApplied records that a candidate's consent let a category pass.
type ConsentApplied struct {
	Category  detectors.Category `json:"category"`
	GrantedAt time.Time          `json:"granted_at"`
	MatchedBy string             `json:"matched_by"` // "sha256" or "reference"
}

type Finding struct {
	Category    detectors.Category   `json:"category"`
	Detector    string               `json:"detector"`
	Likelihood  detectors.Likelihood `json:"likelihood"`
	Action      string               `json:"action"`
	Location    Location             `json:"location"`
	Length      int                  `json:"length"` // in characters
	Masked      string               `json:"masked"`
	Fingerprint string               `json:"fingerprint"`
}

// Location is a byte range of the document's extracted UTF-8 text.
type Location struct {
	Page  int `json:"page,omitempty"`
	Start int `json:"start"`
	End   int `json:"end"`
}

type Totals struct {
	Documents          int                        `json:"documents"`
	Redacted           int                        `json:"redacted"`
	Clean              int                        `json:"clean"`
	Quarantined        int                        `json:"quarantined"`
	FindingsByCategory map[detectors.Category]int `json:"findings_by_category"`
}

// Tally recomputes r.Totals from r.Documents.
func (r *Report) Tally() {
	t := Totals{FindingsByCategory: map[detectors.Category]int{}}
	for _, d := range r.Documents {
		t.Add(d)
	}
	r.Totals = t
}

// Add counts one more document in the totals.
func (t *Totals) Add(d Document) {
	if t.FindingsByCategory == nil {
		t.FindingsByCategory = map[detectors.Category]int{}
	}
	t.Documents++
	switch d.Status {
	case Redacted:
		t.Redacted++
	case Clean:
		t.Clean++
	case Quarantined:
		t.Quarantined++
	}
	for _, f := range d.Findings {
		t.FindingsByCategory[f.Category]++
	}
}

// JSON renders the report, indented for people.
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
