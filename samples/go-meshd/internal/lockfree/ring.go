// Package lockfree provides a bounded single-producer/single-consumer ring
// buffer that hands gossip messages from the network reader to the merger.
package lockfree

import (
	"errors"
	"sync/atomic"
)

// ErrFull is returned by Push when the ring has no free slot.
var ErrFull = errors.New("lockfree: ring is full")

// Ring is a fixed-size SPSC queue. The capacity is rounded up to a power of
// two so that positions wrap with a mask instead of a division.
type Ring struct {
	mask  uint64
	slots []any
	head  atomic.Uint64 // next position to read
	tail  atomic.Uint64 // next position to write
}

// NewRing returns a ring that holds at least capacity items.
func NewRing(capacity int) *Ring {
	size := uint64(1)
	for size < uint64(capacity) {
		size <<= 1
	}
	return &Ring{mask: size - 1, slots: make([]any, size)}
}

// Push appends v; only the producer goroutine may call it.
func (r *Ring) Push(v any) error {
	tail := r.tail.Load()
	if tail-r.head.Load() == uint64(len(r.slots)) {
		return ErrFull
	}
	r.slots[tail&r.mask] = v
	r.tail.Store(tail + 1)
	return nil
}

// Pop removes the oldest item; only the consumer goroutine may call it.
func (r *Ring) Pop() (any, bool) {
	head := r.head.Load()
	if head == r.tail.Load() {
		return nil, false
	}
	v := r.slots[head&r.mask]
	r.slots[head&r.mask] = nil
	r.head.Store(head + 1)
	return v, true
}

// Len is the number of queued items (a snapshot under concurrency).
func (r *Ring) Len() int {
	return int(r.tail.Load() - r.head.Load())
}

// Cap is the number of slots.
func (r *Ring) Cap() int {
	return len(r.slots)
}
