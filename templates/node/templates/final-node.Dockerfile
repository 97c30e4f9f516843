{# The final stages of a Node server or command-line app: tini, then node (slim or distroless) or bun. #}

# node as PID 1 ignores SIGTERM unless the app handles it; tini forwards signals so `docker stop` is quick.
# Debian's tini is dynamically linked (tens of KB): every final base here has glibc, distroless included.
FROM base AS tini
RUN apt-get update \
    && apt-get install -y --no-install-recommends "tini=0.19.*" \
    && rm -rf /var/lib/apt/lists/*
# The app's working directory, made here because distroless has no shell: root's, writable by the app's group
# and sticky, so the app can create files in it (uploads/, a SQLite database, logs) but cannot change or delete
# the root-owned code copied into it.
RUN mkdir -p /workdir/app && chmod 1775 /workdir/app
{% for part in c.tini_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}

# The final image: {{ "bun" if c.runtime == "bun" else "Node" }}, production dependencies and the files the app runs, as a non-root user.
FROM {{ c.runtime_image }} AS final
ARG VERSION=dev
LABEL {{ c.labels.split() | join(' \\\n      ') }}
{% for part in c.env_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
COPY --from=tini --chown=0:{{ c.run_group }} /workdir/ /
WORKDIR /app
COPY --from=tini /usr/bin/tini /usr/bin/tini
{% for part in c.copy_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
# The image's `{{ c.run_user_name }}` user, by number so that runAsNonRoot checks can verify it.
USER {{ c.run_user }}
{% for part in c.start_parts.split() %}{% include part ~ '.Dockerfile' %}{% endfor %}
