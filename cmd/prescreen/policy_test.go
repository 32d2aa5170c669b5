package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/policy"
)

const personal = "Jane Doe\nEmail: jane.doe@example.com\nMarital status: Married\nReligion: Catholic\nGo developer, 5 years.\n"

func writeResume(t *testing.T, name, content string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600)
	return dir
}

func reviewerCopy(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "redacted", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPolicyEndToEnd changes the policy the way HR would and checks the
// reviewer copy and the report.
func TestPolicyEndToEnd(t *testing.T) {
	in := writeResume(t, "Jane_Doe_resume.txt", personal)

	// Default: religion and marital status (no consent) removed.
	out := t.TempDir()
	if code, stderr := scan(t, in, "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := reviewerCopy(t, out, "Jane_Doe_resume.txt")
	if strings.Contains(got, "Catholic") || strings.Contains(got, "Married") || !strings.Contains(got, "Jane Doe") {
		t.Errorf("default policy copy:\n%s", got)
	}

	// One line changed: religion kept.
	pfile := filepath.Join(t.TempDir(), "p.yaml")
	os.WriteFile(pfile, bytes.Replace(policy.DefaultYAML(), []byte("  religion:\n    action: redact"), []byte("  religion:\n    action: keep"), 1), 0o600)
	out = t.TempDir()
	scan(t, in, "--out", out, "--policy", pfile)
	if got := reviewerCopy(t, out, "Jane_Doe_resume.txt"); !strings.Contains(got, "Catholic") || strings.Contains(got, "Married") {
		t.Errorf("religion: keep copy:\n%s", got)
	}

	// Consent recorded for marital status: it passes, and the report says so.
	consent := filepath.Join(t.TempDir(), "consent.csv")
	os.WriteFile(consent, []byte("reference,category,granted_at\nJane_Doe_resume,marital_status,2026-11-20\n"), 0o600)
	out = t.TempDir()
	scan(t, in, "--out", out, "--consent", consent)
	if got := reviewerCopy(t, out, "Jane_Doe_resume.txt"); !strings.Contains(got, "Married") || strings.Contains(got, "Catholic") {
		t.Errorf("consent copy:\n%s", got)
	}
	r := readReport(t, out)
	if c := r.Documents[0].Consent; len(c) != 1 || c[0].Category != "marital_status" || c[0].MatchedBy != "reference" {
		t.Errorf("report consent: %+v", c)
	}

	// Blind: the name goes too, and so does the file name.
	out = t.TempDir()
	if code, stderr := scan(t, in, "--out", out, "--policy", "blind", "--report-format", "csv,html"); code != exitOK {
		t.Fatalf("blind: exit %d: %s", code, stderr)
	}
	r = readReport(t, out)
	neutral := *r.Documents[0].Output
	if !strings.HasPrefix(neutral, "redacted/"+r.Documents[0].SHA256[:12]) || !strings.HasSuffix(neutral, ".txt") {
		t.Fatalf("blind output name %q", neutral)
	}
	if got := reviewerCopy(t, out, strings.TrimPrefix(neutral, "redacted/")); strings.Contains(got, "Jane") {
		t.Errorf("blind copy keeps the name:\n%s", got)
	}
	names, err := os.ReadFile(filepath.Join(out, "names.json"))
	if err != nil || !strings.Contains(string(names), "Jane_Doe_resume.txt") {
		t.Errorf("names.json: %s %v", names, err)
	}
	filepath.Walk(filepath.Join(out, "redacted"), func(path string, info os.FileInfo, err error) error {
		if strings.Contains(path, "Jane") {
			t.Errorf("a name reached redacted/: %s", path)
		}
		return nil
	})
	if r.Policy.Name != "blind" {
		t.Errorf("report policy %q", r.Policy.Name)
	}

	// Bad policy, unknown role: exit 2 with the file named.
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("name: x\nmin_likelihood: medium\ncategories:\n  religon: {action: redact, tier: general, reason: {en: x}}\n"), 0o600)
	if code, stderr := scan(t, in, "--out", t.TempDir(), "--policy", bad); code != exitUsage || !strings.Contains(stderr, "bad.yaml:4") {
		t.Errorf("bad policy: exit %d: %s", code, stderr)
	}
	if code, stderr := scan(t, in, "--out", t.TempDir(), "--role", "astronaut"); code != exitUsage || !strings.Contains(stderr, "no role") {
		t.Errorf("unknown role: exit %d: %s", code, stderr)
	}
}

func TestPolicyCommands(t *testing.T) {
	run2 := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := exitCode(run(context.Background(), args, &out, &errb), &errb)
		return code, out.String(), errb.String()
	}
	if code, out, _ := run2("policy", "notice", "--lang", "zh"); code != exitOK || !strings.Contains(out, "求职者隐私告知") {
		t.Errorf("notice zh: %d %s", code, out)
	}
	if code, out, _ := run2("policy", "notice", "--role", "driver"); code != exitOK || !strings.Contains(out, "Role: Professional driver") {
		t.Errorf("notice driver: %d %s", code, out)
	}
	code, out, _ := run2("policy", "show")
	if code != exitOK || !bytes.Equal([]byte(out), policy.DefaultYAML()) {
		t.Errorf("show: %d", code)
	}
	f := filepath.Join(t.TempDir(), "p.yaml")
	os.WriteFile(f, []byte(out), 0o600)
	if code, out, _ := run2("policy", "check", f); code != exitOK || !strings.Contains(out, "is valid") {
		t.Errorf("check: %d %s", code, out)
	}
	os.WriteFile(f, []byte("name: [\n"), 0o600)
	if code, _, _ := run2("policy", "check", f); code != exitUsage {
		t.Errorf("check of a broken file: exit %d", code)
	}
	if code, _, _ := run2("policy", "frobnicate"); code != exitUsage {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

// TestREADMENotices keeps the notices shown in the README true to the
// default policy.
func TestREADMENotices(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		var b strings.Builder
		policy.Default().Notice(&b, lang)
		if !strings.Contains(string(readme), "```text\n"+b.String()+"```") {
			t.Errorf("README's %s notice is out of date: paste the output of `prescreen policy notice --lang %s`", lang, lang)
		}
	}
}

func TestBlockMarkerPolicy(t *testing.T) {
	in := writeResume(t, "r.txt", personal)
	pfile := filepath.Join(t.TempDir(), "p.yaml")
	os.WriteFile(pfile, bytes.Replace(policy.DefaultYAML(), []byte("marker: label"), []byte("marker: block"), 1), 0o600)
	out := t.TempDir()
	if code, stderr := scan(t, in, "--out", out, "--policy", pfile); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := reviewerCopy(t, out, "r.txt")
	if !strings.Contains(got, "Religion: ██████") || strings.Contains(got, "REDACTED") || strings.Contains(got, "Catholic") {
		t.Errorf("block-marker copy:\n%s", got)
	}
	os.WriteFile(pfile, bytes.Replace(policy.DefaultYAML(), []byte("marker: label"), []byte("marker: stars"), 1), 0o600)
	if code, stderr := scan(t, in, "--out", t.TempDir(), "--policy", pfile); code != exitUsage || !strings.Contains(stderr, "marker") {
		t.Errorf("bad marker: exit %d: %s", code, stderr)
	}
}
