package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/connspec/connspec/internal/gitrev"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
	"github.com/connspec/connspec/internal/specdiff/specdifftest"
)

// The tests build scratch git repositories holding a copy of the
// repository's spec, change it, and run gen diff in them.

// hermeticGit keeps the user's and the system's git configuration out of
// the tests; each repository sets its own identity.
func hermeticGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitrev.Git(dir, nil, args...)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// baseSpec is the repository's spec, which every scratch repository starts
// from.
func baseSpec(t *testing.T) specdifftest.Files {
	t.Helper()
	files, err := specdifftest.ReadSpec("../spec")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// edited returns base with edits made.
func edited(t *testing.T, base specdifftest.Files, edits []specdifftest.Edit) specdifftest.Files {
	t.Helper()
	files := base.Clone()
	if err := files.Apply(edits); err != nil {
		t.Fatal(err)
	}
	return files
}

// newRepo makes an empty git repository.
func newDiffRepo(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	gitT(t, repo, "init", "-q")
	gitT(t, repo, "config", "user.name", "connspec test")
	gitT(t, repo, "config", "user.email", "test@connspec.invalid")
	return repo
}

// writeSpec replaces dir (relative to repo) with files; nil files removes it.
func writeSpec(t *testing.T, repo, dir string, files specdifftest.Files) {
	t.Helper()
	root := filepath.Join(repo, dir)
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// commit commits everything in repo.
func commitAll(t *testing.T, repo, msg string) {
	t.Helper()
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "--allow-empty", "-m", msg)
}

// repoWith makes a repository whose two commits hold old and then new
// under spec/.
func repoWith(t *testing.T, old, new specdifftest.Files) string {
	t.Helper()
	repo := newDiffRepo(t)
	writeSpec(t, repo, "spec", old)
	commitAll(t, repo, "one")
	writeSpec(t, repo, "spec", new)
	commitAll(t, repo, "two")
	return repo
}

// genDiff runs go run ./gen diff args in dir.
func genDiff(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = run(append([]string{"diff"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// expand turns a case's findings into text lines.
func expandAll(t *testing.T, want []string, display string, old, new specdifftest.Files) []string {
	t.Helper()
	var lines []string
	for _, w := range want {
		line, err := specdifftest.Expand(w, display, old, new)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	return lines
}

// textLine splits a line of -format text.
var textLine = regexp.MustCompile(`^(\S+) (\S+) (\S+) -> (\S+): (.*)$`)

// textFinding is a text line taken apart, to state what the other formats must
// say.
type textFinding struct {
	severity, rule, old, new, message string
}

func parseText(t *testing.T, line string) textFinding {
	t.Helper()
	m := textLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("%q is not a line of -format text", line)
	}
	return textFinding{m[1], m[2], m[3], m[4], m[5]}
}

// where is the place an annotation goes: new, or old for a removal.
func (f textFinding) where() (file, line string) {
	p := f.new
	if p == "-" {
		p = f.old
	}
	i := strings.LastIndex(p, ":")
	return p[:i], p[i+1:]
}

func outputLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// TestDiffRules runs every specdifftest case through git and checks every
// format and the exit codes.
func TestDiffRules(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	covered := map[string]bool{}
	for _, c := range specdifftest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			old, new := edited(t, base, c.Old), edited(t, base, c.New)
			repo := repoWith(t, old, new)
			want := expandAll(t, c.Want, "spec", old, new)
			var findings []textFinding
			wantCode := 0
			for _, line := range want {
				f := parseText(t, line)
				findings = append(findings, f)
				covered[f.rule] = true
				if f.severity == "breaking" {
					wantCode = 1
				}
			}

			code, stdout, stderr := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD")
			if code != wantCode {
				t.Errorf("text: exit %d, want %d; stderr:\n%s", code, wantCode, stderr)
			}
			if got := outputLines(stdout); !slices.Equal(got, want) {
				t.Errorf("text:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
			}

			code, stdout, _ = genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", "github")
			var wantGitHub []string
			for _, f := range findings {
				level := map[string]string{"breaking": "error", "additive": "warning", "info": "notice"}[f.severity]
				file, line := f.where()
				wantGitHub = append(wantGitHub, fmt.Sprintf("::%s file=%s,line=%s,title=%s::%s", level, file, line, f.rule, f.message))
			}
			if got := outputLines(stdout); code != wantCode || !slices.Equal(got, wantGitHub) {
				t.Errorf("github: exit %d, want %d; output:\n%s\nwant:\n%s", code, wantCode, stdout, strings.Join(wantGitHub, "\n"))
			}

			code, stdout, _ = genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", "json")
			var doc specdiff.JSONReport
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatalf("json: %v\n%s", err, stdout)
			}
			var gotJSON []textFinding
			place := func(p *specdiff.JSONPos) string {
				if p == nil {
					return "-"
				}
				return fmt.Sprintf("%s:%d", p.File, p.Line)
			}
			counts := map[string]int{}
			for _, f := range doc.Findings {
				gotJSON = append(gotJSON, textFinding{f.Severity, f.Rule, place(f.Old), place(f.New), f.Message})
			}
			for _, f := range findings {
				counts[f.severity]++
			}
			wantCounts := specdiff.JSONCounts{Breaking: counts["breaking"], Additive: counts["additive"], Info: counts["info"]}
			if code != wantCode || !slices.Equal(gotJSON, findings) || doc.Counts != wantCounts {
				t.Errorf("json: exit %d, want %d; counts %+v, want %+v; findings:\n%v\nwant:\n%v", code, wantCode, doc.Counts, wantCounts, gotJSON, findings)
			}

			code, stdout, _ = genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", "markdown")
			if code != wantCode {
				t.Errorf("markdown: exit %d, want %d", code, wantCode)
			}
			checkMarkdown(t, stdout, findings)

			if wantCode == 0 {
				return
			}
			if code, _, stderr := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-allow-breaking"); code != 0 {
				t.Errorf("-allow-breaking: exit %d, want 0; stderr:\n%s", code, stderr)
			}
		})
	}
	for _, r := range specdiff.Rules() {
		if !covered[string(r)] {
			t.Errorf("no case gives a %s finding", r)
		}
	}
}

// checkMarkdown checks the summary line, and that each finding is a row of
// its severity's table, in order.
func checkMarkdown(t *testing.T, md string, findings []textFinding) {
	t.Helper()
	lines := outputLines(md)
	counts := map[string]int{}
	for _, f := range findings {
		counts[f.severity]++
	}
	summary := fmt.Sprintf("%d breaking, %d additive, %d info", counts["breaking"], counts["additive"], counts["info"])
	if len(findings) == 0 {
		summary = "no semantic changes"
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "**Spec diff** HEAD~1 (") || !strings.HasSuffix(lines[0], ": "+summary) {
		t.Errorf("markdown summary %q, want **Spec diff** HEAD~1 (…) → HEAD (…): %s", lines[0], summary)
	}
	section := ""
	var rows []string
	sections := map[string]string{"#### Breaking": "breaking", "#### Additive": "additive", "#### Info": "info"}
	for _, l := range lines[1:] {
		if s, ok := sections[l]; ok {
			section = s
		}
		if strings.HasPrefix(l, "| `") {
			rows = append(rows, section+" "+l)
		}
	}
	var want []string
	for _, f := range findings {
		cell := func(p string) string {
			if p == "-" {
				return "—"
			}
			return "`" + p + "`"
		}
		want = append(want, fmt.Sprintf("%s | `%s` | %s | %s | %s |", f.severity, f.rule, f.message, cell(f.old), cell(f.new)))
	}
	if !slices.Equal(rows, want) {
		t.Errorf("markdown rows:\n%s\nwant:\n%s\nin:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"), md)
	}
}

// TestDiffFormats pins each format's whole output for one change with a
// finding of each severity.
func TestDiffFormats(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	edits := []specdifftest.Edit{
		{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: addr_not_available", New: "kind: peer_busy"},
		{File: "kinds.yaml", Append: "  - name: quota_exceeded\n    doc: A disk quota ran out.\n"},
		{File: "os/linux.yaml", After: "errno: EBADF", Old: "meaning: the descriptor is not open", New: "meaning: the descriptor is closed"},
	}
	new := edited(t, base, edits)
	repo := repoWith(t, base, new)
	one, two := gitT(t, repo, "rev-parse", "HEAD~1"), gitT(t, repo, "rev-parse", "HEAD")
	place := func(s string) string { return expandPlace(t, s, base, new) }
	kindOld, kindNew := place("{old os/linux.yaml|errno: EAGAIN|kind:}"), place("{new os/linux.yaml|errno: EAGAIN|kind:}")
	added := place("{new kinds.yaml|name: quota_exceeded}")
	ebadfOld, ebadfNew := place("{old os/linux.yaml|errno: EBADF}"), place("{new os/linux.yaml|errno: EBADF}")
	value := place("{count old kinds.yaml|  - name:}")
	line := func(p string) string { return p[strings.LastIndex(p, ":")+1:] }

	for _, tc := range []struct {
		format string
		want   string
	}{
		{"text", "" +
			"breaking ERRNO-KIND-CHANGED " + kindOld + " -> " + kindNew + ": linux EAGAIN: kind addr_not_available -> peer_busy\n" +
			"additive KIND-ADDED - -> " + added + ": kind quota_exceeded added (constant value " + value + ")\n" +
			"info DOC-CHANGED " + ebadfOld + " -> " + ebadfNew + ": linux EBADF meaning: \"the descriptor is not open (or was opened…\" -> \"the descriptor is closed (or was opened…\"\n"},
		{"markdown", "" +
			"**Spec diff** HEAD~1 (" + one[:7] + ") → HEAD (" + two[:7] + "): 1 breaking, 1 additive, 1 info\n" +
			"\n" +
			"#### Breaking\n" +
			"\n" +
			"| Rule | Change | Old | New |\n" +
			"| --- | --- | --- | --- |\n" +
			"| `ERRNO-KIND-CHANGED` | linux EAGAIN: kind addr_not_available -> peer_busy | `" + kindOld + "` | `" + kindNew + "` |\n" +
			"\n" +
			"#### Additive\n" +
			"\n" +
			"| Rule | Change | Old | New |\n" +
			"| --- | --- | --- | --- |\n" +
			"| `KIND-ADDED` | kind quota_exceeded added (constant value " + value + ") | — | `" + added + "` |\n" +
			"\n" +
			"#### Info\n" +
			"\n" +
			"| Rule | Change | Old | New |\n" +
			"| --- | --- | --- | --- |\n" +
			"| `DOC-CHANGED` | linux EBADF meaning: \"the descriptor is not open (or was opened…\" -> \"the descriptor is closed (or was opened…\" | `" + ebadfOld + "` | `" + ebadfNew + "` |\n"},
		{"github", "" +
			"::error file=spec/os/linux.yaml,line=" + line(kindNew) + ",title=ERRNO-KIND-CHANGED::linux EAGAIN: kind addr_not_available -> peer_busy\n" +
			"::warning file=spec/kinds.yaml,line=" + line(added) + ",title=KIND-ADDED::kind quota_exceeded added (constant value " + value + ")\n" +
			"::notice file=spec/os/linux.yaml,line=" + line(ebadfNew) + ",title=DOC-CHANGED::linux EBADF meaning: \"the descriptor is not open (or was opened…\" -> \"the descriptor is closed (or was opened…\"\n"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, stdout, stderr := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", tc.format)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if stdout != tc.want {
				t.Errorf("output:\n%s\nwant:\n%s", stdout, tc.want)
			}
			wantErr := "gen diff: HEAD~1 (" + one[:7] + ") -> HEAD (" + two[:7] + "): 1 breaking, 1 additive, 1 info\n" +
				"gen diff: breaking changes change what programs see; once reviewers agree to them, pass -allow-breaking\n"
			if stderr != wantErr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		code, stdout, _ := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", "json")
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{
			"base":   map[string]any{"ref": "HEAD~1", "commit": one},
			"head":   map[string]any{"ref": "HEAD", "commit": two},
			"counts": map[string]any{"breaking": 1.0, "additive": 1.0, "info": 1.0},
		}
		for k, v := range want {
			if fmt.Sprint(doc[k]) != fmt.Sprint(v) {
				t.Errorf("%s = %v, want %v", k, doc[k], v)
			}
		}
		findings, _ := doc["findings"].([]any)
		if len(findings) != 3 {
			t.Fatalf("%d findings, want 3:\n%s", len(findings), stdout)
		}
		addedKind := findings[1].(map[string]any)
		if _, ok := addedKind["old"]; ok || addedKind["rule"] != "KIND-ADDED" || addedKind["severity"] != "additive" {
			t.Errorf("the added kind is %v, want KIND-ADDED, additive, no old place", addedKind)
		}
		var wantLine int
		fmt.Sscan(line(added), &wantLine)
		if p, _ := addedKind["new"].(map[string]any); p["file"] != "spec/kinds.yaml" || p["line"] != float64(wantLine) || p["col"] != 11.0 {
			t.Errorf("new = %v, want spec/kinds.yaml, line %d, col 11", addedKind["new"], wantLine)
		}
	})

	t.Run("none", func(t *testing.T) {
		for format, want := range map[string]string{
			"text":     "",
			"github":   "",
			"markdown": "**Spec diff** HEAD (" + two[:7] + ") → HEAD (" + two[:7] + "): no semantic changes\n",
		} {
			code, stdout, _ := genDiff(t, repo, "-base", "HEAD", "-head", "HEAD", "-format", format)
			if code != 0 || stdout != want {
				t.Errorf("%s: exit %d, output %q; want 0, %q", format, code, stdout, want)
			}
		}
		_, stdout, _ := genDiff(t, repo, "-base", "HEAD", "-head", "HEAD", "-format", "json")
		if !strings.Contains(stdout, `"findings": []`) {
			t.Errorf("json without findings has no empty findings array:\n%s", stdout)
		}
		// A revision given by its hash is named by it alone.
		_, stdout, _ = genDiff(t, repo, "-base", two[:9], "-head", two, "-format", "markdown")
		if want := "**Spec diff** " + two[:7] + " → " + two[:7] + ": no semantic changes\n"; stdout != want {
			t.Errorf("by hash: %q, want %q", stdout, want)
		}
	})
}

// TestDiffWorktree compares a revision with the working tree, which
// includes uncommitted changes.
func TestDiffWorktree(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	kindEdit := specdifftest.Edit{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: addr_not_available", New: "kind: peer_busy"}
	addKind := specdifftest.Edit{File: "kinds.yaml", Append: "  - name: quota_exceeded\n    doc: A disk quota ran out.\n"}
	two := edited(t, base, []specdifftest.Edit{kindEdit})
	repo := repoWith(t, base, two)
	worktree := edited(t, two, []specdifftest.Edit{addKind})
	writeSpec(t, repo, "spec", worktree)

	kindChanged := "breaking ERRNO-KIND-CHANGED {old os/linux.yaml|errno: EAGAIN|kind:} -> {new os/linux.yaml|errno: EAGAIN|kind:}: linux EAGAIN: kind addr_not_available -> peer_busy"
	kindAdded := "additive KIND-ADDED - -> {new kinds.yaml|name: quota_exceeded}: kind quota_exceeded added (constant value {count old kinds.yaml|  - name:})"
	for _, tc := range []struct {
		name string
		dir  string // relative to the repository
		args []string
		old  specdifftest.Files
		want []string
		code int
	}{
		{"HEAD", ".", nil, two, []string{kindAdded}, 0},
		{"HEAD~1", ".", []string{"-base", "HEAD~1"}, base, []string{kindChanged, kindAdded}, 1},
		{"HEAD~1 allowed", ".", []string{"-base", "HEAD~1", "-allow-breaking"}, base, []string{kindChanged, kindAdded}, 0},
		{"from a subdirectory", "spec/os", []string{"-base", "HEAD~1"}, base, []string{kindChanged, kindAdded}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(repo, filepath.FromSlash(tc.dir))
			code, stdout, stderr := genDiff(t, dir, tc.args...)
			want := expandAll(t, tc.want, "spec", tc.old, worktree)
			if code != tc.code || !slices.Equal(outputLines(stdout), want) {
				t.Errorf("exit %d, output:\n%s\nwant exit %d, output:\n%s\nstderr:\n%s", code, stdout, tc.code, strings.Join(want, "\n"), stderr)
			}
			if !strings.Contains(stderr, " -> working tree: ") {
				t.Errorf("stderr does not name the working tree:\n%s", stderr)
			}
		})
	}
}

// TestDiffShallow checks that a shallow clone works while it holds the
// base revision, and says how to fetch it when it does not.
func TestDiffShallow(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	repo := repoWith(t, base, base)
	clone := filepath.Join(t.TempDir(), "clone")
	gitT(t, repo, "clone", "-q", "--depth", "1", "file://"+repo, clone)

	if code, stdout, stderr := genDiff(t, clone, "-base", "HEAD"); code != 0 || stdout != "" {
		t.Errorf("-base HEAD in a shallow clone: exit %d, output %q, stderr:\n%s", code, stdout, stderr)
	}
	code, stdout, stderr := genDiff(t, clone, "-base", "HEAD~1")
	want := `gen diff: revision "HEAD~1" is not in this repository: this clone is shallow and lacks it; ` +
		"fetch more history: git fetch --deepen=<n> (n more commits), git fetch --unshallow " +
		"(in GitHub Actions: actions/checkout with fetch-depth: 0)\n"
	if code != 2 || stdout != "" || stderr != want {
		t.Errorf("exit %d, output %q, stderr:\n%s\nwant exit 2 and:\n%s", code, stdout, stderr, want)
	}

	// After fetching, the same command works.
	gitT(t, clone, "fetch", "-q", "--deepen=1")
	if code, _, stderr := genDiff(t, clone, "-base", "HEAD~1"); code != 0 {
		t.Errorf("after git fetch --deepen=1: exit %d, stderr:\n%s", code, stderr)
	}

	// A branch the shallow clone has not fetched.
	code, _, stderr = genDiff(t, clone, "-base", "origin/release")
	want = `gen diff: revision "origin/release" is not in this repository: this clone is shallow and lacks it; ` +
		"fetch more history: git fetch --deepen=<n> (n more commits), git fetch --unshallow, or git fetch origin release " +
		"(in GitHub Actions: actions/checkout with fetch-depth: 0)\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, stderr, want)
	}

	// In a full clone a missing name is a typo, or not fetched yet.
	code, _, stderr = genDiff(t, repo, "-base", "no-such-branch")
	want = `gen diff: revision "no-such-branch" is not in this repository: check the name, or fetch it: git fetch origin no-such-branch` + "\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, stderr, want)
	}
}

// TestDiffNoSpec checks that a revision without the spec directory is an
// empty spec.
func TestDiffNoSpec(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	repo := newDiffRepo(t)
	if err := os.WriteFile(filepath.Join(repo, "README"), []byte("connspec\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "no spec yet")
	writeSpec(t, repo, "spec", base)
	commitAll(t, repo, "spec")
	s := loadFiles(t, base)

	code, stdout, stderr := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD", "-format", "json")
	var doc specdiff.JSONReport
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	for _, f := range doc.Findings {
		rules[f.Rule]++
	}
	want := map[string]int{"KIND-ADDED": len(s.Kinds.Kinds), "SCENARIO-ADDED": len(s.Scenarios.Scenarios), "OS-ADDED": len(s.OSes)}
	if code != 0 || fmt.Sprint(rules) != fmt.Sprint(want) || !doc.Base.NoSpec || doc.Head.NoSpec {
		t.Errorf("exit %d, rules %v, base %+v, head %+v; want exit 0, rules %v, no spec in base only", code, rules, doc.Base, doc.Head, want)
	}
	if !strings.Contains(stderr, "gen diff: there is no spec/ at HEAD~1 ("+gitT(t, repo, "rev-parse", "--short=7", "HEAD~1")+"): comparing with an empty spec\n") {
		t.Errorf("stderr does not say the base has no spec:\n%s", stderr)
	}

	// Removing the spec removes everything.
	code, _, _ = genDiff(t, repo, "-base", "HEAD", "-head", "HEAD~1")
	if code != 1 {
		t.Errorf("removing the spec: exit %d, want 1", code)
	}

	code, _, stderr = genDiff(t, repo, "-base", "HEAD", "-spec", "nothing/here")
	want2 := "gen diff: there is no nothing/here/ at HEAD (" + gitT(t, repo, "rev-parse", "--short=7", "HEAD") + ") or in the working tree; is -spec right?\n"
	if code != 2 || stderr != want2 {
		t.Errorf("no spec on either side: exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, stderr, want2)
	}
}

// TestDiffLoadError checks that a spec that does not load is reported with
// its places, and exit 2.
func TestDiffLoadError(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	broken := edited(t, base, []specdifftest.Edit{{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: addr_not_available", New: "kind: addr_not_availabel"}})
	repo := repoWith(t, base, broken)
	at := expandPlace(t, "{new os/linux.yaml|errno: EAGAIN|kind:}", base, broken)
	head := gitT(t, repo, "rev-parse", "--short=7", "HEAD")

	code, stdout, stderr := genDiff(t, repo, "-base", "HEAD~1", "-head", "HEAD")
	want := "gen diff: the spec at HEAD (" + head + ") does not load:\n" +
		at + ":11: unknown kind \"addr_not_availabel\" (did you mean \"addr_not_available\"?)\n" +
		"gen diff: fix the spec (go run ./gen reports the same problems) and run gen diff again\n"
	if code != 2 || stdout != "" || stderr != want {
		t.Errorf("exit %d, output %q, stderr:\n%s\nwant exit 2 and:\n%s", code, stdout, stderr, want)
	}
}

// load loads files as the spec named spec.
func loadFiles(t *testing.T, files specdifftest.Files) *spec.Spec {
	t.Helper()
	s, err := spec.LoadFS(files.FS(), "spec")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// x expands one place.
func expandPlace(t *testing.T, s string, old, new specdifftest.Files) string {
	t.Helper()
	out, err := specdifftest.Expand(s, "spec", old, new)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDiffSpecFlag checks -spec: a spec elsewhere in the repository, given
// relative to the root or absolute, from any directory.
func TestDiffSpecFlag(t *testing.T) {
	hermeticGit(t)
	base := baseSpec(t)
	new := edited(t, base, []specdifftest.Edit{{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: addr_not_available", New: "kind: peer_busy"}})
	repo := newDiffRepo(t)
	writeSpec(t, repo, "conf/spec", base)
	commitAll(t, repo, "one")
	writeSpec(t, repo, "conf/spec", new)
	commitAll(t, repo, "two")
	want, err := specdifftest.Expand("breaking ERRNO-KIND-CHANGED {old os/linux.yaml|errno: EAGAIN|kind:} -> {new os/linux.yaml|errno: EAGAIN|kind:}: linux EAGAIN: kind addr_not_available -> peer_busy", "conf/spec", base, new)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, spec string }{
		{repo, "conf/spec"},
		{filepath.Join(repo, "conf"), "conf/spec"},
		{filepath.Join(repo, "conf"), filepath.Join(repo, "conf", "spec")},
		{repo, "./conf/spec/"},
	} {
		code, stdout, stderr := genDiff(t, tc.dir, "-base", "HEAD~1", "-spec", tc.spec)
		if code != 1 || stdout != want+"\n" {
			t.Errorf("in %s, -spec %s: exit %d, output:\n%s\nwant exit 1 and:\n%s\nstderr:\n%s", tc.dir, tc.spec, code, stdout, want, stderr)
		}
	}
	code, _, stderr := genDiff(t, repo, "-spec", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "is outside the repository") {
		t.Errorf("-spec outside the repository: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestDiffUsage checks the usage errors.
func TestDiffUsage(t *testing.T) {
	hermeticGit(t)
	repo := newDiffRepo(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-format", "yaml"}, 2, `gen diff: unknown -format "yaml": use text, markdown, json or github`},
		{[]string{"HEAD~1"}, 2, `gen diff: unexpected argument "HEAD~1"`},
		{[]string{"-base", ""}, 2, `gen diff: -base "" is not a revision`},
		{[]string{"-head", "--upload-pack=x"}, 2, `gen diff: -head "--upload-pack=x" is not a revision`},
		{[]string{"-frobnicate"}, 2, "flag provided but not defined: -frobnicate"},
		{[]string{"-h"}, 0, "usage: go run ./gen diff"},
	} {
		code, stdout, stderr := genDiff(t, repo, tc.args...)
		if code != tc.code || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("gen diff %q: exit %d, stdout %q, stderr:\n%s\nwant exit %d and %q", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
	}
	code, _, stderr := genDiff(t, t.TempDir())
	if code != 2 || !strings.Contains(stderr, "gen diff: not in a git work tree") {
		t.Errorf("outside git: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestDiffThisRepository compares the repository's own spec at HEAD with
// its working tree: it must load from git objects as from the disk.
func TestDiffThisRepository(t *testing.T) {
	hermeticGit(t)
	if _, err := gitrev.Git("..", nil, "cat-file", "-e", "HEAD:spec/kinds.yaml"); err != nil {
		t.Skip("the repository's HEAD has no spec/")
	}
	code, _, stderr := genDiff(t, "..", "-base", "HEAD", "-format", "json")
	if code != 0 && code != 1 {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
}

// TestDiffTreeFS checks the in-memory file system revisions are read into.
func TestDiffTreeFS(t *testing.T) {
	tree := specdifftest.Files{
		"kinds.yaml":      []byte("kinds: []\n"),
		"os/linux.yaml":   []byte("os: linux\n"),
		"os/freebsd.yaml": []byte("os: freebsd\n"),
		"schema/a/b.json": []byte("{}"),
	}.FS()
	if err := fstest.TestFS(tree, "kinds.yaml", "os/linux.yaml", "os/freebsd.yaml", "schema/a/b.json"); err != nil {
		t.Error(err)
	}
	if err := fstest.TestFS(fstest.MapFS{}); err != nil {
		t.Errorf("empty: %v", err)
	}

	hermeticGit(t)
	repo := repoWith(t, baseSpec(t), baseSpec(t))
	read, err := gitrev.Tree(repo, "HEAD", "spec")
	if err != nil {
		t.Fatal(err)
	}
	disk := baseSpec(t)
	if len(read) != len(disk) {
		t.Errorf("read %d files from git, the spec has %d", len(read), len(disk))
	}
	for p, data := range disk {
		if f := read[p]; f == nil || !bytes.Equal(f.Data, data) {
			t.Errorf("%s read from git differs from the file", p)
		}
	}
	empty, err := gitrev.Tree(repo, "HEAD", "nothing")
	if err != nil || len(empty) != 0 {
		t.Errorf("a directory the commit lacks: %d files, %v; want none, nil", len(empty), err)
	}
}
