package detectors

import (
	"regexp"
	"strings"
)

// Financial numbers: bank cards, IBANs and bank account numbers.
func init() {
	// Payment card numbers: 13-19 digits with a Luhn check digit, bare or
	// grouped by single spaces or dashes (4-4-4-4, Amex 4-6-5, ...).
	register(&idContextDetector{
		id:       "bank_card",
		category: Financial,
		re:       regexp.MustCompile(`[0-9]{4}(?:[ -]?[0-9]){9,15}`),
		boundary: true,
		windows:  idNumberWindows(4, 13, " -", 0),
		check:    checkBankCard,
	})
	// IBAN: country code, two check digits, a BBAN of the country's
	// length; the whole passes ISO 7064 mod 97-10. Its own Detect trims a
	// spaced match to the country's length.
	register(ibanDetector{})
	// Bank account numbers have no common check digit, so a label or
	// context word (银行卡号, 开户行, "account no") is required.
	register(&idContextDetector{
		id:       "bank_account",
		category: Financial,
		keywords: bankAccountContext,
		re:       regexp.MustCompile(`[0-9](?:[ -]?[0-9]){4,29}`),
		boundary: true,
		windows:  idNumberNearKeywordWindows(bankAccountContext, 1, 5, " -", 0),
		check: func(in *Input, start, end int) (Likelihood, bool) {
			if !idLabelledBefore(in, start, bankAccountContext, idOtherLabels) {
				return 0, false
			}
			if !bankAccountWord(in, start) {
				return 0, false
			}
			// Five to seven digits ("conta 45873-2") only right after the
			// label: short numbers are everywhere else.
			if n := len(digitsOf(in.Text[start:end])); n < 8 && !idLabelAdjacent(in, start, bankAccountContext) {
				return 0, false
			}
			// "QQ账号", "微信账号": an account, but not a bank account.
			if kw := idKeywordStart(in, start, bankAccountContext); kw >= 0 {
				if e := idKeywordEnd(in, kw, bankAccountNotBank); e >= 0 && kw-e <= 3 {
					return 0, false
				}
			}
			if validDate(digitsOf(in.Text[start:end])) {
				return 0, false
			}
			return Medium, true
		},
	})
}

var (
	bankCardContext = []string{"card no", "card number", "credit card", "debit card", "visa", "mastercard",
		"银行卡", "卡号", "信用卡", "储蓄卡", "借记卡", "工资卡"}
	bankAccountContext = []string{"银行卡号", "银行账号", "银行帐号", "银行账户", "银行帐户", "开户行", "开户银行", "收款账号",
		"账号", "帐号", "账户", "帐户", "account no", "account number", "account #", "bank account", "a/c no", "acct no", "acct #",
		"bank a/c", "a/c", "工资卡", "工资卡号", "帳號", "帳戶", "銀行帳號", "銀行帳戶", "薪轉帳戶", "存摺帳號",
		"conta", "conta corrente", "conta bancária", "c/c", "cuenta", "número de cuenta", "cuenta bancaria",
		"compte", "numéro de compte", "compte bancaire", "kontonummer", "konto", "rekeningnummer", "rekening"}
	// bankAccountNotBank are accounts that are not bank accounts when
	// written right before 账号 or "account".
	bankAccountNotBank = []string{"qq", "微信", "wechat", "支付宝", "alipay", "游戏", "github", "twitter", "email", "邮箱"}
	// bankCardNegative are labels of numbers that look like card numbers
	// but are not: order and tracking numbers.
	bankCardNegative = []string{"order", "tracking", "invoice", "订单", "运单", "快递单", "发票", "单号"}
	// idOtherLabels are labels of other fields; found between a context word
	// and a value, they mean the value belongs to them.
	idOtherLabels = []string{"手机", "电话", "联系方式", "邮箱", "微信", "qq", "phone", "mobile", "tel", "fax",
		"e-mail", "email", "日期", "date", "order", "订单"}
)

// bankAccountWord reports whether the last account label before start is a
// whole word: "conta" is a label, the start of "Contact" is not.
func bankAccountWord(in *Input, start int) bool {
	e := idKeywordEnd(in, start, bankAccountContext)
	return e >= 0 && (e == len(in.Folded) || !idIsASCIILetter(in.Folded[e]))
}

func checkBankCard(in *Input, start, end int) (Likelihood, bool) {
	v := in.Text[start:end]
	d := digitsOf(v)
	if len(d) < 13 || len(d) > 19 || !validLuhn(d) || idAllSame(d) || bankCardSamples[d] {
		return 0, false
	}
	grouped := len(d) != len(v)
	if grouped && !bankCardGrouping(v) {
		return 0, false
	}
	if len(d) == 18 && validCNResidentID(d) {
		return 0, false // a resident ID that happens to pass Luhn
	}
	if idContextBefore(in, start, bankCardNegative) {
		return 0, false
	}
	ctx := idContextBefore(in, start, bankCardContext) || idContextBefore(in, start, bankAccountContext) && bankAccountWord(in, start)
	switch {
	case ctx:
		return Certain, true
	case !bankCardIssuerRange(d):
		return 0, false
	case grouped:
		return High, true
	}
	// A known issuer range and a valid Luhn digit, but bare digits may be
	// some other reference number.
	return Medium, true
}

// bankCardIssuerRange reports whether d starts like a card of the major
// networks: Mastercard 2221-2720 and 51-55, Amex 34/37, Diners 30/36/38,
// JCB 35, Visa 4, Maestro 50/56-59, Discover and UnionPay 6. Runs that start
// otherwise (a year such as 2015, a 1 or 7-9) need a context word.
func bankCardIssuerRange(d string) bool {
	switch d[0] {
	case '3', '4', '5', '6':
		return true
	case '2':
		p := 0
		for i := 0; i < 4; i++ {
			p = p*10 + int(d[i]-'0')
		}
		return p >= 2221 && p <= 2720
	}
	return false
}

// bankCardGrouping reports whether a separated card number uses one kind of
// separator and groups of 4 to 8 digits (the last group may be shorter), as
// card numbers are printed, rather than a run of unrelated short numbers.
func bankCardGrouping(v string) bool {
	sep := byte(0)
	groups := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '-' })
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == ' ' || c == '-' {
			if sep != 0 && c != sep {
				return false
			}
			sep = c
		}
	}
	for i, g := range groups {
		if len(g) > 8 || len(g) < 4 && i != len(groups)-1 || len(g) < 3 {
			return false
		}
	}
	return true
}

// bankCardSamples are test card numbers published by card networks and
// payment providers (PayPal, Stripe, Adyen); they are not anybody's card.
var bankCardSamples = map[string]bool{
	"4111111111111111": true, "4012888888881881": true, "4222222222222": true, "4242424242424242": true,
	"4000056655665556": true, "4005519200000004": true, "4009348888881881": true, "4012000033330026": true,
	"4012000077777777": true, "4217651111111119": true, "4500600000000061": true, "4000000000000002": true,
	"5555555555554444": true, "5105105105105100": true, "5200828282828210": true, "2223003122003222": true,
	"378282246310005": true, "371449635398431": true, "378734493671000": true, "5610591081018250": true,
	"30569309025904": true, "38520000023237": true, "6011111111111117": true, "6011000990139424": true,
	"3530111333300000": true, "3566002020360505": true, "3566111111111113": true, "5019717010103742": true,
	"6331101999990016": true, "6200000000000005": true, "6205500000000000004": true, "36227206271667": true,
	"6011000000000004": true, "5431111111111111": true, "4917610000000000": true, "6759649826438453": true,
}

// validLuhn reports whether the digit string d ends in a correct Luhn (mod
// 10) check digit.
func validLuhn(d string) bool {
	if len(d) < 2 || !idIsDigits(d) {
		return false
	}
	sum := 0
	for i := 0; i < len(d); i++ {
		n := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// ibanLengths is the total IBAN length per country code, from the SWIFT
// IBAN registry.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
	"LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
	"NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
	"RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

// ibanSamples are the example IBANs of the registry and of bank web sites.
var ibanSamples = map[string]bool{"GB82WEST12345698765432": true, "DE89370400440532013000": true}

// validIBAN checks an IBAN, ignoring spaces, dots and dashes and the case
// of letters: known country, the country's length, alphanumeric BBAN, and
// remainder 1 under mod 97 after moving the first four characters to the
// end and letters to 10-35. The national BBAN formats and check digits are
// not checked: mod 97 already lets through only 1 in 97 wrong numbers.
func validIBAN(v string) bool {
	v = ibanCompact(v)
	if len(v) < 5 || ibanLengths[v[:2]] != len(v) || !idIsDigits(v[2:4]) {
		return false
	}
	rem := 0
	for _, c := range []byte(v[4:] + v[:4]) {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// ibanCompact upper-cases v and drops the separators people write in IBANs.
func ibanCompact(v string) string {
	return strings.ToUpper(ibanSeparators.Replace(v))
}

var ibanSeparators = strings.NewReplacer(" ", "", ".", "", "-", "")

// ibanRe finds candidates: the country code in capitals, check digits, and
// a BBAN in capitals with single spaces, dots or dashes anywhere ("NO 44
// 1850.05.14562", "DE89 3704 0044 0532 0130 00").
var ibanRe = regexp.MustCompile(`[A-Z]{2} ?[0-9]{2}(?:[ .-]?[A-Z0-9]){11,30}`)

type ibanDetector struct{}

func (ibanDetector) ID() string         { return "iban" }
func (ibanDetector) Keywords() []string { return nil }

// Detect finds IBAN candidates and cuts each to its country's length, so
// that a following word in capitals ("… 3000 IBAN") does not spoil the
// check. The search resumes after the cut, not after the regexp's match, so
// a second IBAN right after the first is still found; every search step
// moves forward by at least one byte and a candidate is at most ~70 bytes,
// so the work stays linear. Only windows after a country code and check
// digits are searched.
func (ibanDetector) Detect(in *Input) []Match { return ibanDetect(in, ibanWindows) }

// ibanWindows start at a capital letter pair that is a country code with
// IBANs, followed by check digits: a candidate with another code is
// dropped at once, and most pairs in a resume ("CV 2020", "MS 365") are
// none.
func ibanWindows(in *Input, yield func(lo, hi int)) {
	ibanLetterPairs(in, func(lo, hi int) {
		if _, ok := ibanLengths[in.Text[lo:lo+2]]; ok {
			yield(lo, hi)
		}
	})
}

// ibanLetterPairs yields windows that start at the pair (before is 0).
var ibanLetterPairs = idLetterPairWindows(false, 0, 70, 2)

func ibanDetect(in *Input, windows idWindows) []Match {
	var out []Match
	idMergedWindows(in, windows, func(lo, hi int) {
		for pos := lo; pos < hi; {
			loc := ibanRe.FindStringIndex(in.Text[pos:hi])
			if loc == nil {
				break
			}
			start, limit := pos+loc[0], pos+loc[1]
			pos = start + 1
			want, ok := ibanLengths[in.Text[start:start+2]]
			if !ok {
				continue
			}
			end, n := start, 0
			for end < limit && n < want {
				if c := in.Text[end]; c != ' ' && c != '.' && c != '-' {
					n++
				}
				end++
			}
			if n != want || !isBoundary(in.Text, start, end) {
				continue
			}
			v := in.Text[start:end]
			if !validIBAN(v) || ibanSamples[ibanCompact(v)] {
				continue
			}
			out = append(out, Match{Category: Financial, Detector: "iban", Start: start, End: end, Likelihood: Certain})
			pos = end
		}
	})
	return out
}
