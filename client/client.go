// Package client calls a prescreen server (prescreen serve) from Go.
//
//	c := client.New("http://prescreen:8080", client.WithToken(token))
//	res, err := c.Screen(ctx, file, client.Options{Role: "driver"})
//	var q *client.QuarantinedError
//	if errors.As(err, &q) { ... q.Reason ... }
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/prescreen/prescreen/report"
)

// Client talks to one prescreen server. It is safe for concurrent use.
type Client struct {
	base  string
	token string
	http  *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithToken sends the bearer token the server was started with.
func WithToken(token string) Option { return func(c *Client) { c.token = token } }

// WithHTTPClient replaces the default http.Client (60 s timeout).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// New returns a client for the server at baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: baseURL, http: &http.Client{Timeout: 60 * time.Second}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Options select the policy and role for one call.
type Options struct {
	Policy, Role string
}

// Result is a screened document.
type Result struct {
	Report    report.Document `json:"report"`
	MediaType string          `json:"media_type"`
	Document  []byte          `json:"document"` // the redacted copy
}

// StatusError is an answer other than 200.
type StatusError struct {
	StatusCode int
	Reason     string
	// RetryAfter is set on 503: the server's queue was full.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string { return fmt.Sprintf("prescreen: %d: %s", e.StatusCode, e.Reason) }

// QuarantinedError is a document the server could not screen safely (422
// or 415): no copy of it may reach a reviewer.
type QuarantinedError struct {
	StatusError
	SHA256, MediaType string
}

// Screen sends one document and returns its redacted copy and findings.
func (c *Client) Screen(ctx context.Context, doc io.Reader, opt Options) (*Result, error) {
	q := url.Values{}
	if opt.Policy != "" {
		q.Set("policy", opt.Policy)
	}
	if opt.Role != "" {
		q.Set("role", opt.Role)
	}
	u := c.base + "/v1/screen"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, doc)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Status, Reason, SHA256, MediaType string }
		json.Unmarshal(body, &e)
		base := StatusError{StatusCode: resp.StatusCode, Reason: e.Reason}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			base.RetryAfter = time.Duration(s) * time.Second
		}
		if base.Reason == "" {
			base.Reason = http.StatusText(resp.StatusCode)
		}
		if e.Status == report.Quarantined {
			return nil, &QuarantinedError{StatusError: base, SHA256: e.SHA256, MediaType: e.MediaType}
		}
		return nil, &base
	}
	var r Result
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&r); err != nil {
		return nil, fmt.Errorf("prescreen: decoding the answer: %w", err)
	}
	return &r, nil
}
