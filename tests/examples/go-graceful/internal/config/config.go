// Package config holds the service's settings: the port is a constant here, not in the file that listens.
package config

import "time"

const (
	// ServerAddr is where the API listens.
	ServerAddr = ":8094"
	// ShutdownTimeout bounds the graceful shutdown.
	ShutdownTimeout = 5 * time.Second
)
