{# The final stages of a Node server or command-line app: tini, then node (slim or distroless) or bun. #}

# node as PID 1 ignores SIGTERM unless the app handles it; tini forwards signals so `docker stop` is quick.
# Debian's tini is dynamically linked (tens of KB): every final base here has glibc, distroless included.
FROM base AS tini
RUN apt-get update \
    && apt-get install -y --no-install-recommends "tini=0.19.*" \
    && rm -rf /var/lib/apt/lists/*
{% if c.drain %}
# Preloaded by node: a server with its own SIGTERM handler gets 1.5 s to finish, then exits even if timers it left
# behind (Remix's 5 s render-abort timeout) would keep it alive until docker stop kills it; one without a handler
# exits at once, as node does by default.
RUN printf '%s\n' \
    "process.once('SIGTERM', () => {" \
    "  if (process.listenerCount('SIGTERM') === 0) process.exit(143);" \
    "  setTimeout(() => process.exit(0), 1500).unref();" \
    "});"{% if c.loopback %} \
    "// A listen() on the app's PORT at a loopback host (the code's or its server's default) takes all interfaces:" \
    "// docker run -p cannot reach a container's loopback." \
    "const net = require('net'), listen = net.Server.prototype.listen, loopback = ['localhost', '127.0.0.1'];" \
    "net.Server.prototype.listen = function (...args) {" \
    "  const [first, host] = args, port = String(process.env.PORT);" \
    "  if (first && typeof first === 'object' && loopback.includes(first.host) && String(first.port) === port) {" \
    "    args[0] = { ...first, host: '0.0.0.0' };" \
    "  } else if (String(first) === port && loopback.includes(host)) args[1] = '0.0.0.0';" \
    "  return listen.apply(this, args);" \
    "};"{% endif %} > /stop.cjs
{% endif %}

# The final image: {{ "bun" if c.runtime == "bun" else "Node" }}, production dependencies and the files the app runs, as a non-root user.
FROM {{ c.runtime_image }} AS final
ARG VERSION=dev
LABEL org.opencontainers.image.title="{{ c.app_name }}" \
{% if c.source_url %}
      org.opencontainers.image.source="{{ c.source_url }}" \
{% endif %}
      org.opencontainers.image.version="${VERSION}"
{% if c.host_env %}
# {{ c.framework_name or 'The server' }} reads its listening address from {{ c.host_env.split() | join(' and ') }}: all interfaces, not only the container's loopback.
{% endif %}
ENV {{ c.run_env }}
{% if c.run_packages %}
# The shared libraries the native dependencies load at run time (no headers, no compiler).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.run_packages }} \
    && rm -rf /var/lib/apt/lists/*
{% endif %}
WORKDIR /app
COPY --from=tini /usr/bin/tini /usr/bin/tini
{% if c.drain %}
COPY --from=tini /stop.cjs /usr/local/lib/node-stop.cjs
{% endif %}
{% for line in c.deps_comment.split(' | ') if line %}
# {{ line }}
{% endfor %}
{% for copy in c.deps_copies.split(' + ') if copy %}
COPY {{ copy }}
{% endfor %}
# {{ c.files_comment }}
{% for copy in c.runtime_copies.split(' + ') if copy %}
COPY {{ copy }}
{% endfor %}
{% if c.workspace_app %}
WORKDIR /app/{{ c.workspace_app }}
{% endif %}
# The image's `{{ c.run_user_name }}` user, by number so that runAsNonRoot checks can verify it.
USER {{ c.run_user }}
{% if c.port %}
EXPOSE {{ c.port }}
{% endif %}
{% for line in c.start_comment.split(' | ') if line %}
# {{ line }}
{% endfor %}
ENTRYPOINT {{ c.start_entrypoint }}
{% if c.start_cmd %}
CMD {{ c.start_cmd }}
{% endif %}
