package specdiff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/connspec/connspec/internal/gitrev"
	"github.com/connspec/connspec/internal/spec"
)

// Side is one end of a comparison: a git revision or the working tree.
type Side struct {
	// Ref is the revision as given (-base, -head); empty for the working
	// tree.
	Ref string
	// Commit is the commit Ref names; empty for the working tree.
	Commit string
	// Spec is the spec there; nil when there is no spec directory.
	Spec *spec.Spec
}

// Label names the side for people: "HEAD~1 (e70a75a)", "e70a75a" or
// "working tree".
func (s Side) Label() string {
	switch {
	case s.Ref == "":
		return "working tree"
	case strings.HasPrefix(s.Commit, s.Ref):
		return fmt.Sprintf("%.7s", s.Commit)
	}
	return fmt.Sprintf("%s (%.7s)", s.Ref, s.Commit)
}

// Where says where the side's spec is: "at HEAD~1 (e70a75a)" or "in the
// working tree".
func (s Side) Where() string {
	if s.Ref == "" {
		return "in the working tree"
	}
	return "at " + s.Label()
}

// Load reads the spec of s: the revision's, or the working tree's when
// s.Ref is empty. A side without the spec directory has a nil Spec.
func (s *Side) Load(root, dir string) error {
	var fsys fs.FS
	if s.Ref == "" {
		full := filepath.Join(root, filepath.FromSlash(dir))
		if _, err := os.Stat(full); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		fsys = os.DirFS(full)
	} else {
		commit, err := gitrev.Commit(root, s.Ref)
		if err != nil {
			return err
		}
		s.Commit = commit
		tree, err := gitrev.Tree(root, commit, dir)
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
