package detectors

import "testing"

func TestIDTravel(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"passport", "Passport No.: E12345678", []string{"E12345678"}},
		{"passport us", "US passport 123456789, expires 2030", []string{"123456789"}},
		{"passport zh", "护照号码：EA1234567", []string{"EA1234567"}},
		{"passport adjacent CJK", "护照E12345678签发", []string{"E12345678"}},
		{"passport without number", "Passport: valid until 2030", nil},
		{"passport expiry date", "Passport expiry: 20300115", nil},
		{"passport then phone", "Passport holder. Phone 13812345678", nil},
		{"number without keyword", "Ticket E12345678", nil},
		{"driving licence", "Driving licence: MORGA753116SM9IJ", []string{"MORGA753116SM9IJ"}},
		{"drivers license", "Driver's License # D1234567", []string{"D1234567"}},
		{"dl#", "DL# 123-456-789", []string{"123-456-789"}},
		{"driving licence class", "Driving licence class B, since 2015", nil},
		{"jiazhao zh", "驾驶证号：D12345678", []string{"D12345678"}},
		{"jiazhao class", "驾照：C1，2012年取得", nil},
	})
}
