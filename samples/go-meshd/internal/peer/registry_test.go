package peer

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRegistryAddRemove(t *testing.T) {
	r := NewRegistry()
	r.Add(Peer{ID: "b", Addr: "10.0.0.2:7946"})
	r.Add(Peer{ID: "a", Addr: "10.0.0.1:7946"})
	if r.Len() != 2 {
		t.Fatalf("Len() = %d, want 2", r.Len())
	}
	r.Remove("b")
	if _, ok := r.Get("b"); ok {
		t.Fatal("b still present after Remove")
	}
}

func TestRegistryListSorted(t *testing.T) {
	r := NewRegistry()
	for _, id := range []string{"c", "a", "b"} {
		r.Add(Peer{ID: id})
	}
	list := r.List()
	if list[0].ID != "a" || list[1].ID != "b" || list[2].ID != "c" {
		t.Fatalf("List() not sorted: %v", list)
	}
}

func TestPingForgetsUnknownPeer(t *testing.T) {
	seed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	}))
	defer seed.Close()
	r := NewRegistry()
	r.Add(Peer{ID: "gone"})
	ok, err := NewClient(seed.URL, r).Ping("gone")
	if err != nil || ok {
		t.Fatalf("Ping() = %v, %v; want false, nil", ok, err)
	}
	if r.Len() != 0 {
		t.Fatal("unknown peer was not removed")
	}
}
