package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// A Reporter writes a whole report in one format. Every format is built
// from the Report alone, which holds no raw value, so no format can leak
// one.
type Reporter func(w io.Writer, r *Report) error

// Formats maps --report-format names to their reporter and file name.
var Formats = map[string]struct {
	Write Reporter
	File  string
}{
	"json":  {WriteJSON, "report.json"},
	"jsonl": {WriteJSONL, "report.jsonl"},
	"csv":   {WriteCSV, "report.csv"},
	"html":  {WriteHTML, "report.html"},
}

// ParseFormats checks a comma-separated --report-format value. report.json
// is always written: it is the machine contract.
func ParseFormats(s string) ([]string, error) {
	seen := map[string]bool{"json": true}
	out := []string{"json"}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" || seen[f] {
			continue
		}
		if _, ok := Formats[f]; !ok {
			var names []string
			for n := range Formats {
				names = append(names, n)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("unknown report format %q (choose from %s)", f, strings.Join(names, ", "))
		}
		seen[f] = true
		out = append(out, f)
	}
	return out, nil
}

// WriteJSON writes report.json, the bytes of Report.JSON, one document at
// a time: a batch of 10,000 resumes makes a report of about 50 MB, which
// rendering whole would hold in memory several times over.
func WriteJSON(w io.Writer, r *Report) error {
	return WriteJSONFrom(w, r, documentSlice(r.Documents))
}

// RawDocuments are a report's documents, already marshalled by
// MarshalEntry, in report order: kept on disk during a large batch, say.
type RawDocuments interface {
	Len() int
	Each(fn func(raw []byte) error) error
}

type documentSlice []Document

func (s documentSlice) Len() int { return len(s) }

// MarshalEntry renders one document as it stands in report.json's list,
// indented to its depth there. A batch marshals each as it finishes, so
// that writing the report at the end only copies them: indenting 1,000
// entries there took 50 ms, on one core, after every worker was done.
//
// It gives what json.MarshalIndent(&d, "    ", "  ") gives, indenting with
// indentCompact instead of json.Indent: in a scan the entries are made one
// at a time in the parent process, whose time two workers share the cores
// with, and json.Indent's general scanner was two thirds of that time.
func MarshalEntry(d Document) ([]byte, error) {
	b, err := json.Marshal(&d)
	if err != nil {
		return nil, err
	}
	return indentCompact(make([]byte, 0, 2*len(b)), b, "    ", "  "), nil
}

// indentCompact appends src, compact JSON as json.Marshal writes it (no
// space outside strings), to dst, indented as json.Indent would: each
// element of an object or array on a line of its own, after prefix and
// one indent per level; a space after each colon; [] and {} kept as they
// are. It does not check src, which must be valid.
func indentCompact(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	open := false // just after [ or {: the line break waits for what follows
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != ']' && c != '}' {
			open = false
			depth++
			newline()
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++ // the escaped byte cannot end the string
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '[', '{':
			dst = append(dst, c)
			open = true
		case ']', '}':
			if open {
				open = false
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func (s documentSlice) Each(fn func([]byte) error) error {
	for i := range s {
		b, err := MarshalEntry(s[i])
		if err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONFrom writes report.json with the documents of docs in place of
// r.Documents, as Report.JSON would render them.
func WriteJSONFrom(w io.Writer, r *Report, docs RawDocuments) error {
	head := *r
	head.Documents = r.Documents
	if docs.Len() > 0 {
		head.Documents = []Document{}
	}
	b, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return err
	}
	const empty = `"documents": [],`
	i := bytes.Index(b, []byte(empty))
	if i < 0 || docs.Len() == 0 {
		_, err = w.Write(append(b, '\n'))
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(b[:i+len(empty)-2])
	first := true
	err = docs.Each(func(raw []byte) error {
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteString("\n    ")
		bw.Write(raw)
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n  ],")
	bw.Write(b[i+len(empty):])
	bw.WriteByte('\n')
	return bw.Flush()
}
