package lockfree

import (
	"sync"
	"testing"
)

func TestNewRingRoundsUp(t *testing.T) {
	cases := []struct{ in, want int }{
		{1, 1},
		{3, 4},
		{64, 64},
		{100, 128},
	}
	for _, tc := range cases {
		if got := NewRing(tc.in).Cap(); got != tc.want {
			t.Errorf("NewRing(%d).Cap() = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestPushPopOrder(t *testing.T) {
	r := NewRing(4)
	for i := 0; i < 4; i++ {
		if err := r.Push(i); err != nil {
			t.Fatalf("Push(%d): %v", i, err)
		}
	}
	for i := 0; i < 4; i++ {
		v, ok := r.Pop()
		if !ok || v.(int) != i {
			t.Fatalf("Pop() = %v, %v; want %d, true", v, ok, i)
		}
	}
}

func TestPushFull(t *testing.T) {
	r := NewRing(2)
	_ = r.Push("a")
	_ = r.Push("b")
	if err := r.Push("c"); err != ErrFull {
		t.Fatalf("Push on a full ring = %v, want ErrFull", err)
	}
}

func TestPopEmpty(t *testing.T) {
	if _, ok := NewRing(8).Pop(); ok {
		t.Fatal("Pop on an empty ring reported an item")
	}
}

func TestConcurrentProducerConsumer(t *testing.T) {
	const n = 10000
	r := NewRing(128)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; {
			if r.Push(i) == nil {
				i++
			}
		}
	}()
	for want := 0; want < n; {
		if v, ok := r.Pop(); ok {
			if v.(int) != want {
				t.Fatalf("got %d, want %d", v.(int), want)
			}
			want++
		}
	}
	wg.Wait()
	if r.Len() != 0 {
		t.Fatalf("Len() = %d after draining", r.Len())
	}
}
