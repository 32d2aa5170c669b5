package server_test

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prescreen/prescreen/client"
	"github.com/prescreen/prescreen/server"
)

// BenchmarkServe drives a real server on loopback with 16 concurrent
// clients posting a typical resume (the bundled English sample), and
// reports throughput and p50/p99 latency. make bench-serve runs it.
func BenchmarkServe(b *testing.B) {
	doc, err := os.ReadFile("../fixtures/resumes/en/jane-doe.txt")
	if err != nil {
		b.Fatal(err)
	}
	ts := start(b, func(c *server.Config) { c.MaxBytes = 1 << 20; c.Workers = 2; c.Queue = 64 })
	c := client.New(ts.url)
	const clients = 16
	var (
		mu   sync.Mutex
		lats []time.Duration
	)
	next := make(chan struct{})
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				t0 := time.Now()
				if _, err := c.Screen(context.Background(), bytesReader(doc), client.Options{}); err != nil {
					b.Error(err)
					return
				}
				d := time.Since(t0)
				mu.Lock()
				lats = append(lats, d)
				mu.Unlock()
			}
		}()
	}
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		next <- struct{}{}
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lats)
	if len(lats) == 0 {
		return
	}
	b.ReportMetric(float64(len(lats))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lats[len(lats)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lats[len(lats)*99/100].Microseconds())/1000, "p99-ms")
}
