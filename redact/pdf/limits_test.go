package pdf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/internal/pdftest"
)

// TestLimits: page and object counts over the limit, and a file cut short,
// fail before any page is interpreted, with a reason that says which.
func TestLimits(t *testing.T) {
	two := pdftest.TwoPageResume()
	for _, tc := range []struct {
		name   string
		format pdf.Format
		data   []byte
		want   string
		unsupp bool
	}{
		{"pages", pdf.Format{MaxPages: 1}, two, "too many pages (2, limit 1)", true},
		{"objects", pdf.Format{MaxObjects: 3}, two, "too many objects (", true},
		{"truncated", pdf.Format{}, two[:len(two)*3/4], "pdf: truncated: no end-of-file marker", false},
	} {
		_, err := tc.format.Extract(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, redact.ErrUnsupported) != tc.unsupp {
			t.Errorf("%s: got %v, want %q (unsupported: %v)", tc.name, err, tc.want, tc.unsupp)
		}
	}
	if _, err := (pdf.Format{MaxPages: 2}).Extract(two); err != nil {
		t.Errorf("two pages at a limit of 2: %v", err)
	}
}
