package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/gitrev"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
)

// diffFlags are gen diff's flags.
type diffFlags struct {
	base, head, specDir, format string
	allowBreaking               bool
}

// runDiff is go run ./gen diff: it compares the spec at a git revision with
// the working tree, or at two revisions, and exits 1 when a change breaks
// programs (unless -allow-breaking), 2 when it cannot compare.
func runDiff(args []string, stdout, stderr io.Writer) int {
	f, code, ok := parseDiffFlags(args, stderr)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "gen diff:", err)
		return 2
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	root, err := gitrev.Root(cwd)
	if err != nil {
		return fail(err)
	}
	dir, err := gitrev.Path(root, f.specDir)
	if err != nil {
		return fail(err)
	}
	r := &specdiff.Report{Base: specdiff.Side{Ref: f.base}, Head: specdiff.Side{Ref: f.head}}
	if code, ok := loadSides(r, root, dir, stderr); !ok {
		return code
	}
	r.Findings = specdiff.Diff(r.Base.Spec, r.Head.Spec)
	if err := specdiff.Formats[f.format](stdout, r); err != nil {
		return fail(err)
	}
	counts := specdiff.Count(r.Findings)
	fmt.Fprintf(stderr, "gen diff: %s -> %s: %s\n", r.Base.Label(), r.Head.Label(), specdiff.CountsText(counts))
	if counts[specdiff.Breaking] > 0 && !f.allowBreaking {
		fmt.Fprintln(stderr, "gen diff: breaking changes change what programs see; once reviewers agree to them, pass -allow-breaking")
		return 1
	}
	return 0
}

// parseDiffFlags parses gen diff's arguments; when ok is false the
// command exits with code (usage printed).
func parseDiffFlags(args []string, stderr io.Writer) (f diffFlags, code int, ok bool) {
	flags := flag.NewFlagSet("gen diff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&f.base, "base", "HEAD", "git revision to compare from")
	flags.StringVar(&f.head, "head", "", "git revision to compare to (default: the working tree)")
	flags.StringVar(&f.specDir, "spec", "spec", "spec directory, relative to the repository root")
	flags.StringVar(&f.format, "format", "text", "output: text (one finding a line), markdown (a pull-request comment), json, or github (workflow annotations)")
	flags.BoolVar(&f.allowBreaking, "allow-breaking", false, "exit 0 even when a change is breaking")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./gen diff [-base REF] [-head REF] [-spec dir] [-format text|markdown|json|github] [-allow-breaking]")
		fmt.Fprintln(stderr, "compares the spec at -base with the working tree, or with -head; exits 1 on a breaking change, 2 when it cannot compare")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, 0, false
		}
		return f, 2, false
	}
	var problem string
	switch {
	case flags.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q", flags.Arg(0))
	case specdiff.Formats[f.format] == nil:
		problem = fmt.Sprintf("unknown -format %q: use %s", f.format, formatList())
	case f.base == "" || strings.HasPrefix(f.base, "-"):
		problem = fmt.Sprintf("-base %q is not a revision", f.base)
	case strings.HasPrefix(f.head, "-"):
		problem = fmt.Sprintf("-head %q is not a revision", f.head)
	default:
		return f, 0, true
	}
	fmt.Fprintln(stderr, "gen diff: "+problem)
	flags.Usage()
	return f, 2, false
}

// formatList names the formats as the usage does: "text, markdown, json or
// github".
func formatList() string {
	names := []string{"text", "markdown", "json", "github"}
	if len(names) != len(specdiff.Formats) || slices.ContainsFunc(names, func(n string) bool { return specdiff.Formats[n] == nil }) {
		panic("gen diff: formatList is out of step with specdiff.Formats")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// loadSides loads both sides' specs; when ok is false the command exits
// with code, the problems printed.
func loadSides(r *specdiff.Report, root, dir string, stderr io.Writer) (code int, ok bool) {
	var loadErrs []string
	for _, s := range []*specdiff.Side{&r.Base, &r.Head} {
		if err := s.Load(root, dir); err != nil {
			var list spec.ErrorList
			if !errors.As(err, &list) {
				fmt.Fprintln(stderr, "gen diff:", err)
				return 2, false
			}
			loadErrs = append(loadErrs, fmt.Sprintf("the spec %s does not load:\n%s", s.Where(), list.Error()))
		}
	}
	for _, e := range loadErrs {
		fmt.Fprintln(stderr, "gen diff:", e)
	}
	if len(loadErrs) > 0 {
		fmt.Fprintln(stderr, "gen diff: fix the spec (go run ./gen reports the same problems) and run gen diff again")
		return 2, false
	}
	if r.Base.Spec == nil && r.Head.Spec == nil {
		fmt.Fprintf(stderr, "gen diff: there is no %s/ %s or %s; is -spec right?\n", dir, r.Base.Where(), r.Head.Where())
		return 2, false
	}
	for _, s := range []specdiff.Side{r.Base, r.Head} {
		if s.Spec == nil {
			fmt.Fprintf(stderr, "gen diff: there is no %s/ %s: comparing with an empty spec\n", dir, s.Where())
		}
	}
	return 0, true
}
