package rules

import "strings"

// initialisms are the words Go writes in capitals (Go Code Review Comments,
// "Initialisms").
var initialisms = map[string]bool{
	"af": true, "fd": true, "id": true, "io": true, "ip": true, "os": true,
	"so": true, "tcp": true, "udp": true,
}

// GoName turns a snake_case spec name into an exported Go name, writing
// initialisms in capitals: host_unreachable is HostUnreachable, io_error
// IOError, so_error SOError.
func GoName(snake string) string {
	var b strings.Builder
	for _, part := range strings.Split(snake, "_") {
		switch {
		case part == "":
		case initialisms[part]:
			b.WriteString(strings.ToUpper(part))
		default:
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
