package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prescreen/prescreen/report"
)

// TestServeIsolated runs prescreen serve with worker processes whose text
// parser never returns on a document starting "SPIN" (spinWorkerEnv): the
// request gets 422 at the deadline, the stuck worker is killed, and the
// service answers the next request.
func TestServeIsolated(t *testing.T) {
	t.Setenv(report.KeyEnv, "serve-test-key-0123456789")
	t.Setenv(spinWorkerEnv, "1")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stderr bytes.Buffer
	go func() {
		done <- runServe(ctx, []string{"--addr", addr, "--timeout", "2s", "--workers", "1"}, &stderr)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v\n%s", err, stderr.String())
		}
	}()
	url := "http://" + addr
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url + "/readyz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", stderr.String())
		}
	}
	post := func(body []byte) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, url+"/v1/screen", bytes.NewReader(body))
		req.Header.Set("Accept", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := post([]byte("SPIN\nJane Doe\nEmail: jane.doe@example.com\n"))
	var e struct{ Reason string }
	json.Unmarshal([]byte(body), &e)
	if code != http.StatusUnprocessableEntity || !strings.HasPrefix(e.Reason, "timeout") {
		t.Errorf("stuck parser: %d %s", code, body)
	}
	code, body = post([]byte("Jane Doe\nEmail: jane.doe@example.com\nGo developer\n"))
	if code != http.StatusOK || !strings.Contains(body, `"status":"redacted"`) {
		t.Errorf("next request: %d %s", code, body)
	}
}
