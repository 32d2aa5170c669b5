package detectors

import (
	"strconv"
	"strings"
)

// Ages written with the word for years in Spanish, French, German and Dutch
// ("37 años", "34 ans", "35 Jahre alt", "41 jaar"). These words are common
// inside other words ("plans", "answers"), so instead of being keywords of
// an automaton they are looked for right after the text's two-digit
// numbers, which every number detector shares. Durations ("10 años de
// experiencia", "depuis 18 ans") are told apart as for "anos" in
// structured.go.
func init() { register(ageYearsDetector{}) }

type ageYearsDetector struct{}

func (ageYearsDetector) ID() string         { return "age_years" }
func (ageYearsDetector) Keywords() []string { return nil }

// ageYearWords are the words for "years" after an age.
var ageYearWords = []string{"años", "ans", "jahre", "jaar"}

func (d ageYearsDetector) Detect(in *Input) []Match {
	text, folded := in.Text, in.Folded
	var out []Match
	for _, r := range in.digitRuns() {
		if r[1]-r[0] != 2 || r[1]+1 >= len(text) || text[r[1]] != ' ' {
			continue
		}
		w := folded[r[1]+1 : min(len(folded), r[1]+7)]
		for _, y := range ageYearWords {
			if !strings.HasPrefix(w, y) || len(w) > len(y) && isWordRune(structuredFirstRune(w[len(y):])) {
				continue
			}
			t := r[1] + 1 + len(y)
			if n, _ := strconv.Atoi(text[r[0]:r[1]]); n >= 14 && n <= 90 && isBoundary(text, r[0], r[1]) && structuredAnosIsAge(text, r[0], t) {
				out = append(out, Match{Category: Age, Detector: d.ID(), Start: r[0], End: t, Likelihood: High})
			}
			break
		}
	}
	return out
}
