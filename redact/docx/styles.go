package docx

import (
	"bytes"
	"encoding/xml"
	"io"
)

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

// readStyles reads the styles part. Errors are the walker's.
func readStyles(data []byte, maxDepth int) (*styles, error) {
	s := &styles{vanish: map[string]int8{}, basedOn: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	id := ""
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errMalformed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, errTooDeep
			}
			n := len(stack)
			switch {
			case t.Name.Local == "style" && n == 1:
				id = localAttr(t.Attr, "styleId")
			case t.Name.Local == "basedOn" && n == 2 && stack[1] == "style":
				s.basedOn[id] = localAttr(t.Attr, "val")
			case (t.Name.Local == "vanish" || t.Name.Local == "specVanish") && n == 3 && stack[2] == "rPr":
				v := int8(1)
				if falseVal(t) {
					v = -1
				}
				if stack[1] == "style" {
					s.vanish[id] = v
				}
			case (t.Name.Local == "vanish" || t.Name.Local == "specVanish") && n == 4 && stack[1] == "docDefaults" && stack[3] == "rPr":
				s.defaults = !falseVal(t)
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errMalformed
			}
			stack = stack[:len(stack)-1]
		case xml.Directive:
			return nil, errDTD
		}
	}
	return s, nil
}

// localAttr is the value of the attribute with this local name, whatever
// its prefix.
func localAttr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
