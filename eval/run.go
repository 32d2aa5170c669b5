package eval

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"github.com/prescreen/prescreen/detectors"
)

// Counts are the scores of one category (or of all of them).
type Counts struct {
	Support  int // annotated items
	Recalled int // items overlapped by a finding of their category
	FN       int // items not recalled: Support - Recalled
	TP       int // findings that overlap an item of their category
	FP       int // findings that overlap none
}

// Precision is TP/(TP+FP), NaN when there are no findings.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is Recalled/Support, NaN when there are no items.
func (c Counts) Recall() float64 { return ratio(c.Recalled, c.Support) }

// Findings is the number of findings scored.
func (c Counts) Findings() int { return c.TP + c.FP }

func (c *Counts) add(o Counts) {
	c.Support += o.Support
	c.Recalled += o.Recalled
	c.FN += o.FN
	c.TP += o.TP
	c.FP += o.FP
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Problem kinds.
const (
	Miss          = "miss"           // an item no finding recalled
	FalsePositive = "false_positive" // a finding that overlaps no item of its category
	TrapHit       = "trap"           // a trap overlapped by a forbidden finding
)

// Problem locates one miss, false positive or sprung trap. It holds no text.
type Problem struct {
	File     string
	Kind     string
	Category detectors.Category // for a sprung trap: the category of the finding
	Start    int
	End      int
}

// Result is the outcome of Run.
type Result struct {
	Threshold   detectors.Likelihood
	Docs        int
	ByCategory  map[detectors.Category]Counts
	Overall     Counts
	Traps       int
	TrapsKept   int
	Problems    []Problem // sorted by file, offset, kind, category
	categoryOrd []detectors.Category
}

// TrapSurvival is the share of traps not flagged, NaN without traps.
func (r Result) TrapSurvival() float64 { return ratio(r.TrapsKept, r.Traps) }

// Categories lists the categories in the result in report order: the fixed
// order of detectors.Categories, then any others alphabetically.
func (r Result) Categories() []detectors.Category { return r.categoryOrd }

// Run scans every document with scan and scores the findings at or above
// threshold (findings below it are ignored, as a policy would).
//
// An item is recalled when a finding of its category overlaps it. A finding
// is a true positive when it overlaps an item of its category and a false
// positive otherwise. A trap survives when no finding in one of its
// forbidden categories overlaps it.
func Run(c *Corpus, scan func(string) []detectors.Match, threshold detectors.Likelihood) Result {
	r := Result{Threshold: threshold, Docs: len(c.Docs), ByCategory: map[detectors.Category]Counts{}}
	for _, d := range c.Docs {
		var found []detectors.Match
		for _, m := range scan(d.Text) {
			if m.Likelihood >= threshold {
				found = append(found, m)
			}
		}
		for _, it := range d.Items {
			cnt := r.ByCategory[it.Category]
			cnt.Support++
			if slices.ContainsFunc(found, func(m detectors.Match) bool {
				return m.Category == it.Category && it.overlaps(m.Start, m.End)
			}) {
				cnt.Recalled++
			} else {
				cnt.FN++
				r.Problems = append(r.Problems, Problem{File: d.Name, Kind: Miss, Category: it.Category, Start: it.Start, End: it.End})
			}
			r.ByCategory[it.Category] = cnt
		}
		for _, m := range found {
			cnt := r.ByCategory[m.Category]
			if slices.ContainsFunc(d.Items, func(it Item) bool {
				return it.Category == m.Category && it.overlaps(m.Start, m.End)
			}) {
				cnt.TP++
			} else {
				cnt.FP++
				r.Problems = append(r.Problems, Problem{File: d.Name, Kind: FalsePositive, Category: m.Category, Start: m.Start, End: m.End})
			}
			r.ByCategory[m.Category] = cnt
		}
		for _, t := range d.Traps {
			r.Traps++
			i := slices.IndexFunc(found, func(m detectors.Match) bool {
				return t.overlaps(m.Start, m.End) && (len(t.Not) == 0 || slices.Contains(t.Not, m.Category))
			})
			if i < 0 {
				r.TrapsKept++
				continue
			}
			r.Problems = append(r.Problems, Problem{File: d.Name, Kind: TrapHit, Category: found[i].Category, Start: t.Start, End: t.End})
		}
	}
	for cat, cnt := range r.ByCategory {
		r.Overall.add(cnt)
		if !slices.Contains(detectors.Categories, cat) {
			r.categoryOrd = append(r.categoryOrd, cat)
		}
	}
	slices.Sort(r.categoryOrd)
	r.categoryOrd = append(slices.Clone(detectors.Categories), r.categoryOrd...)
	slices.SortFunc(r.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Category, b.Category))
	})
	return r
}

// Floors are the minimum scores a detector set must reach.
type Floors struct {
	Recall       float64 // per category with at least MinItems items
	MinItems     int
	Precision    float64 // overall, and per category with at least MinFindings findings
	MinFindings  int
	TrapSurvival float64
}

// DefaultFloors are the floors of issue 3.
var DefaultFloors = Floors{Recall: 0.95, MinItems: 10, Precision: 0.95, MinFindings: 10, TrapSurvival: 0.95}

// Check returns one message per floor that r fails, none when all hold.
func (r Result) Check(f Floors) []string {
	var fails []string
	for _, cat := range r.Categories() {
		cnt := r.ByCategory[cat]
		if cnt.Support >= f.MinItems && cnt.Recall() < f.Recall {
			fails = append(fails, fmt.Sprintf("%s: recall %.3f < %.2f (%d of %d items)", cat, cnt.Recall(), f.Recall, cnt.Recalled, cnt.Support))
		}
		if cnt.Findings() >= f.MinFindings && cnt.Precision() < f.Precision {
			fails = append(fails, fmt.Sprintf("%s: precision %.3f < %.2f (%d of %d findings)", cat, cnt.Precision(), f.Precision, cnt.TP, cnt.Findings()))
		}
	}
	// With no findings at all precision is NaN and passes; recall fails.
	if p := r.Overall.Precision(); p < f.Precision {
		fails = append(fails, fmt.Sprintf("overall: precision %.3f < %.2f", p, f.Precision))
	}
	if s := r.TrapSurvival(); s < f.TrapSurvival {
		fails = append(fails, fmt.Sprintf("traps: survival %.3f < %.2f (%d of %d kept)", s, f.TrapSurvival, r.TrapsKept, r.Traps))
	}
	return fails
}

// Print writes the per-category table, the overall line and the trap
// survival rate.
func (r Result) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "category\titems\trecalled\tFN\tfindings\tTP\tFP\tprecision\trecall\t\n")
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t\n", name, c.Support, c.Recalled, c.FN, c.Findings(), c.TP, c.FP, pct(c.Precision()), pct(c.Recall()))
	}
	for _, cat := range r.Categories() {
		row(string(cat), r.ByCategory[cat])
	}
	row("overall", r.Overall)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "traps: %d of %d survived (%s)   documents: %d   threshold: %s\n",
		r.TrapsKept, r.Traps, pct(r.TrapSurvival()), r.Docs, r.Threshold)
	return err
}

// PrintProblems writes one line per miss, false positive or sprung trap:
// file, kind, category and byte offsets, never the text.
func (r Result) PrintProblems(w io.Writer) error {
	for _, p := range r.Problems {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%d-%d\n", p.File, p.Kind, p.Category, p.Start, p.End); err != nil {
			return err
		}
	}
	return nil
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.3f", f)
}
