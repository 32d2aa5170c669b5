// Package policy decides, per category, whether a detected item is removed
// from the reviewer's copy. The rules are data so they can be read aloud to
// a candidate; this first version is the built-in default only.
package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/prescreen/prescreen/detectors"
)

// Action says what happens to items of a category.
type Action string

const (
	Redact Action = "redact" // removed from the reviewer copy
	Keep   Action = "keep"   // left in place, still reported
	// Consent items are removed unless the candidate's consent for the
	// category is recorded. Until consent records exist they are removed.
	Consent Action = "consent"
)

// Rule is the policy for one category.
type Rule struct {
	Action Action `json:"action"`
	Reason string `json:"reason"`
}

// Policy maps categories to rules.
type Policy struct {
	Name string `json:"name"`
	// MinLikelihood is the least likelihood at which an item is acted on;
	// less likely items are reported as kept.
	MinLikelihood detectors.Likelihood        `json:"min_likelihood"`
	Rules         map[detectors.Category]Rule `json:"rules"`
}

// Default is the built-in policy: everything unrelated to the job is
// removed, marital status needs consent, the candidate's name is kept.
func Default() *Policy {
	unrelated := "Not needed to judge whether the candidate can do the job."
	p := &Policy{Name: "default", MinLikelihood: detectors.Medium, Rules: map[detectors.Category]Rule{}}
	for _, c := range detectors.Categories {
		p.Rules[c] = Rule{Action: Redact, Reason: unrelated}
	}
	p.Rules[detectors.HiddenText] = Rule{Action: Redact, Reason: "Text a reader cannot see must not steer the review."}
	p.Rules[detectors.Photo] = Rule{Action: Redact, Reason: "A photo shows age, gender, ethnicity and more that the job does not need."}
	p.Rules[detectors.MaritalStatus] = Rule{Action: Consent, Reason: "Related to some jobs but never necessary: shown only with the candidate's consent."}
	p.Rules[detectors.Name] = Rule{Action: Keep, Reason: "Reviewers need to know whose resume they read."}
	return p
}

// Redacts reports whether m is removed from the reviewer copy.
func (p *Policy) Redacts(m detectors.Match) bool {
	if m.Likelihood < p.MinLikelihood {
		return false
	}
	r, ok := p.Rules[m.Category]
	if !ok {
		return true // an unknown category fails closed
	}
	return r.Action == Redact || r.Action == Consent
}

// SHA256 identifies the exact rules applied, for the report.
func (p *Policy) SHA256() string {
	b, err := json.Marshal(p) // map keys are sorted, so this is canonical
	if err != nil {
		panic(err) // only plain data: cannot fail
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
