package docx

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
)

// splice replaces data[start:end] with repl. Parts are never re-encoded:
// the copy is the original bytes with splices applied.
type splice struct {
	start, end int
	repl       string
}

// applySplices applies splices to data. A splice that starts inside an
// earlier, wider one (a text edit inside a removed run, say) is dropped:
// the wider one already removes it.
func applySplices(data []byte, sp []splice) []byte {
	s := slices.Clone(sp)
	slices.SortStableFunc(s, func(a, b splice) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var out bytes.Buffer
	out.Grow(len(data))
	prev := 0
	for _, x := range s {
		if x.start < prev {
			continue
		}
		out.Write(data[prev:x.start])
		out.WriteString(x.repl)
		prev = x.end
	}
	out.Write(data[prev:])
	return out.Bytes()
}

// attrLoc is where one attribute sits in a start tag, in part offsets.
type attrLoc struct {
	qname          string // as written, e.g. "w:rsidR"
	start          int    // the whitespace before the name
	valStart, vEnd int    // the value between the quotes
	end            int    // after the closing quote
}

// scanAttrs finds the attributes of the start tag data[start:end].
func scanAttrs(data []byte, start, end int) []attrLoc {
	i := start + 1
	for i < end && !isSpace(data[i]) && data[i] != '>' && data[i] != '/' {
		i++
	}
	var out []attrLoc
	for i < end {
		ws := i
		for i < end && isSpace(data[i]) {
			i++
		}
		if i >= end || data[i] == '>' || data[i] == '/' {
			break
		}
		ns := i
		for i < end && data[i] != '=' && !isSpace(data[i]) {
			i++
		}
		name := string(data[ns:i])
		for i < end && (isSpace(data[i]) || data[i] == '=') {
			i++
		}
		if i >= end {
			break
		}
		q := data[i]
		if q != '"' && q != '\'' {
			break
		}
		vs := i + 1
		j := bytes.IndexByte(data[vs:end], q)
		if j < 0 {
			break
		}
		out = append(out, attrLoc{qname: name, start: ws, valStart: vs, vEnd: vs + j, end: vs + j + 1})
		i = vs + j + 1
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
