package spec_test

import (
	"errors"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/connspec/connspec/internal/spec"
)

// fuzzLoad loads the fixture with file replaced by data: any bytes give a
// spec or a spec.ErrorList whose every problem names the file it is in
// (file:line:col where there is a line), never a panic, and within a
// second.
func fuzzLoad(t *testing.T, file string, data []byte) {
	fsys := fixture(t)
	write(file, string(data))(t, fsys)
	type result struct {
		s   *spec.Spec
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := spec.LoadFS(fsys, display)
		done <- result{s, err}
	}()
	var s *spec.Spec
	var err error
	select {
	case r := <-done:
		s, err = r.s, r.err
	case <-time.After(time.Second):
		t.Fatalf("loading %d bytes took more than a second; a spec file must load within a second", len(data))
	}
	if err == nil {
		if s == nil {
			t.Fatal("LoadFS returned neither a spec nor an error")
		}
		return
	}
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("LoadFS returned %T %v, want a non-empty spec.ErrorList", err, err)
	}
	for _, e := range list {
		if e.Pos.File == "" || !strings.HasPrefix(e.Error(), e.Pos.File) || e.Msg == "" {
			t.Fatalf("problem %q does not name its place", e.Error())
		}
		if e.Pos.Line < 0 || e.Pos.Col < 0 {
			t.Fatalf("problem %q has a negative position", e.Error())
		}
	}
}

// seed adds the fixture's file and the repository's files of the same kind
// to the corpus.
func seed(f *testing.F, fixtureFile string, repoFiles ...string) {
	data, err := os.ReadFile(path.Join(validDir, fixtureFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	for _, p := range repoFiles {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

func FuzzLoadKinds(f *testing.F) {
	seed(f, "kinds.yaml", "../../spec/kinds.yaml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "kinds.yaml", data) })
}

func FuzzLoadScenarios(f *testing.F) {
	seed(f, "scenarios.yaml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "scenarios.yaml", data) })
}

func FuzzLoadOS(f *testing.F) {
	seed(f, "os/linux.yaml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "os/linux.yaml", data) })
}
