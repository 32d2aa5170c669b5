// Package eval measures detectors against an annotated corpus of resumes.
//
// A corpus directory holds pairs of files: name.txt (a UTF-8 resume) and
// name.json (its annotations). The annotations name exact substrings of the
// text, so they stay readable and reviewable:
//
//	{
//	  "items": [{"category": "religion", "text": "Catholic", "nth": 0}],
//	  "traps": [{"text": "Christian Dior", "not": ["religion"]}]
//	}
//
// An item is a value a reviewer must not see, in the given category. A trap
// is text that must not be flagged in any of the categories in "not" (or in
// any category when "not" is omitted). "nth" picks the occurrence of "text"
// (0-based, counting overlapping occurrences), default 0.
//
// Load resolves annotations to byte spans; Run scores a scan function
// against them. Reports carry file names, categories and byte offsets only,
// never the annotated text.
package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/prescreen/prescreen/detectors"
)

// Span is a byte range of a document's text, End exclusive.
type Span struct {
	Start, End int
}

func (s Span) overlaps(start, end int) bool { return s.Start < end && start < s.End }

// Item is one annotated sensitive value.
type Item struct {
	Category detectors.Category
	Span
}

// Trap is text that must not be flagged in the categories of Not (in any
// category when Not is empty).
type Trap struct {
	Not []detectors.Category
	Span
}

// Doc is one annotated resume.
type Doc struct {
	Name  string // file name without extension, e.g. "us-01"
	Text  string
	Items []Item
	Traps []Trap
}

// Corpus is a set of annotated resumes, sorted by name.
type Corpus struct {
	Docs []Doc
}

// annotationFile is the on-disk form of name.json.
type annotationFile struct {
	Items []annotation `json:"items"`
	Traps []annotation `json:"traps"`
}

type annotation struct {
	Category detectors.Category   `json:"category,omitempty"`
	Text     string               `json:"text"`
	Nth      int                  `json:"nth,omitempty"`
	Not      []detectors.Category `json:"not,omitempty"`
}

// Load reads every name.txt / name.json pair in dir. Any unpaired file, any
// annotation whose text does not occur (nth times), any unknown category or
// unknown JSON field is an error: a corpus is either wholly valid or not
// used. All problems found are returned together.
func Load(dir string) (*Corpus, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	txt, js := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch ext := filepath.Ext(e.Name()); ext {
		case ".txt":
			txt[strings.TrimSuffix(e.Name(), ext)] = true
		case ".json":
			js[strings.TrimSuffix(e.Name(), ext)] = true
		}
	}
	var errs []error
	for name := range js {
		if !txt[name] {
			errs = append(errs, fmt.Errorf("%s.json has no %s.txt", name, name))
		}
	}
	names := make([]string, 0, len(txt))
	for name := range txt {
		names = append(names, name)
	}
	slices.Sort(names)
	c := &Corpus{}
	for _, name := range names {
		if !js[name] {
			errs = append(errs, fmt.Errorf("%s.txt has no %s.json", name, name))
			continue
		}
		d, err := loadDoc(dir, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.Docs = append(c.Docs, d)
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	if len(c.Docs) == 0 {
		return nil, fmt.Errorf("%s: no annotated documents", dir)
	}
	return c, nil
}

func loadDoc(dir, name string) (Doc, error) {
	text, err := os.ReadFile(filepath.Join(dir, name+".txt"))
	if err != nil {
		return Doc{}, err
	}
	if !utf8.Valid(text) {
		return Doc{}, fmt.Errorf("%s.txt: not valid UTF-8", name)
	}
	raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		return Doc{}, err
	}
	var af annotationFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&af); err != nil {
		return Doc{}, fmt.Errorf("%s.json: %w", name, err)
	}
	d := Doc{Name: name, Text: string(text)}
	var errs []error
	for i, a := range af.Items {
		if !a.Category.Valid() || a.Category == detectors.HiddenText {
			errs = append(errs, fmt.Errorf("%s.json: item %d: unknown category %q", name, i, a.Category))
			continue
		}
		if len(a.Not) > 0 {
			errs = append(errs, fmt.Errorf("%s.json: item %d: \"not\" is for traps", name, i))
			continue
		}
		sp, err := locate(d.Text, a.Text, a.Nth)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s.json: item %d (%s): %w", name, i, a.Category, err))
			continue
		}
		d.Items = append(d.Items, Item{Category: a.Category, Span: sp})
	}
	for i, a := range af.Traps {
		if a.Category != "" {
			errs = append(errs, fmt.Errorf("%s.json: trap %d: traps take \"not\", not \"category\"", name, i))
			continue
		}
		bad := false
		for _, c := range a.Not {
			if !c.Valid() || c == detectors.HiddenText {
				errs = append(errs, fmt.Errorf("%s.json: trap %d: unknown category %q", name, i, c))
				bad = true
			}
		}
		if bad {
			continue
		}
		sp, err := locate(d.Text, a.Text, a.Nth)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s.json: trap %d: %w", name, i, err))
			continue
		}
		d.Traps = append(d.Traps, Trap{Not: a.Not, Span: sp})
	}
	return d, errors.Join(errs...)
}

// locate finds the nth (0-based) occurrence of sub in text, counting
// overlapping occurrences. Errors never quote sub: annotations are sensitive
// in principle.
func locate(text, sub string, nth int) (Span, error) {
	if sub == "" {
		return Span{}, errors.New("empty text")
	}
	if nth < 0 {
		return Span{}, fmt.Errorf("negative nth %d", nth)
	}
	from := 0
	for n := 0; ; n++ {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			return Span{}, fmt.Errorf("text (%d bytes) has %d occurrence(s), nth=%d wanted", len(sub), n, nth)
		}
		if n == nth {
			return Span{Start: from + i, End: from + i + len(sub)}, nil
		}
		_, size := utf8.DecodeRuneInString(text[from+i:])
		from += i + size
	}
}
