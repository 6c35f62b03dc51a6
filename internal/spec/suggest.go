package spec

import (
	"maps"
	"slices"
)

// suggestion returns ` (did you mean "x"?)` when a known name is within a
// small edit distance of got, else "".
func suggestion(got string, known []string) string {
	if best := Nearest(got, known); best != "" {
		return ` (did you mean "` + best + `"?)`
	}
	return ""
}

// Nearest returns the known name closest to got, if it is close enough to be
// a likely misspelling: at most a third of the letters differ, and at most 3.
func Nearest(got string, known []string) string {
	best, bestDist := "", min(3, max(1, len(got)/3))+1
	for _, k := range known {
		if d := editDistance(got, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions), which catches the common "ECONNRESTE" typo as one edit.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
