package docx

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// splice replaces data[start:end] with repl. Parts are never re-encoded:
// the copy is the original bytes with splices applied.
type splice struct {
	start, end int
	repl       string
}

// applySplices appends data with splices applied to dst, sorting s in
// place. A splice that starts inside an earlier, wider one (a text edit
// inside a removed run, say) is dropped: the wider one already removes it.
func applySplices(dst, data []byte, s []splice) []byte {
	slices.SortStableFunc(s, func(a, b splice) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	dst = slices.Grow(dst, len(data))
	prev := 0
	for _, x := range s {
		if x.start < prev {
			continue
		}
		dst = append(dst, data[prev:x.start]...)
		dst = append(dst, x.repl...)
		prev = x.end
	}
	return append(dst, data[prev:]...)
}

// splicedBufs are buffers for the parts Apply splices: they are garbage
// once compressed into the copy, and the next document needs as many.
var splicedBufs sync.Pool // of *[]byte

// maxPooled bounds the buffers kept: a part of megabytes is rare.
const maxPooled = 1 << 20

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
