package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
)

func TestMask(t *testing.T) {
	for _, tc := range []struct {
		c     detectors.Category
		value string
		want  string
	}{
		{detectors.IDNumber, "11010219910101007X", "[id_number …7X]"},
		{detectors.Financial, "4000 0012 3456 7899", "[financial …99]"},
		{detectors.IDNumber, "A12345", "[id_number]"}, // too short to show any of it
		{detectors.Contact, "jane@example.com", "[contact]"},
		{detectors.Religion, "Catholic", "[religion]"},
	} {
		if got := Mask(tc.c, tc.value); got != tc.want {
			t.Errorf("Mask(%s, %q) = %q, want %q", tc.c, tc.value, got, tc.want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	f, err := NewFingerprinter([]byte("0123456789abcdef-test"))
	if err != nil {
		t.Fatal(err)
	}
	a := f.Fingerprint(detectors.IDNumber, "110102 19910101 007X")
	b := f.Fingerprint(detectors.IDNumber, "11010219910101007x")
	if a != b || len(a) != 16 {
		t.Errorf("normalised IDs fingerprint differently: %q %q", a, b)
	}
	if f.Fingerprint(detectors.Contact, "+86 138-1234-5678") != f.Fingerprint(detectors.Contact, "+8613812345678") {
		t.Error("phone formats fingerprint differently")
	}
	if a == f.Fingerprint(detectors.Financial, "11010219910101007X") {
		t.Error("category not part of the fingerprint")
	}
	g, _ := NewFingerprinter([]byte("another-key-0123456789"))
	if a == g.Fingerprint(detectors.IDNumber, "11010219910101007X") {
		t.Error("fingerprint does not depend on the key")
	}
	if _, err := NewFingerprinter([]byte("short")); err == nil {
		t.Error("short key accepted")
	}
}

// TestFingerprintValue pins what a fingerprint is, the first 16 hex digits
// of HMAC-SHA256(key, category NUL normalised value), over repeated calls
// (the Fingerprinter reuses its HMACs).
func TestFingerprintValue(t *testing.T) {
	key := []byte("0123456789abcdef-test")
	f, err := NewFingerprinter(key)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		for _, tc := range []struct {
			c                 detectors.Category
			value, normalised string
		}{
			{detectors.IDNumber, "110102 19910101 007x", "11010219910101007X"},
			{detectors.Contact, "Jane.Doe@Example.com", "jane.doe@example.com"},
			{detectors.Religion, "Catholic", "catholic"},
		} {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte(string(tc.c) + "\x00" + tc.normalised))
			want := hex.EncodeToString(mac.Sum(nil))[:16]
			if got := f.Fingerprint(tc.c, tc.value); got != want {
				t.Errorf("Fingerprint(%s, %q) = %s, want %s", tc.c, tc.value, got, want)
			}
		}
	}
}

func TestNewFindingHoldsNoRawValue(t *testing.T) {
	f, _ := NewFingerprinter([]byte("0123456789abcdef-test"))
	value := "360426199101010071"
	m := detectors.Match{Category: detectors.IDNumber, Detector: "cn_resident_id", Start: 10, End: 28, Likelihood: detectors.Certain}
	r := &Report{Documents: []Document{{Input: "a.txt", Status: Redacted, Findings: []Finding{f.NewFinding(m, value, true, 0)}}}}
	r.Tally()
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{value, value[:8], value[10:]} {
		if strings.Contains(string(b), part) {
			t.Errorf("report contains %q:\n%s", part, b)
		}
	}
	if !strings.Contains(string(b), `"masked": "[id_number …71]"`) || r.Totals.FindingsByCategory[detectors.IDNumber] != 1 || r.Totals.Redacted != 1 {
		t.Errorf("unexpected report:\n%s", b)
	}
}

func TestLoadKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cfg", "prescreen", "fingerprint.key")
	k1, err := loadKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(filepath.Dir(path)); dst.Mode().Perm() != 0o700 {
		t.Errorf("key folder mode %v, want 0700", dst.Mode().Perm())
	}
	k2, err := loadKeyFile(path)
	if err != nil || string(k1) != string(k2) || len(k1) != 64 {
		t.Errorf("key not stable: %q %q %v", k1, k2, err)
	}
	t.Setenv(KeyEnv, "env-key-0123456789")
	if k, err := LoadKey(); err != nil || string(k) != "env-key-0123456789" {
		t.Errorf("LoadKey with env = %q, %v", k, err)
	}
}
