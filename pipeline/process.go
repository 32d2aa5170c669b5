// Package pipeline is the core shared by batch scans, the upload watcher and
// the HTTP step: one document goes sniff → extract → detect → decide →
// redact → verify, under a timeout and its own panic recovery, and comes out
// as an Outcome. Sources, the worker pool and writing live beside it.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gabriel-vasile/mimetype"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/docx"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/txt"
	"github.com/prescreen/prescreen/report"
	"github.com/sourcegraph/conc/panics"
)

// Outcome is what became of one document.
type Outcome struct {
	SHA256    string
	MediaType string
	Status    string // report.Redacted, report.Clean or report.Quarantined
	// Reason says why a document was quarantined. It never quotes content.
	Reason   string
	Findings []report.Finding
	// Consent lists the consent records that let items pass.
	Consent []report.ConsentApplied
	// Output is the redacted (or sanitised clean) document; nil when
	// quarantined.
	Output []byte
}

// ErrInterrupted is returned by Process when its context was cancelled from
// outside (Ctrl-C), as opposed to the document's own timeout.
var ErrInterrupted = errors.New("interrupted")

// Screener screens one document; Processor is the in-process one.
type Screener interface {
	ProcessDoc(ctx context.Context, data []byte, ref string) (Outcome, error)
}

var _ Screener = (*Processor)(nil)

// A FileScreener is a Screener that can also write a document's reviewer
// copy itself, to a new file at temp (which must not exist), so that the
// copy's bytes need not come back to the caller. The isolate package's
// workers do: each writes its own copies, and a batch's parent process,
// which every document passes through, keeps only the reading and the
// renames. written reports that the copy is at temp (closed, mode 0600,
// not yet flushed to disk) and the Outcome's Output is then nil. Otherwise
// Output is as from ProcessDoc, and the caller removes whatever is at temp
// (a worker killed mid-write can leave part of a file there).
type FileScreener interface {
	Screener
	ProcessDocTo(ctx context.Context, data []byte, ref, temp string) (out Outcome, written bool, err error)
}

// A Queuer is a Screener that takes more documents at once than it
// screens: the isolate package's workers each hold the next document while
// they screen one, so as not to wait for it. Capacity is how many it takes
// at once; a batch hands it that many.
type Queuer interface {
	Screener
	Capacity() int
}

// Processor screens documents. Its fields are read-only once in use; one
// Processor serves any number of goroutines.
type Processor struct {
	Scanner       *detectors.Scanner
	Policy        *policy.Policy
	Fingerprinter *report.Fingerprinter
	// Timeout bounds one document's processing; 0 means no limit.
	Timeout time.Duration
	// Formats maps a media type (no parameters) to its format; nil means
	// DefaultFormats.
	Formats map[string]redact.Format
	// Consents, if set, lets "consent" items pass for the candidates who
	// gave it.
	Consents *policy.Consents
	// MaxTextBytes quarantines documents whose extracted text is longer,
	// before detection; 0 means DefaultMaxTextBytes, negative no limit.
	MaxTextBytes int
}

// DefaultMaxTextBytes bounds a document's extracted text: resumes hold
// kilobytes; a few megabytes of text is a document built to cost time.
const DefaultMaxTextBytes = 4 << 20

// DefaultFormats are the formats prescreen screens. Everything else is
// quarantined as unsupported.
func DefaultFormats() map[string]redact.Format {
	return map[string]redact.Format{
		"text/plain":                txt.Format{},
		"text/csv":                  txt.Format{},
		"text/tab-separated-values": txt.Format{},
		docx.MediaType:              docx.Format{},
		"application/pdf":           pdf.Format{},
	}
}

// Process screens one document. It returns an error only for
// ErrInterrupted; everything that goes wrong with the document itself,
// including a timeout or a panic, is a quarantined Outcome.
func (p *Processor) Process(ctx context.Context, data []byte) (Outcome, error) {
	return p.ProcessDoc(ctx, data, "")
}

// ProcessDoc is Process for a document known by a reference (its path
// relative to its folder), which consent records may name.
func (p *Processor) ProcessDoc(ctx context.Context, data []byte, ref string) (Outcome, error) {
	base := baseOutcome(data)
	grants := p.Consents.For(base.SHA256, ref)

	docCtx, cancel := ctx, context.CancelFunc(func() {})
	if p.Timeout > 0 {
		docCtx, cancel = context.WithTimeout(ctx, p.Timeout)
	}
	defer cancel()

	// The work runs in its own goroutine so that a parser stuck in a loop
	// cannot hold the batch past the timeout. Its result is then dropped.
	done := make(chan Outcome, 1)
	go func() {
		var out Outcome
		stage := "sniff"
		if r := panics.Try(func() { out = p.screen(docCtx, base, data, grants, &stage) }); r != nil {
			// The panic value may quote the document: report the stage only.
			out = quarantine(base, "internal error: panic during "+stage)
		}
		done <- out
	}()
	select {
	case out := <-done:
		if ctx.Err() != nil {
			return Outcome{}, ErrInterrupted
		}
		return out, nil
	case <-docCtx.Done():
		if ctx.Err() != nil {
			return Outcome{}, ErrInterrupted
		}
		return quarantine(base, p.timeoutReason()), nil
	}
}

func (p *Processor) maxText() int {
	if p.MaxTextBytes == 0 {
		return DefaultMaxTextBytes
	}
	return p.MaxTextBytes
}

func (p *Processor) timeoutReason() string {
	return fmt.Sprintf("timeout: not screened within %s", p.Timeout)
}

func quarantine(base Outcome, reason string) Outcome {
	base.Status, base.Reason, base.Findings, base.Output = report.Quarantined, reason, nil, nil
	return base
}

// baseOutcome identifies a document by its hash and its media type sniffed
// from the bytes (never from the file name).
func baseOutcome(data []byte) Outcome {
	mt, _, _ := strings.Cut(mimetype.Detect(data).String(), ";")
	return Outcome{SHA256: SHA256(data), MediaType: mt}
}

// screen runs the stages. stage names the running one for panic reports.
func (p *Processor) screen(ctx context.Context, out Outcome, data []byte, grants map[detectors.Category]policy.ConsentRecord, stage *string) Outcome {
	formats := p.Formats
	if formats == nil {
		formats = DefaultFormats()
	}
	format, ok := formats[out.MediaType]
	if !ok {
		return quarantine(out, "unsupported format: "+out.MediaType)
	}

	*stage = "extract"
	doc, err := format.Extract(data)
	if err != nil {
		return quarantine(out, "unreadable: "+err.Error())
	}
	if ctx.Err() != nil {
		return quarantine(out, p.timeoutReason())
	}

	*stage = "detect"
	text := doc.Text()
	if limit := p.maxText(); limit > 0 && len(text) > limit {
		return quarantine(out, fmt.Sprintf("too much text: over %d bytes extracted", limit))
	}
	matches, decide := p.detect(text, grants)
	values := make([]string, len(matches))
	for i, m := range matches {
		values[i] = text[m.Start:m.End]
	}
	// What the format itself found: hidden text and objects such as photos.
	if h, ok := doc.(redact.Hider); ok {
		for _, sp := range h.HiddenSpans() {
			matches = append(matches, detectors.Match{Category: detectors.HiddenText, Detector: format.Name() + "_hidden", Start: sp.Start, End: sp.End, Likelihood: detectors.Certain})
			values = append(values, text[sp.Start:sp.End])
		}
	}
	var objects []redact.Object
	if ol, ok := doc.(redact.ObjectLister); ok {
		objects = ol.Objects()
	}

	*stage = "decide"
	red := redact.Redaction{Style: redact.MarkerStyle(p.Policy.Marker)}
	paged, _ := doc.(redact.Paged)
	pageOf := func(offset int) int {
		if paged == nil {
			return 0
		}
		return paged.PageOf(offset)
	}
	used := map[detectors.Category]bool{}
	if n := len(matches) + len(objects); n > 0 { // none: Findings stays nil
		out.Findings = make([]report.Finding, 0, n)
		red.Spans = make([]redact.Span, 0, len(matches))
	}
	for i, m := range matches {
		redacted, usedConsent := decide(m)
		if usedConsent && !used[m.Category] {
			used[m.Category] = true
			g := grants[m.Category]
			out.Consent = append(out.Consent, report.ConsentApplied{Category: m.Category, GrantedAt: g.GrantedAt, MatchedBy: g.MatchedBy()})
		}
		if redacted {
			red.Spans = append(red.Spans, redact.Span{Start: m.Start, End: m.End, Category: m.Category})
		}
		out.Findings = append(out.Findings, p.Fingerprinter.NewFinding(m, values[i], redacted, pageOf(m.Start)))
	}
	for _, o := range objects {
		m := detectors.Match{Category: o.Category, Detector: format.Name() + "_object", Start: o.Offset, End: o.Offset, Likelihood: detectors.Certain}
		redacted, _ := decide(m)
		if redacted {
			red.Objects = append(red.Objects, o.ID)
		}
		out.Findings = append(out.Findings, p.Fingerprinter.NewFinding(m, o.Digest, redacted, pageOf(o.Offset)))
	}
	if ctx.Err() != nil {
		return quarantine(out, p.timeoutReason())
	}

	*stage = "redact"
	// Documents with nothing to redact go through Apply too: formats
	// sanitise (metadata, hidden parts) on every reviewer copy.
	output, err := doc.Apply(red)
	if err != nil {
		return quarantine(out, "redaction failed: "+err.Error())
	}

	*stage = "verify"
	if reason := p.verify(format, doc, output, grants); reason != "" {
		return quarantine(out, reason)
	}
	out.Output = output
	out.Status = report.Clean
	if len(red.Spans)+len(red.Objects) > 0 {
		out.Status = report.Redacted
	}
	return out
}

// detect runs the detectors and the policy's deny-list over text and
// returns the matches with the decision function for them: the policy's
// rule, the candidate's consent, and the policy's allow-list.
func (p *Processor) detect(text string, grants map[detectors.Category]policy.ConsentRecord) ([]detectors.Match, func(detectors.Match) (redact, usedConsent bool)) {
	deny, allow := p.Policy.Terms(text)
	matches := append(p.Scanner.Scan(text), deny...)
	consented := func(c detectors.Category) bool { _, ok := grants[c]; return ok }
	return matches, func(m detectors.Match) (bool, bool) {
		if m.Detector != policy.DenyDetector && policy.Allowed(m, allow) {
			return false, false
		}
		return p.Policy.Decide(m, consented)
	}
}

// verify extracts the redacted output again with the same reader and checks
// it as the first pass did: any text item, hidden text or object that the
// policy redacts and that is still there fails the document. Formats with
// an independent second reader (redact.CrossChecker) have its text checked
// the same way. orig is the extraction the output was made from (or nil):
// if it is a redact.CopyReader, it reads the output instead of
// format.Extract, to the same result for less.
func (p *Processor) verify(format redact.Format, orig redact.Extraction, output []byte, grants map[detectors.Category]policy.ConsentRecord) string {
	extract := format.Extract
	if cr, ok := orig.(redact.CopyReader); ok {
		extract = cr.ReadCopy
	}
	doc, err := extract(output)
	if err != nil {
		return "verification failed: redacted copy unreadable: " + err.Error()
	}
	left := map[detectors.Category]int{}
	matches, decide := p.detect(redact.BlankMarkers(doc.Text()), grants)
	check := func(m detectors.Match) {
		if r, _ := decide(m); r {
			left[m.Category]++
		}
	}
	for _, m := range matches {
		check(m)
	}
	if cc, ok := doc.(redact.CrossChecker); ok {
		texts, err := cc.CrossCheckTexts()
		if err != nil {
			return "verification failed: second extractor: " + err.Error()
		}
		// One text, pages in order, as the first reader gives it: per
		// page, the top of page 2 looked like a resume's header block.
		ms, decide2 := p.detect(redact.BlankMarkers(strings.Join(texts, "\n")), grants)
		for _, m := range ms {
			if r, _ := decide2(m); r {
				left[m.Category]++
			}
		}
	}
	if h, ok := doc.(redact.Hider); ok {
		for range h.HiddenSpans() {
			check(detectors.Match{Category: detectors.HiddenText, Likelihood: detectors.Certain})
		}
	}
	if ol, ok := doc.(redact.ObjectLister); ok {
		for _, o := range ol.Objects() {
			check(detectors.Match{Category: o.Category, Likelihood: detectors.Certain})
		}
	}
	if len(left) == 0 {
		return ""
	}
	var parts []string
	for _, c := range detectors.Reported {
		if n := left[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c))
		}
	}
	return "verification failed: items remain after redaction: " + strings.Join(parts, ", ")
}

// SHA256 is the hex SHA-256 of data, the identity of a document.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
