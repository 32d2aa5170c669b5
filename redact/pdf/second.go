package pdf

import (
	"bytes"
	"errors"
	"fmt"

	ledongthuc "github.com/ledongthuc/pdf"
)

// CrossCheckTexts reads every page with github.com/ledongthuc/pdf, an
// extractor that shares no code with ours, for the pipeline's verification.
// That reader panics on some files and rejects others (AES-256, PDF 2.0
// headers, broken cross-reference tables); every call sits behind recover,
// and a file it cannot read is an error: the copy is then not released.
// It skips Form XObjects and joins TJ strings without spaces, so it is a
// second opinion on the page content, not a replacement for ours.
func (d *Document) CrossCheckTexts() (texts []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			texts, err = nil, errors.New("second extractor failed on this file")
		}
	}()
	data := d.data
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		// It rejects the PDF 2.0 header but reads the objects: give it a
		// copy labelled 1.7 (same length, offsets unchanged).
		data = append([]byte("%PDF-1.7"), data[len("%PDF-2.0"):]...)
	}
	rd, err := ledongthuc.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("second extractor cannot read this file")
	}
	n := rd.NumPage()
	if n != len(d.pages) {
		return nil, fmt.Errorf("second extractor sees %d pages, not %d", n, len(d.pages))
	}
	for i := 1; i <= n; i++ {
		t, err := pageText(rd, i)
		if err != nil {
			return nil, fmt.Errorf("second extractor cannot read page %d", i)
		}
		texts = append(texts, t)
	}
	return texts, nil
}

func pageText(rd *ledongthuc.Reader, i int) (t string, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = "", errors.New("panic")
		}
	}()
	p := rd.Page(i)
	if p.V.IsNull() {
		return "", errors.New("no page")
	}
	return p.GetPlainText(nil)
}
