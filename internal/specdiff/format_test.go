package specdiff

import "testing"

func TestDiffMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":              `a \| b`,
		"<sys/un.h>":         `\<sys/un.h>`,
		"*p and `x`":         "\\*p and \\`x\\`",
		`C:\path`:            `C:\\path`,
		"[EINTR] -> [EINTR]": "[EINTR] -> [EINTR]",
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDiffGitHubEscape(t *testing.T) {
	if got, want := ghData("50% done\nnext"), "50%25 done%0Anext"; got != want {
		t.Errorf("ghData = %q, want %q", got, want)
	}
	if got, want := ghProperty("a,b:c"), "a%2Cb%3Ac"; got != want {
		t.Errorf("ghProperty = %q, want %q", got, want)
	}
}
