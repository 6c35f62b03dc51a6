package resolve

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// cacheSchema changes whenever Package changes shape, so old entries are
// not read back.
const cacheSchema = "3"

// Cache keeps loaded packages on disk between runs. A loaded package only
// depends on the Go version, the x/sys/unix module version (whose content
// the go.sum checksum pins) and the target, so those name the entry. A nil
// *Cache caches nothing.
type Cache struct {
	dir string // holds one JSON file per target
}

// OpenCache returns the cache for the x/sys that the module in dir
// requires, under the user cache directory. It returns nil, caching
// nothing, when x/sys is replaced by a local directory, whose content
// no version pins.
func OpenCache(ctx context.Context, dir string) (*Cache, error) {
	out, err := goCommand(ctx, dir, "list", "-m", "-f", "{{.Version}} {{if .Replace}}replaced{{end}}", "golang.org/x/sys")
	if err != nil {
		return nil, err
	}
	version, replaced, _ := strings.Cut(out, " ")
	if replaced != "" || version == "" {
		return nil, nil
	}
	goVersion, err := goCommand(ctx, dir, "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return nil, nil
	}
	key := strings.Join([]string{"schema" + cacheSchema, goVersion, "xsys-" + version}, "-")
	return &Cache{dir: filepath.Join(base, "connspec", "xsys", key)}, nil
}

func (c *Cache) path(t Target) string {
	return filepath.Join(c.dir, t.GOOS+"_"+t.GOARCH+".json")
}

func (c *Cache) get(t Target) (*Package, bool) {
	if c == nil {
		return nil, false
	}
	data, err := os.ReadFile(c.path(t))
	if err != nil {
		return nil, false
	}
	var p Package
	if json.Unmarshal(data, &p) != nil || p.Target != t {
		return nil, false
	}
	return &p, true
}

// put stores p; a cache that cannot be written only costs time, so errors
// are dropped.
func (c *Cache) put(p *Package) {
	if c == nil {
		return
	}
	data, err := json.Marshal(p)
	if err != nil || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	tmp := c.path(p.Target) + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, c.path(p.Target))
	}
}

func goCommand(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
