package policy

import (
	"strings"

	"github.com/prescreen/prescreen/detectors"
)

// DenyDetector names deny-list matches in reports.
const DenyDetector = "policy_deny_list"

// Terms finds the policy's allow- and deny-list terms in text, ignoring
// case. Deny terms become certain matches of their category; allow spans
// are where no match may be redacted.
func (p *Policy) Terms(text string) (deny []detectors.Match, allow [][2]int) {
	if len(p.Allow) == 0 && len(p.Deny) == 0 {
		return nil, nil
	}
	folded := detectors.Fold(text)
	each := func(term string, f func(start, end int)) {
		t := detectors.Fold(term)
		for off := 0; off < len(folded); {
			i := strings.Index(folded[off:], t)
			if i < 0 {
				return
			}
			f(off+i, off+i+len(t))
			off += i + len(t)
		}
	}
	for _, d := range p.Deny {
		each(d.Term, func(s, e int) {
			deny = append(deny, detectors.Match{Category: d.Category, Detector: DenyDetector, Start: s, End: e, Likelihood: detectors.Certain})
		})
	}
	for _, a := range p.Allow {
		each(a, func(s, e int) { allow = append(allow, [2]int{s, e}) })
	}
	return deny, allow
}

// Allowed reports whether m overlaps one of the allow spans.
func Allowed(m detectors.Match, allow [][2]int) bool {
	for _, a := range allow {
		if m.Start < a[1] && a[0] < m.End {
			return true
		}
	}
	return false
}
