package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.*")

// sampleReport is a small report with every status, built the way the
// pipeline builds one: from values that must never appear in the output.
func sampleReport(t *testing.T) (*Report, []string) {
	fp, _ := NewFingerprinter([]byte("format-test-key-0123456789"))
	values := []string{"110102199101010078", "jane@example.com", "Catholic"}
	out := "redacted/en/jane.txt"
	r := &Report{
		Tool:    Tool{Name: "prescreen", Version: "test"},
		Policy:  PolicyRef{Name: "default", SHA256: strings.Repeat("ab", 32)},
		Started: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC), Finished: time.Date(2026, 11, 28, 9, 0, 2, 500e6, time.UTC),
		Documents: []Document{
			{Input: "en/jane.txt", Output: &out, SHA256: strings.Repeat("1", 64), MediaType: "text/plain", Status: Redacted, Findings: []Finding{
				fp.NewFinding(detectors.Match{Category: detectors.IDNumber, Detector: "cn_resident_id", Start: 10, End: 28, Likelihood: detectors.Certain}, values[0], true, 0),
				fp.NewFinding(detectors.Match{Category: detectors.Contact, Detector: "email", Start: 40, End: 56, Likelihood: detectors.High}, values[1], true, 2),
				fp.NewFinding(detectors.Match{Category: detectors.Religion, Detector: "prose", Start: 70, End: 78, Likelihood: detectors.Low}, values[2], false, 0),
			}},
			{Input: "en/clean.txt", Output: new(string), SHA256: strings.Repeat("2", 64), MediaType: "text/plain", Status: Clean, Findings: []Finding{}},
			{Input: "bin/<script>.txt", SHA256: strings.Repeat("3", 64), MediaType: "application/zip", Status: Quarantined, Reason: "unsupported format: application/zip", Findings: []Finding{}},
		},
	}
	*r.Documents[1].Output = "redacted/en/clean.txt"
	r.Tally()
	return r, values
}

func TestFormatsGolden(t *testing.T) {
	r, values := sampleReport(t)
	for name, f := range Formats {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.Write(&b, r); err != nil {
				t.Fatal(err)
			}
			for _, v := range values {
				if strings.Contains(b.String(), v) {
					t.Errorf("%s output contains the raw value %q", name, v)
				}
			}
			path := filepath.Join("testdata", "golden."+name)
			if *update {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(path, b.Bytes(), 0o644)
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./report -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from %s:\n%s", name, path, b.String())
			}
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	r, _ := sampleReport(t)
	var b bytes.Buffer
	WriteHTML(&b, r)
	if strings.Contains(b.String(), "<script>") || !strings.Contains(b.String(), "&lt;script&gt;") {
		t.Error("file name not escaped in HTML")
	}
	for _, want := range []string{"<svg", ">id_number<", ">quarantined<", "unsupported format: application/zip"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(b.String(), "http://") || strings.Contains(b.String(), "https://") || strings.Contains(b.String(), "<script") {
		t.Error("HTML refers to external assets or runs scripts")
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	r := &Report{Documents: []Document{{Input: "=HYPERLINK(\"x\")", Status: Quarantined, Reason: "-bad"}}}
	var b bytes.Buffer
	WriteCSV(&b, r)
	if !strings.Contains(b.String(), `"'=HYPERLINK(""x"")"`) || !strings.Contains(b.String(), "'-bad") {
		t.Errorf("CSV: %s", b.String())
	}
}

func TestParseFormats(t *testing.T) {
	if got, err := ParseFormats("html, csv,html"); err != nil || strings.Join(got, ",") != "json,html,csv" {
		t.Errorf("ParseFormats = %v, %v", got, err)
	}
	if _, err := ParseFormats("pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestWriteJSONStreamsTheSameBytes: report.json written a document at a
// time is byte for byte what marshalling the whole report gives, with
// none, one and many documents, interrupted or not.
func TestWriteJSONStreamsTheSameBytes(t *testing.T) {
	base, _ := sampleReport(t)
	for _, n := range []int{0, 1, 3} {
		for _, interrupted := range []bool{false, true} {
			r := *base
			r.Documents = nil
			for i := range n {
				r.Documents = append(r.Documents, base.Documents[i%len(base.Documents)])
			}
			if n == 0 && interrupted {
				r.Documents = []Document{} // and nil when not interrupted
			}
			r.Interrupted = interrupted
			r.Tally()
			want, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := WriteJSON(&got, &r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%d documents, interrupted %v: streamed report differs:\n%s\nwant:\n%s", n, interrupted, got.Bytes(), want)
			}
		}
	}
}

// TestMarshalEntryIsMarshalIndent: MarshalEntry gives json.MarshalIndent's
// bytes for entries with every kind of field: strings that need escaping
// (quotes, backslashes, control and HTML characters, invalid UTF-8, line
// separators), empty and nil lists, consent records, a nil output.
func TestMarshalEntryIsMarshalIndent(t *testing.T) {
	r, _ := sampleReport(t)
	odd := "a\"b\\c\n\t\x01<&>\u2028\xff\xfe é 王 \\\""
	docs := append([]Document{}, r.Documents...)
	docs = append(docs,
		Document{Input: odd, SHA256: odd, MediaType: "text/plain", Status: Quarantined, Reason: odd},
		Document{Input: "[]{}:,", Output: &odd, Status: Redacted, Findings: []Finding{{Category: "contact", Detector: odd, Masked: odd, Fingerprint: "\\", Location: Location{Page: 2, Start: -1}}}},
		Document{Input: "x", Status: Clean, Findings: []Finding{},
			Consent: []ConsentApplied{{Category: detectors.MaritalStatus, GrantedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("x", 3600)), MatchedBy: "sha256"}}},
	)
	for i, d := range docs {
		got, err := MarshalEntry(d)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(&d, "    ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("entry %d:\n%s\nwant:\n%s", i, got, want)
		}
	}
}

// FuzzIndentCompact: indentCompact indents any compact JSON as json.Indent
// does. The seeds run with every go test.
func FuzzIndentCompact(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{},[],"x\"]"],"b":{"c":null}}`, `"\\"`, `[true,false,-1.5e3,"\u003c"]`, `{"":{"":[[[]]]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(s)) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "> ", "\t"); err != nil {
			t.Fatal(err)
		}
		if got := indentCompact(nil, compact.Bytes(), "> ", "\t"); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indentCompact(%s):\n%s\nwant:\n%s", compact.Bytes(), got, want.Bytes())
		}
	})
}
