// Package detectors finds personal items in resume text.
//
// A detector is a pure function of text: it receives the text (and a
// case-folded copy with the same byte offsets) and returns matches. It knows
// nothing about files, policies or reports. Detectors register themselves in
// init() with register; the Scanner runs one Aho-Corasick pass over every
// detector's keywords and then runs only the detectors whose keywords occur
// (detectors without keywords always run).
package detectors

import (
	"fmt"
	"strings"

	"github.com/coregx/ahocorasick"
)

// Category names are fixed: they appear in reports, policies and tests.
type Category string

const (
	IDNumber          Category = "id_number"
	Financial         Category = "financial"
	Contact           Category = "contact"
	Age               Category = "age"
	Gender            Category = "gender"
	MaritalStatus     Category = "marital_status"
	Family            Category = "family"
	Religion          Category = "religion"
	Health            Category = "health"
	MentalHealth      Category = "mental_health"
	CriminalRecord    Category = "criminal_record"
	Ethnicity         Category = "ethnicity"
	Political         Category = "political"
	Property          Category = "property"
	Physical          Category = "physical"
	Origin            Category = "origin"
	SexualOrientation Category = "sexual_orientation"
	Name              Category = "name"
	// HiddenText and Photo are reported by format packages (hidden runs in
	// DOCX, images in PDF), not by text detectors.
	HiddenText Category = "hidden_text"
	Photo      Category = "photo"
)

// Categories lists every category a text detector may report, in report order.
var Categories = []Category{
	IDNumber, Financial, Contact, Age, Gender, MaritalStatus, Family,
	Religion, Health, MentalHealth, CriminalRecord, Ethnicity, Political,
	Property, Physical, Origin, SexualOrientation, Name,
}

// Reported lists every category a report may hold: the detectors' and the
// formats' own.
var Reported = append(Categories[:len(Categories):len(Categories)], HiddenText, Photo)

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	if c == HiddenText || c == Photo {
		return true
	}
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Likelihood is how sure a detector is that a match is the category it says.
// It is an ordered enum, not a score: Low < Medium < High < Certain.
type Likelihood int

const (
	Low Likelihood = iota + 1
	Medium
	High
	Certain // e.g. a checksum-verified ID number
)

var likelihoodNames = []string{Low: "low", Medium: "medium", High: "high", Certain: "certain"}

func (l Likelihood) String() string {
	if l < Low || l > Certain {
		return fmt.Sprintf("Likelihood(%d)", int(l))
	}
	return likelihoodNames[l]
}

// ParseLikelihood is the inverse of String.
func ParseLikelihood(s string) (Likelihood, error) {
	for l := Low; l <= Certain; l++ {
		if strings.EqualFold(s, likelihoodNames[l]) {
			return l, nil
		}
	}
	return 0, fmt.Errorf("unknown likelihood %q (want low, medium, high or certain)", s)
}

func (l Likelihood) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

func (l *Likelihood) UnmarshalText(b []byte) error {
	v, err := ParseLikelihood(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Match is one detected item: a byte range of the text, never the text itself.
type Match struct {
	Category   Category
	Detector   string // the ID of the detector that found it
	Start, End int    // byte offsets into the text, End exclusive
	Likelihood Likelihood
}

// Input is what a detector reads. Folded has the same length and byte offsets
// as Text: each rune is lower-cased only where that keeps its UTF-8 length.
type Input struct {
	Text   string
	Folded string

	digits     [][2]int // lazily computed by digitRuns
	digitsDone bool
	byFamily   [][]ahocorasick.Match // lazily computed by familyMatches
}

// digitRuns returns the [start, end) of every maximal run of ASCII digits
// in the text, computed once per Input: a dozen number detectors share it.
// An Input belongs to one Scan call, so no lock is needed.
func (in *Input) digitRuns() [][2]int {
	if in.digitsDone {
		return in.digits
	}
	in.digitsDone = true
	t := in.Text
	for i := 0; i < len(t); i++ {
		if t[i]-'0' > 9 {
			continue
		}
		j := i + 1
		for j < len(t) && t[j]-'0' <= 9 {
			j++
		}
		in.digits = append(in.digits, [2]int{i, j})
		i = j
	}
	return in.digits
}

// NewInput prepares text for detection.
func NewInput(text string) *Input { return &Input{Text: text, Folded: Fold(text)} }

// Detector is one detector family. Implementations must be safe for
// concurrent use: Detect is called from many goroutines at once.
type Detector interface {
	// ID is unique among registered detectors and appears in reports.
	ID() string
	// Keywords are lower-case strings, at least one of which must occur in
	// the folded text for Detect to be worth running. None means always run.
	Keywords() []string
	// Detect returns matches in any order. It must not panic on any input
	// and must run in time linear in len(in.Text).
	Detect(in *Input) []Match
}

// afterOthers is implemented by detectors that also read what the others
// found. header_address splits a header line at the e-mail addresses and
// phone numbers on it, as verification finds them blanked: without that
// split the first pass and the verifier cut the same line into different
// cells. The scanner runs these detectors after all others and passes them
// the others' matches (valid spans, unsorted, not merged); Detect alone
// gives what the text shows without them.
type afterOthers interface {
	DetectAfter(in *Input, others []Match) []Match
}

var registry []Detector

// register adds a detector to the default set; call it from init().
func register(d Detector) { registry = append(registry, d) }

// All returns the registered detectors.
func All() []Detector { return append([]Detector(nil), registry...) }
