package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCrosscheck(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"a package that type-checks", []string{"-targets", "js/wasm plan9/amd64", "-tests=false", "../rules"}, 0, "type-checked for 2 targets"},
		{"a package that does not exist", []string{"-targets", "js/wasm", "./nowhere"}, 1, "1 problem(s)"},
		{"a target without a slash", []string{"-targets", "windows", "../rules"}, 2, `target "windows" is not goos/goarch`},
		{"no targets", []string{"../rules"}, 2, "no -targets given"},
		{"no packages", []string{"-targets", "js/wasm"}, 2, "no packages given"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(c.args, &stdout, &stderr)
			if code != c.code || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("crosscheck %q: exit %d, stderr %q; want exit %d, stderr with %q\nstdout: %s", c.args, code, stderr.String(), c.code, c.stderr, stdout.String())
			}
		})
	}
}
