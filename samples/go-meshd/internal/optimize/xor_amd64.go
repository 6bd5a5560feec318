// Package optimize holds hot-path helpers for the gossip codec.
package optimize

// wordSize is the width of the machine word the fast path works in.
const wordSize = 8

import (
	"encoding/binary"
)

// XORBytes sets dst[i] = a[i] ^ b[i] for the shorter of a and b and returns
// the number of bytes written. dst must be at least that long.
func XORBytes(dst, a, b []byte) int {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	i := 0
	for ; i+wordSize <= n; i += wordSize {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		binary.LittleEndian.PutUint64(dst[i:], x)
	}
	for ; i < n; i++ {
		dst[i] = a[i] ^ b[i]
	}
	return n
}
