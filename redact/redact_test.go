package redact

import (
	"fmt"
	"math/rand/v2"
	"regexp"
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

// TestBlankMarkersLikeRegexp checks the hand-written scanner against the
// regular expression it replaced, on texts built from markers, their
// broken halves and ordinary characters.
func TestBlankMarkersLikeRegexp(t *testing.T) {
	re := regexp.MustCompile(`\[REDACTED:[a-z_]+\]|█+`)
	pieces := []string{"[REDACTED:", "religion", "x1", "_", "]", "█", "██", "[", "REDACTED", ":", "a", "Z", " ", "é", "中", "\xe2\x96", "[REDACTED:age]"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		want := re.ReplaceAllStringFunc(in, func(m string) string { return strings.Repeat(" ", len(m)) })
		if got := BlankMarkers(in); got != want {
			t.Fatalf("BlankMarkers(%q) = %q, want %q", in, got, want)
		}
	}
}
