package merge

import "testing"

func entries(es ...Entry) map[string]Entry {
	m := make(map[string]Entry, len(es))
	for _, e := range es {
		m[e.Key] = e
	}
	return m
}

func TestMergeHigherVersionWins(t *testing.T) {
	local := entries(Entry{Key: "a", Value: "old", Version: 1})
	remote := entries(Entry{Key: "a", Value: "new", Version: 2})
	out, _ := Merge(local, remote)
	if out["a"].Value != "new" {
		t.Fatalf("a = %q, want new", out["a"].Value)
	}
}

func TestMergeKeepsNewerLocal(t *testing.T) {
	local := entries(Entry{Key: "a", Value: "mine", Version: 5})
	remote := entries(Entry{Key: "a", Value: "stale", Version: 4})
	out, ch := Merge(local, remote)
	if out["a"].Value != "mine" || len(ch.Updated) != 0 {
		t.Fatalf("stale remote entry applied: %v %v", out, ch)
	}
}

func TestDiffReportsChanges(t *testing.T) {
	local := entries(
		Entry{Key: "keep", Version: 1},
		Entry{Key: "drop", Version: 1},
	)
	remote := entries(
		Entry{Key: "keep", Version: 2},
		Entry{Key: "drop", Version: 2, Deleted: true},
		Entry{Key: "new", Version: 1},
	)
	changes := Diff(local, remote)
	hasAdded := len(changes.Added) == 1 && changes.Added[0] == "new"
	hasRemoved := len(changes.Removed) == 1 && changes.Removed[0] == "drop"
	if len(changes.Updated) != 1 || changes.Updated[0] != "keep" {
		t.Fatalf("Updated = %v, want [keep]", changes.Updated)
	}
}
