package rules_test

import (
	"slices"
	"testing"

	"github.com/connspec/connspec/internal/rules"
)

// Find gives what Rule gives, for every errno a table maps and for values
// it does not, whatever the values and however many collide; before
// IndexErrnos it scans.
func TestFindIsRule(t *testing.T) {
	for _, values := range [][]uintptr{
		nil,
		{111},
		{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
		{10061, 10060, 1225, 1232, 995, 64, 10035, 10036, 10037},
		{8, 16, 24, 32, 40, 48, 56, 64, 72, 80},
		{10008, 10016, 10024, 10032, 10040, 10048, 10056, 10064}, // hashed, colliding
		{11, 35, 11, 35}, // one value mapped twice
	} {
		table := &rules.Table[string, uintptr]{}
		for i, v := range values {
			table.Errnos = append(table.Errnos, rules.ErrnoRule[string, uintptr]{Errno: v, Name: string(rune('a' + i))})
		}
		check := func(when string) {
			for v := range uintptr(11000) {
				if got, want := rules.Find(table, v), table.Rule(v); got != want {
					t.Fatalf("%s, values %v: Find(%d) = %v, Rule = %v", when, values, v, got, want)
				}
			}
		}
		check("before IndexErrnos")
		rules.IndexErrnos(table)
		direct := slices.Max(append([]uintptr{0}, values...)) < 1024
		switch {
		case table.IndexDirect != direct:
			t.Errorf("values %v: IndexDirect %t, want %t", values, table.IndexDirect, direct)
		case !direct && (len(table.Index) < 2*len(values) || len(table.Index)&(len(table.Index)-1) != 0):
			t.Errorf("values %v: %d slots, want a power of two at least twice the rules", values, len(table.Index))
		}
		check("after IndexErrnos")
	}
}
