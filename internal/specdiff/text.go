package specdiff

import (
	"slices"
	"strings"
)

// Excerpts of prose keep a few words around the change, so a message stays
// one readable line however long the paragraph.
const (
	contextWords = 3
	maxWords     = 12
)

// sameText reports whether a and b say the same words: re-wrapping a YAML
// paragraph is not a change.
func sameText(a, b string) bool {
	return slices.Equal(strings.Fields(a), strings.Fields(b))
}

// changedWords returns the part of a and of b that differs, with a few
// words of context on either side and "…" where words were left out.
func changedWords(a, b string) (string, string) {
	wa, wb := strings.Fields(a), strings.Fields(b)
	prefix := 0
	for prefix < len(wa) && prefix < len(wb) && wa[prefix] == wb[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(wa)-prefix && suffix < len(wb)-prefix && wa[len(wa)-1-suffix] == wb[len(wb)-1-suffix] {
		suffix++
	}
	start := max(0, prefix-contextWords)
	return excerpt(wa, start, min(len(wa), len(wa)-suffix+contextWords)),
		excerpt(wb, start, min(len(wb), len(wb)-suffix+contextWords))
}

// excerpt quotes words[start:end], at most maxWords of them.
func excerpt(words []string, start, end int) string {
	end = min(end, start+maxWords, len(words))
	s := strings.Join(words[start:end], " ")
	if start > 0 {
		s = "…" + s
	}
	if end < len(words) {
		s += "…"
	}
	return `"` + s + `"`
}

// list formats names as written in the spec: [EINPROGRESS EALREADY].
func list(names []string) string {
	return "[" + strings.Join(names, " ") + "]"
}

// sameSet reports whether two lists name the same things in any order:
// sets of errnos a table looks up.
func sameSet(a, b []string) bool {
	return slices.Equal(sorted(a), sorted(b))
}

func sorted(names []string) []string {
	names = slices.Clone(names)
	slices.Sort(names)
	return slices.Compact(names)
}
