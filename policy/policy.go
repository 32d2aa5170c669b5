// Package policy decides, per category, whether a detected item is removed
// from the reviewer's copy. Policies are YAML files that HR and privacy
// officers read and change without a developer; default.yaml, embedded in
// the binary, documents every field.
package policy

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
	"github.com/prescreen/prescreen/detectors"
)

// Action says what happens to items of a category.
type Action string

const (
	Redact  Action = "redact"  // removed from the reviewer copy
	Keep    Action = "keep"    // left in place, still reported
	Consent Action = "consent" // removed unless the candidate's consent is recorded
)

// Tier is who may see an item inside the company.
type Tier string

const (
	General      Tier = "general"      // stays inside the company
	Confidential Tier = "confidential" // HR and the hiring manager only
	Secret       Tier = "secret"       // only within a named responsibility
)

// Text is a sentence in the languages prescreen speaks.
type Text struct {
	EN string `yaml:"en" json:"en"`
	ZH string `yaml:"zh,omitempty" json:"zh,omitempty"`
}

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if lang == "zh" && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Rule is the policy for one category (or, in a role, one detector).
type Rule struct {
	Action        Action                `yaml:"action" json:"action"`
	Tier          Tier                  `yaml:"tier" json:"tier"`
	Reason        Text                  `yaml:"reason" json:"reason"`
	MinLikelihood *detectors.Likelihood `yaml:"min_likelihood,omitempty" json:"min_likelihood,omitempty"`
}

// Role overrides rules for one kind of job, picked with --role.
type Role struct {
	Description Text                        `yaml:"description" json:"description"`
	Categories  map[detectors.Category]Rule `yaml:"categories,omitempty" json:"categories,omitempty"`
	Detectors   map[string]Rule             `yaml:"detectors,omitempty" json:"detectors,omitempty"`
}

// Term is a deny-list entry: text always redacted, recorded as Category.
type Term struct {
	Term     string             `yaml:"term" json:"term"`
	Category detectors.Category `yaml:"category" json:"category"`
}

// Policy is a loaded, validated policy with at most one role applied.
type Policy struct {
	Name          string               `yaml:"name" json:"name"`
	Description   Text                 `yaml:"description" json:"description"`
	MinLikelihood detectors.Likelihood `yaml:"min_likelihood" json:"min_likelihood"`
	// Marker is how removed text shows in text and Word copies: "label"
	// ("[REDACTED:religion]", the default) or "block" ("██████"). PDF copies
	// always show a black box.
	Marker     string                      `yaml:"marker,omitempty" json:"marker,omitempty"`
	Retention  Text                        `yaml:"retention" json:"retention"`
	Categories map[detectors.Category]Rule `yaml:"categories" json:"categories"`
	Roles      map[string]Role             `yaml:"roles,omitempty" json:"roles,omitempty"`
	Allow      []string                    `yaml:"allow" json:"allow"`
	Deny       []Term                      `yaml:"deny" json:"deny"`

	role   string
	source []byte // the file as read; its hash identifies the policy
}

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML is the built-in default policy file, for `policy show`.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Default is the built-in policy: everything unrelated to the job is
// removed, marital status needs consent, the candidate's name is kept.
func Default() *Policy {
	p, err := Parse("default.yaml", defaultYAML)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return p
}

// BlindYAML is the built-in blind-screening policy file: the default with
// the candidate's name redacted too; reviewer copies then also get neutral
// file names.
func BlindYAML() []byte {
	s := string(defaultYAML)
	for _, r := range [][2]string{
		{"name: default\n", "name: blind\n"},
		{"  name:\n    action: keep\n", "  name:\n    action: redact\n"},
		{"      en: Reviewers need to know whose resume they are reading.\n", "      en: Blind screening - reviewers judge the resume without knowing whose it is.\n"},
		{"      zh: 评审人需要知道简历属于谁。\n", "      zh: 匿名评审：评审人在不知道候选人身份的情况下评估简历。\n"},
	} {
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return []byte(s)
}

// Blind is the built-in blind-screening policy.
func Blind() *Policy {
	p, err := Parse("blind.yaml", BlindYAML())
	if err != nil {
		panic(err) // derived from the embedded file; tested
	}
	return p
}

// Load reads a policy: "default" and "blind" name the built-in ones,
// anything else is a YAML file.
func Load(nameOrPath string) (*Policy, error) {
	switch nameOrPath {
	case "", "default":
		return Default(), nil
	case "blind":
		return Blind(), nil
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return Parse(nameOrPath, data)
}

// Parse decodes and validates a policy file. Errors name the file, the line
// and the field.
func Parse(file string, data []byte) (*Policy, error) {
	var p Policy
	if err := yaml.UnmarshalWithOptions(data, &p, yaml.DisallowUnknownField(), yaml.Strict()); err != nil {
		return nil, fmt.Errorf("policy %s: %s", file, yaml.FormatError(err, false, false))
	}
	p.source = bytes.Clone(data)
	if err := p.validate(); err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("policy %s:%d: %s: %s", file, lineOf(data, fe.path), fe.field, fe.msg)
		}
		return nil, fmt.Errorf("policy %s: %w", file, err)
	}
	return &p, nil
}

// fieldError is a validation error at a YAML path such as
// $.categories.religion.action.
type fieldError struct{ path, field, msg string }

func (e *fieldError) Error() string { return e.field + ": " + e.msg }

func fieldErr(path, field, format string, a ...any) error {
	return &fieldError{path: path, field: field, msg: fmt.Sprintf(format, a...)}
}

// lineOf finds the line of the deepest existing node on path.
func lineOf(data []byte, path string) int {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return 0
	}
	for p := path; p != "$" && p != ""; p = p[:strings.LastIndexByte(p, '.')] {
		yp, err := yaml.PathString(p)
		if err != nil {
			continue
		}
		if n, err := yp.FilterFile(f); err == nil && n != nil {
			return n.GetToken().Position.Line
		}
	}
	return 1
}

func (p *Policy) validate() error {
	if p.Name == "" {
		return fieldErr("$", "name", "missing")
	}
	if p.MinLikelihood == 0 {
		return fieldErr("$", "min_likelihood", "missing (low, medium, high or certain)")
	}
	if p.Categories == nil {
		return fieldErr("$", "categories", "missing")
	}
	switch p.Marker {
	case "", "label", "block":
	default:
		return fieldErr("$.marker", "marker", "%q is not label or block", p.Marker)
	}
	for c, r := range p.Categories {
		path := "$.categories." + string(c)
		if !c.Valid() {
			return fieldErr(path, "categories."+string(c), "unknown category (known: %s)", knownCategories())
		}
		if err := r.check(path, "categories."+string(c)); err != nil {
			return err
		}
	}
	for _, c := range detectors.Reported {
		if _, ok := p.Categories[c]; !ok {
			return fieldErr("$.categories", "categories."+string(c), "missing: every category needs a rule")
		}
	}
	for name, role := range p.Roles {
		path := "$.roles." + name
		if role.Description.EN == "" {
			return fieldErr(path, "roles."+name+".description.en", "missing")
		}
		for c, r := range role.Categories {
			if !c.Valid() {
				return fieldErr(path+".categories."+string(c), "roles."+name+".categories."+string(c), "unknown category (known: %s)", knownCategories())
			}
			if err := r.check(path+".categories."+string(c), "roles."+name+".categories."+string(c)); err != nil {
				return err
			}
		}
		for d, r := range role.Detectors {
			if !slices.Contains(detectorIDs(), d) {
				return fieldErr(path+".detectors."+d, "roles."+name+".detectors."+d, "unknown detector")
			}
			if err := r.check(path+".detectors."+d, "roles."+name+".detectors."+d); err != nil {
				return err
			}
		}
	}
	for i, a := range p.Allow {
		if strings.TrimSpace(a) == "" {
			return fieldErr(fmt.Sprintf("$.allow[%d]", i), fmt.Sprintf("allow[%d]", i), "empty term")
		}
	}
	for i, d := range p.Deny {
		path := fmt.Sprintf("$.deny[%d]", i)
		if strings.TrimSpace(d.Term) == "" {
			return fieldErr(path, fmt.Sprintf("deny[%d].term", i), "missing")
		}
		if !d.Category.Valid() {
			return fieldErr(path, fmt.Sprintf("deny[%d].category", i), "unknown or missing category (known: %s)", knownCategories())
		}
	}
	return nil
}

func (r Rule) check(path, field string) error {
	switch r.Action {
	case Redact, Keep, Consent:
	case "":
		return fieldErr(path, field+".action", "missing (redact, keep or consent)")
	default:
		return fieldErr(path+".action", field+".action", "%q is not redact, keep or consent", r.Action)
	}
	switch r.Tier {
	case General, Confidential, Secret:
	case "":
		return fieldErr(path, field+".tier", "missing (general, confidential or secret)")
	default:
		return fieldErr(path+".tier", field+".tier", "%q is not general, confidential or secret", r.Tier)
	}
	if r.Reason.EN == "" {
		return fieldErr(path, field+".reason.en", "missing: every rule says why, in plain language")
	}
	return nil
}

func knownCategories() string {
	var s []string
	for _, c := range detectors.Reported {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

func detectorIDs() []string {
	var ids []string
	for _, d := range detectors.All() {
		ids = append(ids, d.ID())
	}
	return ids
}

// WithRole returns the policy with the named role's overrides applied.
func (p *Policy) WithRole(name string) (*Policy, error) {
	if name == "" {
		return p, nil
	}
	role, ok := p.Roles[name]
	if !ok {
		var names []string
		for n := range p.Roles {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("policy %s has no role %q (roles: %s)", p.Name, name, strings.Join(names, ", "))
	}
	q := *p
	q.role = name
	q.Categories = map[detectors.Category]Rule{}
	for c, r := range p.Categories {
		q.Categories[c] = r
	}
	for c, r := range role.Categories {
		q.Categories[c] = r
	}
	return &q, nil
}

// Source is the policy file as read: Parse(name, Source()) gives the same
// policy back, which is how worker processes receive it.
func (p *Policy) Source() []byte { return bytes.Clone(p.source) }

// Role is the applied role's name, or "".
func (p *Policy) Role() string { return p.role }

// FullName is the policy name with its role, for reports: "default/driver".
func (p *Policy) FullName() string {
	if p.role == "" {
		return p.Name
	}
	return p.Name + "/" + p.role
}

// Rule returns the rule that applies to m: a role's detector override
// first, then the category's rule.
func (p *Policy) Rule(m detectors.Match) (Rule, bool) {
	if p.role != "" {
		if r, ok := p.Roles[p.role].Detectors[m.Detector]; ok {
			return r, true
		}
	}
	r, ok := p.Categories[m.Category]
	return r, ok
}

// Decide says whether m is removed from the reviewer copy. consented
// reports whether the candidate's consent for a category is recorded.
// usedConsent is true when a consent record is what let m pass.
func (p *Policy) Decide(m detectors.Match, consented func(detectors.Category) bool) (redact, usedConsent bool) {
	r, ok := p.Rule(m)
	if !ok {
		return true, false // an unknown category fails closed
	}
	min := p.MinLikelihood
	if r.MinLikelihood != nil {
		min = *r.MinLikelihood
	}
	if m.Likelihood < min {
		return false, false
	}
	switch r.Action {
	case Keep:
		return false, false
	case Consent:
		if consented != nil && consented(m.Category) {
			return false, true
		}
	}
	return true, false
}

// Redacts is Decide without consent records.
func (p *Policy) Redacts(m detectors.Match) bool {
	r, _ := p.Decide(m, nil)
	return r
}

// NeutralNames reports whether reviewer copies must not keep their file
// names: a name like Zhang_Wei_resume.pdf is content too.
func (p *Policy) NeutralNames() bool {
	return p.Categories[detectors.Name].Action != Keep
}

// SHA256 identifies the exact rules applied, for the report: the hash of
// the file, plus the role applied.
func (p *Policy) SHA256() string {
	h := sha256.New()
	h.Write(p.source)
	if p.role != "" {
		h.Write([]byte("\x00role:" + p.role))
	}
	return hex.EncodeToString(h.Sum(nil))
}
