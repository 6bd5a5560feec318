package optimize

// Batch splits items into groups of at most max items, keeping their order,
// so that one gossip packet never carries more than max entries.
func Batch(items [][]byte, max int) [][][]byte {
	if max <= 0 {
		max = 1
	}
	batches := make([][][]byte, 0, (len(items)+max-1)/max)
	for len(items) > max {
		batches = append(batches, items[:max])
		items = items[max:]
	}
	if len(items) > 0 {
		batches = append(batches, items)
	}
	return batches
}
