package detectors

import "testing"

func TestValidSSNITINCPF(t *testing.T) {
	for _, tc := range []struct {
		f    func(string) bool
		name string
		v    string
		want bool
	}{
		{validSSN, "ssn", "536-90-4399", true},
		{validSSN, "ssn", "536 90 4399", true},
		{validSSN, "ssn", "536-90 4399", false}, // mixed separators
		{validSSN, "ssn", "000-12-3456", false},
		{validSSN, "ssn", "666-12-3456", false},
		{validSSN, "ssn", "912-12-3456", false},
		{validSSN, "ssn", "536-00-4399", false},
		{validSSN, "ssn", "536-90-0000", false},
		{validSSN, "ssn", "078-05-1120", false}, // the Woolworth wallet card
		{validITIN, "itin", "912-70-1234", true},
		{validITIN, "itin", "912-93-1234", false},
		{validITIN, "itin", "812-70-1234", false},
		{validCPF, "cpf", "39053344705", true},
		{validCPF, "cpf", "39053344706", false},
		{validCPF, "cpf", "11111111111", false}, // passes both check digits
		{validCPF, "cpf", "3905334470", false},
	} {
		if got := tc.f(tc.v); got != tc.want {
			t.Errorf("%s(%q) = %v, want %v", tc.name, tc.v, got, tc.want)
		}
	}
}

func TestIDAmericas(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"ssn dashed", "SSN: 536-90-4399", []string{"536-90-4399"}},
		{"ssn dashed in prose", "my number is 536-90-4399, thanks", []string{"536-90-4399"}},
		{"ssn bare with context", "Social Security No. 536904399", []string{"536904399"}},
		{"ssn zh", "美国社会安全号536-90-4399，", []string{"536-90-4399"}},
		{"ssn bare without context", "Invoice 536904399", nil},
		{"ssn invalid area", "SSN: 666-12-3456", nil},
		{"ssn sample", "SSN: 078-05-1120", nil},
		{"ssn sample 2", "SSN 219-09-9999 or 457-55-5462", nil},
		{"two ssn", "536-90-4399 and 123-45-6788", []string{"536-90-4399", "123-45-6788"}},
		{"itin", "ITIN: 912-70-1234", []string{"912-70-1234"}},
		{"itin bad group", "ITIN: 912-93-1234", nil},
		{"cpf canonical", "CPF: 390.533.447-05", []string{"390.533.447-05"}},
		{"cpf canonical no context", "nº 390.533.447-05", []string{"390.533.447-05"}},
		{"cpf bare with context", "CPF 39053344705", []string{"39053344705"}},
		{"cpf zh", "巴西税号CPF：39053344705。", []string{"39053344705"}},
		{"cpf bare without context", "pedido 39053344705", nil},
		{"cpf bad check", "CPF: 390.533.447-06", nil},
		{"cpf all same", "CPF: 111.111.111-11", nil},
		// Not IDs
		{"us phone", "Phone: (415) 555-0132", nil},
		{"us phone dashed", "415-555-0132", nil},
		{"cn mobile", "手机 13912345678", nil},
		{"zip+4", "Seattle, WA 98101-1234", nil},
		{"year range", "2015-2019", nil},
	})
}
