package detectors

import "testing"

func TestPhoneLocal(t *testing.T) {
	runTableWith(t, scannerOf(t, "phone_local"), Contact, []detectCase{
		{"uk mobile label", "Mobile: 07911 123456\n", []string{"07911 123456"}},
		{"br celular", "Celular: (21) 99876-1234  |  E-mail: x", []string{"(21) 99876-1234"}},
		{"br chained", "Telefone: (41) 3333-1200 / (41) 98877-6655\n", []string{"(41) 3333-1200", "(41) 98877-6655"}},
		{"tw mobile zh label", "手機：0933-222-781\n", []string{"0933-222-781"}},
		{"tw landline", "電話：(04) 2358-1190\n", []string{"(04) 2358-1190"}},
		{"hk hp", "H/P: 6543 2198   Email: a@b.hk", []string{"6543 2198"}},
		{"in label spaced", "Contact No.        : 099876 54321\n", []string{"099876 54321"}},
		{"fr pairs label", "Tél. : 07 12 34 56 78\n", []string{"07 12 34 56 78"}},
		{"de handy", "Handy: 0151 2345 6789\n", []string{"0151 2345 6789"}},
		{"es movil", "Móvil: 612 34 56 78\n", []string{"612 34 56 78"}},
		{"contact line", "r.k@example.com | 98765 12345 | Pune", []string{"98765 12345"}},
		{"contact line dash", "06 11 22 33 44 – m.d@example.fr", []string{"06 11 22 33 44"}},
		{"no evidence", "Ticket 98765 12345 closed", nil},
		{"date after label", "Tel: 2019-06-30\n", nil},
		{"year range on contact line", "a@b.com | 2015 - 2020 | Acme", nil},
		{"years", "a@b.com | 2015 2020", nil},
		{"order number", "Order no: 4471 2290 11\n", nil},
		{"inside a sentence with email", "wrote to a@b.com about 98765 12345 units", nil},
		{"decimal", "Revenue 1.234.567.890 a@b.com", nil},
		{"international left to phone", "Mobile: +44 7911 123456", nil},
		{"too short", "Tel: 1234 567\n", nil},
		{"label inside word", "Telephony 07911 123456\n", nil},
	})
}

func TestPhoneLocalMoreLabels(t *testing.T) {
	runTableWith(t, scannerOf(t, "phone_local"), Contact, []detectCase{
		{"pt fone", "Fone: (81) 3222-4455", []string{"(81) 3222-4455"}},
		{"hk 手提", "手提電話：9345 6712", []string{"9345 6712"}},
		{"de handynummer", "Handynummer: 0176 98765432", []string{"0176 98765432"}},
	})
}

// TestPhoneLocalJoined: a contact line joined to the lines above it (pandoc
// puts a paragraph's lines on one line) no longer starts at the number, so
// a number right beside the e-mail address, with only a rule between,
// stands as a contact cell whatever comes before or after it.
func TestPhoneLocalJoined(t *testing.T) {
	runTableWith(t, scannerOf(t, "phone_local"), Contact, []detectCase{
		{"fr before the e-mail", "Julie Martin Chargée de projet 06 12 34 56 78 – julie.martin@example.fr 14 rue Oberkampf, 75011 Paris",
			[]string{"06 12 34 56 78"}},
		{"after the e-mail", "Julie Martin julie.martin@example.fr · 06 12 34 56 78 Chargée de projet", []string{"06 12 34 56 78"}},
		{"zh place before", "陳嘉欣 九龍灣 6123 4567 / kayan.chan@example.hk", []string{"6123 4567"}},
		{"zh after the e-mail", "王小明 xiaoming.wang@example.com | 0912 345 678 產品經理", []string{"0912 345 678"}},
		{"words between", "sent 98765 12345 to a@b.com", nil},
		{"a sentence on the contact line", "ran 98765 12345 units – a@b.com", nil},
		{"years beside the e-mail", "Acme 2015 2020 | a@b.com", nil},
	})
}
