package docx

import "bytes"

// styles knows which styles hide their text (w:vanish in a style's run
// properties, directly or through w:basedOn) and whether the document
// defaults do. A nil *styles hides nothing.
type styles struct {
	vanish   map[string]int8 // style ID -> 1 hidden, -1 explicitly shown
	basedOn  map[string]string
	defaults bool
}

func (s *styles) hidden(id string) bool {
	if s == nil {
		return false
	}
	for range 32 { // basedOn chains are short; a loop must not hang us
		if v := s.vanish[id]; v != 0 {
			return v > 0
		}
		next, ok := s.basedOn[id]
		if !ok {
			return false
		}
		id = next
	}
	return false
}

func (s *styles) defaultHidden() bool { return s != nil && s.defaults }

// mayHide reports whether a styles part can hide anything: whether it has
// a w:vanish or w:specVanish element, which readStyles looks for. Element
// names are written out (no references in names), so a part without the
// bytes has neither and is not read for styles (pandoc writes 20 KB of
// them, often more than the document). The walker still reads it, and
// checks its XML, as it does every part.
func mayHide(data []byte) bool {
	return bytes.Contains(data, []byte("vanish")) || bytes.Contains(data, []byte("Vanish"))
}

// readStyles reads the styles part, from a tokenizer set on it. Errors are
// the walker's.
func readStyles(t *tokenizer) (*styles, error) {
	s := &styles{vanish: map[string]int8{}, basedOn: map[string]string{}}
	data := t.data
	var stack [][]byte // local names of the open elements
	id := ""
	for {
		kind, err := t.next()
		if err != nil {
			return nil, err
		}
		switch kind {
		case tokEOF:
			return s, nil
		case tokStart:
			local, n := t.name.local(data), len(stack)
			vanish := string(local) == "vanish" || string(local) == "specVanish"
			switch {
			case string(local) == "style" && n == 1:
				id = localAttr(data, t.attrs, "styleId")
			case string(local) == "basedOn" && n == 2 && string(stack[1]) == "style":
				s.basedOn[id] = localAttr(data, t.attrs, "val")
			case vanish && n == 3 && string(stack[2]) == "rPr":
				if string(stack[1]) == "style" {
					s.vanish[id] = 1
					if falseVal(data, t.attrs) {
						s.vanish[id] = -1
					}
				}
			case vanish && n == 4 && string(stack[1]) == "docDefaults" && string(stack[3]) == "rPr":
				s.defaults = !falseVal(data, t.attrs)
			}
			stack = append(stack, local)
		case tokEnd:
			stack = stack[:len(stack)-1]
		}
	}
}

// localAttr is the value of the attribute with this local name, whatever
// its prefix.
func localAttr(data []byte, attrs []attr, local string) string {
	for i := range attrs {
		if string(attrs[i].name.local(data)) == local {
			return attrs[i].value(data)
		}
	}
	return ""
}
