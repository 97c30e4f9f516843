{# Projects whose native extensions compile against Debian headers (build_packages, from the catalogue). #}
# Build-only system packages (compilers, headers, git) install here; none of them reach the final image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.build_packages.split() | join(' ') }} \
    && rm -rf /var/lib/apt/lists/*
