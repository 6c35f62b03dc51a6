package portable

import (
	"context"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/platform"
)

// Connector runs the portable algorithms over another kernel and table, for
// the simulation.
type Connector = connector

// NewConnector returns a connector over k that reads the table t and labels
// errors with goos.
func NewConnector(k platform.Kernel, t *platform.Table, goos string) *Connector {
	return &connector{k: k, t: t, goos: goos}
}

func (c *connector) Connect(fd int, sa unix.Sockaddr) error { return c.connect(fd, sa) }

func (c *connector) ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) error {
	return c.connectContext(ctx, fd, sa)
}

func (c *connector) Finish(fd int) error { return c.finish(fd) }

func (c *connector) Disconnect(fd int) error { return c.disconnect(fd) }

func (c *connector) KindOf(err error) Kind { return c.kindOf(err, platform.FamilyAny) }
