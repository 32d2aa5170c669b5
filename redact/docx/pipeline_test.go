package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact/docx"
	dt "github.com/prescreen/prescreen/redact/docx/docxtest"
	"github.com/prescreen/prescreen/report"
)

func processor(tb testing.TB) *pipeline.Processor {
	tb.Helper()
	fp, err := report.NewFingerprinter([]byte("docx-test-key-0123456789"))
	if err != nil {
		tb.Fatal(err)
	}
	return &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp}
}

// allText is every entry of a package, decompressed, for searching.
func allText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, rc)
		rc.Close()
		b.WriteString("\n")
	}
	return b.String()
}

// TestPipelineResume runs the default pipeline (detectors, policy,
// verification by re-extraction) over the generated resume.
func TestPipelineResume(t *testing.T) {
	out, err := processor(t).Process(context.Background(), dt.Resume().Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != report.Redacted || out.MediaType != docx.MediaType {
		t.Fatalf("status %s (%s), media type %s", out.Status, out.Reason, out.MediaType)
	}
	got := allText(t, out.Output)
	for _, v := range dt.Secrets {
		if strings.Contains(got, v) {
			t.Errorf("redacted copy still holds %q", v)
		}
	}
	for _, v := range []string{dt.JobText, dt.InsertedText, "Kubernetes", "[REDACTED:contact]", "[REDACTED:id_number]"} {
		if !strings.Contains(got, v) {
			t.Errorf("redacted copy lacks %q", v)
		}
	}
	count := map[detectors.Category]int{}
	for _, f := range out.Findings {
		count[f.Category]++
		// The default policy keeps the candidate's name.
		if f.Action != report.ActionRedacted && f.Category != detectors.Name {
			t.Errorf("finding kept: %+v", f)
		}
	}
	// split email, header and table phones, two text-box copies, table ID,
	// footer, footnote, hyperlink, field code, creator property; hidden
	// text; the photo (not the icon).
	if count[detectors.HiddenText] != 1 || count[detectors.Photo] != 1 || count[detectors.IDNumber] != 1 || count[detectors.Contact] < 10 {
		t.Errorf("findings by category %v", count)
	}
}

func TestPipelineMacroQuarantined(t *testing.T) {
	doc := dt.Doc{Body: dt.P(dt.R("", "Email: jane@example.com")), Macros: true}
	out, err := processor(t).Process(context.Background(), doc.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != report.Quarantined || !strings.Contains(out.Reason, "macro-enabled") || out.Output != nil {
		t.Errorf("status %s, reason %q", out.Status, out.Reason)
	}
	if strings.Contains(out.Reason, "jane") {
		t.Error("reason quotes the document")
	}
}

// TestRealProducers redacts DOCX files written by pandoc and LibreOffice
// (from testdata/resume.md and resume.html): the email split over bold,
// small-caps or italic runs, table cells, a footnote and a mailto link.
func TestRealProducers(t *testing.T) {
	for _, name := range []string{"pandoc-resume.docx", "libreoffice-resume.docx"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			checkRealProducer(t, in)
		})
	}
}

var realSecrets = []string{"priya.sharma@example.in", "sharma@exa", "+91 98765 43210", "98765", "110102199101010078", "13912345678", "priya.hire@example.in", "referee.two@example.org"}

func checkRealProducer(t *testing.T, in []byte) []byte {
	t.Helper()
	ex, err := docx.Format{}.Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ex.Text(), "Email: priya.sharma@example.in\n") || !strings.Contains(ex.Text(), "ID Number\t110102199101010078\n") {
		t.Errorf("text not laid out for the detectors: %q", ex.Text())
	}
	out, err := processor(t).Process(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != report.Redacted {
		t.Fatalf("status %s: %s", out.Status, out.Reason)
	}
	got := allText(t, out.Output)
	for _, v := range realSecrets {
		if strings.Contains(got, v) {
			t.Errorf("redacted copy still holds %q", v)
		}
	}
	if !strings.Contains(got, "Site reliability engineer running Kubernetes") {
		t.Error("job text lost")
	}
	return out.Output
}

// needTool returns the path of a command line tool, skipping the test when
// it is missing, except in CI (CI=true), where a missing tool fails it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (.ci/run installs it)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// soffice runs LibreOffice headless with a profile of its own, so tests
// running at once do not share one.
func soffice(t *testing.T, dir string, args ...string) {
	t.Helper()
	bin := needTool(t, "soffice")
	profile := "-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(bin, append([]string{profile, "--headless"}, args...)...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, b)
	}
}

// pdfText converts a DOCX to PDF with LibreOffice and returns pdftotext's
// text of it.
func pdfText(t *testing.T, docxData []byte) string {
	t.Helper()
	pdftotext := needTool(t, "pdftotext")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "copy.docx"), docxData, 0o600); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "--convert-to", "pdf", "--outdir", dir, "copy.docx")
	b, err := exec.Command(pdftotext, filepath.Join(dir, "copy.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(b)
}

// TestLibreOfficeOpensRedactedCopy: the generated resume's reviewer copy
// opens in LibreOffice; its PDF shows the job text and the markers, and
// none of the redacted values.
func TestLibreOfficeOpensRedactedCopy(t *testing.T) {
	needTool(t, "soffice")
	out, err := processor(t).Process(context.Background(), dt.Resume().Bytes())
	if err != nil || out.Status != report.Redacted {
		t.Fatalf("%v %s %s", err, out.Status, out.Reason)
	}
	text := pdfText(t, out.Output)
	for _, v := range []string{"Backend engineer with 8 years", dt.InsertedText, "Personal details", "[REDACTED:age]", "[REDACTED:contact]", "Mentored 6 engineers"} {
		if !strings.Contains(text, v) {
			t.Errorf("PDF lacks %q", v)
		}
	}
	for _, v := range append(dt.Secrets, "14 March 1990") {
		if strings.Contains(text, v) {
			t.Errorf("PDF shows %q", v)
		}
	}
}

// TestRealProducersFresh makes the real-producer fixtures anew with the
// installed pandoc and LibreOffice, redacts them, and renders the copies.
func TestRealProducersFresh(t *testing.T) {
	dir := t.TempDir()
	for _, src := range []string{"resume.md", "resume.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, src), b, 0o600)
	}
	t.Run("libreoffice", func(t *testing.T) {
		soffice(t, dir, "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, "resume.html")
		in, err := os.ReadFile(filepath.Join(dir, "resume.docx"))
		if err != nil {
			t.Fatal(err)
		}
		checkPDF(t, checkRealProducer(t, in))
	})
	t.Run("pandoc", func(t *testing.T) {
		pandoc := needTool(t, "pandoc")
		cmd := exec.Command(pandoc, "resume.md", "-o", "pandoc.docx")
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pandoc: %v\n%s", err, b)
		}
		in, err := os.ReadFile(filepath.Join(dir, "pandoc.docx"))
		if err != nil {
			t.Fatal(err)
		}
		checkPDF(t, checkRealProducer(t, in))
	})
}

func checkPDF(t *testing.T, copy []byte) {
	t.Helper()
	text := pdfText(t, copy)
	if !strings.Contains(text, "Site reliability engineer") || !strings.Contains(text, "[REDACTED:contact]") {
		t.Errorf("PDF lacks the job text or the markers:\n%s", text)
	}
	for _, v := range realSecrets {
		if strings.Contains(text, v) {
			t.Errorf("PDF shows %q", v)
		}
	}
}

// BenchmarkDOCX screens the generated two-page resume end to end (extract,
// detect, decide, apply, verify by re-extraction).
func BenchmarkDOCX(b *testing.B) {
	p := processor(b)
	data := dt.Resume().Bytes()
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := p.Process(ctx, data)
		if err != nil || out.Status != report.Redacted {
			b.Fatalf("%v %s", err, out.Reason)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "documents/s")
}

// TestPipelineHostilePackage: a DOCX with a ../ entry is quarantined with a
// reason, and nothing is written.
func TestPipelineHostilePackage(t *testing.T) {
	good := dt.Doc{Body: dt.P(dt.R("", "Email: jane@example.com"))}.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, _ := zw.Create("../../../tmp/evil.sh")
	w.Write([]byte("echo pwned"))
	zw.Close()
	out, err := processor(t).Process(context.Background(), b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if out.MediaType != docx.MediaType || out.Status != report.Quarantined || !strings.Contains(out.Reason, "unsafe ZIP entry name") || out.Output != nil {
		t.Errorf("media type %s, status %s, reason %q", out.MediaType, out.Status, out.Reason)
	}
}
