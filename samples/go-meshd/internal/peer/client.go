package peer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Client talks to a seed node's HTTP API.
type Client struct {
	baseURL    string
	httpClient *http.Client
	registry   *Registry
}

// NewClient returns a client for the seed at baseURL that records what it
// learns in registry.
func NewClient(baseURL string, registry *Registry) *Client {
	return &Client{
		baseURL:    baseURL,
		httpClient: &http.Client{},
		registry:   registry,
	}
}

// FetchPeers asks the seed for its member list and adds every peer to the registry.
func (c *Client) FetchPeers(ctx context.Context) ([]Peer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/peers", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch peers: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch peers: %s", resp.Status)
	}
	var peers []Peer
	if err := json.NewDecoder(resp.Body).Decode(&peers); err != nil {
		return nil, fmt.Errorf("decode peers: %w", err)
	}
	for _, p := range peers {
		c.registry.Add(p)
	}
	return peers, nil
}

// Ping checks that the seed still knows a peer and forgets it otherwise.
func (c *Client) Ping(id string) (bool, error) {
	resp, err := http.Get(c.baseURL + "/v1/peers/" + url.PathEscape(id))
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		c.registry.Remove(id)
		return false, nil
	}
	return resp.StatusCode == http.StatusOK, nil
}

// StreamUpdates follows the seed's change feed and sends every change to out.
func (c *Client) StreamUpdates(ctx context.Context, out chan<- Peer) error {
	panic("not implemented")
}
