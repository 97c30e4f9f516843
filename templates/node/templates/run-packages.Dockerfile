{# Apps whose native dependencies load shared libraries at run time (run_packages; none on distroless). #}
# The shared libraries the native dependencies load at run time (no headers, no compiler).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.run_packages }} \
    && rm -rf /var/lib/apt/lists/*
