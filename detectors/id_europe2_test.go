package detectors

import "testing"

func TestValidDNIPPSNBSN(t *testing.T) {
	for _, tc := range []struct {
		f    func(string) bool
		v    string
		want bool
	}{
		{validDNI, "31478652R", true}, {validDNI, "31478652-R", true}, {validDNI, "31478652S", false},
		{validDNI, "Y0234567G", true}, {validDNI, "Y0234567H", false}, {validDNI, "X123456AL", false},
		{validPPSN, "2486130FA", true}, {validPPSN, "7015284L", true}, {validPPSN, "7015284M", false},
		{validPPSN, "2486130FB", false}, {validPPSN, "0000000W", false},
		{validBSN, "173402586", true}, {validBSN, "173402587", false}, {validBSN, "000000000", false},
	} {
		if got := tc.f(tc.v); got != tc.want {
			t.Errorf("%q: got %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestIDEuropeMore(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"dni label", "DNI: 31478652R\n", []string{"31478652R"}},
		{"dni bare", "documento 31478652-R en vigor", []string{"31478652-R"}},
		{"nie", "NIE Y0234567G", []string{"Y0234567G"}},
		{"dni bad letter", "DNI: 31478652S", nil},
		{"dni sample", "DNI: 12345678Z", nil},
		{"ppsn label", "PPS No: 2486130FA", []string{"2486130FA"}},
		{"ppsn old", "PPSN 7015284L · Irish citizen", []string{"7015284L"}},
		{"ppsn no label", "Ref 7015284L", nil},
		{"ppsn bad", "PPSN: 7015284M", nil},
		{"bsn", "BSN: 173402586\n", []string{"173402586"}},
		{"bsn dotted", "Burgerservicenummer 1734.02.586", []string{"1734.02.586"}},
		{"bsn bad", "BSN 173402587", nil},
		{"bsn no label", "Invoice 173402586", nil},
	})
}

func TestIDLabelledMore(t *testing.T) {
	runTable(t, IDNumber, []detectCase{
		{"rg dotted", "CPF: n/a   RG: 27.315.904-6\n", []string{"27.315.904-6"}},
		{"rg x", "Identidade nº 4.123.567-X", []string{"4.123.567-X"}},
		{"rg bare digits", "RG 351284067", []string{"351284067"}},
		{"rgpd", "RGPD 2018 compliance, 12.345.678 records", nil},
		{"rg far", "RG emitido em 12/03/2010, SSP", nil},
		{"epic", "Voter ID          : KLM4821937\n", []string{"KLM4821937"}},
		{"epic no label", "Code KLM4821937", nil},
		{"us dl spaced", "Driver's License: NJ K2351 48812 01977\n", []string{"K2351 48812 01977"}},
		{"dl expiry", "Driver's license valid until 2031", nil},
		{"aadhaar inside a card number", "Card: 4539 2341 2341 2346 11", nil},
	})
}

func TestIDMoreLabels(t *testing.T) {
	if !validPIS("12045678905") || validPIS("12045678904") {
		t.Error("validPIS")
	}
	runTable(t, IDNumber, []detectCase{
		{"pis", "PIS/PASEP: 120.45678.90-5\n", []string{"120.45678.90-5"}},
		{"pis bad", "PIS: 120.45678.90-4\n", nil},
		{"pis no label", "Pedido 12045678905", nil},
		{"cnh", "CNH: 04512378906 (categoria B)", []string{"04512378906"}},
		{"führerschein class only", "Führerschein: Klasse B", nil},
	})
}
