// Package web holds the frontend: `npm run build` writes dist/ (git-ignored), which the binary embeds.
package web

import "embed"

//go:embed all:dist
var Dist embed.FS
