package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
)

// Writers of the corpus' documents, as the manifest names them.
const (
	writerPrescreen   = "prescreen"   // eval.ToDOCX, pdftest.FromText, or the text as is
	writerPandoc      = "pandoc"      // DOCX from the text read as Markdown
	writerLibreOffice = "libreoffice" // DOCX and PDF from the text imported as plain text
)

// Pandoc reads the resume text as Markdown, in one of two ways, half the
// documents each, because people make Word files from text both ways:
//
//   - markdown+hard_line_breaks keeps every line of the text a line of
//     the document (a line break inside a paragraph), like a resume typed
//     in Word; pandoc's own Markdown also turns quotes into typographic
//     ones.
//   - commonmark joins the lines of a block into one paragraph (a soft
//     break becomes a space), like text pasted in and reflowed, so
//     "Label: value" lines run on in one paragraph. CommonMark rather
//     than pandoc's Markdown: it has no pipe tables, definition lists,
//     sub/superscripts or smart quotes to reinterpret resume text, yet
//     still reads "- " bullets, "#" headings and numbered lists as such.
var pandocReaders = []string{"markdown+hard_line_breaks", "commonmark"}

// LibreOffice imports the text as UTF-8 with LF line ends: a paragraph per
// line, in its default fonts; the PDF is laid out and wrapped by Writer.
const (
	sofficeInFilter = "Text (encoded):UTF8,LF,,,"
	sofficeDOCX     = "docx:MS Word 2007 XML"
	sofficePDF      = "pdf:writer_pdf_Export"
	// sofficeBatch is how many files one soffice process converts: its
	// start (about a second) is then a small part of the batch's time.
	sofficeBatch = 200
)

// sourceDateEpoch fixes the dates pandoc writes into a DOCX, so the same
// seed gives the same pandoc files. (LibreOffice writes the current time
// and a random PDF ID whatever the environment.)
const sourceDateEpoch = "1767225600" // 2026-01-01

// tools are the office programs found on PATH ("" when missing).
type tools struct {
	pandoc, soffice string
}

func findTools() tools {
	var t tools
	t.pandoc, _ = exec.LookPath("pandoc")
	t.soffice, _ = exec.LookPath("soffice")
	return t
}

// officeDoc is a document an office program is to write.
type officeDoc struct {
	i      int    // index in the corpus
	d      doc    // its text and planted items
	f      format // txt, docx or pdf
	writer string
	mode   string // pandoc's reader
	data   []byte // the converted file
	err    error  // why it was not converted
}

// runPandoc converts one document: the text on stdin, the DOCX on stdout.
func runPandoc(ctx context.Context, bin string, od *officeDoc) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-f", od.mode, "-t", "docx", "-o", "-")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+sourceDateEpoch)
	cmd.Stdin = strings.NewReader(od.d.text)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		od.err = fmt.Errorf("pandoc -f %s: %w (%d bytes on stderr)", od.mode, err, stderr.Len())
		return
	}
	if stdout.Len() == 0 {
		od.err = fmt.Errorf("pandoc -f %s: no output", od.mode)
		return
	}
	od.data = stdout.Bytes()
}

// runSoffice converts a batch of documents to one format in one soffice
// process, with its own user profile (profile, created on first use) so
// that processes running side by side do not share one. Each document
// whose file soffice did not write gets an error.
func runSoffice(ctx context.Context, bin, tmp, profile string, batch []*officeDoc) {
	fail := func(err error) {
		for _, od := range batch {
			if od.err == nil && od.data == nil {
				od.err = err
			}
		}
	}
	in, err := os.MkdirTemp(tmp, "in-")
	if err != nil {
		fail(err)
		return
	}
	defer os.RemoveAll(in)
	out := in + ".out"
	defer os.RemoveAll(out)
	target := sofficePDF
	if batch[0].f.ext == "docx" {
		target = sofficeDOCX
	}
	args := []string{
		"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: profile}).String(),
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--infilter=" + sofficeInFilter, "--convert-to", target, "--outdir", out,
	}
	for _, od := range batch {
		name := filepath.Join(in, fmt.Sprintf("%06d.txt", od.i))
		if err := os.WriteFile(name, []byte(od.d.text), 0o644); err != nil {
			fail(err)
			return
		}
		args = append(args, name)
	}
	// A few seconds to start and (first time) make the profile, and far
	// more than the 20–40 ms a resume takes.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute+time.Duration(len(batch))*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	killGroup(cmd) // soffice is a script starting oosplash starting soffice.bin
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("soffice --convert-to %s: %w: %s", target, err, lastLine(log.String())))
		return
	}
	for _, od := range batch {
		data, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("%06d.%s", od.i, od.f.ext)))
		switch {
		case err != nil:
			od.err = fmt.Errorf("soffice --convert-to %s wrote no file: %s", target, lastLine(log.String()))
		case len(data) == 0:
			od.err = fmt.Errorf("soffice --convert-to %s wrote an empty file", target)
		default:
			od.data = data
		}
	}
}

// lastLine is the last non-empty line of soffice's output (it names files,
// never their content), for error messages.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// locateAll finds the planted items of d in ext, the text prescreen
// extracts from an office program's file, whose layout differs from d's
// text: lines joined or wrapped, typographic quotes. Each item's value is
// searched for with any whitespace allowed between its characters and
// straight quotes matching curly ones, and taken at the same occurrence
// (counted the same way in d's text) as the item's. Items whose value is
// not there (the program dropped or rewrote it) are returned as lost.
func locateAll(d doc, ext string) (found []Planted, lost []detectors.Category) {
	for _, it := range d.items {
		re := looseRE(d.text[it.Start:it.End])
		if re == nil {
			lost = append(lost, it.Category)
			continue
		}
		nth := 0
		for _, m := range re.FindAllStringIndex(d.text, -1) {
			if m[0] < it.Start {
				nth++
			}
		}
		ms := re.FindAllStringIndex(ext, nth+1)
		if len(ms) <= nth {
			lost = append(lost, it.Category)
			continue
		}
		found = append(found, Planted{Category: it.Category, Start: ms[nth][0], End: ms[nth][1]})
	}
	return found, lost
}

// looseRE matches v with any whitespace between its characters (a line
// wrapped or joined, a space added where the font changes, pandoc's
// no-break space after "No.") and typographic quotes for straight ones;
// nil for a value of only whitespace.
func looseRE(v string) *regexp.Regexp {
	var b strings.Builder
	for _, r := range v {
		if unicode.IsSpace(r) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(`[\s\p{Z}]*`) // \p{Z}: no-break spaces too
		}
		switch r {
		case '\'':
			b.WriteString(`['‘’]`)
		case '"':
			b.WriteString(`["“”]`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return regexp.MustCompile(b.String())
}

// pagesOf is the number of pages of an extraction that has pages, else
// fallback.
func pagesOf(ex redact.Extraction, fallback int) int {
	p, ok := ex.(redact.Paged)
	if !ok || ex.Text() == "" {
		return fallback
	}
	return p.PageOf(len(ex.Text()) - 1)
}
