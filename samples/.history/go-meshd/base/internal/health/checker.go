// Package health probes known peers and summarises the mesh's state.
package health

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Status is the summary the daemon reports on /healthz.
type Status string

const (
	Healthy   Status = "healthy"
	Degraded  Status = "degraded"
	Unhealthy Status = "unhealthy"
)

// Checker probes each peer's /healthz endpoint on a fixed interval.
type Checker struct {
	peers    []string
	interval time.Duration
	client   *http.Client

	mu      sync.Mutex
	results map[string]bool
}

// NewChecker returns a checker for the given peer base URLs.
func NewChecker(peers []string, interval time.Duration) *Checker {
	return &Checker{
		peers:    peers,
		interval: interval,
		client:   &http.Client{},
		results:  make(map[string]bool),
	}
}

func (c *Checker) probe(ctx context.Context, peer string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, peer+"/healthz", nil)
	if err != nil {
		return false
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// CheckOnce probes every peer once and records the results.
func (c *Checker) CheckOnce(ctx context.Context) {
	for _, p := range c.peers {
		up := c.probe(ctx, p)
		c.mu.Lock()
		c.results[p] = up
		c.mu.Unlock()
	}
}

// Status classifies the last results: all peers up is healthy, none up is
// unhealthy, anything in between is degraded.
func (c *Checker) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	up := 0
	for _, ok := range c.results {
		if ok {
			up++
		}
	}
	switch {
	case len(c.results) > 0 && up == len(c.results):
		return Healthy
	case up == 0 && len(c.results) > 0:
		return Unhealthy
	default:
		return Degraded
	}
}

// Run probes until ctx is cancelled.
func (c *Checker) Run(ctx context.Context) {
	ticker := time.NewTicker(c.interval)
	defer ticker.Stop()
	for {
		c.CheckOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
