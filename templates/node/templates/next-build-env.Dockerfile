{# Next.js projects built as a standalone server. #}
# Next.js builds its standalone server (server.js and only the files it traces) with this set, as with
# output: 'standalone' in next.config{{ ', tracing from the workspace root' if c.workspace_app else '' }} (settings, not secrets).
# hadolint ignore=DL3064
ENV {{ c.build_env }}
