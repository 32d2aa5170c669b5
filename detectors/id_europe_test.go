package detectors

import "testing"

func TestValidNINO(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"AB123456C", true}, {"AB 12 34 56 C", true}, {"ab123456c", true},
		{"DA123456C", false}, {"AO123456C", false}, {"GB123456C", false}, {"NK123456C", false},
		{"AB123456E", false}, {"AB 123456C", false},
	} {
		if got := validNINO(tc.v); got != tc.want {
			t.Errorf("validNINO(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestIDEurope(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"nino spaced", "National Insurance: AB 12 34 56 C", []string{"AB 12 34 56 C"}},
		{"nino compact in prose", "my NI number is JT123456A.", []string{"JT123456A"}},
		{"nino zh", "英国国民保险号JT123456A，", []string{"JT123456A"}},
		{"nino bad prefix", "NINO: GB123456A", nil},
		{"nino bad suffix", "NINO: JT123456E", nil},
		{"two nino", "JT123456A / JT654321B", []string{"JT123456A", "JT654321B"}},
		{"uk phone", "Tel: +44 20 7946 0958", nil},
		{"uk postcode", "London SW1A 1AA", nil},
	})
}

func TestNINOWindowsSkipYears(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"years after words", "Worked in 2019 and 2020, then to 2023.", nil},
		{"spaced nino", "NI number: AB 12 34 56 C", []string{"AB 12 34 56 C"}},
	})
}
