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
	})
}
