package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/prescreen/prescreen/redact"
)

// Limits bound what a document may make the reader do. A violation fails
// Extract with an error wrapping redact.ErrUnsupported.
type Limits struct {
	MaxEntries    int   // ZIP entries
	MaxEntrySize  int64 // decompressed bytes of one entry
	MaxTotalSize  int64 // decompressed bytes of all entries
	MaxXMLDepth   int   // element nesting in any XML part
	MaxImagePixel int   // width*height of an image decoded to check it
}

// DefaultLimits are generous for resumes (a few dozen entries, well under a
// megabyte of XML) and small enough to stop ZIP bombs.
var DefaultLimits = Limits{
	MaxEntries:    2000,
	MaxEntrySize:  64 << 20,
	MaxTotalSize:  256 << 20,
	MaxXMLDepth:   256,
	MaxImagePixel: 50_000_000,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxEntries > 0 {
		d.MaxEntries = l.MaxEntries
	}
	if l.MaxEntrySize > 0 {
		d.MaxEntrySize = l.MaxEntrySize
	}
	if l.MaxTotalSize > 0 {
		d.MaxTotalSize = l.MaxTotalSize
	}
	if l.MaxXMLDepth > 0 {
		d.MaxXMLDepth = l.MaxXMLDepth
	}
	if l.MaxImagePixel > 0 {
		d.MaxImagePixel = l.MaxImagePixel
	}
	return d
}

// part is one ZIP entry of the package.
type part struct {
	name        string // ZIP entry name, e.g. "word/document.xml"
	file        *zip.File
	raw         []byte // the entry's compressed bytes, within the package's bytes
	descriptor  []byte // the up to 16 bytes after raw: archive/zip reads a data descriptor there
	data        []byte
	contentType string // lower case, from [Content_Types].xml
	removed     bool   // dropped from the copy
	replace     []byte // written instead of data (neutral metadata)
	splices     []splice
	// from is the original's part whose inflated bytes this one took
	// (ReadCopy; see readPackage).
	from *part
	// inert: walking the part added nothing to the text and changed
	// nothing, and nothing but its own bytes could have decided otherwise
	// (see readDocument).
	inert bool
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: docx: "+format, append([]any{redact.ErrUnsupported}, args...)...)
}

// readPackage opens the ZIP and reads every entry within the limits. Errors
// never quote entry names or content.
//
// prev, when not nil, are the parts of a package read before (the original
// of a copy being verified): an entry that reads exactly as one of them
// (sameEntry) takes its inflated bytes instead of being inflated again.
// Every check but the inflating itself is made all the same. reused counts
// the entries that were.
func readPackage(data []byte, lim Limits, prev []*part) (parts []*part, reused int, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, unsupported("not a readable ZIP package")
	}
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	if len(zr.File) > lim.MaxEntries {
		return nil, 0, unsupported("too many ZIP entries (%d, limit %d)", len(zr.File), lim.MaxEntries)
	}
	seen := map[string]bool{}
	// archive/zip fails an entry that inflates past its declared size, so
	// the declared sizes bound what reading can cost: a package whose
	// entries declare more than the limit is refused before inflating any.
	var declared uint64
	for _, f := range zr.File {
		if declared += f.UncompressedSize64; declared > uint64(lim.MaxTotalSize) {
			return nil, 0, unsupported("package larger than %d bytes decompressed", lim.MaxTotalSize)
		}
	}
	var earlier map[string]*part
	if prev != nil {
		earlier = make(map[string]*part, len(prev))
		for _, q := range prev {
			earlier[q.name] = q
		}
	}
	parts = make([]*part, 0, len(zr.File))
	for _, f := range zr.File {
		if reason := unsafeName(f.Name); reason != "" {
			return nil, 0, unsupported("unsafe ZIP entry name (%s)", reason)
		}
		key := strings.ToLower(f.Name)
		if seen[key] {
			return nil, 0, unsupported("duplicate ZIP entry name")
		}
		seen[key] = true
		if f.Flags&1 != 0 {
			return nil, 0, unsupported("encrypted ZIP entry")
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, 0, unsupported("ZIP compression method %d", f.Method)
		}
		if f.UncompressedSize64 > uint64(lim.MaxEntrySize) {
			return nil, 0, unsupported("ZIP entry larger than %d bytes", lim.MaxEntrySize)
		}
		p := &part{name: f.Name, file: f}
		// A folder entry means nothing to an OOXML reader, and it is never
		// read here: one with bytes in it would reach the copy unread
		// (archive/zip also refuses to copy it: found by FuzzExtractApply).
		// Folder entries are left out of the copy.
		p.removed = strings.HasSuffix(f.Name, "/")
		if !p.removed {
			if p.raw, p.descriptor, err = rawBytes(data, f); err != nil {
				return nil, 0, err
			}
			if q, ok := earlier[f.Name]; ok && sameEntry(p, q) {
				p.data, p.from = q.data, q
				reused++
				parts = append(parts, p)
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return nil, 0, unsupported("unreadable ZIP entry")
			}
			// An entry is read into a buffer of its declared size. The size
			// may lie: archive/zip fails a read past it, and checks the
			// CRC when the data ends, so one more read must find the end.
			b := make([]byte, f.UncompressedSize64)
			_, err = io.ReadFull(rc, b)
			if err == nil {
				var one [1]byte
				if _, err = io.ReadFull(rc, one[:]); err == io.EOF {
					err = nil
				} else if err == nil {
					err = errors.New("entry longer than declared")
				}
			}
			rc.Close()
			if err != nil {
				return nil, 0, unsupported("corrupt ZIP entry")
			}
			p.data = b
		}
		parts = append(parts, p)
	}
	return parts, reused, nil
}

// rawBytes is the entry's compressed data as a slice of the package, what
// zip.Writer.Copy would copy: up to its declared compressed size, or to the
// end of the package if that comes first. descriptor is what follows it, as
// much of the 16 bytes of a data descriptor as the package holds.
func rawBytes(data []byte, f *zip.File) (raw, descriptor []byte, err error) {
	off, err := f.DataOffset()
	if err != nil || off < 0 || off > int64(len(data)) {
		return nil, nil, unsupported("unreadable ZIP entry")
	}
	rest := data[off:]
	raw = rest[:min(uint64(len(rest)), f.CompressedSize64)]
	rest = rest[len(raw):]
	return raw, rest[:min(len(rest), 16)], nil
}

// sameEntry reports whether reading p's entry is bound to give what reading
// q's gave: archive/zip's read of an entry depends on nothing but its
// method, flags, declared sizes and CRC-32, its compressed bytes and, with
// flag 8, the data descriptor after them; when all are equal, inflating
// p's bytes would give q's data and pass the same checks. The compressed
// bytes themselves are compared, not only the CRC-32: an entry changed in
// any way is inflated.
func sameEntry(p, q *part) bool {
	f, g := &p.file.FileHeader, &q.file.FileHeader
	if q.data == nil || f.Method != g.Method || f.Flags != g.Flags || f.CRC32 != g.CRC32 ||
		f.CompressedSize64 != g.CompressedSize64 || f.UncompressedSize64 != g.UncompressedSize64 {
		return false
	}
	// An entry running past the end of its package is read however
	// archive/zip reads it.
	if uint64(len(p.raw)) != f.CompressedSize64 {
		return false
	}
	if f.Flags&8 != 0 && !bytes.Equal(p.descriptor, q.descriptor) {
		return false
	}
	return bytes.Equal(p.raw, q.raw)
}

// unsafeName says why a ZIP entry name could escape or confuse an extractor,
// or "" when it is fine.
func unsafeName(name string) string {
	switch {
	case name == "":
		return "empty"
	case strings.ContainsAny(name, "\\\x00"):
		return "backslash or NUL"
	case strings.HasPrefix(name, "/"):
		return "absolute path"
	case len(name) >= 2 && name[1] == ':':
		return "drive letter"
	case !utf8.ValidString(name):
		// A part name is a URI; this one could not even be written into
		// [Content_Types].xml (found by FuzzExtractApply: a photo's
		// placeholder needed an Override naming it).
		return "not UTF-8"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." || seg == "." {
			return "../ or ./ segment"
		}
	}
	return ""
}

// writePackage writes the copy: removed parts are left out, changed parts
// are compressed anew, every other entry is copied byte for byte.
func writePackage(parts []*part, changed map[int][]byte) ([]byte, error) {
	// The copy is about the size of the original: redaction changes a few
	// bytes of the parts it touches. Sized once, the buffer is not regrown.
	size := 0
	for _, p := range parts {
		size += len(p.raw) + 2*len(p.name) + 128 // local and central headers
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	zw := zip.NewWriter(b)
	zw.RegisterCompressor(zip.Deflate, newDeflater)
	for i, p := range parts {
		if p.removed {
			continue
		}
		data, ok := changed[i]
		if !ok {
			// What zw.Copy(p.file) does, without the 32 KB buffer io.Copy
			// allocates for every entry: the raw bytes are in memory.
			fh := p.file.FileHeader
			w, err := zw.CreateRaw(&fh)
			if err == nil {
				_, err = w.Write(p.raw)
			}
			if err != nil {
				return nil, errors.New("docx: copying an entry failed")
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: p.file.Modified})
		if err != nil {
			return nil, errors.New("docx: writing an entry failed")
		}
		if _, err := w.Write(data); err != nil {
			return nil, errors.New("docx: writing an entry failed")
		}
	}
	if err := zw.Close(); err != nil {
		return nil, errors.New("docx: closing the package failed")
	}
	return b.Bytes(), nil
}

// Entries are compressed and inflated with github.com/klauspost/compress's
// flate rather than the standard library's: for a resume's 30 KB
// document.xml it inflates in 20 instead of 36 µs, and compresses at level 1
// in 35 instead of 58 µs (111 µs at level 5, archive/zip's). Every DOCX is
// inflated twice (screening, then verifying the copy) and its changed parts
// compressed once; together that was a third of a DOCX's screening.
//
// flateLevel is the level changed parts are compressed at: level 1 makes a
// document.xml about 14% larger than level 5 does.
const flateLevel = flate.BestSpeed

// inflaters are flate readers for reuse, each with the buffered reader it
// reads through: a new flate reader allocates its window and tables, and one
// reset on a reader without ReadByte (archive/zip gives an io.SectionReader)
// would allocate a 4 KB bufio.Reader for every entry.
var inflaters sync.Pool

type pooledInflater struct {
	fr io.ReadCloser // a klauspost flate reader, reading from br
	br *bufio.Reader
}

// newInflater is the ZIP reader's Deflate decompressor.
func newInflater(r io.Reader) io.ReadCloser {
	pi, ok := inflaters.Get().(*pooledInflater)
	if !ok {
		br := bufio.NewReader(r)
		return &inflater{&pooledInflater{fr: flate.NewReader(br), br: br}}
	}
	pi.br.Reset(r)
	pi.fr.(flate.Resetter).Reset(pi.br, nil)
	return &inflater{pi}
}

// inflater returns its reader to the pool on Close.
type inflater struct{ p *pooledInflater }

func (f *inflater) Read(p []byte) (int, error) {
	if f.p == nil {
		return 0, errors.New("docx: read after close")
	}
	return f.p.fr.Read(p)
}

func (f *inflater) Close() error {
	if f.p == nil {
		return nil
	}
	err := f.p.fr.Close()
	f.p.br.Reset(nil) // drop the entry's reader
	inflaters.Put(f.p)
	f.p = nil
	return err
}

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flateLevel)
	return w
}}

// deflated holds the compressed form of the parts every copy carries (the
// neutral properties): a flate.Writer costs some 25µs to reset, more than
// compressing a small part, so they are compressed once.
var deflated = sync.OnceValue(func() map[string][]byte {
	m := map[string][]byte{}
	for _, s := range []string{neutralCore, neutralApp} {
		var b bytes.Buffer
		if err := deflate(&b, []byte(s)); err != nil {
			panic(err) // writing to a bytes.Buffer does not fail
		}
		m[s] = b.Bytes()
	}
	return m
})

// deflater is the ZIP writer's Deflate compressor: it writes the stored
// form of an entry that has one, and compresses any other. An entry is
// collected only while it could still be a stored one: a longer one goes
// to the compressor as it comes, without a copy.
type deflater struct {
	w   io.Writer
	buf []byte
	fw  *flate.Writer // compressing: the entry is not a stored one
}

// storedMax is the length of the longest entry with a stored form.
var storedMax = max(len(neutralCore), len(neutralApp))

func newDeflater(w io.Writer) (io.WriteCloser, error) { return &deflater{w: w}, nil }

func (d *deflater) Write(p []byte) (int, error) {
	if d.fw == nil {
		if len(d.buf)+len(p) <= storedMax {
			d.buf = append(d.buf, p...)
			return len(p), nil
		}
		d.fw = flateWriters.Get().(*flate.Writer)
		d.fw.Reset(d.w)
		if _, err := d.fw.Write(d.buf); err != nil {
			return 0, err
		}
	}
	return d.fw.Write(p)
}

func (d *deflater) Close() error {
	if d.fw == nil {
		if c, ok := deflated()[string(d.buf)]; ok {
			_, err := d.w.Write(c)
			return err
		}
		return deflate(d.w, d.buf)
	}
	defer flateWriters.Put(d.fw)
	return d.fw.Close()
}

func deflate(w io.Writer, data []byte) error {
	fw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(fw)
	fw.Reset(w)
	if _, err := fw.Write(data); err != nil {
		return err
	}
	return fw.Close()
}

// resolveTarget turns a relationship target into a part name, relative to
// the source part's folder ("" source is the package root).
func resolveTarget(source, target string) string {
	if t, err := unescapePath(target); err == nil {
		target = t
	}
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target = target[:i]
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(source), target)), "/")
}

func unescapePath(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var v byte
			for _, c := range []byte(s[i+1 : i+3]) {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= c - '0'
				case c >= 'a' && c <= 'f':
					v |= c - 'a' + 10
				case c >= 'A' && c <= 'F':
					v |= c - 'A' + 10
				default:
					return "", errors.New("bad escape")
				}
			}
			b.WriteByte(v)
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// relsSource is the part a relationships part describes:
// "word/_rels/document.xml.rels" describes "word/document.xml", "_rels/.rels"
// the package ("").
func relsSource(name string) (string, bool) {
	dir, file := path.Split(name)
	if !strings.HasSuffix(file, ".rels") || path.Base(strings.TrimSuffix(dir, "/")) != "_rels" {
		return "", false
	}
	parent := strings.TrimSuffix(strings.TrimSuffix(dir, "/"), "_rels")
	src := parent + strings.TrimSuffix(file, ".rels")
	return src, true
}
