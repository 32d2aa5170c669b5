// Package server is the pre-screen HTTP step: applicant-tracking systems
// POST a resume and get back the redacted copy and its report entry. It is
// stateless (run many replicas behind any load balancer), writes nothing
// to disk, and never logs content or values.
package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prescreen/prescreen/pipeline"
	"github.com/prescreen/prescreen/policy"
	"github.com/prescreen/prescreen/report"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

//go:embed openapi.yaml
var openAPI []byte

// Config describes a server.
type Config struct {
	// Processor screens documents with its Policy as the default; Policies
	// are the others a request may name with ?policy= ("default" and
	// "blind" are always there).
	Processor *pipeline.Processor
	Policies  map[string]*policy.Policy
	// MaxBytes is the largest accepted document (413 above it).
	MaxBytes int64
	// Workers documents are screened at once; Queue more may wait. A
	// request beyond that gets 503 with Retry-After at once: the backlog
	// is bounded.
	Workers, Queue int
	// Screen, when set, screens instead of Processor (the request's policy
	// name, "" for the default, and role are passed on): the isolate
	// package's worker processes, which a parser stuck in a loop or
	// crashing the runtime cannot take the service down with.
	Screen func(ctx context.Context, data []byte, policyName, role string) (pipeline.Outcome, error)
	// Token, when set, is the bearer token every /v1 request must carry.
	Token string
	Log   *slog.Logger
	// Registry receives the metrics; nil means a new one.
	Registry *prometheus.Registry
}

// Server is the HTTP handler. Use Shutdown before closing the listener's
// http.Server so /readyz turns 503 while requests drain.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	admitted chan struct{} // Workers+Queue slots: waiting or working
	working  chan struct{} // Workers slots
	stopping atomic.Bool
	metrics  *metrics
}

// New builds a server.
func New(cfg Config) (*Server, error) {
	if cfg.Processor == nil || cfg.Processor.Policy == nil {
		return nil, errors.New("server: a processor with a policy is needed")
	}
	if cfg.Workers < 1 {
		cfg.Workers = 1
	}
	if cfg.Queue < 0 {
		cfg.Queue = 0
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 20 << 20
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	pols := map[string]*policy.Policy{"default": policy.Default(), "blind": policy.Blind()}
	for n, p := range cfg.Policies {
		pols[n] = p
	}
	pols[cfg.Processor.Policy.Name] = cfg.Processor.Policy
	cfg.Policies = pols
	s := &Server{
		cfg:      cfg,
		mux:      http.NewServeMux(),
		admitted: make(chan struct{}, cfg.Workers+cfg.Queue),
		working:  make(chan struct{}, cfg.Workers),
	}
	// Build the detectors' automata before the first request waits on
	// them: here only when this process screens (worker processes build
	// their own, and the parent's would be 40 MB never used).
	if cfg.Screen == nil {
		cfg.Processor.Scanner.Prepare()
	}
	var err error
	if s.metrics, err = newMetrics(cfg.Registry, s); err != nil {
		return nil, err
	}
	s.mux.HandleFunc("POST /v1/screen", s.auth(s.screen))
	s.mux.HandleFunc("GET /v1/policy", s.auth(s.policy))
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Registry, promhttp.HandlerOpts{}))
	s.mux.HandleFunc("GET /openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		w.Write(openAPI)
	})
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	s.metrics.observe(r, rec.status, time.Since(start))
	// Method and path only: query strings could carry a candidate reference.
	s.cfg.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", time.Since(start).Milliseconds())
}

// Shutdown makes /readyz answer 503 so load balancers stop sending; the
// caller then shuts the http.Server down, which drains in-flight requests.
func (s *Server) Shutdown() { s.stopping.Store(true) }

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.stopping.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}

func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	if s.cfg.Token == "" {
		return h
	}
	want := []byte("Bearer " + s.cfg.Token)
	return func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="prescreen"`)
			writeError(w, http.StatusUnauthorized, "a bearer token is required")
			return
		}
		h(w, r)
	}
}

// apiError is every error body: a reason, never content.
type apiError struct {
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	SHA256    string `json:"sha256,omitempty"`
	MediaType string `json:"media_type,omitempty"`
}

func writeError(w http.ResponseWriter, code int, reason string) {
	writeJSON(w, code, apiError{Status: "error", Reason: reason})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// Result is the JSON answer of /v1/screen.
type Result struct {
	Report    report.Document `json:"report"`
	MediaType string          `json:"media_type"`
	// Document is the redacted (or sanitised) document, base64.
	Document []byte `json:"document"`
}

func (s *Server) screen(w http.ResponseWriter, r *http.Request) {
	proc, err := s.processorFor(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	// Admission first: a full queue answers at once, before the upload
	// is read, so a flood cannot pile up memory.
	select {
	case s.admitted <- struct{}{}:
		defer func() { <-s.admitted }()
	default:
		w.Header().Set("Retry-After", "1")
		s.metrics.rejected.Inc()
		writeError(w, http.StatusServiceUnavailable, "busy: the screening queue is full")
		return
	}
	data, code, err := s.readDocument(w, r)
	if err != nil {
		writeError(w, code, err.Error())
		return
	}
	defer clear(data) // the upload is ours: zero it when done

	select {
	case s.working <- struct{}{}:
		defer func() { <-s.working }()
	case <-r.Context().Done():
		return // the client went away while queued
	}
	start := time.Now()
	var out pipeline.Outcome
	if s.cfg.Screen != nil {
		out, err = s.cfg.Screen(r.Context(), data, r.URL.Query().Get("policy"), r.URL.Query().Get("role"))
	} else {
		out, err = proc.ProcessDoc(r.Context(), data, "")
	}
	s.metrics.screenSeconds.Observe(time.Since(start).Seconds())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "request cancelled")
		return
	}
	defer clear(out.Output)
	s.metrics.count(out)
	if out.Status == report.Quarantined {
		code := http.StatusUnprocessableEntity
		if strings.HasPrefix(out.Reason, "unsupported format") {
			code = http.StatusUnsupportedMediaType
		}
		writeJSON(w, code, apiError{Status: report.Quarantined, Reason: out.Reason, SHA256: out.SHA256, MediaType: out.MediaType})
		return
	}
	doc := report.Document{SHA256: out.SHA256, MediaType: out.MediaType, Status: out.Status, Findings: out.Findings, Consent: out.Consent}
	if doc.Findings == nil {
		doc.Findings = []report.Finding{}
	}
	w.Header().Set("X-Prescreen-Policy", proc.Policy.FullName())
	if acceptsJSON(r) {
		b, err := json.Marshal(Result{Report: doc, MediaType: out.MediaType, Document: out.Output})
		if err != nil {
			writeError(w, http.StatusInternalServerError, "encoding the answer failed")
			return
		}
		defer clear(b)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
		return
	}
	writeMultipart(w, doc, out)
}

// processorFor applies ?policy= and ?role= to the default processor.
func (s *Server) processorFor(r *http.Request) (*pipeline.Processor, error) {
	q := r.URL.Query()
	name, role := q.Get("policy"), q.Get("role")
	if name == "" && role == "" {
		return s.cfg.Processor, nil
	}
	p := s.cfg.Processor.Policy
	if name != "" {
		var ok bool
		if p, ok = s.cfg.Policies[name]; !ok {
			return nil, fmt.Errorf("unknown policy %q", name)
		}
	}
	p, err := p.WithRole(role)
	if err != nil {
		return nil, err
	}
	proc := *s.cfg.Processor
	proc.Policy = p
	return &proc, nil
}

// readDocument reads the raw body or the multipart "file" part, bounded by
// MaxBytes.
func (s *Server) readDocument(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	if r.ContentLength > s.cfg.MaxBytes {
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("document over %d bytes", s.cfg.MaxBytes)
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBytes+64<<10) // room for multipart framing
	var src io.Reader = body
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				if tooLarge(err) {
					return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("document over %d bytes", s.cfg.MaxBytes)
				}
				return nil, http.StatusBadRequest, errors.New(`malformed multipart body: a part named "file" is required`)
			}
			if part.FormName() == "file" {
				src = part
				break
			}
		}
	}
	var buf bytes.Buffer
	_, err := buf.ReadFrom(io.LimitReader(src, s.cfg.MaxBytes+1))
	data := buf.Bytes()
	switch {
	case tooLarge(err) || int64(len(data)) > s.cfg.MaxBytes:
		clear(data)
		return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("document over %d bytes", s.cfg.MaxBytes)
	case err != nil:
		clear(data)
		return nil, http.StatusBadRequest, errors.New("reading the request body failed")
	case len(data) == 0:
		return nil, http.StatusBadRequest, errors.New("empty document")
	}
	return data, 0, nil
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func acceptsJSON(r *http.Request) bool {
	for _, a := range strings.Split(r.Header.Get("Accept"), ",") {
		if mt, _, _ := mime.ParseMediaType(strings.TrimSpace(a)); mt == "application/json" {
			return true
		}
	}
	return false
}

// writeMultipart answers multipart/mixed: the report entry as JSON, then
// the redacted document in its own media type.
func writeMultipart(w http.ResponseWriter, doc report.Document, out pipeline.Outcome) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Disposition", `inline; name="report"`)
	pw, _ := mw.CreatePart(h)
	json.NewEncoder(pw).Encode(doc)
	h = textproto.MIMEHeader{}
	h.Set("Content-Type", out.MediaType)
	h.Set("Content-Disposition", `attachment; name="document"`)
	pw, _ = mw.CreatePart(h)
	pw.Write(out.Output)
	mw.Close()
	defer clear(b.Bytes())
	w.Header().Set("Content-Type", "multipart/mixed; boundary="+mw.Boundary())
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes())
}

// policyAnswer is the JSON of GET /v1/policy.
type policyAnswer struct {
	Name   string         `json:"name"`
	SHA256 string         `json:"sha256"`
	Policy *policy.Policy `json:"policy"`
	Notice string         `json:"notice"`
}

func (s *Server) policy(w http.ResponseWriter, r *http.Request) {
	proc, err := s.processorFor(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = "en"
	}
	var notice strings.Builder
	if err := proc.Policy.Notice(&notice, lang); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, policyAnswer{Name: proc.Policy.FullName(), SHA256: proc.Policy.SHA256(), Policy: proc.Policy, Notice: notice.String()})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
