package platform_test

import (
	"fmt"

	"github.com/connspec/connspec/platform"
)

// An errno rule resolves to the first case whose conditions hold: Linux's
// EAGAIN means a full backlog for AF_UNIX and a lack of ports otherwise.
func ExampleErrnoRule_Resolve() {
	eagain := platform.ErrnoRule{
		Name:    "EAGAIN",
		Default: platform.Meaning{Kind: platform.KindAddrNotAvailable, Text: "no free local port"},
		Cases: []platform.Case{{
			Family:  platform.FamilyUnix,
			Meaning: platform.Meaning{Kind: platform.KindPeerBusy, Text: "the listener's backlog is full"},
		}},
	}
	fmt.Println(eagain.Resolve(platform.Facts{Family: platform.FamilyUnix}).Text)
	fmt.Println(eagain.Resolve(platform.Facts{Family: platform.FamilyInet}).Text)
	// Output:
	// the listener's backlog is full
	// no free local port
}
