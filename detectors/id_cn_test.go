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

func TestCNResidentIDMore(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"unknown province", "ID 990426199112010074", nil},
		{"15-digit with context", "身份证：110102910101007", []string{"110102910101007"}},
		{"15-digit en", "ID card no. 110102910101007", []string{"110102910101007"}},
		{"15-digit without context", "订单 110102910101007", nil},
		{"15-digit bad date", "身份证：110102911301007", nil},
		{"labelled passport", "证件号码：E12345678", []string{"E12345678"}},
		{"labelled en", "ID No.: X9876543", []string{"X9876543"}},
		{"label without number", "证件号码：见附件", nil},
		{"labelled id bad check", "身份证号：360426199101010072", nil},
		{"labelled hkid bad check", "证件号码：A123456(4)", nil},
		{"phone not id", "联系电话：13812345678", nil},
		{"date not id", "出生日期：19910101", nil},
	})
}

func TestValidCNResidentID15(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"110102910101007", true}, {"990102910101007", false}, {"110102910230007", false}, {"11010291010100X", false},
	} {
		if got := validCNResidentID15(tc.v); got != tc.want {
			t.Errorf("validCNResidentID15(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
