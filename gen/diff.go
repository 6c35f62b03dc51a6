package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
)

// side is one end of a comparison: a git revision or the working tree.
type side struct {
	// Ref is the revision as given (-base, -head); empty for the working
	// tree.
	Ref string
	// Commit is the commit Ref names; empty for the working tree.
	Commit string
	// Spec is the spec there; nil when there is no spec directory.
	Spec *spec.Spec
}

// label names the side for people: "HEAD~1 (e70a75a)", "e70a75a" or
// "working tree".
func (s side) label() string {
	switch {
	case s.Ref == "":
		return "working tree"
	case strings.HasPrefix(s.Commit, s.Ref):
		return fmt.Sprintf("%.7s", s.Commit)
	}
	return fmt.Sprintf("%s (%.7s)", s.Ref, s.Commit)
}

// where says where the side's spec is: "at HEAD~1 (e70a75a)" or "in the
// working tree".
func (s side) where() string {
	if s.Ref == "" {
		return "in the working tree"
	}
	return "at " + s.label()
}

// diffFormats are the -format values.
var diffFormats = map[string]func(io.Writer, *diffReport) error{
	"text":     writeText,
	"markdown": writeMarkdown,
	"json":     writeJSON,
	"github":   writeGitHub,
}

// runDiff is go run ./gen diff: it compares the spec at a git revision with
// the working tree, or at two revisions, and exits 1 when a change breaks
// programs (unless -allow-breaking), 2 when it cannot compare.
func runDiff(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("gen diff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	base := flags.String("base", "HEAD", "git revision to compare from")
	head := flags.String("head", "", "git revision to compare to (default: the working tree)")
	specDir := flags.String("spec", "spec", "spec directory, relative to the repository root")
	format := flags.String("format", "text", "output: text (one finding a line), markdown (a pull-request comment), json, or github (workflow annotations)")
	allowBreaking := flags.Bool("allow-breaking", false, "exit 0 even when a change is breaking")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./gen diff [-base REF] [-head REF] [-spec dir] [-format text|markdown|json|github] [-allow-breaking]")
		fmt.Fprintln(stderr, "compares the spec at -base with the working tree, or with -head; exits 1 on a breaking change, 2 when it cannot compare")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usageError := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "gen diff: "+format+"\n", args...)
		flags.Usage()
		return 2
	}
	switch {
	case flags.NArg() > 0:
		return usageError("unexpected argument %q", flags.Arg(0))
	case diffFormats[*format] == nil:
		return usageError("unknown -format %q: use text, markdown, json or github", *format)
	case *base == "" || strings.HasPrefix(*base, "-"):
		return usageError("-base %q is not a revision", *base)
	case strings.HasPrefix(*head, "-"):
		return usageError("-head %q is not a revision", *head)
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "gen diff:", err)
		return 2
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	root, err := repoRoot(cwd)
	if err != nil {
		return fail(err)
	}
	dir, err := repoPath(root, *specDir)
	if err != nil {
		return fail(err)
	}

	r := &diffReport{Base: side{Ref: *base}, Head: side{Ref: *head}}
	var loadErrs []string
	for _, s := range []*side{&r.Base, &r.Head} {
		if err := s.load(root, dir); err != nil {
			var list spec.ErrorList
			if !errors.As(err, &list) {
				return fail(err)
			}
			loadErrs = append(loadErrs, fmt.Sprintf("the spec %s does not load:\n%s", s.where(), list.Error()))
		}
	}
	if len(loadErrs) > 0 {
		for _, e := range loadErrs {
			fmt.Fprintln(stderr, "gen diff:", e)
		}
		fmt.Fprintln(stderr, "gen diff: fix the spec (go run ./gen reports the same problems) and run gen diff again")
		return 2
	}
	if r.Base.Spec == nil && r.Head.Spec == nil {
		return fail(fmt.Errorf("there is no %s/ %s or %s; is -spec right?", dir, r.Base.where(), r.Head.where()))
	}
	for _, s := range []side{r.Base, r.Head} {
		if s.Spec == nil {
			fmt.Fprintf(stderr, "gen diff: there is no %s/ %s: comparing with an empty spec\n", dir, s.where())
		}
	}

	r.Findings = specdiff.Diff(r.Base.Spec, r.Head.Spec)
	if err := diffFormats[*format](stdout, r); err != nil {
		return fail(err)
	}
	counts := specdiff.Count(r.Findings)
	fmt.Fprintf(stderr, "gen diff: %s -> %s: %s\n", r.Base.label(), r.Head.label(), countsText(counts))
	if counts[specdiff.Breaking] > 0 && !*allowBreaking {
		fmt.Fprintln(stderr, "gen diff: breaking changes change what programs see; once reviewers agree to them, pass -allow-breaking")
		return 1
	}
	return 0
}

// load reads the spec of s: the revision's, or the working tree's when
// s.Ref is empty. A side without the spec directory has a nil Spec.
func (s *side) load(root, dir string) error {
	var fsys fs.FS
	if s.Ref == "" {
		full := filepath.Join(root, filepath.FromSlash(dir))
		if _, err := os.Stat(full); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		fsys = os.DirFS(full)
	} else {
		commit, err := resolveCommit(root, s.Ref)
		if err != nil {
			return err
		}
		s.Commit = commit
		tree, err := readTree(root, commit, dir)
		if err != nil {
			return err
		}
		if len(tree) == 0 {
			return nil
		}
		fsys = tree
	}
	sp, err := spec.LoadFS(fsys, dir)
	if err != nil {
		return err
	}
	s.Spec = sp
	return nil
}

// repoPath returns dir (relative to the repository root, or absolute) as a
// clean slash path relative to root, the form git and positions use.
func repoPath(root, dir string) (string, error) {
	rel := filepath.Clean(dir)
	if filepath.IsAbs(dir) {
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			return "", err
		}
		realDir, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", err
		}
		if rel, err = filepath.Rel(realRoot, realDir); err != nil {
			return "", err
		}
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("-spec %s is outside the repository %s", dir, root)
	}
	return rel, nil
}
