{# Servers that read their listening address from the environment (host_env: Next.js, Astro, Nuxt, …). #}
# {{ c.framework_name or 'The server' }} reads its listening address from {{ c.host_env.split() | join(' and ') }}: all interfaces, not only the container's loopback.
