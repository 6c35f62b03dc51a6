// Package gitrev reads a directory of a git repository as it is at a
// revision, for gen diff: the revision's commit, and its files as an
// fs.FS, read with one git process. A revision the clone lacks (the base of
// a shallow clone, a branch not fetched) gets an error that says how to
// fetch it.
package gitrev

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
)

// Git runs git in dir and returns its standard output; a failure carries
// git's own message.
func Git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

// Root returns the top of the git work tree enclosing dir.
func Root(dir string) (string, error) {
	out, err := Git(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("not in a git work tree (gen diff compares git revisions): %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Commit returns the commit ref names. A revision the clone does
// not hold, shallow clones' parents above all, gets an error that says how
// to fetch it.
func Commit(root, ref string) (string, error) {
	// Like git cat-file -e REF^{commit}, and gives the hash too.
	out, err := Git(root, nil, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err == nil {
		return strings.TrimSpace(string(out)), nil
	}
	fetch := fetchCommand(root, ref)
	how := "check the name"
	if fetch != "" {
		how += ", or fetch it: " + fetch
	}
	if out, _ := Git(root, nil, "rev-parse", "--is-shallow-repository"); strings.TrimSpace(string(out)) == "true" {
		how = "this clone is shallow and lacks it; fetch more history: git fetch --deepen=<n> (n more commits), git fetch --unshallow"
		if fetch != "" {
			how += ", or " + fetch
		}
		how += " (in GitHub Actions: actions/checkout with fetch-depth: 0)"
	}
	return "", fmt.Errorf("revision %q is not in this repository: %s", ref, how)
}

// fetchCommand returns the git fetch that brings ref, or "" for a revision
// named relative to another (HEAD~1), which no remote serves by name.
func fetchCommand(root, ref string) string {
	if strings.ContainsAny(ref, "~^:@") {
		return ""
	}
	remotes, _ := Git(root, nil, "remote")
	for _, r := range strings.Fields(string(remotes)) {
		if branch, ok := strings.CutPrefix(ref, r+"/"); ok {
			return "git fetch " + r + " " + branch
		}
	}
	return "git fetch origin " + ref
}

// Tree returns the files under dir (a slash path relative to the
// repository root) at commit, named relative to dir, as a read-only file
// system held in memory, whose directories the paths of their files imply.
// A commit without dir gives an empty tree.
func Tree(root, commit, dir string) (fstest.MapFS, error) {
	listing, err := Git(root, nil, "ls-tree", "-r", "-z", "--full-tree", commit, "--", dir)
	if err != nil {
		return nil, err
	}
	var names, ids []string
	for entry := range strings.SplitSeq(strings.TrimSuffix(string(listing), "\x00"), "\x00") {
		// <mode> SP <type> SP <object> TAB <path>
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		// Only regular files: a symbolic link's blob is its target, a
		// submodule has no blob.
		if !ok || len(fields) != 3 || fields[1] != "blob" || fields[0] == "120000" {
			continue
		}
		rel, ok := strings.CutPrefix(name, dir+"/")
		if dir == "." {
			rel, ok = name, true
		}
		if ok {
			names, ids = append(names, rel), append(ids, fields[2])
		}
	}
	tree := fstest.MapFS{}
	if len(ids) == 0 {
		return tree, nil
	}
	// One git process reads every blob.
	out, err := Git(root, strings.NewReader(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for i, name := range names {
		// <object> SP <type> SP <size> LF <contents> LF
		header, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file --batch: %v", err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 || fields[0] != ids[i] {
			return nil, fmt.Errorf("git cat-file --batch: unexpected header %q for %s", header, name)
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file --batch: bad size in %q", header)
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("git cat-file --batch: %s: %v", name, err)
		}
		tree[name] = &fstest.MapFile{Data: data[:size]}
	}
	return tree, nil
}

// Path returns dir (relative to the repository root, or absolute) as a
// clean slash path relative to root, the form git and positions use.
func Path(root, dir string) (string, error) {
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
