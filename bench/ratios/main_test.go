package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/connspec/connspec/bench
BenchmarkConnectUDP/portable-2   	  600000	      1900 ns/op	      1950 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectUDP/portable-2   	  600000	      2000 ns/op	      2050 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectUDP/portable-2   	  600000	      5000 ns/op	      2000 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectUDP/raw-2        	  600000	      1900 ns/op	      1900 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectUDP/raw-2        	  600000	      1950 ns/op	      1950 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectUDP/raw-2        	  600000	      1800 ns/op	      2000 cpu-ns/op	       0 B/op	       0 allocs/op
BenchmarkConnectRefused/portable-2	   90000	     13000 ns/op	     128 B/op	       2 allocs/op
BenchmarkConnectRefused/raw-2     	   90000	     12000 ns/op	       0 B/op	       0 allocs/op
BenchmarkDisconnectUDP/portable-2 	  200000	      5000 ns/op	       0 B/op	       0 allocs/op
BenchmarkDisconnectUDP/raw-sotype-2	  200000	      5000 ns/op	       0 B/op	       0 allocs/op
BenchmarkConcurrentConnectContext/portable-2	 2	 900000000 ns/op	 13.00 threads	 100 B/op	 3 allocs/op
BenchmarkConcurrentConnectContext/portable-2	 2	 800000000 ns/op	 15.00 threads	 100 B/op	 3 allocs/op
BenchmarkConcurrentConnectContext/dialer-2	 1	 1600000000 ns/op	 15.00 threads	 300 B/op	 9 allocs/op
PASS
`

func TestCompare(t *testing.T) {
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	rows := compare(res, targets)
	got := map[string]row{}
	for _, r := range rows {
		got[r.group+"/"+r.baseline] = r
	}
	tests := []struct {
		key      string
		result   string
		ratio    float64
		cpuRatio float64
	}{
		// Medians: ours 2000 (the outlier 5000 does not count), raw 1900.
		{"ConnectUDP/raw", "FAIL", 2000.0 / 1900, 2000.0 / 1950},
		// Within 1.05 would need 12600; and 2 allocs > 1.
		{"ConnectRefused/raw", "FAIL", 13000.0 / 12000, 0},
		{"DisconnectUDP/raw-sotype", "-", 1, 0},
		// Its raw baseline is not in the input.
		{"DisconnectUDP/raw", "MISSING", 0, 0},
		{"ConcurrentConnectContext/", "PASS", 0, 0},
		{"ConcurrentConnectContext/dialer", "-", 850000000.0 / 1600000000, 0},
		{"KindOf/errors.Is", "MISSING", 0, 0},
	}
	for _, tt := range tests {
		r, ok := got[tt.key]
		if !ok {
			t.Errorf("%s: no row", tt.key)
			continue
		}
		if r.result != tt.result || !near(r.ratio, tt.ratio) || !near(r.cpuRatio, tt.cpuRatio) {
			t.Errorf("%s: got %s, ratio %.4f, cpu %.4f (%s); want %s, ratio %.4f, cpu %.4f",
				tt.key, r.result, r.ratio, r.cpuRatio, r.why, tt.result, tt.ratio, tt.cpuRatio)
		}
	}
	if len(res.failures) != 0 {
		t.Errorf("failures = %q, want none", res.failures)
	}
}

func TestParseFailures(t *testing.T) {
	in := "BenchmarkConnectUDP/portable-2 \t--- FAIL: BenchmarkConnectUDP/portable\n    x_test.go:1: boom\nFAIL\nexit status 1\n"
	res, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.runs) != 0 || len(res.failures) != 1 {
		t.Errorf("got %d results and failures %q; want none and the FAIL line", len(res.runs), res.failures)
	}
}

func TestBenchName(t *testing.T) {
	for in, want := range map[string]string{
		"BenchmarkConnectUDP/raw-2":           "ConnectUDP/raw",
		"BenchmarkDisconnectUDP/raw-sotype":   "DisconnectUDP/raw-sotype",
		"BenchmarkDisconnectUDP/raw-sotype-8": "DisconnectUDP/raw-sotype",
		"BenchmarkKindOf/errors.Is#01-2":      "KindOf/errors.Is",
	} {
		if got := benchName(in); got != want {
			t.Errorf("benchName(%q) = %q, want %q", in, got, want)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
