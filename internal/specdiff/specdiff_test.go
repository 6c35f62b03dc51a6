package specdiff_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
	"github.com/connspec/connspec/internal/specdiff/specdifftest"
)

// specDir is the repository's spec, the base every case edits.
const specDir = "../../spec"

// load loads files as a spec named "spec" in messages.
func load(t testing.TB, files specdifftest.Files) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	s, err := spec.LoadFS(fsys, "spec")
	if err != nil {
		t.Fatalf("the edited spec does not load:\n%v", err)
	}
	return s
}

// sides makes the old and new files of a case.
func sides(t testing.TB, base specdifftest.Files, c specdifftest.Case) (old, new specdifftest.Files) {
	t.Helper()
	old, new = base.Clone(), base.Clone()
	if err := old.Apply(c.Old); err != nil {
		t.Fatalf("old edits: %v", err)
	}
	if err := new.Apply(c.New); err != nil {
		t.Fatalf("new edits: %v", err)
	}
	return old, new
}

func readBase(t testing.TB) specdifftest.Files {
	t.Helper()
	base, err := specdifftest.ReadSpec(specDir)
	if err != nil {
		t.Fatal(err)
	}
	return base
}

func lines(findings []specdiff.Finding) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.String())
	}
	return out
}

func TestDiffCases(t *testing.T) {
	base := readBase(t)
	covered := map[specdiff.Rule]bool{}
	for _, c := range specdifftest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			oldFiles, newFiles := sides(t, base, c)
			var want []string
			for _, w := range c.Want {
				line, err := specdifftest.Expand(w, "spec", oldFiles, newFiles)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, line)
			}
			findings := specdiff.Diff(load(t, oldFiles), load(t, newFiles))
			if got := lines(findings); !slices.Equal(got, want) {
				t.Errorf("findings differ\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for _, f := range findings {
				if f.Severity != f.Rule.Severity() {
					t.Errorf("%s has severity %s, its rule %s", f, f.Severity, f.Rule.Severity())
				}
				covered[f.Rule] = true
			}
		})
	}
	for _, r := range specdiff.Rules() {
		if !covered[r] {
			t.Errorf("no case gives a %s finding", r)
		}
	}
}

// TestDiffSameSpec checks that a spec compared with itself has no findings
// and that Diff is deterministic.
func TestDiffSameSpec(t *testing.T) {
	base := readBase(t)
	if got := specdiff.Diff(load(t, base), load(t, base)); len(got) != 0 {
		t.Errorf("a spec compared with itself gives:\n%s", strings.Join(lines(got), "\n"))
	}
	c := specdifftest.Cases[0]
	for _, cc := range specdifftest.Cases {
		if len(cc.Want) > len(c.Want) {
			c = cc
		}
	}
	oldFiles, newFiles := sides(t, base, c)
	first := lines(specdiff.Diff(load(t, oldFiles), load(t, newFiles)))
	for range 5 {
		if again := lines(specdiff.Diff(load(t, oldFiles), load(t, newFiles))); !slices.Equal(again, first) {
			t.Fatalf("Diff is not deterministic:\n%s\nthen:\n%s", strings.Join(first, "\n"), strings.Join(again, "\n"))
		}
	}
}

// TestDiffNoSpec checks that a side without a spec makes everything added
// or removed, one finding per kind, scenario and OS file.
func TestDiffNoSpec(t *testing.T) {
	s := load(t, readBase(t))
	want := map[specdiff.Rule]int{
		specdiff.KindAdded:     len(s.Kinds.Kinds),
		specdiff.ScenarioAdded: len(s.Scenarios.Scenarios),
		specdiff.OSAdded:       len(s.OSes),
	}
	count := func(findings []specdiff.Finding) map[specdiff.Rule]int {
		got := map[specdiff.Rule]int{}
		for _, f := range findings {
			got[f.Rule]++
		}
		return got
	}
	added := specdiff.Diff(nil, s)
	if got := count(added); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Diff(nil, spec) gives %v, want %v", got, want)
	}
	if added[0].Old != (spec.Pos{}) || added[0].New.File == "" {
		t.Errorf("an added kind has places %v and %v, want none and one", added[0].Old, added[0].New)
	}
	removed := specdiff.Diff(s, nil)
	wantRemoved := map[specdiff.Rule]int{
		specdiff.KindRemoved:     want[specdiff.KindAdded],
		specdiff.ScenarioRemoved: want[specdiff.ScenarioAdded],
		specdiff.OSRemoved:       want[specdiff.OSAdded],
	}
	if got := count(removed); fmt.Sprint(got) != fmt.Sprint(wantRemoved) {
		t.Errorf("Diff(spec, nil) gives %v, want %v", got, wantRemoved)
	}
	if got := specdiff.Diff(nil, nil); got != nil {
		t.Errorf("Diff(nil, nil) = %v, want nil", got)
	}
}

// TestDiffKindInserted checks that a kind inserted before others is
// reported added and every kind after it as moved, in one finding.
func TestDiffKindInserted(t *testing.T) {
	base := readBase(t)
	newFiles := base.Clone()
	if err := newFiles.Apply([]specdifftest.Edit{{File: "kinds.yaml", Old: "  - name: refused\n", New: "  - name: quota_exceeded\n    doc: A disk quota ran out.\n  - name: refused\n"}}); err != nil {
		t.Fatal(err)
	}
	old, new := load(t, base), load(t, newFiles)
	findings := specdiff.Diff(old, new)
	var rules []specdiff.Rule
	for _, f := range findings {
		rules = append(rules, f.Rule)
	}
	if want := []specdiff.Rule{specdiff.KindReordered, specdiff.KindAdded}; !slices.Equal(rules, want) {
		t.Fatalf("rules %v, want %v:\n%s", rules, want, strings.Join(lines(findings), "\n"))
	}
	var moved []string
	for i, k := range old.Kinds.Kinds[1:] {
		moved = append(moved, fmt.Sprintf("%s %d -> %d", k.Name.Name, i+1, i+2))
	}
	if want := "kind constants change value: " + strings.Join(moved, ", "); findings[0].Message != want {
		t.Errorf("message\n%s\nwant\n%s", findings[0].Message, want)
	}
}

// TestDiffRulesDocumented checks that the package documentation describes
// every rule, and names no rule that does not exist.
func TestDiffRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]specdiff.Severity{}
	var section specdiff.Severity
	for _, line := range strings.Split(string(doc), "\n") {
		if h, ok := strings.CutPrefix(line, "// # "); ok {
			section = specdiff.Severity(strings.ToLower(h))
		}
		if m := regexp.MustCompile(`^//   - ([A-Z0-9-]+):`).FindStringSubmatch(line); m != nil {
			documented[m[1]] = section
		}
	}
	for _, r := range specdiff.Rules() {
		sev, ok := documented[string(r)]
		switch {
		case !ok:
			t.Errorf("doc.go does not describe %s", r)
		case sev != r.Severity():
			t.Errorf("doc.go describes %s under %s; its severity is %s", r, sev, r.Severity())
		}
		delete(documented, string(r))
	}
	for r := range documented {
		t.Errorf("doc.go describes %s, which is no rule", r)
	}
}

func TestDiffLocation(t *testing.T) {
	for _, tc := range []struct {
		pos  spec.Pos
		want string
	}{
		{spec.Pos{}, "-"},
		{spec.Pos{File: "spec/os/linux.yaml"}, "spec/os/linux.yaml"},
		{spec.Pos{File: "spec/os/linux.yaml", Line: 41, Col: 5}, "spec/os/linux.yaml:41"},
	} {
		if got := specdiff.Location(tc.pos); got != tc.want {
			t.Errorf("Location(%#v) = %q, want %q", tc.pos, got, tc.want)
		}
	}
}
