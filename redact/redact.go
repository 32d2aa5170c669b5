// Package redact defines what every document format provides: extraction of
// the document's text with a map back to the source, and application of
// redactions to the source. Each format lives in its own sub-package
// (redact/txt, ...); nothing outside them knows a file format.
package redact

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/prescreen/prescreen/detectors"
)

// Span is a byte range of an Extraction's Text to remove from the document.
type Span struct {
	Start, End int
	Category   detectors.Category
}

// Format reads one kind of document.
type Format interface {
	// Name is a short identifier such as "txt".
	Name() string
	// Extract parses data. Errors must not quote the document's content.
	Extract(data []byte) (Extraction, error)
}

// Extraction is a parsed document.
type Extraction interface {
	// Text is the document's text as UTF-8; detector offsets refer to it.
	Text() string
	// Apply returns a new document of the same format in which every span
	// is replaced by a marker (hidden_text spans are removed without one),
	// every listed object is replaced by a neutral placeholder, and the
	// format's sanitising (metadata, comments, hidden parts) is done, for
	// every document, even with nothing to redact. Spans may overlap and
	// come in any order.
	Apply(r Redaction) ([]byte, error)
}

// Redaction is what to remove from a document.
type Redaction struct {
	// Style is how removed text is marked in text-based formats.
	Style MarkerStyle
	Spans []Span
	// Objects are IDs from ObjectLister.Objects to replace.
	Objects []int
}

// Hider is implemented by extractions that contain text a reader cannot see
// (DOCX w:vanish, PDF render mode 3 or white-on-white): candidates use it
// to stuff keywords or instructions for automated screeners. The spans are
// part of Text, so detectors see them too; they are reported as hidden_text.
type Hider interface {
	HiddenSpans() []Span
}

// Object is a non-text item of a document that may itself be personal,
// such as a photo. Formats must not list their own placeholders, so that
// verification can check that no redacted object remains.
type Object struct {
	ID       int
	Category detectors.Category
	// Offset is where the object sits in Text, for the report's location.
	Offset int
	// Digest stands in for the object's content in the report's keyed
	// fingerprint (a hash of the image bytes, say), so the same photo can
	// be recognised across documents. It is never written out.
	Digest string
}

// ObjectLister is implemented by extractions of formats that hold objects.
type ObjectLister interface {
	Objects() []Object
}

// CrossChecker is implemented by extractions that an independent second
// reader can also read (PDF: github.com/ledongthuc/pdf beside our own
// interpreter). Verification scans every text it returns as well, so a
// redacted copy is released only when neither reader finds anything the
// policy redacts. An error means the second reader could not read the
// copy; verification then fails. Errors must not quote the content.
type CrossChecker interface {
	CrossCheckTexts() ([]string, error)
}

// CopyReader is implemented by extractions that can read the copy their own
// Apply wrote for less than Format.Extract costs, by reusing work done on
// the original where the copy's bytes prove it would come out the same
// (DOCX: a ZIP entry copied unchanged is not inflated again). ReadCopy(out)
// must return what the Format's Extract(out) returns: the copy is still
// read from its own bytes, so verification checks the copy, not the
// original. Errors must not quote the content.
type CopyReader interface {
	ReadCopy(output []byte) (Extraction, error)
}

// Paged is implemented by extractions whose text comes from pages.
type Paged interface {
	// PageOf returns the 1-based page holding the text at offset.
	PageOf(offset int) int
}

// ErrUnsupported marks documents a format recognises but cannot handle
// safely (an unknown text encoding, say). The pipeline quarantines them.
var ErrUnsupported = errors.New("unsupported document")

// MarkerStyle is how a removed span shows in text-based formats.
type MarkerStyle string

const (
	// LabelMarker, the default, names the category: "[REDACTED:religion]".
	LabelMarker MarkerStyle = "label"
	// BlockMarker is a fixed run of blocks, "██████": it names nothing and,
	// being fixed, does not give away the value's length either.
	BlockMarker MarkerStyle = "block"
)

const blocks = "██████"

// Marker is the text that replaces a redacted span in text-based formats.
func Marker(c detectors.Category) string { return "[REDACTED:" + string(c) + "]" }

// Marker is the text that replaces a span of category c in this redaction.
func (r Redaction) Marker(c detectors.Category) string {
	if r.Style == BlockMarker {
		return blocks
	}
	return Marker(c)
}

// BlankMarkers replaces every redaction marker in text with spaces of the
// same length, so verification does not mistake a labelled field whose value
// is now a marker ("Religion: [REDACTED:religion]") for a field that still
// holds a value. Offsets are kept. A marker is "[REDACTED:" + lower-case
// letters or "_" + "]", or a run of "█". (A loop, not a regexp: it runs on
// every verified document and the regexp was 3% of a DOCX's screening.)
func BlankMarkers(text string) string {
	var b []byte // nil until the first marker: most texts are returned as is
	for i := 0; i < len(text); {
		if c := text[i]; c != '[' && c != blocks[0] { // no marker starts here
			i++
			continue
		}
		n := markerAt(text[i:])
		if n == 0 {
			i++
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		for k := i; k < i+n; k++ {
			b[k] = ' '
		}
		i += n
	}
	if b == nil {
		return text
	}
	return string(b)
}

// markerAt is the length of the marker at the start of s, or 0.
func markerAt(s string) int {
	if strings.HasPrefix(s, "█") {
		n := 0
		for strings.HasPrefix(s[n:], "█") {
			n += len("█")
		}
		return n
	}
	const open = "[REDACTED:"
	if !strings.HasPrefix(s, open) {
		return 0
	}
	n := len(open)
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] == '_') {
		n++
	}
	if n == len(open) || n == len(s) || s[n] != ']' {
		return 0
	}
	return n + 1
}

// Merge sorts spans and joins overlapping or touching ones. The merged span
// takes the category of the first span that starts it.
func Merge(spans []Span) []Span {
	s := append([]Span(nil), spans...)
	slices.SortFunc(s, func(a, b Span) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	var out []Span
	for _, sp := range s {
		if sp.Start >= sp.End {
			continue
		}
		if n := len(out); n > 0 && sp.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}
