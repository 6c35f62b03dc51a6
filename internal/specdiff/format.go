package specdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/connspec/connspec/internal/spec"
)

// Report is what gen diff found: two sides and the findings between them.
type Report struct {
	// Base and Head are the sides compared.
	Base, Head Side
	// Findings are Diff's, in its order.
	Findings []Finding
}

// Formats write a Report, by the name gen diff's -format takes.
var Formats = map[string]func(io.Writer, *Report) error{
	"text":     writeText,
	"markdown": writeMarkdown,
	"json":     writeJSON,
	"github":   writeGitHub,
}

// writeText writes one finding a line:
//
//	breaking ERRNO-KIND-CHANGED spec/os/linux.yaml:41 -> spec/os/linux.yaml:43: linux EAGAIN: kind addr_not_available -> peer_busy
func writeText(w io.Writer, r *Report) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}

// writeMarkdown writes a pull-request comment: a summary line with the
// counts, then a table per severity that has findings.
func writeMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**Spec diff** %s → %s: ", mdEscape(r.Base.Label()), mdEscape(r.Head.Label()))
	if len(r.Findings) == 0 {
		b.WriteString("no semantic changes\n")
	} else {
		b.WriteString(CountsText(Count(r.Findings)) + "\n")
	}
	for _, s := range Severities {
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
	return "`" + Location(p) + "`"
}

// JSONReport is the document -format json writes, for tools that read
// gen diff's output.
type JSONReport struct {
	Base     JSONSide      `json:"base"`
	Head     JSONSide      `json:"head"`
	Counts   JSONCounts    `json:"counts"`
	Findings []JSONFinding `json:"findings"`
}

// JSONSide is one side of a JSONReport.
type JSONSide struct {
	// Ref and Commit name a revision; Worktree is set for the working tree.
	Ref      string `json:"ref,omitempty"`
	Commit   string `json:"commit,omitempty"`
	Worktree bool   `json:"worktree,omitempty"`
	// NoSpec says the side has no spec directory.
	NoSpec bool `json:"no_spec,omitempty"`
}

// JSONCounts counts a JSONReport's findings by severity.
type JSONCounts struct {
	Breaking int `json:"breaking"`
	Additive int `json:"additive"`
	Info     int `json:"info"`
}

// JSONFinding is one finding of a JSONReport; Old or New is absent for
// something added or removed.
type JSONFinding struct {
	Rule     string   `json:"rule"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Old      *JSONPos `json:"old,omitempty"`
	New      *JSONPos `json:"new,omitempty"`
}

// JSONPos is a place in a spec file.
type JSONPos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// writeJSON writes the report as one JSON object; an absent place is
// left out.
func writeJSON(w io.Writer, r *Report) error {
	toSide := func(s Side) JSONSide {
		return JSONSide{Ref: s.Ref, Commit: s.Commit, Worktree: s.Ref == "", NoSpec: s.Spec == nil}
	}
	toPos := func(p spec.Pos) *JSONPos {
		if p.File == "" {
			return nil
		}
		return &JSONPos{File: p.File, Line: p.Line, Col: p.Col}
	}
	counts := Count(r.Findings)
	doc := JSONReport{
		Base:     toSide(r.Base),
		Head:     toSide(r.Head),
		Counts:   JSONCounts{Breaking: counts[Breaking], Additive: counts[Additive], Info: counts[Info]},
		Findings: []JSONFinding{},
	}
	for _, f := range r.Findings {
		doc.Findings = append(doc.Findings, JSONFinding{Rule: string(f.Rule), Severity: string(f.Severity), Message: f.Message, Old: toPos(f.Old), New: toPos(f.New)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages say "->"
	return enc.Encode(doc)
}

// annotationLevels maps severities to GitHub workflow commands.
var annotationLevels = map[Severity]string{
	Breaking: "error",
	Additive: "warning",
	Info:     "notice",
}

// writeGitHub writes GitHub Actions workflow commands that annotate the
// pull request's files: at the new place, or the old one for something
// removed.
//
//	::error file=spec/os/linux.yaml,line=43,title=ERRNO-KIND-CHANGED::linux EAGAIN: kind addr_not_available -> peer_busy
func writeGitHub(w io.Writer, r *Report) error {
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

// CountsText says how many findings of each severity there are: "2
// breaking, 1 additive, 0 info".
func CountsText(counts map[Severity]int) string {
	var parts []string
	for _, s := range Severities {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	return strings.Join(parts, ", ")
}

// bySeverity returns the findings of one severity, in order.
func bySeverity(findings []Finding, s Severity) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}
