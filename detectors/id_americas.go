package detectors

import "regexp"

// Identity numbers of the United States and Brazil.
func init() {
	// US Social Security number. The dashed (or spaced) 3-2-4 form is
	// distinctive enough on its own; nine bare digits need a context word.
	register(&idContextDetector{
		id:       "us_ssn",
		category: IDNumber,
		re:       usNineDigitRe,
		boundary: true,
		windows:  idGroupedNumberWindows(" -", 9, 3, 2, 4),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			return usNineDigitCheck(in, start, end, validSSN, ssnContext)
		},
	})
	// US Individual Taxpayer Identification Number: the SSN layout with a
	// leading 9 and a group of 50-65, 70-88, 90-92 or 94-99.
	register(&idContextDetector{
		id:       "us_itin",
		category: IDNumber,
		re:       usNineDigitRe,
		boundary: true,
		windows:  idGroupedNumberWindows(" -", 9, 3, 2, 4),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			return usNineDigitCheck(in, start, end, validITIN, itinContext)
		},
	})
	// Brazilian CPF: eleven digits with two check digits, canonically
	// written 390.533.447-05; eleven bare digits need a context word.
	register(&idContextDetector{
		id:       "br_cpf",
		category: IDNumber,
		re:       regexp.MustCompile(`[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9]{11}`),
		boundary: true,
		windows:  idGroupedNumberWindows(".-", 11, 3, 3, 3, 2),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			v := in.Text[start:end]
			if !validCPF(digitsOf(v)) {
				return 0, false
			}
			canonical := len(v) == 14
			ctx := idContextBefore(in, start, cpfContext)
			if !canonical && !ctx {
				return 0, false
			}
			return idLikelihood(canonical, ctx), true
		},
	})
}

var (
	usNineDigitRe = regexp.MustCompile(`[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}|[0-9]{9}`)
	ssnContext    = []string{"ssn", "social security", "soc sec", "ss#", "ss no", "社会安全号", "社會安全號"}
	itinContext   = []string{"itin", "taxpayer id", "tax id", "tin"}
	cpfContext    = []string{"cpf", "cadastro de pessoas", "cadastro de pessoa"}
)

// usNineDigitCheck applies the rule shared by SSN and ITIN: dashed form
// medium on its own, high with context; bare digits only with context.
func usNineDigitCheck(in *Input, start, end int, valid func(string) bool, kws []string) (Likelihood, bool) {
	v := in.Text[start:end]
	if !valid(v) {
		return 0, false
	}
	ctx := idContextBefore(in, start, kws)
	switch {
	case ctx:
		return High, true
	case len(v) == 11:
		return Medium, true
	}
	return 0, false
}

// usNineDigits returns the digits of a 3-2-4 number written as nine digits
// or with one kind of separator (dash or space), or "" for any other shape.
func usNineDigits(v string) string {
	switch len(v) {
	case 9:
		if idIsDigits(v) {
			return v
		}
	case 11:
		if (v[3] == '-' || v[3] == ' ') && v[6] == v[3] {
			d := v[:3] + v[4:6] + v[7:]
			if idIsDigits(d) {
				return d
			}
		}
	}
	return ""
}

// ssnSamples are numbers printed on sample cards and in advertising that
// the Social Security Administration has voided.
var ssnSamples = map[string]bool{"078051120": true, "219099999": true, "457555462": true}

// validSSN checks an SSN against the rules of the Social Security
// Administration: area not 000, 666 or 900-999, group not 00, serial not
// 0000, and not a voided sample number.
func validSSN(v string) bool {
	d := usNineDigits(v)
	if d == "" {
		return false
	}
	area, group, serial := d[:3], d[3:5], d[5:]
	if area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000" {
		return false
	}
	return !ssnSamples[d]
}

// validITIN checks an ITIN: area 9xx and the group ranges the IRS assigns.
func validITIN(v string) bool {
	d := usNineDigits(v)
	if d == "" || d[0] != '9' {
		return false
	}
	g := int(d[3]-'0')*10 + int(d[4]-'0')
	return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94
}

// validCPF checks the two mod-11 check digits of a CPF given as eleven
// digits, and rejects numbers of one repeated digit, which pass the check
// but are never issued.
func validCPF(d string) bool {
	if len(d) != 11 || !idIsDigits(d) || idAllSame(d) {
		return false
	}
	for n := 9; n <= 10; n++ {
		sum := 0
		for i := 0; i < n; i++ {
			sum += int(d[i]-'0') * (n + 1 - i)
		}
		check := sum * 10 % 11 % 10
		if int(d[n]-'0') != check {
			return false
		}
	}
	return true
}

// Brazilian identity card number (RG). Each state issues its own format
// and check digit, so it is reported only right after its label ("RG:",
// "Identidade nº") and with the shape states print: 7 to 9 digits, often
// dotted, and a check digit or X after a dash.
func init() {
	register(&idContextDetector{
		id:       "br_rg",
		category: IDNumber,
		// No prefilter keywords: "rg" is inside many words ("org"), and the
		// windows below are cheap (long digit runs with a label before).
		re:       regexp.MustCompile(`[0-9]{1,2}\.?[0-9]{3}\.?[0-9]{3}(?:-?[0-9Xx])?`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(rgContext, 1, 7, ".-", 2),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !idLabelAdjacent(in, start, rgContext) {
				return 0, false
			}
			d := digitsOf(in.Text[start:end])
			if len(d) < 7 || idAllSame(d) {
				return 0, false
			}
			return High, true
		},
	})
}

var rgContext = []string{"rg", "r.g", "identidade", "registro geral", "carteira de identidade", "cédula de identidade"}

// Brazilian PIS/PASEP/NIS (social integration number): eleven digits, the
// last a mod-11 check digit, written 123.45678.90-1. Only after its label:
// eleven digits with a check digit are also every CPF.
func init() {
	register(&idContextDetector{
		id:       "br_pis",
		category: IDNumber,
		// No prefilter keywords: "nit" and "nis" are inside many words; the
		// windows (eleven-digit numbers with a label before) are cheap.
		re:       regexp.MustCompile(`[0-9]{3}\.?[0-9]{5}\.?[0-9]{2}-?[0-9]`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(pisContext, 1, 11, ".-", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !validPIS(digitsOf(in.Text[start:end])) || !idLabelAdjacent(in, start, pisContext) {
				return 0, false
			}
			return High, true
		},
	})
}

var pisContext = []string{"pis", "pasep", "pis/pasep", "nis", "nit", "pis/nis"}

// validPIS checks the check digit of a PIS/PASEP: the first ten digits
// weighted 3, 2, 9, 8, 7, 6, 5, 4, 3, 2; 11 minus the sum mod 11, and 0
// when that is 10 or 11.
func validPIS(d string) bool {
	if len(d) != 11 || !idIsDigits(d) || idAllSame(d) {
		return false
	}
	w := [10]int{3, 2, 9, 8, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, k := range w {
		sum += int(d[i]-'0') * k
	}
	c := 11 - sum%11
	if c >= 10 {
		c = 0
	}
	return int(d[10]-'0') == c
}
