package optimize

import (
	"testing"

	"meshd/internal/lockfree"
)

func BenchmarkXORBytes(b *testing.B) {
	a := make([]byte, 4096)
	c := make([]byte, 4096)
	dst := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		XORBytes(dst, a, c)
	}
}

func BenchmarkRingPushPop(b *testing.B) {
	r := lockfree.NewRing(1024)
	for i := 0; i < b.N; i++ {
		_ = r.Push(i)
		r.Pop()
	}
}

func TestBatchSizes(t *testing.T) {
	got := Batch(make([][]byte, 10), 4)
	if len(got) != 3 || len(got[2]) != 2 {
		t.Fatalf("Batch(10 items, 4) = %d batches", len(got))
	}
}
