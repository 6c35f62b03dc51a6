// Package importer imports portable and uses the API every GOOS has, as
// a cross-OS program does; TestPortableTypeChecksOnEveryTarget
// type-checks it for every target. (A library, not a command, so that
// android and ios, which link only with cgo, type-check without it.)
package importer

import (
	"errors"
	"net"

	"github.com/connspec/connspec/portable"
)

// Use calls what portable offers on every GOOS.
func Use() {
	c, _ := net.ListenUDP("udp", nil)
	err := portable.ConnectConn(c, &net.UDPAddr{Port: 53})
	_ = portable.DisconnectConn(c)
	var pe *portable.Error
	_ = errors.As(err, &pe) && pe.Kind == portable.Refused
	_ = portable.KindOf(err) == portable.KindOf(portable.ErrTimedOut)
}
