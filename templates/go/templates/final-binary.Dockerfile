{# The final stage of a Go project on a distroless base (static without cgo, base or cc with it). #}
# Final stage: only the binary on a distroless base (no shell, no package manager).
FROM {{ c.runtime_image }}{{ as_stage }}
