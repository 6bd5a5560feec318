// Package merge reconciles replicated entries: the higher version wins.
package merge

import "sort"

// Entry is one replicated key with its version.
type Entry struct {
	Key     string
	Value   string
	Version uint64
	Deleted bool
}

// Changes lists the keys a merge added, removed or updated locally.
type Changes struct {
	Added   []string
	Removed []string
	Updated []string
}

// Diff reports how applying remote to local would change local.
func Diff(local, remote map[string]Entry) Changes {
	var ch Changes
	for key, r := range remote {
		l, ok := local[key]
		switch {
		case !ok && !r.Deleted:
			ch.Added = append(ch.Added, key)
		case ok && r.Version > l.Version && r.Deleted:
			ch.Removed = append(ch.Removed, key)
		case ok && r.Version > l.Version:
			ch.Updated = append(ch.Updated, key)
		}
	}
	sort.Strings(ch.Added)
	sort.Strings(ch.Removed)
	sort.Strings(ch.Updated)
	return ch
}

// Merge applies remote to a copy of local and returns it with the changes.
func Merge(local, remote map[string]Entry) (map[string]Entry, Changes) {
	ch := Diff(local, remote)
	out := make(map[string]Entry, len(local))
	for k, v := range local {
		out[k] = v
	}
	for _, k := range ch.Added {
		out[k] = remote[k]
	}
	for _, k := range ch.Updated {
		out[k] = remote[k]
	}
	for _, k := range ch.Removed {
		delete(out, k)
	}
	return out, ch
}
