package redact

import (
	"fmt"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	got := Merge([]Span{{Start: 8, End: 10, Category: "b"}, {Start: 0, End: 3, Category: "a"}, {Start: 2, End: 5, Category: "c"}, {Start: 5, End: 6, Category: "d"}, {Start: 4, End: 4}})
	if want := "[{0 6 a} {8 10 b}]"; fmt.Sprint(got) != want {
		t.Errorf("Merge = %v, want %s", got, want)
	}
}

func TestBlankMarkers(t *testing.T) {
	in := "Religion: [REDACTED:religion] / [REDACTED:x1] [redacted:age]"
	got := BlankMarkers(in)
	want := "Religion: " + strings.Repeat(" ", len("[REDACTED:religion]")) + " / [REDACTED:x1] [redacted:age]"
	if got != want {
		t.Errorf("BlankMarkers = %q", got)
	}
}
