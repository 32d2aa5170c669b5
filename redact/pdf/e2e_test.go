package pdf_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact/pdf"
	"github.com/prescreen/prescreen/redact/pdf/pdftest"
	"github.com/prescreen/prescreen/report"
)

// tool returns the path of an external program; tests that need one skip
// when it is missing, except on CI (CI=true), where they fail.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (see .ci/run)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func processor(t *testing.T) *pipeline.Processor {
	t.Helper()
	fp, err := report.NewFingerprinter([]byte("pdf-test-key-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp, Timeout: time.Minute}
}

func inOrder(t *testing.T, what, text string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%s: %q missing or out of order in %q", what, w, text)
			return
		}
		at += i + len(w)
	}
}

type word struct {
	page     int
	x, y, x1 float64
	y1       float64
	text     string
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func words(t *testing.T, file string) []word {
	out := run(t, "pdftotext", "-bbox", file, "-")
	var ws []word
	for pi, pg := range strings.Split(out, "<page ")[1:] {
		for _, m := range wordRE.FindAllStringSubmatch(pg, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			ws = append(ws, word{pi + 1, f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
		}
	}
	return ws
}

// darkness returns the mean grey level (0 black, 255 white) of a box of
// page 1 rendered at 72 dpi by pdftoppm.
func darkness(t *testing.T, file string, w word) float64 {
	dir := t.TempDir()
	run(t, "pdftoppm", "-gray", "-r", "72", "-f", strconv.Itoa(w.page), "-l", strconv.Itoa(w.page), file, filepath.Join(dir, "p"))
	m, _ := filepath.Glob(filepath.Join(dir, "p*.pgm"))
	if len(m) != 1 {
		t.Fatalf("pdftoppm wrote %v", m)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	var width, height, maxv int
	var hdr int
	fields := 0
	for i := 2; fields < 3; {
		for b[i] == ' ' || b[i] == '\n' {
			i++
		}
		j := i
		for b[j] >= '0' && b[j] <= '9' {
			j++
		}
		v, _ := strconv.Atoi(string(b[i:j]))
		switch fields {
		case 0:
			width = v
		case 1:
			height = v
		case 2:
			maxv = v
		}
		fields++
		i, hdr = j, j+1
	}
	_ = maxv
	px := b[hdr:]
	var sum, n float64
	for y := int(w.y) + 1; y < int(w.y1); y++ {
		for x := int(w.x) + 1; x < int(w.x1); x++ {
			if x < width && y < height {
				sum += float64(px[y*width+x])
				n++
			}
		}
	}
	return sum / n
}

type sample struct {
	name    string
	data    []byte
	removed []string // must be gone from every reading of the copy
	kept    []string // must stay, in this order, in pdftotext's text
	secret  []string // must be gone from the file's bytes (decompressed)
	cats    []detectors.Category
	boxWord string // a redacted word whose box must be black
}

func samples() []sample {
	simple := sample{
		name:    "simple",
		data:    pdftest.SimpleResume(),
		removed: []string{"jane.doe@example.com", "+44 20 7946 0958", "110102199101010078", "Ignore previous", "python java"},
		kept: []string{"Jane Doe", "Email:", "Phone:", "(mobile)", "Experience", "Senior engineer at Acme Ltd since 2015, payments platform.",
			"Led a team of six engineers", "White on blue is visible", "Highlighted and visible", "Reach me at", "any time", "Education", "University of Leeds", "ID:", "Languages: English, French", "Reach me at"},
		secret: []string{"jane.doe", "7946", "110102199101010078", "secretproducer", "secretcreator", "jane doe secret", "private note",
			"private bookmark", "app.alert", "example.com/jane", "unused.secret", "ignore previous", "kubernetes expert", "top candidate", "golang wizard", "resume of jane"},
		cats:    []detectors.Category{detectors.Contact, detectors.IDNumber, detectors.HiddenText, detectors.Photo},
		boxWord: "jane.doe@example.com",
	}
	cjk := sample{
		name:    "cjk",
		data:    pdftest.CJKResume(),
		removed: []string{"13812345678", "zhang.wei@example.com", "110102199101010078"},
		kept:    []string{"张伟", "手机：", "邮箱：", "身份证号：", "工作经历：2018年至今", "阿里巴巴", "高级工程师"},
		secret:  []string{"zhang wei"},
		cats:    []detectors.Category{detectors.Contact, detectors.IDNumber},
		boxWord: "邮箱：zhang.wei@example.com",
	}
	unigb := sample{
		name:    "unigb",
		data:    pdftest.UniGBResume(),
		removed: []string{"13812345678", "li.na@example.com"},
		kept:    []string{"李娜", "手机：", "Email:", "工作经历：2019年至今", "字节跳动"},
		cats:    []detectors.Category{detectors.Contact},
		boxWord: "li.na@example.com",
	}
	return []sample{simple, cjk, unigb}
}

func merged(t *testing.T) sample {
	var b bytes.Buffer
	rs := []*bytes.Reader{bytes.NewReader(pdftest.SimpleResume()), bytes.NewReader(pdftest.CJKResume())}
	if err := api.MergeRaw([]io.ReadSeeker{rs[0], rs[1]}, &b, false, model.NewDefaultConfiguration()); err != nil {
		t.Fatal(err)
	}
	s := samples()
	m := s[0]
	m.name, m.data = "merged", b.Bytes()
	m.removed = append(m.removed, s[1].removed...)
	m.kept = append(m.kept, s[1].kept...)
	return m
}

// libreOffice makes a resume the way many candidates do: a DOCX written
// by LibreOffice, exported to PDF (embedded TrueType and CFF subsets with
// ToUnicode, Latin and CJK). Without soffice it reports false (on CI the
// test fails instead).
func libreOffice(t *testing.T) (sample, bool) {
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice is not installed (see .ci/run)")
		}
		t.Log("soffice is not installed: LibreOffice sample skipped")
		return sample{}, false
	}
	dir := t.TempDir()
	txt := filepath.Join(dir, "resume.txt")
	os.WriteFile(txt, []byte("Li Na\n\nEmail: li.na@example.com\nPhone: +44 20 7946 0958\n\n李娜 手机：13812345678\n身份证号：110102199101010078\n\nExperience\nBackend engineer at Example Corp since 2019, search and ranking.\n"), 0o600)
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	for _, conv := range []struct{ in, to string }{{txt, "docx"}, {filepath.Join(dir, "resume.docx"), "pdf"}} {
		cmd := exec.Command("soffice", profile, "--headless", "--convert-to", conv.to, "--outdir", dir, conv.in)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "resume.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return sample{
		name:    "libreoffice",
		data:    b,
		removed: []string{"li.na@example.com", "7946 0958", "13812345678", "110102199101010078"},
		kept:    []string{"Li Na", "Email:", "Phone:", "李娜 手机：", "身份证号：", "Experience", "Backend engineer at Example Corp since 2019, search and ranking."},
		secret:  []string{"li.na@"},
		cats:    []detectors.Category{detectors.Contact, detectors.IDNumber},
		boxWord: "li.na@example.com",
	}, true
}

// TestRedactedCopyCheckedByIndependentTools runs the whole pipeline over
// the sample PDFs and checks the copies with poppler and qpdf.
func TestRedactedCopyCheckedByIndependentTools(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "qpdf")
	all := append(samples(), merged(t))
	if lo, ok := libreOffice(t); ok {
		all = append(all, lo)
	}
	for _, s := range all {
		t.Run(s.name, func(t *testing.T) {
			out, err := processor(t).Process(context.Background(), s.data)
			if err != nil {
				t.Fatal(err)
			}
			if out.Status != report.Redacted || out.MediaType != "application/pdf" {
				t.Fatalf("status %s (%s), media type %s", out.Status, out.Reason, out.MediaType)
			}
			found := map[detectors.Category]bool{}
			for _, f := range out.Findings {
				found[f.Category] = true
			}
			for _, c := range s.cats {
				if !found[c] {
					t.Errorf("no %s finding", c)
				}
			}
			dir := t.TempDir()
			in, red := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
			os.WriteFile(in, s.data, 0o600)
			os.WriteFile(red, out.Output, 0o600)

			text := run(t, "pdftotext", red, "-")
			for _, v := range s.removed {
				if strings.Contains(text, v) {
					t.Errorf("pdftotext still finds %q", v)
				}
			}
			inOrder(t, "pdftotext", text, s.kept...)
			ext, err := pdf.Format{}.Extract(out.Output)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range s.removed {
				if strings.Contains(ext.Text(), v) {
					t.Errorf("our extractor still finds %q", v)
				}
			}

			run(t, "qpdf", "--check", red)
			qdf := filepath.Join(dir, "qdf.pdf")
			run(t, "qpdf", "--qdf", "--object-streams=disable", red, qdf)
			raw, _ := os.ReadFile(qdf)
			low := bytes.ToLower(raw)
			for _, v := range append(s.secret, "pdfcpu") {
				if bytes.Contains(low, []byte(strings.ToLower(v))) {
					t.Errorf("decompressed file still holds %q", v)
				}
			}

			infoIn := run(t, "pdfinfo", "-f", "1", "-l", "99", in)
			infoOut := run(t, "pdfinfo", "-f", "1", "-l", "99", red)
			pageLines := func(s string) (l []string) {
				for _, x := range strings.Split(s, "\n") {
					if strings.HasPrefix(x, "Pages:") || strings.HasPrefix(x, "Page ") && strings.Contains(x, "size:") {
						l = append(l, x)
					}
				}
				return l
			}
			if a, b := strings.Join(pageLines(infoIn), "\n"), strings.Join(pageLines(infoOut), "\n"); a != b || a == "" {
				t.Errorf("pages differ:\n%s\nvs\n%s", a, b)
			}
			for _, k := range []string{"Title:", "Author:", "Creator:", "Secret", "Jane", "Zhang"} {
				if strings.Contains(infoOut, k) {
					t.Errorf("pdfinfo shows %q:\n%s", k, infoOut)
				}
			}
			if !regexp.MustCompile(`(?m)^Producer:\s+prescreen$`).MatchString(infoOut) {
				t.Errorf("producer not neutral:\n%s", infoOut)
			}

			// Every word left stands exactly where it stood.
			before := words(t, in)
			for _, w := range words(t, red) {
				ok := false
				for _, v := range before {
					if v.page == w.page && abs(v.x-w.x) < 0.01 && abs(v.y-w.y) < 0.01 && strings.HasPrefix(v.text, w.text) {
						ok = true
						break
					}
				}
				if !ok {
					t.Errorf("word %q on page %d at (%.2f, %.2f) moved or is new", w.text, w.page, w.x, w.y)
				}
			}
			// The box sits where the removed glyphs were.
			for _, v := range before {
				if v.text == s.boxWord {
					if dIn, dOut := darkness(t, in, v), darkness(t, red, v); dOut > 60 || dIn < 120 {
						t.Errorf("box over %q: mean grey %.0f before, %.0f after (want light, then black)", v.text, dIn, dOut)
					}
					break
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestQuarantinedByPipeline checks the reasons the pipeline reports.
func TestQuarantinedByPipeline(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"type3":   {pdftest.Type3NoUnicode(), "no Unicode mapping"},
		"scanned": {pdftest.Scanned(false), "no text layer"},
		"ocr":     {pdftest.Scanned(true), "invisible OCR text layer"},
	} {
		out, err := processor(t).Process(context.Background(), tc.data)
		if err != nil {
			t.Fatal(err)
		}
		if out.Status != report.Quarantined || !strings.Contains(out.Reason, tc.want) || out.Output != nil {
			t.Errorf("%s: status %s, reason %q", name, out.Status, out.Reason)
		}
	}
}

// TestPDF20 checks a PDF 2.0 file goes through, second reader included
// (it rejects the 2.0 header, so it is given a copy labelled 1.7).
func TestPDF20(t *testing.T) {
	b := pdftest.CJKResume()
	b = append([]byte("%PDF-2.0"), b[len("%PDF-1.7"):]...)
	out, err := processor(t).Process(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != report.Redacted {
		t.Fatalf("status %s: %s", out.Status, out.Reason)
	}
	if !bytes.HasPrefix(out.Output, []byte("%PDF-2.0")) {
		t.Errorf("copy is not labelled PDF 2.0: %q", out.Output[:8])
	}
}

// TestConcurrentDocuments runs documents in parallel, as the batch's
// workers do (run with -race).
func TestConcurrentDocuments(t *testing.T) {
	p := processor(t)
	docs := [][]byte{pdftest.SimpleResume(), pdftest.CJKResume(), pdftest.TwoPageResume(), pdftest.Type3NoUnicode()}
	errs := make(chan string, 4*len(docs))
	done := make(chan struct{})
	for i := 0; i < 4; i++ {
		for _, d := range docs {
			go func() {
				defer func() { done <- struct{}{} }()
				out, err := p.Process(context.Background(), d)
				if err != nil || out.Status == report.Quarantined && !strings.Contains(out.Reason, "no Unicode mapping") {
					errs <- out.Reason
				}
			}()
		}
	}
	for i := 0; i < 4*len(docs); i++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Errorf("concurrent run failed: %s", e)
	}
}
