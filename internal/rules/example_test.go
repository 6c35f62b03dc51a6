package rules_test

import (
	"fmt"

	"github.com/connspec/connspec/internal/rules"
)

// An errno rule resolves to the first case whose conditions hold: Linux's
// EAGAIN means a full backlog for AF_UNIX and a lack of ports otherwise.
func ExampleErrnoRule_Resolve() {
	eagain := rules.ErrnoRule[string, string]{
		Errno:   "EAGAIN",
		Default: rules.Meaning[string]{Kind: "addr_not_available", Text: "no free local port"},
		Cases: []rules.Case[string]{{
			Family:  rules.FamilyUnix,
			Meaning: rules.Meaning[string]{Kind: "peer_busy", Text: "the listener's backlog is full"},
		}},
	}
	fmt.Println(eagain.Resolve(rules.Facts{Family: rules.FamilyUnix}).Kind)
	fmt.Println(eagain.Resolve(rules.Facts{Family: rules.FamilyInet}).Kind)
	// Output:
	// peer_busy
	// addr_not_available
}

func ExampleGoName() {
	fmt.Println(rules.GoName("host_unreachable"), rules.GoName("io_error"), rules.GoName("so_error"))
	// Output: HostUnreachable IOError SOError
}
