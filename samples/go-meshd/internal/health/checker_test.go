package health

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestStatus(t *testing.T) {
	cases := []struct {
		name    string
		results map[string]bool
		want    Status
	}{
		{"all_up", map[string]bool{"a": true, "b": true}, Healthy},
		{"one_down", map[string]bool{"a": true, "b": false}, Degraded},
		{"all_down", map[string]bool{"a": false, "b": false}, Unhealthy},
		{"no_peers", map[string]bool{}, Unhealthy},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewChecker(nil, time.Second)
			c.results = tc.results
			if got := c.Status(); got != tc.want {
				t.Errorf("Status() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCheckOnceRecordsPeers(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	defer up.Close()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer down.Close()

	c := NewChecker([]string{up.URL, down.URL}, time.Second)
	c.CheckOnce(context.Background())
	if !c.results[up.URL] || c.results[down.URL] {
		t.Fatalf("results = %v", c.results)
	}
	if got := c.Status(); got != Degraded {
		t.Fatalf("Status() = %q, want %q", got, Degraded)
	}
}

func TestClientHasTimeout(t *testing.T) {
	if NewChecker(nil, time.Second).client.Timeout == 0 {
		t.Fatal("health probes must not wait forever")
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		NewChecker(nil, 10*time.Millisecond).Run(ctx)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Run did not return after cancel")
	}
}
