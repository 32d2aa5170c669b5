package detectors

import (
	"strings"
	"testing"
)

func TestHeaderAddress(t *testing.T) {
	s := scannerOf(t, "header_address")
	runTableWith(t, s, Contact, []detectCase{
		{"hk flat", "WONG Mei Ling\nFlat B, 8/F, Block 5, Wah Fu Estate, Aberdeen\nMobile: x",
			[]string{"Flat B, 8/F, Block 5, Wah Fu Estate, Aberdeen"}},
		{"sg blk", "LIM JUN HAO\nBlk 203 Tampines St 21, #05-33, Singapore 520203",
			[]string{"Blk 203 Tampines St 21, #05-33, Singapore 520203"}},
		{"fr rue", "Julie Martin\n14 rue Oberkampf, 75011 Paris\n", []string{"14 rue Oberkampf, 75011 Paris"}},
		{"us pkwy cells", "Dana Reyes\n88 Lakeview Pkwy, Austin, TX 78701 | dana@example.com",
			[]string{"88 Lakeview Pkwy, Austin, TX 78701"}},
		{"my jalan", "Tan Mei Chen\nNo. 8, Jalan Bukit 3/2, 43000 Kajang, Selangor\n",
			[]string{"No. 8, Jalan Bukit 3/2, 43000 Kajang, Selangor"}},
		{"ie apt", "Aoife Byrne\nApt 3, 10 Merrion Square North, Dublin 2 | +353 1 234 5678",
			[]string{"Apt 3, 10 Merrion Square North, Dublin 2"}},
		{"br av", "Rafael Lima\nAv. Paulista, 1578/82 – São Paulo – SP\n", []string{"Av. Paulista, 1578/82 – São Paulo – SP"}},
		{"es c/", "Pablo Ruiz\nC/ Alcalá 45, 4º D, 28014 Madrid\n", []string{"C/ Alcalá 45, 4º D, 28014 Madrid"}},
		{"bare city", "Priya Raman\nChennai, Tamil Nadu 600040 | priya@example.com", nil},
		{"job line", "Jane Doe\nSoftware Engineer, Public Sector, 5 years", nil},
		{"pt job line", "Rafael Lima\nAnalista de dados no Itaú, 5 anos", nil},
		{"employer after work heading", "Jane Doe\n\nWork Experience\nAcme Ltd, 21 Church Street, Sheffield", nil},
		{"employer address", "Jane Doe\nAcme Ltd, 21 Church Street, Sheffield", nil},
		{"work line with years", "Jane Doe\nNurse, St Mary's, 2019 – 2022\n", nil},
		{"title dr", "Dr. Ana Pereira, PhD, 12 papers", nil},
		{"far down", strings.Repeat("line\n", 20) + "14 rue Oberkampf, 75011 Paris", nil},
	})
}

func TestHeaderAddressAfterLabel(t *testing.T) {
	runTableWith(t, scannerOf(t, "header_address"), Contact, []detectCase{
		{"label", "Jo Bloggs\nWohnort: Flat 2, 9 Mill Lane, Bath BA1 1AA", []string{"Flat 2, 9 Mill Lane, Bath BA1 1AA"}},
		{"after a name label", "Name: Jo Bloggs Address: Flat 2, 9 Mill Lane, Bath BA1 1AA Phone: 01225 123456",
			[]string{"Flat 2, 9 Mill Lane, Bath BA1 1AA"}},
	})
}

// TestHeaderAddressJoined: header lines a converter joined into one (pandoc
// puts a paragraph's lines on one line), so the name, the home address and
// the contact details share a line. The e-mail addresses and phone numbers
// found there, and their labels, end the address as their markers do once
// blanked for verification; a leading name that the e-mail confirms is
// left out of the address.
func TestHeaderAddressJoined(t *testing.T) {
	s := scannerOf(t, "header_address", "email", "phone", "cn_mobile", "phone_local")
	cases := []detectCase{
		{"hk name comma", "WONG Mei Ling, Mandy Flat B, 8/F, Block 5, Wah Fu Estate, Aberdeen Mobile: +852 6123 4567  Email: mandy.wong@example.com",
			[]string{"Flat B, 8/F, Block 5, Wah Fu Estate, Aberdeen"}},
		{"sg hp", "LIM JUN HAO Blk 203 Tampines St 21, #05-33, Singapore 520203 H/P: 9876 5432 Email: limjunhao.82@example.com",
			[]string{"Blk 203 Tampines St 21, #05-33, Singapore 520203"}},
		{"us labels without colon", "Dana K. Reyes 88 Lakeview Pkwy, Austin, TX 78701 Cell 512-555-0199 E-mail dk.reyes@example.com",
			[]string{"88 Lakeview Pkwy, Austin, TX 78701"}},
		{"fr after the e-mail", "Julie Martin Chargée de projet 06 12 34 56 78 – julie.martin@example.fr 14 rue Oberkampf, 75011 Paris",
			[]string{"14 rue Oberkampf, 75011 Paris"}},
		{"de street name before number", "Anna Schmidt Berliner Str. 12, 10115 Berlin Telefon +49 30 1234 5678 E-Mail anna.schmidt@example.de",
			[]string{"Berliner Str. 12, 10115 Berlin"}},
		{"particle", "Sven de Vries Laan van Meerdervoort 12, 2517 AB Den Haag Mobiel: +31 6 1234 5678 E-mail: sven.devries@example.nl",
			[]string{"Laan van Meerdervoort 12, 2517 AB Den Haag"}},
		{"name not confirmed stays", "Dana Reyes 88 Lakeview Pkwy, Austin, TX 78701 Cell 512-555-0199 E-mail dr1987@example.com",
			[]string{"Dana Reyes 88 Lakeview Pkwy, Austin, TX 78701"}},
		{"tel aviv is no label", "Avi Cohen 12 Herzl St, Tel Aviv 6100001 Phone: +972 50 123 4567 Email: avi.cohen@example.com",
			[]string{"12 Herzl St, Tel Aviv 6100001"}},
		{"zh labels", "Chan Ka Yan Flat C, 12/F, Block 3, Lok Fu Estate, Kowloon 手提電話：6123 4567 電郵：kayan.chan@example.hk",
			[]string{"Flat C, 12/F, Block 3, Lok Fu Estate, Kowloon"}},
		{"zh name first", "陳嘉欣 Chan Ka Yan Flat C, 12/F, Block 3, Lok Fu Estate, Kowloon 手提電話：6123 4567 電郵：kayan.chan@example.hk",
			[]string{"Flat C, 12/F, Block 3, Lok Fu Estate, Kowloon"}},
		{"job line", "Jane Doe Software Engineer, Acme Ltd, 5 years Mobile: +44 7700 900123 Email: jane.doe@example.com", nil},
		{"bare city", "Priya Raman Chennai, Tamil Nadu 600040 Phone: +91 98201 46573 Email: priya.raman@example.com", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := headerAddresses(s, tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("header_address in %q: got %q, want %q", tc.text, got, tc.want)
			}
			// What verification sees: every contact item replaced by its
			// marker, blanked. Nothing may be left for header_address.
			if left := headerAddresses(s, blankContact(s, tc.text)); len(left) > 0 {
				t.Errorf("after redaction of %q: header_address finds %q", tc.text, left)
			}
		})
	}
}

// headerAddresses returns the values header_address reports at medium or more.
func headerAddresses(s *Scanner, text string) []string {
	var got []string
	for _, m := range s.Scan(text) {
		if m.Detector == "header_address" && m.Likelihood >= Medium {
			got = append(got, text[m.Start:m.End])
		}
	}
	return got
}

// blankContact replaces each contact item at medium or more with as many
// spaces as its marker "[REDACTED:contact]" has, as redaction followed by
// verification's blanking of markers does.
func blankContact(s *Scanner, text string) string {
	var b strings.Builder
	p := 0
	for _, m := range s.Scan(text) {
		if m.Category != Contact || m.Likelihood < Medium || m.Start < p {
			continue
		}
		b.WriteString(text[p:m.Start])
		b.WriteString(strings.Repeat(" ", len("[REDACTED:contact]")))
		p = m.End
	}
	b.WriteString(text[p:])
	return b.String()
}
