package pdf

import (
	"bytes"
	"compress/zlib"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// zlibWriters are reused: zlib.NewWriter allocates and clears about 1 MB
// of compressor state, more than the work of compressing a page's
// content stream.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}

// encodeStream compresses a stream as sd.Encode does, with a pooled zlib
// writer when FlateDecode without parameters is its only filter (every
// stream Apply builds); the bytes are the same as sd.Encode's. Other
// streams go to sd.Encode.
func encodeStream(sd *types.StreamDict) error {
	if len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != filter.Flate || sd.FilterPipeline[0].DecodeParms != nil || sd.Content == nil {
		return sd.Encode()
	}
	var b bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&b)
	_, err := w.Write(sd.Content)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	zlibWriters.Put(w)
	if err != nil {
		return err
	}
	sd.Raw = b.Bytes()
	n := int64(len(sd.Raw))
	sd.StreamLength = &n
	sd.Update("Length", types.Integer(n))
	return nil
}
