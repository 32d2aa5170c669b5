package policy

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/prescreen/prescreen/detectors"
)

// ConsentRecord is a candidate's recorded consent for one category. It
// names the document by its sha256 or by a candidate reference (matched
// against the input's path relative to its folder, or its file name
// without extension).
type ConsentRecord struct {
	SHA256    string             `json:"sha256,omitempty"`
	Reference string             `json:"reference,omitempty"`
	Category  detectors.Category `json:"category"`
	GrantedAt time.Time          `json:"granted_at"`
}

// MatchedBy says how the record names its document: "sha256" or
// "reference".
func (r ConsentRecord) MatchedBy() string {
	if r.SHA256 != "" {
		return "sha256"
	}
	return "reference"
}

// Consents is a loaded consent file.
type Consents struct{ records []ConsentRecord }

// LoadConsents reads a CSV (header: sha256 or reference, category,
// granted_at) or JSON (an array of records) consent file.
func LoadConsents(path string) (*Consents, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("consent: %w", err)
	}
	var recs []ConsentRecord
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(data, &recs); err != nil {
			return nil, fmt.Errorf("consent %s: %w", path, err)
		}
	} else if recs, err = readConsentCSV(data); err != nil {
		return nil, fmt.Errorf("consent %s: %w", path, err)
	}
	for i, r := range recs {
		switch {
		case r.SHA256 == "" && r.Reference == "":
			return nil, fmt.Errorf("consent %s: record %d: needs sha256 or reference", path, i+1)
		case !r.Category.Valid():
			return nil, fmt.Errorf("consent %s: record %d: unknown category %q", path, i+1, r.Category)
		case r.GrantedAt.IsZero():
			return nil, fmt.Errorf("consent %s: record %d: granted_at missing", path, i+1)
		}
		recs[i].SHA256 = strings.ToLower(r.SHA256)
	}
	return &Consents{records: recs}, nil
}

func readConsentCSV(data []byte) ([]ConsentRecord, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("reading CSV header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	_, hasSHA := col["sha256"]
	_, hasRef := col["reference"]
	if _, ok := col["category"]; !ok || (!hasSHA && !hasRef) {
		return nil, fmt.Errorf("CSV header needs sha256 or reference, category and granted_at columns")
	}
	if _, ok := col["granted_at"]; !ok {
		return nil, fmt.Errorf("CSV header needs a granted_at column")
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var recs []ConsentRecord
	for line := 2; ; line++ {
		row, err := r.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339, get(row, "granted_at"))
		if err != nil {
			if t, err = time.Parse(time.DateOnly, get(row, "granted_at")); err != nil {
				return nil, fmt.Errorf("line %d: granted_at must be a date (2026-01-31) or RFC 3339 time", line)
			}
		}
		recs = append(recs, ConsentRecord{SHA256: get(row, "sha256"), Reference: get(row, "reference"), Category: detectors.Category(get(row, "category")), GrantedAt: t})
	}
}

// Records returns the loaded records; NewConsents rebuilds the set.
func (c *Consents) Records() []ConsentRecord {
	if c == nil {
		return nil
	}
	return append([]ConsentRecord(nil), c.records...)
}

// NewConsents is a consent set of already validated records.
func NewConsents(recs []ConsentRecord) *Consents {
	if len(recs) == 0 {
		return nil
	}
	return &Consents{records: append([]ConsentRecord(nil), recs...)}
}

// For returns the consent records that apply to a document, by category.
func (c *Consents) For(sha256, relPath string) map[detectors.Category]ConsentRecord {
	if c == nil {
		return nil
	}
	if relPath == "" && sha256 == "" {
		return nil
	}
	base := relPath
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	out := map[detectors.Category]ConsentRecord{}
	for _, r := range c.records {
		if r.SHA256 != "" && r.SHA256 == sha256 || r.Reference != "" && (r.Reference == relPath || r.Reference == base) {
			out[r.Category] = r
		}
	}
	return out
}
