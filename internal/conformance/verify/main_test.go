//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/conformance"
	"go.yaml.in/yaml/v4"
)

func verify(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestVerifyAgrees(t *testing.T) {
	code, out, errOut := verify(t, "-spec", "../../../spec", "-only", "tcp-refused,unix-not-found,udp-dissolve")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"SCENARIO", "tcp-refused", "refused (ECONNREFUSED)", "unix-not-found", "udp-dissolve", "3 agree, 0 disagree"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// A wrong entry in a scratch copy of the spec makes verify exit 1 and name
// the scenario.
func TestVerifyNamesADisagreement(t *testing.T) {
	if conformance.HostTable().Spec != "linux" {
		t.Skipf("the wrong entry is written into linux.yaml; this is %s", conformance.HostTable().Spec)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../../spec")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "os", "linux.yaml")
	data, _ := os.ReadFile(path)
	const right = "  tcp-refused-nonblocking:\n    connect: [EINPROGRESS]\n    so_error: [ECONNREFUSED]"
	if !bytes.Contains(data, []byte(right)) {
		t.Fatalf("%s no longer has the entry this test corrupts", path)
	}
	os.WriteFile(path, bytes.Replace(data, []byte(right), []byte(strings.Replace(right, "ECONNREFUSED]", "ETIMEDOUT]", 1)), 1), 0o644)
	code, out, errOut := verify(t, "-spec", dir, "-only", "tcp-refused-nonblocking,tcp-refused")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "tcp-refused-nonblocking ") {
			line = l
		}
	}
	if !strings.Contains(line, "DISAGREE") || !strings.Contains(line, "SO_ERROR read ECONNREFUSED, the spec says ETIMEDOUT") {
		t.Errorf("the disagreement is not reported on the scenario's line: %q\n%s", line, out)
	}
	if !strings.Contains(out, "1 agree, 1 disagree") {
		t.Errorf("summary wrong:\n%s", out)
	}
}

// -yaml prints the observed answers in the spec's own format.
func TestVerifyYAML(t *testing.T) {
	code, out, errOut := verify(t, "-spec", "../../../spec", "-yaml", "-only", "tcp-refused,tcp-refused-nonblocking,unix-empty-path")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	var doc struct {
		Scenarios map[string]struct {
			Connect []string `yaml:"connect"`
			SOError []string `yaml:"so_error"`
			Sources []string `yaml:"sources"`
		} `yaml:"scenarios"`
	}
	if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("-yaml output does not parse: %v\n%s", err, out)
	}
	refused := doc.Scenarios["tcp-refused"]
	if strings.Join(refused.Connect, ",") != "ECONNREFUSED" || len(refused.Sources) != 1 || !strings.HasPrefix(refused.Sources[0], "conformance: internal/conformance tcp-refused") {
		t.Errorf("tcp-refused printed as %+v", refused)
	}
	if nb := doc.Scenarios["tcp-refused-nonblocking"]; strings.Join(nb.Connect, ",") != "EINPROGRESS" || nb.SOError[len(nb.SOError)-1] != "ECONNREFUSED" {
		t.Errorf("tcp-refused-nonblocking printed as %+v", nb)
	}
	if _, ok := doc.Scenarios["unix-empty-path"]; ok {
		t.Errorf("a scenario settled before the kernel has no kernel answers to print")
	}
}

func TestVerifyRejectsUnknownScenario(t *testing.T) {
	if code, _, errOut := verify(t, "-spec", "../../../spec", "-only", "tcp-refusd"); code != 2 || !strings.Contains(errOut, `no scenario "tcp-refusd"`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// -net provokes through package net and the conn API, as verify does on
// Windows, and prints the answers the dials and ConnectConn calls saw.
func TestVerifyThroughNet(t *testing.T) {
	code, out, errOut := verify(t, "-spec", "../../../spec", "-net", "-yaml", "-only", "tcp-refused,udp-dissolve,tcp-refused-nonblocking")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"  tcp-refused:\n    connect: [ECONNREFUSED]\n", "  udp-dissolve:\n    connect: [ok, unseen]\n    # unseen: not seen"} {
		if !strings.Contains(out, want) {
			t.Errorf("-net -yaml output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "tcp-refused-nonblocking") {
		t.Errorf("a scenario with no net provoker is printed:\n%s", out)
	}
}
