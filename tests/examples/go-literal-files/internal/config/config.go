// Package config reads the server's settings from the environment, with defaults.
package config

import "os"

// Config is what the server needs to start.
type Config struct{ Addr string }

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

// Load reads SERVER_PORT (default 8093).
func Load() Config {
	return Config{Addr: ":" + getEnv("SERVER_PORT", "8093")}
}
