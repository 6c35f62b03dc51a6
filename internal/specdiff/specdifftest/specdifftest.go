// Package specdifftest gives the tests of package specdiff and of gen diff
// the same changes to make to a copy of the repository's spec, at least one
// per rule, and the findings each must give.
//
// The findings name places by the text written there rather than by line
// number ({new os/linux.yaml|errno: EAGAIN|kind:} is the line of the first
// "kind:" after "errno: EAGAIN" in the new linux.yaml), so the cases keep
// working while the spec grows.
package specdifftest

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
)

// Files is a spec directory in memory: file contents by slash path
// relative to the directory ("kinds.yaml", "os/linux.yaml").
type Files map[string][]byte

// ReadSpec reads every file under dir.
func ReadSpec(dir string) (Files, error) {
	files := Files{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(dir, p))
		files[p] = data
		return err
	})
	return files, err
}

// Clone returns a copy that edits do not share.
func (f Files) Clone() Files { return maps.Clone(f) }

// FS returns the files as a file system, for spec.LoadFS.
func (f Files) FS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, data := range f {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// Edit is one change to one file.
type Edit struct {
	// File is the file changed, relative to the spec directory.
	File string
	// After, when set, is text the change is made after (its first
	// occurrence).
	After string
	// Old is the text replaced by New, its first occurrence after After.
	// With Drop, the line holding Old is removed with the lines indented
	// under it: one list item or mapping entry.
	Old, New string
	// Drop removes the entry on Old's line instead of replacing Old.
	Drop bool
	// Append adds text at the end of the file.
	Append string
	// CopyFrom creates File as a copy of this file.
	CopyFrom string
	// EveryOS makes the edit in every OS file (os/*.yaml) instead of File.
	EveryOS bool
}

// Apply makes the edits, in order.
func (f Files) Apply(edits []Edit) error {
	for _, e := range edits {
		if e.EveryOS {
			if err := f.everyOS(e); err != nil {
				return err
			}
			continue
		}
		if e.CopyFrom != "" {
			data, ok := f[e.CopyFrom]
			if !ok {
				return fmt.Errorf("no file %s to copy", e.CopyFrom)
			}
			f[e.File] = data
			continue
		}
		data, ok := f[e.File]
		if !ok {
			return fmt.Errorf("no file %s to edit", e.File)
		}
		text := string(data)
		if e.Append != "" {
			f[e.File] = []byte(text + e.Append)
			continue
		}
		start := 0
		if e.After != "" {
			i := strings.Index(text, e.After)
			if i < 0 {
				return fmt.Errorf("%s: no %q to edit after", e.File, e.After)
			}
			start = i + len(e.After)
		}
		i := strings.Index(text[start:], e.Old)
		if i < 0 {
			return fmt.Errorf("%s: no %q after %q", e.File, e.Old, e.After)
		}
		i += start
		if e.Drop {
			// Old may start with a newline to match a whole key; the
			// entry is on the line after it.
			i += len(e.Old) - len(strings.TrimLeft(e.Old, "\n"))
			text = dropEntry(text, i)
		} else {
			text = text[:i] + e.New + text[i+len(e.Old):]
		}
		f[e.File] = []byte(text)
	}
	return nil
}

// everyOS makes e in every OS file.
func (f Files) everyOS(e Edit) error {
	for _, name := range slices.Sorted(maps.Keys(f)) {
		if strings.HasPrefix(name, "os/") {
			e.File, e.EveryOS = name, false
			if err := f.Apply([]Edit{e}); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropEntry removes the line holding text[i] and the lines after it that
// are indented deeper: a "- " list item, or a "key:" entry, with its
// content.
func dropEntry(text string, i int) string {
	lineStart := strings.LastIndex(text[:i], "\n") + 1
	lines := strings.SplitAfter(text[lineStart:], "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	end := 1
	for j := 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "" {
			continue
		}
		if indent(lines[j]) <= indent(lines[0]) {
			break
		}
		end = j + 1
	}
	return text[:lineStart] + strings.Join(lines[end:], "")
}

// place matches a place written in a case's findings.
var place = regexp.MustCompile(`\{(old|new|count old|count new) ([^|}]+)((?:\|[^|}]+)*)\}`)

// Expand replaces the places in want with display/FILE:LINE, and
// {count old FILE|text} with how often text occurs in the file.
func Expand(want, display string, old, new Files) (string, error) {
	var err error
	out := place.ReplaceAllStringFunc(want, func(m string) string {
		sub := place.FindStringSubmatch(m)
		side, file, anchors := sub[1], sub[2], strings.Split(sub[3], "|")[1:]
		files := old
		if strings.HasSuffix(side, "new") {
			files = new
		}
		data, ok := files[file]
		if !ok {
			err = fmt.Errorf("%s: the %s spec has no %s", m, side, file)
			return m
		}
		text := string(data)
		if strings.HasPrefix(side, "count") {
			return strconv.Itoa(strings.Count(text, anchors[0]))
		}
		at, from := 0, 0
		for _, a := range anchors {
			i := strings.Index(text[from:], a)
			if i < 0 {
				err = fmt.Errorf("%s: no %q in the %s %s", m, a, side, file)
				return m
			}
			// An anchor may start with a newline to match from the
			// start of a line; the place is on the line after it.
			at, from = from+i+len(a)-len(strings.TrimLeft(a, "\n")), from+i+len(a)
		}
		return fmt.Sprintf("%s:%d", path.Join(display, file), strings.Count(text[:at], "\n")+1)
	})
	return out, err
}
