package detectors

import "testing"

func TestCNResidentID(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"valid", "身份证号：360426199101010071", []string{"360426199101010071"}},
		{"valid x check", "ID 44011320141005001x.", []string{"44011320141005001x"}},
		{"wrong check digit", "ID 360426199101010072", nil},
		{"impossible date", "ID 360426199113010079", nil},
		{"inside longer digit run", "order 3604261991010100710", nil},
		{"two in prose", "a 110102199101010078 and 120110198012010073 b", []string{"110102199101010078", "120110198012010073"}},
		{"adjacent CJK", "号码110102199101010078身份", []string{"110102199101010078"}},
	})
}

func TestContact(t *testing.T) {
	runTable(t, Contact, []detectCase{
		{"email", "Email: jane.doe+jobs@example.co.uk", []string{"jane.doe+jobs@example.co.uk"}},
		{"cn mobile", "手机：13812345678", []string{"13812345678"}},
		{"cn mobile grouped", "Tel +86 138-1234-5678", []string{"+86 138-1234-5678"}},
		{"us phone", "Phone: (415) 555-0132", []string{"(415) 555-0132"}},
		{"international", "Mobile: +44 20 7946 0958", []string{"+44 20 7946 0958"}},
		{"year range", "2015-2019 Software Engineer", nil},
		{"date", "2021.03.15", nil},
	})
}
