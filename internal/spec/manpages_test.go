package spec_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/spec"
)

// manDir holds the connect(2) man pages the spec started from. It lives in
// the shared directory that CI checks out beside the repository.
const manDir = "../../../shared/manpages"

// errnoToken is an errno-like word in man page text; the pages also hold
// words such as ERRORS that the caller filters out.
var errnoToken = regexp.MustCompile(`\bE[A-Z0-9]{2,}\b`)

// manPage is one row of the table in manpages/README.md.
type manPage struct {
	file, what string
}

// manPages returns the rows of the README table, or skips the test when the
// shared directory is not checked out.
func manPages(t *testing.T) []manPage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(manDir, "README.md"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is missing: check out the shared directory beside the repository to compare the spec with the man pages", manDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var pages []manPage
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 4 || !strings.HasSuffix(strings.TrimSpace(cells[1]), ".txt") {
			continue
		}
		pages = append(pages, manPage{file: strings.TrimSpace(cells[1]), what: strings.TrimSpace(cells[2])})
	}
	if len(pages) == 0 {
		t.Fatalf("%s/README.md has no table of man page files", manDir)
	}
	return pages
}

// manErrno is an errno a man page names, with the page it comes from.
type manErrno struct {
	name, page string
}

// freeBSDErrnos returns the errno names of the FreeBSD page, which were lost
// in extraction; README.md lists them in order after "in order they are".
func freeBSDErrnos(t *testing.T, pages []manPage) []manErrno {
	t.Helper()
	for _, p := range pages {
		if !strings.HasPrefix(p.what, "FreeBSD") {
			continue
		}
		_, list, ok := strings.Cut(p.what, "in order they are")
		if !ok {
			t.Fatalf("README.md row for %s no longer says \"in order they are\" before the errno names", p.file)
		}
		list, _, _ = strings.Cut(list, "—") // what follows is advice, not names
		var errnos []manErrno
		for _, name := range errnoToken.FindAllString(list, -1) {
			errnos = append(errnos, manErrno{name: name, page: p.file + " (names from README.md)"})
		}
		if len(errnos) == 0 {
			t.Fatalf("README.md row for %s lists no errno names", p.file)
		}
		return errnos
	}
	t.Fatal("README.md has no row for a FreeBSD man page")
	return nil
}

// linuxErrnos returns every errno x/sys/unix knows on linux that the Linux
// pages name. known is the set of Linux errno names.
func linuxErrnos(t *testing.T, pages []manPage, known map[string]bool) []manErrno {
	t.Helper()
	var errnos []manErrno
	linuxPages := 0
	for _, p := range pages {
		if !strings.HasPrefix(p.what, "Linux connect(2)") {
			continue
		}
		linuxPages++
		text, err := os.ReadFile(filepath.Join(manDir, p.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range errnoToken.FindAllString(string(text), -1) {
			if known[tok] {
				errnos = append(errnos, manErrno{name: tok, page: p.file})
			}
		}
	}
	if linuxPages == 0 || len(errnos) == 0 {
		t.Fatalf("README.md names %d Linux connect(2) pages, holding %d errno names; want some of each", linuxPages, len(errnos))
	}
	return errnos
}

// checkCovered fails for every errno the OS file of the repository spec
// does not map with a kind and a source.
func checkCovered(t *testing.T, osName string, errnos []manErrno) {
	t.Helper()
	s, err := spec.Load("../../spec")
	if err != nil {
		t.Fatalf("spec.Load(../../spec):\n%v", err)
	}
	f := s.OS(osName)
	if f == nil {
		t.Fatalf("the spec has no OS file %s", osName)
	}
	done := map[string]bool{}
	for _, e := range errnos {
		if done[e.name] {
			continue
		}
		done[e.name] = true
		r := f.Rule(e.name)
		switch {
		case r == nil:
			t.Errorf("%s names %s, but %s has no entry for it", e.page, e.name, f.File)
		case r.Kind.Name == "":
			t.Errorf("%s: the entry for %s (named by %s) has no kind", r.Pos, e.name, e.page)
		case len(r.Sources) == 0:
			t.Errorf("%s: the entry for %s (named by %s) has no source", r.Pos, e.name, e.page)
		}
	}
}

// TestManPageErrnosAreMapped checks every errno a connect(2) man page of an
// OS names has an entry in that OS's spec file.
func TestManPageErrnosAreMapped(t *testing.T) {
	pages := manPages(t)
	tests := []struct {
		os     string
		errnos func(*testing.T, []manPage) []manErrno
	}{
		{"linux", func(t *testing.T, pages []manPage) []manErrno { return linuxErrnos(t, pages, linuxErrnoNames(t)) }},
		{"freebsd", freeBSDErrnos},
	}
	for _, tt := range tests {
		t.Run(tt.os, func(t *testing.T) {
			checkCovered(t, tt.os, tt.errnos(t, pages))
		})
	}
}
