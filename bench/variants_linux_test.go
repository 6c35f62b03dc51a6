package bench_test

import (
	"flag"
	"testing"
)

// rounds is the -rounds flag of the test binary (go test ... -args
// -rounds 5).
//
// go test -count N runs each sub-benchmark N times in a row, so ours runs
// for N seconds and then each baseline for the next N: on a machine that
// other work shares, the load in one window is not the load in the next,
// and that drift ends up in the ratio. With -rounds N (and -count 1), each
// benchmark runs its variants N times in turn, ours then each baseline,
// so every variant samples the same stretches of time; go test names the
// repeats portable#01, portable#02, ..., which ./ratios counts as runs of
// portable.
var rounds = flag.Int("rounds", 1, "run the variants of each benchmark this many times in turn (use with -count 1)")

// variants are the sides of one comparison.
type variants []variant

// variant is one side: its sub-benchmark name and body.
type variant struct {
	name string
	f    func(*testing.B)
}

// add appends a variant.
func (vs *variants) add(name string, f func(*testing.B)) {
	*vs = append(*vs, variant{name, f})
}

// run runs every variant as a sub-benchmark of b, -rounds times in turn.
func (vs variants) run(b *testing.B) {
	for range *rounds {
		for _, v := range vs {
			b.Run(v.name, v.f)
		}
	}
}
