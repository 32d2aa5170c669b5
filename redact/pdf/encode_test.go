package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// TestEncodeStreamMatchesPdfcpu: the pooled writer gives the bytes and the
// Length that pdfcpu's own Encode gives, for streams of several sizes one
// after the other (so writers are reused).
func TestEncodeStreamMatchesPdfcpu(t *testing.T) {
	x := &model.XRefTable{}
	for _, n := range []int{0, 1, 100, 5000, 200000, 10} {
		content := []byte(strings.Repeat("BT /F1 9 Tf 36 800 Td <0001000200030004> Tj ET\n", n/40+1)[:n])
		want, _ := x.NewStreamDictForBuf(content)
		if err := want.Encode(); err != nil {
			t.Fatal(err)
		}
		got, _ := x.NewStreamDictForBuf(content)
		if err := encodeStream(got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Raw, want.Raw) || *got.StreamLength != *want.StreamLength || got.Dict["Length"] != want.Dict["Length"] {
			t.Errorf("%d bytes: encodeStream gives %d bytes (Length %v), pdfcpu %d (Length %v)", n, len(got.Raw), got.Dict["Length"], len(want.Raw), want.Dict["Length"])
		}
	}
}
