package policy

import (
	"testing"

	"github.com/prescreen/prescreen/detectors"
)

func TestDefault(t *testing.T) {
	p := Default()
	for _, tc := range []struct {
		m    detectors.Match
		want bool
	}{
		{detectors.Match{Category: detectors.Religion, Likelihood: detectors.High}, true},
		{detectors.Match{Category: detectors.Religion, Likelihood: detectors.Low}, false},
		{detectors.Match{Category: detectors.MaritalStatus, Likelihood: detectors.Medium}, true},
		{detectors.Match{Category: detectors.Name, Likelihood: detectors.Certain}, false},
		{detectors.Match{Category: "unknown", Likelihood: detectors.High}, true},
	} {
		if got := p.Redacts(tc.m); got != tc.want {
			t.Errorf("Redacts(%s, %s) = %v, want %v", tc.m.Category, tc.m.Likelihood, got, tc.want)
		}
	}
	for _, c := range detectors.Categories {
		if _, ok := p.Rules[c]; !ok {
			t.Errorf("default policy has no rule for %s", c)
		}
	}
	if a, b := p.SHA256(), Default().SHA256(); a != b || len(a) != 64 {
		t.Errorf("SHA256 not stable: %q %q", a, b)
	}
	p.Rules[detectors.Name] = Rule{Action: Redact}
	if p.SHA256() == Default().SHA256() {
		t.Error("SHA256 ignores a rule change")
	}
}
