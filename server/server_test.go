package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/prescreen/prescreen/client"
	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/redact"
	"github.com/prescreen/prescreen/redact/txt"
	"github.com/prescreen/prescreen/report"
	"github.com/prescreen/prescreen/server"
)

const resume = "Jane Doe\nEmail: jane.doe@example.com\nPhone: +44 20 7946 0958\nReligion: Catholic\nGo developer, 5 years.\n"

// gate is a text format that blocks in Extract until released, and panics
// on documents starting with "PANIC".
type gate struct {
	entered chan struct{}
	release chan struct{}
}

func (gate) Name() string { return "txt" }
func (g gate) Extract(data []byte) (redact.Extraction, error) {
	if bytes.HasPrefix(data, []byte("PANIC")) {
		panic("parser bug")
	}
	if bytes.HasPrefix(data, []byte("SLOW")) && g.release != nil {
		g.entered <- struct{}{}
		<-g.release
	}
	return txt.Format{}.Extract(data)
}

type testServer struct {
	url string
	srv *server.Server
	hs  *http.Server
	g   gate
}

func start(t testing.TB, mut func(*server.Config)) *testServer {
	t.Helper()
	fp, _ := report.NewFingerprinter([]byte("server-test-key-0123456789"))
	g := gate{entered: make(chan struct{}, 64), release: make(chan struct{})}
	formats := pipeline.DefaultFormats()
	formats["text/plain"] = g
	cfg := server.Config{
		Processor: &pipeline.Processor{Scanner: detectors.Default(), Policy: policy.Default(), Fingerprinter: fp, Timeout: time.Minute, Formats: formats},
		MaxBytes:  4096,
		Workers:   2,
		Queue:     256,
	}
	if mut != nil {
		mut(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	ts := &testServer{url: "http://" + ln.Addr().String(), srv: srv, hs: hs, g: g}
	t.Cleanup(func() {
		select {
		case <-g.release:
		default:
			close(g.release)
		}
		hs.Close()
	})
	return ts
}

// screenJSON posts text as a raw body asking for a JSON answer, and
// returns the answer decoded and as sent; any status but 200 fails t.
func screenJSON(t testing.TB, ts *testServer, text string) (server.Result, []byte) {
	t.Helper()
	resp, body := post(t, ts.url+"/v1/screen", "text/plain", "application/json", strings.NewReader(text))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var res server.Result
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	return res, body
}

func post(t testing.TB, url, contentType, accept string, body io.Reader, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestScreenJSONAndMultipart(t *testing.T) {
	ts := start(t, nil)
	// Raw body, JSON answer.
	res, body := screenJSON(t, ts, resume)
	doc := string(res.Document)
	if strings.Contains(doc, "jane.doe@example.com") || strings.Contains(doc, "Catholic") || !strings.Contains(doc, "Go developer") || res.Report.Status != report.Redacted {
		t.Errorf("document %q, status %s", doc, res.Report.Status)
	}
	if bytes.Contains(body[:bytes.Index(body, []byte(`"document"`))], []byte("Catholic")) {
		t.Error("report part holds a raw value")
	}

	// multipart/form-data upload, multipart/mixed answer.
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "Jane_Doe.txt")
	fw.Write([]byte(resume))
	mw.Close()
	resp, body := post(t, ts.url+"/v1/screen?role=driver", mw.FormDataContentType(), "", &form)
	if resp.StatusCode != 200 || resp.Header.Get("X-Prescreen-Policy") != "default/driver" {
		t.Fatalf("status %d (%s): %s", resp.StatusCode, resp.Header.Get("X-Prescreen-Policy"), body)
	}
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "multipart/mixed" {
		t.Fatalf("content type %s", mt)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	p1, _ := mr.NextPart()
	var rep report.Document
	json.NewDecoder(p1).Decode(&rep)
	p2, _ := mr.NextPart()
	red, _ := io.ReadAll(p2)
	if p1.Header.Get("Content-Type") != "application/json" || p2.Header.Get("Content-Type") != "text/plain" || rep.Status != report.Redacted || !strings.Contains(string(red), "[REDACTED:religion]") {
		t.Errorf("multipart answer: %+v\n%s", rep, red)
	}
}

func TestStatusCodes(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.Token = "secret-token-0123456789" })
	auth := []string{"Authorization", "Bearer secret-token-0123456789"}
	zip := "PK\x03\x04\x14\x00\x00\x00\x00\x00" + strings.Repeat("\x00", 40)
	var noFile bytes.Buffer
	mw := multipart.NewWriter(&noFile)
	mw.WriteField("other", "x")
	mw.Close()
	for _, tc := range []struct {
		name, path, ctype, body string
		hdr                     []string
		want                    int
	}{
		{"ok", "/v1/screen", "text/plain", resume, auth, 200},
		{"no token", "/v1/screen", "text/plain", resume, nil, 401},
		{"wrong token", "/v1/screen", "text/plain", resume, []string{"Authorization", "Bearer nope"}, 401},
		{"too large", "/v1/screen", "text/plain", strings.Repeat("a", 5000), auth, 413},
		{"unsupported", "/v1/screen", "application/zip", zip, auth, 415},
		{"quarantined", "/v1/screen", "text/plain", "PANIC " + resume, auth, 422},
		{"empty", "/v1/screen", "text/plain", "", auth, 400},
		{"no file part", "/v1/screen", mw.FormDataContentType(), noFile.String(), auth, 400},
		{"bad multipart", "/v1/screen", "multipart/form-data; boundary=zzz", "garbage", auth, 400},
		{"unknown policy", "/v1/screen?policy=nope", "text/plain", resume, auth, 400},
		{"unknown role", "/v1/screen?role=astronaut", "text/plain", resume, auth, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := post(t, ts.url+tc.path, tc.ctype, "application/json", strings.NewReader(tc.body), tc.hdr...)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
			}
			if tc.want != 200 {
				var e struct{ Status, Reason string }
				if json.Unmarshal(body, &e) != nil || e.Reason == "" || strings.Contains(string(body), "Catholic") {
					t.Errorf("error body %s", body)
				}
			}
		})
	}
	// Chunked upload over the limit (no Content-Length).
	pr, pw := io.Pipe()
	go func() { pw.Write([]byte(strings.Repeat("b", 9000))); pw.Close() }()
	if resp, _ := post(t, ts.url+"/v1/screen", "text/plain", "", pr, auth...); resp.StatusCode != 413 {
		t.Errorf("chunked too large: %d", resp.StatusCode)
	}
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200, "/openapi.yaml": 200, "/v1/policy": 401, "/nope": 404} {
		resp, err := http.Get(ts.url + path)
		if err != nil || resp.StatusCode != want {
			t.Errorf("GET %s: %v %v", path, resp.StatusCode, err)
		}
		resp.Body.Close()
	}
}

// TestBusy fills the one worker and the queue of one: the next request is
// refused at once with 503 and Retry-After.
func TestBusy(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.Workers, c.Queue = 1, 1 })
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, _ := post(t, ts.url+"/v1/screen", "text/plain", "", strings.NewReader("SLOW "+resume))
			codes <- resp.StatusCode
		}()
	}
	<-ts.g.entered // one is working
	time.Sleep(100 * time.Millisecond)
	resp, body := post(t, ts.url+"/v1/screen", "text/plain", "", strings.NewReader(resume))
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third request: %d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	close(ts.g.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("queued request: %d", c)
		}
	}
	m, _ := http.Get(ts.url + "/metrics")
	b, _ := io.ReadAll(m.Body)
	m.Body.Close()
	if !strings.Contains(string(b), "prescreen_rejected_total 1") || !strings.Contains(string(b), `prescreen_http_request_duration_seconds_count{code="503",route="POST /v1/screen"} 1`) || !strings.Contains(string(b), `prescreen_documents_total{status="redacted"} 2`) {
		t.Errorf("metrics:\n%s", b)
	}
}

// TestConcurrent sends 200 documents at once, each with its own values,
// and checks that every answer is the redaction of its own document.
func TestConcurrent(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.Workers = 4; c.Queue = 300 })
	c := client.New(ts.url)
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc := fmt.Sprintf("Candidate %d\nEmail: c%d.person@example.com\nProject code PRJ-%06d\n", i, i, i)
			res, err := c.Screen(context.Background(), strings.NewReader(doc), client.Options{})
			if err != nil {
				errs <- err
				return
			}
			got := string(res.Document)
			if !strings.Contains(got, fmt.Sprintf("PRJ-%06d", i)) || strings.Contains(got, "@example.com") || res.Report.SHA256 != pipeline.SHA256([]byte(doc)) {
				errs <- fmt.Errorf("document %d: answer %q belongs elsewhere", i, got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestShutdownDrains: requests in flight when shutdown starts still get
// their answer; readiness turns 503; new connections are refused.
func TestShutdownDrains(t *testing.T) {
	ts := start(t, nil)
	const n = 2
	var wg sync.WaitGroup
	codes := make(chan int, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, _ := post(t, ts.url+"/v1/screen", "text/plain", "", strings.NewReader("SLOW "+resume))
			codes <- resp.StatusCode
		}()
	}
	for range n {
		<-ts.g.entered
	}
	ts.srv.Shutdown()
	resp, err := http.Get(ts.url + "/readyz")
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("readyz during shutdown: %v %v", resp, err)
	}
	resp.Body.Close()
	done := make(chan error, 1)
	go func() { done <- ts.hs.Shutdown(context.Background()) }()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("shutdown returned before in-flight requests finished: %v", err)
	default:
	}
	close(ts.g.release)
	wg.Wait()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("in-flight request answered %d", c)
		}
	}
	if _, err := http.Get(ts.url + "/healthz"); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
}

func TestPolicyAndOpenAPI(t *testing.T) {
	ts := start(t, nil)
	resp, err := http.Get(ts.url + "/v1/policy?lang=zh&role=driver")
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Name, SHA256, Notice string }
	json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if p.Name != "default/driver" || !strings.Contains(p.Notice, "求职者隐私告知") || len(p.SHA256) != 64 {
		t.Errorf("policy answer %+v", p)
	}
	resp, _ = http.Get(ts.url + "/openapi.yaml")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var spec struct {
		OpenAPI string                    `yaml:"openapi"`
		Paths   map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/v1/screen", "/v1/policy", "/healthz", "/readyz", "/metrics", "/openapi.yaml"} {
		if spec.Paths[path] == nil {
			t.Errorf("openapi.yaml lacks %s", path)
		}
	}
	responses := spec.Paths["/v1/screen"]["post"].(map[string]any)["responses"].(map[string]any)
	for _, code := range []string{"200", "400", "401", "413", "415", "422", "503"} {
		if responses[code] == nil {
			t.Errorf("openapi.yaml lacks response %s for /v1/screen", code)
		}
	}
}

func TestClientErrors(t *testing.T) {
	ts := start(t, func(c *server.Config) { c.Token = "secret-token-0123456789" })
	_, err := client.New(ts.url).Screen(context.Background(), strings.NewReader(resume), client.Options{})
	var se *client.StatusError
	if !errors.As(err, &se) || se.StatusCode != 401 {
		t.Errorf("no token: %v", err)
	}
	c := client.New(ts.url, client.WithToken("secret-token-0123456789"))
	_, err = c.Screen(context.Background(), strings.NewReader("PANIC "+resume), client.Options{})
	var q *client.QuarantinedError
	if !errors.As(err, &q) || q.StatusCode != 422 || q.SHA256 == "" {
		t.Errorf("quarantined: %v", err)
	}
	res, err := c.Screen(context.Background(), strings.NewReader(resume), client.Options{Policy: "blind"})
	if err != nil || strings.Contains(string(res.Document), "Jane Doe") {
		t.Errorf("blind: %v %q", err, res.Document)
	}
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// TestScreenElsewhere: a server whose documents are screened by worker
// processes (Screen) builds no detector tables of its own (the parent's
// would be 40 MB never used): it starts without a scanner, and answers
// with what Screen returned.
func TestScreenElsewhere(t *testing.T) {
	var calls atomic.Int32
	ts := start(t, func(c *server.Config) {
		c.Processor.Scanner = nil
		c.Screen = func(_ context.Context, data []byte, policyName, role string) (pipeline.Outcome, error) {
			calls.Add(1)
			return pipeline.Outcome{Status: report.Redacted, MediaType: "text/plain", Output: []byte("screened elsewhere"), Findings: []report.Finding{}}, nil
		}
	})
	res, _ := screenJSON(t, ts, resume)
	if string(res.Document) != "screened elsewhere" || calls.Load() != 1 {
		t.Errorf("document %q after %d calls of Screen", res.Document, calls.Load())
	}
}
