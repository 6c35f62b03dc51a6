// Command ratios reads the output of go test -bench (stdin, or the files
// named as arguments) and prints, for each benchmark of package bench, how
// ours compares with each baseline measured in the same run: the median
// ns/op and allocs/op of both over the -count runs, their ratio, the target
// and whether it is met.
//
//	go test -run '^$' -bench . -benchmem -count 5 | tee bench.out | go run ./ratios
//
// A benchmark named Benchmark<Group>/portable is ours; every other
// Benchmark<Group>/<variant> is a baseline for it. The ratio is ours over
// the baseline, so below 1 means ours is faster. Where the benchmarks
// report cpu-ns/op (the process's CPU time per op, which other programs
// on the machine disturb less than wall time), the table shows that ratio
// too; the targets are checked on ns/op.
//
// Ratios exits with status 1 when a target is missed or the input shows a
// failed benchmark (a pipe hides go test's own exit status), and 2 when
// the input holds no benchmark results. Rows without a target are shown
// for information, and targets whose benchmarks are not in the input are
// listed as missing, which is not a failure: go test -bench ConnectUDP
// checks one pair.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// ours is the variant name of our side of every pair.
const ours = "portable"

// target is what one comparison must show.
type target struct {
	// group is the benchmark name without "Benchmark" and the variant.
	group string
	// baseline is the variant compared with, or "" for a target on ours
	// alone.
	baseline string
	// maxRatio bounds ours' ns/op over the baseline's; 0 means no bound.
	maxRatio float64
	// maxAllocs bounds ours' allocs/op; negative means no bound.
	maxAllocs float64
	// metric names a custom metric of ours that must stay below limit
	// ("threads"); "" means none.
	metric string
	// limit is the exclusive bound on metric.
	limit float64
}

// targets are the goals of package bench's benchmarks.
var targets = []target{
	{group: "ConnectUDP", baseline: "raw", maxRatio: 1.05, maxAllocs: 0},
	{group: "ConnectRefused", baseline: "raw", maxRatio: 1.05, maxAllocs: 1},
	{group: "DisconnectUDP", baseline: "raw", maxRatio: 1.05, maxAllocs: 0},
	{group: "ConnectContextTCP", baseline: "dialer", maxRatio: 0.8, maxAllocs: -1},
	{group: "ConnectContextTCP", baseline: "mdlayher", maxRatio: 0.8, maxAllocs: -1},
	{group: "ConnectContextTCP", baseline: "raw", maxRatio: 1.3, maxAllocs: -1},
	{group: "KindOf", baseline: "errors.Is", maxAllocs: 0},
	{group: "KindOfWinsock", baseline: "errors.Is", maxAllocs: 0},
	{group: "DisconnectConn", baseline: "control", maxRatio: 1.10, maxAllocs: 1},
	{group: "ConcurrentConnectContext", maxAllocs: -1, metric: "threads", limit: 64},
	{group: "ConcurrentConnectContextStalled", maxAllocs: -1, metric: "threads", limit: 64},
}

func main() {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 {
		var rs []io.Reader
		for _, name := range os.Args[1:] {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, "ratios:", err)
				os.Exit(2)
			}
			defer f.Close()
			rs = append(rs, f)
		}
		in = io.MultiReader(rs...)
	}
	res, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(2)
	}
	if len(res.runs) == 0 {
		fmt.Fprintln(os.Stderr, "ratios: no benchmark results in the input (is it the output of go test -bench?)")
		os.Exit(2)
	}
	rows := compare(res, targets)
	write(os.Stdout, res, rows)
	if len(res.failures) > 0 || slices.ContainsFunc(rows, func(r row) bool { return r.result == "FAIL" }) {
		os.Exit(1)
	}
}

// results are the parsed benchmark lines.
type results struct {
	// runs maps a benchmark (group/variant) to each unit's values, one
	// per run.
	runs map[string]map[string][]float64
	// order lists the benchmarks as they first appeared.
	order []string
	// failures are the input's lines that report a failure.
	failures []string
}

// parse reads go test -bench output. A result line is the benchmark name
// (with a -GOMAXPROCS suffix), the iteration count, then value-unit pairs.
func parse(r io.Reader) (*results, error) {
	res := &results{runs: map[string]map[string][]float64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "--- FAIL"), strings.HasPrefix(trimmed, "FAIL"), strings.HasPrefix(trimmed, "panic:"):
			res.failures = append(res.failures, trimmed)
			continue
		case !strings.HasPrefix(line, "Benchmark"):
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			// A name alone: chatty output, or a benchmark that failed
			// before it reported (its --- FAIL line follows).
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := benchName(f[0])
		if res.runs[name] == nil {
			res.runs[name] = map[string][]float64{}
			res.order = append(res.order, name)
		}
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: value %q of %s is not a number", line, f[i], f[i+1])
			}
			res.runs[name][f[i+1]] = append(res.runs[name][f[i+1]], v)
		}
	}
	return res, sc.Err()
}

// benchName drops "Benchmark", the -GOMAXPROCS suffix and the #NN suffix
// go test adds to repeated names: "BenchmarkConnectUDP/raw-2" is
// "ConnectUDP/raw".
func benchName(s string) string {
	s = strings.TrimPrefix(s, "Benchmark")
	if i := strings.LastIndexByte(s, '-'); i >= 0 && isDigits(s[i+1:]) {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '#'); i >= 0 && isDigits(s[i+1:]) {
		s = s[:i]
	}
	return s
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// median returns the median of the values of unit for benchmark name, and
// false when there are none.
func (res *results) median(name, unit string) (float64, bool) {
	v := slices.Clone(res.runs[name][unit])
	if len(v) == 0 {
		return 0, false
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// row is one line of the table.
type row struct {
	group, baseline string
	t               *target // nil for information only
	ratio, cpuRatio float64 // 0 when not computable
	result          string  // PASS, FAIL, MISSING, or "-" for information
	why             string  // what failed
}

// compare makes a row for every baseline in the input, and one for every
// target whose benchmarks are not in it.
func compare(res *results, ts []target) []row {
	var groups []string
	variants := map[string][]string{}
	for _, name := range res.order {
		g, v, _ := strings.Cut(name, "/")
		if _, ok := variants[g]; !ok {
			groups = append(groups, g)
		}
		variants[g] = append(variants[g], v)
	}
	var rows []row
	seen := map[*target]bool{}
	for _, g := range groups {
		var bases []string
		for _, v := range variants[g] {
			if v != ours {
				bases = append(bases, v)
			}
		}
		if !slices.Contains(variants[g], ours) {
			continue
		}
		// A target on ours alone gets a row of its own, without a
		// baseline.
		if slices.ContainsFunc(ts, func(t target) bool { return t.group == g && t.baseline == "" }) {
			bases = append([]string{""}, bases...)
		}
		for _, b := range bases {
			r := row{group: g, baseline: b, result: "-"}
			for i := range ts {
				if ts[i].group == g && ts[i].baseline == b {
					r.t = &ts[i]
					seen[r.t] = true
				}
			}
			evaluate(res, &r)
			rows = append(rows, r)
		}
	}
	for i := range ts {
		if !seen[&ts[i]] {
			rows = append(rows, row{group: ts[i].group, baseline: ts[i].baseline, t: &ts[i], result: "MISSING"})
		}
	}
	return rows
}

// evaluate fills in r's ratios and checks its target.
func evaluate(res *results, r *row) {
	me := r.group + "/" + ours
	base := r.group + "/" + r.baseline
	if r.baseline != "" {
		r.ratio = ratio(res, me, base, "ns/op")
		r.cpuRatio = ratio(res, me, base, "cpu-ns/op")
	}
	if r.t == nil {
		return
	}
	var why []string
	if r.t.maxRatio > 0 && !(r.ratio > 0 && r.ratio <= r.t.maxRatio) {
		why = append(why, fmt.Sprintf("ns/op ratio %.3f > %.2f", r.ratio, r.t.maxRatio))
	}
	if r.t.maxAllocs >= 0 {
		if a, ok := res.median(me, "allocs/op"); !ok || a > r.t.maxAllocs {
			why = append(why, fmt.Sprintf("%s allocs/op > %g", num(a, ok), r.t.maxAllocs))
		}
	}
	if r.t.metric != "" {
		if m, ok := res.median(me, r.t.metric); !ok || m >= r.t.limit {
			why = append(why, fmt.Sprintf("%s %s ≥ %g", num(m, ok), r.t.metric, r.t.limit))
		}
	}
	r.result = "PASS"
	if len(why) > 0 {
		r.result = "FAIL"
		r.why = strings.Join(why, "; ")
	}
}

// ratio is the median of unit for a over that for b, or 0.
func ratio(res *results, a, b, unit string) float64 {
	x, okx := res.median(a, unit)
	y, oky := res.median(b, unit)
	if !okx || !oky || y == 0 {
		return 0
	}
	return x / y
}

// describe says what t asks, as the table's target column.
func (t *target) describe() string {
	var parts []string
	if t.maxRatio > 0 {
		parts = append(parts, fmt.Sprintf("≤%g×", t.maxRatio))
	}
	switch {
	case t.maxAllocs == 0:
		parts = append(parts, "0 allocs")
	case t.maxAllocs > 0:
		parts = append(parts, fmt.Sprintf("≤%g allocs", t.maxAllocs))
	}
	if t.metric != "" {
		parts = append(parts, fmt.Sprintf("<%g %s", t.limit, t.metric))
	}
	return strings.Join(parts, ", ")
}

// write prints the table, the failures in the input and a summary.
func write(w io.Writer, res *results, rows []row) {
	runs := 0
	for _, name := range res.order {
		runs = max(runs, len(res.runs[name]["ns/op"]))
	}
	fmt.Fprintf(w, "medians of %d run(s); ratio = %s / baseline (ns/op), cpu = the same for cpu-ns/op\n\n", runs, ours)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tns/op\tallocs/op\tbaseline\tns/op\tallocs/op\tratio\tcpu\tother\ttarget\tresult\t")
	for _, r := range rows {
		me := r.group + "/" + ours
		base := r.group + "/" + r.baseline
		bname, bns, ballocs := "-", "-", "-"
		if r.baseline != "" {
			bname = r.baseline
			bns = medianText(res, base, "ns/op")
			ballocs = medianText(res, base, "allocs/op")
		}
		tdesc := "-"
		if r.t != nil {
			tdesc = r.t.describe()
		}
		result := r.result
		if r.why != "" {
			result += " (" + r.why + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			r.group, medianText(res, me, "ns/op"), medianText(res, me, "allocs/op"),
			bname, bns, ballocs, ratioText(r.ratio), ratioText(r.cpuRatio), others(res, me), tdesc, result)
	}
	tw.Flush()
	if len(res.failures) > 0 {
		fmt.Fprintf(w, "\nthe input reports failures:\n")
		for _, f := range res.failures {
			fmt.Fprintf(w, "\t%s\n", f)
		}
	}
}

// others lists the custom metrics of a benchmark other than cpu-ns/op.
func others(res *results, name string) string {
	var out []string
	for unit := range res.runs[name] {
		switch unit {
		case "ns/op", "cpu-ns/op", "B/op", "allocs/op", "MB/s":
			continue
		}
		m, _ := res.median(name, unit)
		out = append(out, fmt.Sprintf("%s %s", strconv.FormatFloat(m, 'f', -1, 64), unit))
	}
	if len(out) == 0 {
		return "-"
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func medianText(res *results, name, unit string) string {
	m, ok := res.median(name, unit)
	return num(m, ok)
}

// num formats a median: integers as such, small values with a fraction.
func num(v float64, ok bool) string {
	switch {
	case !ok:
		return "-"
	case v >= 100 || v == float64(int64(v)):
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func ratioText(r float64) string {
	if r == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", r)
}
