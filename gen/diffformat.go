package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
)

// diffReport is what gen diff found, for the output formats.
type diffReport struct {
	// Base and Head are the sides compared.
	Base, Head side
	// Findings are specdiff.Diff's, in its order.
	Findings []specdiff.Finding
}

// writeText writes one finding a line:
//
//	breaking ERRNO-KIND-CHANGED spec/os/linux.yaml:41 -> spec/os/linux.yaml:43: linux EAGAIN: kind addr_not_available -> peer_busy
func writeText(w io.Writer, r *diffReport) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}

// writeMarkdown writes a pull-request comment: a summary line with the
// counts, then a table per severity that has findings.
func writeMarkdown(w io.Writer, r *diffReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**Spec diff** %s → %s: ", mdEscape(r.Base.label()), mdEscape(r.Head.label()))
	if len(r.Findings) == 0 {
		b.WriteString("no semantic changes\n")
	} else {
		b.WriteString(countsText(specdiff.Count(r.Findings)) + "\n")
	}
	for _, s := range specdiff.Severities {
		findings := bySeverity(r.Findings, s)
		if len(findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n#### %s%s\n\n", strings.ToUpper(string(s[:1])), s[1:])
		b.WriteString("| Rule | Change | Old | New |\n| --- | --- | --- | --- |\n")
		for _, f := range findings {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Rule, mdEscape(f.Message), mdLocation(f.Old), mdLocation(f.New))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps text from breaking the table or turning into markup.
var mdEscape = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "`", "\\`", "<", `\<`).Replace

func mdLocation(p spec.Pos) string {
	if p.File == "" {
		return "—"
	}
	return "`" + specdiff.Location(p) + "`"
}

// jsonReport is the -format json document.
type jsonReport struct {
	Base     jsonSide      `json:"base"`
	Head     jsonSide      `json:"head"`
	Counts   jsonCounts    `json:"counts"`
	Findings []jsonFinding `json:"findings"`
}

type jsonSide struct {
	// Ref and Commit name a revision; Worktree is set for the working tree.
	Ref      string `json:"ref,omitempty"`
	Commit   string `json:"commit,omitempty"`
	Worktree bool   `json:"worktree,omitempty"`
	// NoSpec says the side has no spec directory.
	NoSpec bool `json:"no_spec,omitempty"`
}

type jsonCounts struct {
	Breaking int `json:"breaking"`
	Additive int `json:"additive"`
	Info     int `json:"info"`
}

type jsonFinding struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Old      *jsonPos `json:"old,omitempty"`
	New      *jsonPos `json:"new,omitempty"`
}

type jsonPos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// writeJSON writes the report as one JSON object; an absent place is
// left out.
func writeJSON(w io.Writer, r *diffReport) error {
	toSide := func(s side) jsonSide {
		return jsonSide{Ref: s.Ref, Commit: s.Commit, Worktree: s.Ref == "", NoSpec: s.Spec == nil}
	}
	toPos := func(p spec.Pos) *jsonPos {
		if p.File == "" {
			return nil
		}
		return &jsonPos{File: p.File, Line: p.Line, Col: p.Col}
	}
	counts := specdiff.Count(r.Findings)
	doc := jsonReport{
		Base:     toSide(r.Base),
		Head:     toSide(r.Head),
		Counts:   jsonCounts{Breaking: counts[specdiff.Breaking], Additive: counts[specdiff.Additive], Info: counts[specdiff.Info]},
		Findings: []jsonFinding{},
	}
	for _, f := range r.Findings {
		doc.Findings = append(doc.Findings, jsonFinding{Rule: string(f.Rule), Severity: string(f.Severity), Message: f.Message, Old: toPos(f.Old), New: toPos(f.New)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages say "->"
	return enc.Encode(doc)
}

// annotationLevels maps severities to GitHub workflow commands.
var annotationLevels = map[specdiff.Severity]string{
	specdiff.Breaking: "error",
	specdiff.Additive: "warning",
	specdiff.Info:     "notice",
}

// writeGitHub writes GitHub Actions workflow commands that annotate the
// pull request's files: at the new place, or the old one for something
// removed.
//
//	::error file=spec/os/linux.yaml,line=43,title=ERRNO-KIND-CHANGED::linux EAGAIN: kind addr_not_available -> peer_busy
func writeGitHub(w io.Writer, r *diffReport) error {
	for _, f := range r.Findings {
		p := f.Where()
		props := "file=" + ghProperty(p.File)
		if p.Line > 0 {
			props += fmt.Sprintf(",line=%d", p.Line)
		}
		props += ",title=" + ghProperty(string(f.Rule))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", annotationLevels[f.Severity], props, ghData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// ghData and ghProperty escape a workflow command's message and property
// values as the Actions runner unescapes them.
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
)

// countsText says how many findings of each severity there are: "2
// breaking, 1 additive, 0 info".
func countsText(counts map[specdiff.Severity]int) string {
	var parts []string
	for _, s := range specdiff.Severities {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	return strings.Join(parts, ", ")
}

// bySeverity returns the findings of one severity, in order.
func bySeverity(findings []specdiff.Finding, s specdiff.Severity) []specdiff.Finding {
	var out []specdiff.Finding
	for _, f := range findings {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}
