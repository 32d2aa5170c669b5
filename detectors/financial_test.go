package detectors

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestValidLuhn(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"79927398713", true}, {"79927398710", false}, {"4539578763621486", true}, {"4539578763621487", false},
		{"0", false}, {"", false}, {"4539 5787", false},
	} {
		if got := validLuhn(tc.v); got != tc.want {
			t.Errorf("validLuhn(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestValidIBAN(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"GB29 NWBK 6016 1331 9268 19", true}, {"GB29NWBK60161331926819", true}, {"gb29nwbk60161331926819", true},
		{"GB29 NWBK 6016 1331 9268 18", false}, {"GB29 NWBK 6016 1331 9268 1", false}, // check, length
		{"QQ29NWBK60161331926819", false}, {"GBAANWBK60161331926819", false},
	} {
		if got := validIBAN(tc.v); got != tc.want {
			t.Errorf("validIBAN(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestFinancial(t *testing.T) {
	runTable(t, Financial, []detectCase{
		// Cards (4539 5787 6362 1486 is Luhn-valid and not a published test number).
		{"card grouped", "Card: 4539 5787 6362 1486", []string{"4539 5787 6362 1486"}},
		{"card dashed in prose", "paid with 4539-5787-6362-1486 yesterday", []string{"4539-5787-6362-1486"}},
		{"card bare", "4539578763621486", []string{"4539578763621486"}},
		{"card zh", "银行卡号：6228480402564890018，", []string{"6228480402564890018"}},
		{"card adjacent CJK", "卡号4539578763621486开户", []string{"4539578763621486"}},
		{"card bad luhn", "Card: 4539 5787 6362 1487", nil},
		{"test card", "Card: 4111 1111 1111 1111", nil},
		{"test card bare", "4242424242424242", nil},
		{"two cards", "4539578763621486, 5425233430109903", []string{"4539578763621486", "5425233430109903"}},
		{"order number", "订单号：4539578763621486", nil},
		{"card odd grouping", "45 39 57 87 63 62 14 86", nil},
		// IBAN
		{"iban spaced", "IBAN: GB29 NWBK 6016 1331 9268 19", []string{"GB29 NWBK 6016 1331 9268 19"}},
		{"iban compact then word", "GB29NWBK60161331926819 IBAN", []string{"GB29NWBK60161331926819"}},
		{"iban zh", "国际银行账号GB29NWBK60161331926819。", []string{"GB29NWBK60161331926819"}},
		{"iban bad check", "IBAN: GB29 NWBK 6016 1331 9268 18", nil},
		{"iban sample", "IBAN: GB82 WEST 1234 5698 7654 32", nil},
		{"two ibans", "GB29NWBK60161331926819 and FR1420041010050500013M02606", []string{"GB29NWBK60161331926819", "FR1420041010050500013M02606"}},
		// Accounts by context
		{"account en", "Bank account: 0123 4567 8901", []string{"0123 4567 8901"}},
		{"account no", "Account No. 12345678", []string{"12345678"}},
		{"account zh", "开户行：招商银行北京分行 账号：6214830100000000", []string{"6214830100000000"}},
		{"account without context", "Reference 0123 4567 8901", nil},
		{"qq account", "QQ账号：12345678", nil},
		{"wechat account", "微信账号 12345678", nil},
		{"phone after account label", "开户行：招商银行 手机：13812345678", nil},
		{"date after account label", "Bank account opened 20190315", nil},
		// Not financial
		{"cn resident id", "身份证号：110102199101010078", nil},
		{"cn mobile", "13812345678", nil},
		{"phone", "+86 138 1234 5678", nil},
		{"year list", "2015 2016 2017 2018", nil},
	})
}

func TestBankAccountLanguages(t *testing.T) {
	runTable(t, Financial, []detectCase{
		{"pt conta short", "Banco 001, agência 1234, conta 56781-9\n", []string{"56781-9"}},
		{"es cuenta", "Número de cuenta: 0049 1500 0512 3456\n", []string{"0049 1500 0512 3456"}},
		{"de konto", "Kontonummer: 1234 5678 90\n", []string{"1234 5678 90"}},
		{"in a/c", "Bank A/c (HDFC)  : 50100234567812\n", []string{"50100234567812"}},
		{"zh salary card", "工资卡：6217 0000 1234 5678 9012（建设银行）", []string{"6217 0000 1234 5678 9012"}},
		{"tw account", "薪轉帳戶：台新銀行 帳號 2088-10-1234567\n", []string{"2088-10-1234567"}},
		{"contact is no conta", "Contact : 094170 58213\n", nil},
		{"pt conta com", "a equipe conta com 12000 clientes ativos", nil},
		{"short not adjacent", "Account manager for 45 clients since 12345", nil},
		{"agency number", "agência 0912\n", nil},
	})
}

// TestIBANWindowsLoseNothing checks that searching only after known
// country codes finds what searching after every capital letter pair
// finds, on random text of IBANs, other letter pairs and numbers.
func TestIBANWindowsLoseNothing(t *testing.T) {
	pieces := []string{" ", "-", ".", "\n", "CV ", "MS", "IT", "XX", "GB", "NO ", "ab", "IBAN: ", "ZZ12 "}
	for _, v := range readIDVectors(t) {
		if v.scheme == "iban" && v.valid {
			for _, s := range []string{v.value, strings.ReplaceAll(v.value, " ", ""), strings.ReplaceAll(v.value, " ", ".")} {
				pieces = append(pieces, s, " "+s+" ")
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 2000 {
		text := randomText(rng, pieces, 8, 8)
		in := NewInput(text)
		got, want := ibanDetect(in, ibanWindows), ibanDetect(in, ibanLetterPairs)
		if !slices.Equal(got, want) {
			t.Errorf("on %q: known codes find %v, every pair %v", text, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Errorf("only %d IBANs found: the texts test little", found)
	}
}
