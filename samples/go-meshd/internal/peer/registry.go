// Package peer keeps the set of known peers and talks to seed nodes.
package peer

import (
	"sort"
	"sync"
	"time"
)

// Peer is one member of the mesh.
type Peer struct {
	ID       string    `json:"id"`
	Addr     string    `json:"addr"`
	LastSeen time.Time `json:"last_seen"`
}

// Registry is the concurrency-safe set of known peers, keyed by ID.
type Registry struct {
	mu    sync.RWMutex
	peers map[string]Peer
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{peers: make(map[string]Peer)}
}

// Add inserts or refreshes a peer.
func (r *Registry) Add(p Peer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.peers[p.ID] = p
}

// Remove forgets a peer; removing an unknown ID is a no-op.
func (r *Registry) Remove(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.peers, id)
}

// Get returns the peer with the given ID.
func (r *Registry) Get(id string) (Peer, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.peers[id]
	return p, ok
}

// List returns the peers sorted by ID.
func (r *Registry) List() []Peer {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Peer, 0, len(r.peers))
	for _, p := range r.peers {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Len is the number of known peers.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.peers)
}
