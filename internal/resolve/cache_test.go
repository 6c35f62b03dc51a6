package resolve_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/resolve"
)

// userCacheIn points os.UserCacheDir at a new temporary directory and
// returns it. The go command's own caches and settings stay where they are,
// so the loads the test runs neither download nor rebuild anything.
func userCacheIn(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "-json", "GOCACHE", "GOMODCACHE", "GOPATH", "GOENV").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	var env map[string]string
	if err := json.Unmarshal(out, &env); err != nil {
		t.Fatalf("go env -json: %v", err)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir) // most unix systems
	t.Setenv("HOME", dir)           // darwin and ios: $HOME/Library/Caches
	return dir
}

// cacheFiles returns the cache entries under dir, relative to it.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") && strings.Contains(filepath.ToSlash(p), "/connspec/xsys/") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCacheRoundTrip loads a target through a cache in a temporary user
// cache directory, then changes the stored entry: a valid entry is read
// back instead of loading, an entry that does not fit is loaded anew.
func TestCacheRoundTrip(t *testing.T) {
	dir := userCacheIn(t)
	ctx := context.Background()
	target := resolve.Target{GOOS: "linux", GOARCH: "amd64"}
	cache, err := resolve.OpenCache(ctx, moduleRoot)
	if err != nil || cache == nil {
		t.Fatalf("OpenCache(%s) = %v, %v; want a cache", moduleRoot, cache, err)
	}
	load := func() *resolve.Package {
		t.Helper()
		pkgs, err := resolve.Load(ctx, moduleRoot, []resolve.Target{target}, cache)
		if err != nil {
			t.Fatal(err)
		}
		return pkgs[target]
	}

	if got := load().Errnos["ECONNREFUSED"]; got != 111 {
		t.Fatalf("first load: ECONNREFUSED = %d, want 111", got)
	}
	files := cacheFiles(t, dir)
	if len(files) != 1 || filepath.Base(files[0]) != "linux_amd64.json" {
		t.Fatalf("after one load the cache under %s holds %v, want one linux_amd64.json", dir, files)
	}
	entry := files[0]
	stored, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	var p resolve.Package
	if err := json.Unmarshal(stored, &p); err != nil {
		t.Fatalf("the cache entry is not a Package: %v", err)
	}

	// A marked entry: a load that reads it back returns the mark.
	const mark = 9999
	p.Errnos["ECONNREFUSED"] = mark
	marked, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Target = resolve.Target{GOOS: "freebsd", GOARCH: "amd64"}
	otherTarget, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		entry []byte
		want  int64 // ECONNREFUSED as Load returns it
	}{
		{"entry is read back", marked, mark},
		{"entry for another target is ignored", otherTarget, 111},
		{"entry that is not JSON is ignored", []byte("{not json"), 111},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(entry, tt.entry, 0o644); err != nil {
				t.Fatal(err)
			}
			if got := load().Errnos["ECONNREFUSED"]; got != tt.want {
				t.Errorf("Load with the entry %.40q… gave ECONNREFUSED = %d, want %d", tt.entry, got, tt.want)
			}
			if tt.want == mark {
				return
			}
			// A load the cache could not serve stores its result.
			data, err := os.ReadFile(entry)
			if err != nil {
				t.Fatal(err)
			}
			var again resolve.Package
			if err := json.Unmarshal(data, &again); err != nil || again.Target != target || again.Errnos["ECONNREFUSED"] != 111 {
				t.Errorf("after reloading, the cache entry is %.60q…, want the fresh package (ECONNREFUSED 111)", data)
			}
		})
	}
}

// TestOpenCache checks which modules get a cache: none when x/sys is
// replaced by a directory, whose content no version pins.
func TestOpenCache(t *testing.T) {
	userCacheIn(t)
	replaced := t.TempDir()
	writeFile(t, filepath.Join(replaced, "go.mod"), "module example.com/m\n\ngo 1.26\n\nrequire golang.org/x/sys v0.0.0\n\nreplace golang.org/x/sys => ./sys\n")
	writeFile(t, filepath.Join(replaced, "sys", "go.mod"), "module golang.org/x/sys\n")
	without := t.TempDir()
	writeFile(t, filepath.Join(without, "go.mod"), "module example.com/m\n\ngo 1.26\n")

	tests := []struct {
		name      string
		dir       string
		wantCache bool
		wantErr   string
	}{
		{name: "x/sys at a version", dir: moduleRoot, wantCache: true},
		{name: "x/sys replaced by a directory", dir: replaced, wantCache: false},
		{name: "no x/sys requirement", dir: without, wantErr: "golang.org/x/sys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache, err := resolve.OpenCache(context.Background(), tt.dir)
			switch {
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("OpenCache(%s) error = %v, want one mentioning %s", tt.dir, err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("OpenCache(%s): %v", tt.dir, err)
			case (cache != nil) != tt.wantCache:
				t.Errorf("OpenCache(%s) = %v, want a cache: %t", tt.dir, cache, tt.wantCache)
			}
		})
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
