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

// applySplices applies splices to data, sorting s in place. A splice that
// starts inside an earlier, wider one (a text edit inside a removed run,
// say) is dropped: the wider one already removes it.
func applySplices(data []byte, s []splice) []byte {
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

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
