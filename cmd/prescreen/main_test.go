package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prescreen/prescreen/report"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the golden files under fixtures/expected")

const resumes = "../../fixtures/resumes"

func scan(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	t.Setenv(report.KeyEnv, "golden-test-key-0123456789")
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"scan"}, args...), &out, &errb)
	return exitCode(err, &errb), errb.String()
}

func readReport(t *testing.T, dir string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestGolden runs the whole pipeline over the sample resumes and compares
// the report (timestamps and version aside) and every reviewer copy with
// the expected files in fixtures/expected. Run with -update to accept a
// deliberate change, then review the diff.
func TestGolden(t *testing.T) {
	out := t.TempDir()
	if code, stderr := scan(t, resumes, "--out", out, "--workers", "2"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := readReport(t, out)
	r.Started, r.Finished, r.Tool.Version = time.Time{}, time.Time{}, "test"
	for i := range r.Documents {
		r.Documents[i].Input = strings.TrimPrefix(r.Documents[i].Input, resumes+"/")
	}
	got, _ := r.JSON()
	golden(t, "../../fixtures/expected/report.json", got)
	for _, d := range r.Documents {
		if d.Output == nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, *d.Output))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("../../fixtures/expected", *d.Output), b)
		// The GBK sample must come back in GBK, not converted to UTF-8.
		if strings.HasSuffix(d.Input, "gbk.txt") && (utf8.Valid(b) || !bytes.Contains(b, gbk("身份证：[REDACTED:id_number]\r\n\r\n个人信息"))) {
			t.Errorf("%s: reviewer copy is not the redacted GBK text", d.Input)
		}
	}
}

func gbk(s string) []byte {
	b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	return b
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/prescreen -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", path, got)
	}
}

// TestReportHoldsNoRawValue greps every file prescreen writes, except the
// reviewer copies, for the sensitive values of the sample resumes.
func TestReportHoldsNoRawValue(t *testing.T) {
	out := t.TempDir()
	in := t.TempDir()
	values := []string{"jane.doe@example.com", "+44 20 7946 0958", "110102199101010078", "13812345678", "138 1234 5678"}
	doc := "Jane Doe\nEmail: " + values[0] + "\nPhone: " + values[1] + "\n身份证号：" + values[2] + "\n手机" + values[3] + " 或 " + values[4] + "\n"
	os.WriteFile(filepath.Join(in, "jane.txt"), []byte(doc), 0o600)
	os.WriteFile(filepath.Join(in, "zip.txt"), []byte("PK\x03\x04"+doc), 0o600)
	code, stderr := scan(t, in, "--out", out, "--report-format", "jsonl,csv,html")
	if code != exitQuarantined {
		t.Fatalf("exit %d, want %d: %s", code, exitQuarantined, stderr)
	}
	written := 0
	filepath.Walk(out, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || strings.Contains(path, string(filepath.Separator)+"redacted"+string(filepath.Separator)) {
			return err
		}
		written++
		b, _ := os.ReadFile(path)
		// The report names the input folder, a temp folder whose random
		// digits can hold a fragment looked for below.
		b = bytes.ReplaceAll(b, []byte(filepath.ToSlash(in)), []byte("IN"))
		for _, v := range append(values, "7946", "19910101") {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s contains %q", path, v)
			}
		}
		return nil
	})
	if written != 5 { // report.json, .jsonl, .csv, .html, one quarantine record
		t.Errorf("%d report files checked, want 5", written)
	}
	for _, v := range values {
		if strings.Contains(stderr, v) {
			t.Errorf("stderr contains %q", v)
		}
	}
	red, _ := os.ReadFile(filepath.Join(out, "redacted", "jane.txt"))
	for _, v := range values {
		if bytes.Contains(red, []byte(v)) {
			t.Errorf("reviewer copy still contains %q", v)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "redacted", "zip.txt")); err == nil {
		t.Error("quarantined document reached redacted/")
	}
	r := readReport(t, out)
	if r.Totals.Quarantined != 1 || r.Totals.Redacted != 1 || r.Totals.FindingsByCategory["contact"] != 4 || r.Totals.FindingsByCategory["id_number"] != 1 {
		t.Errorf("totals %+v", r.Totals)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.txt")
	os.WriteFile(clean, []byte("Go developer with 5 years of experience.\n"), 0o600)
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("\x00\x01\x02 not text"), 0o600)
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{clean, "--out", filepath.Join(dir, "o1")}, exitOK},
		{"flags first", []string{"--quiet", "--out", filepath.Join(dir, "o2"), clean}, exitOK},
		{"quarantined", []string{clean, filepath.Join(dir, "file"), "--out", filepath.Join(dir, "o3")}, exitQuarantined},
		{"no path", []string{"--out", filepath.Join(dir, "o4")}, exitUsage},
		{"missing path", []string{filepath.Join(dir, "nope"), "--out", filepath.Join(dir, "o5")}, exitUsage},
		{"bad flag", []string{"--frobnicate", clean}, exitUsage},
		{"bad workers", []string{"--workers", "0", clean}, exitUsage},
		{"policy file", []string{"--policy", "strict.yaml", clean}, exitUsage},
		{"output not writable", []string{clean, "--out", filepath.Join(notDir, "sub")}, exitInternal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, stderr := scan(t, tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.want, stderr)
			}
		})
	}
	var out, errb bytes.Buffer
	if code := exitCode(run(context.Background(), []string{"bogus"}, &out, &errb), &errb); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

// TestParentProcs: when the workers take every CPU, a batch's parent runs
// Go code on one thread per four workers, at least one and at most one
// per CPU (0: the default is kept), and a scan gives the setting back when
// it ends (tests and the watcher run several).
func TestParentProcs(t *testing.T) {
	for _, tc := range []struct{ workers, cpus, want int }{
		{1, 2, 0}, {2, 2, 1}, {1, 1, 1}, {4, 8, 0}, {8, 8, 2}, {16, 8, 4}, {16, 2, 2}, {64, 4, 4}, {3, 2, 1},
	} {
		if got := parentProcs(tc.workers, tc.cpus); got != tc.want {
			t.Errorf("parentProcs(%d workers, %d CPUs) = %d, want %d", tc.workers, tc.cpus, got, tc.want)
		}
	}
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	if code, stderr := scan(t, resumes, "--out", t.TempDir(), "--workers", "2", "--quiet"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS %d after the scan, %d before", after, before)
	}
}
