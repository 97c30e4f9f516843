{# Base setup of a project whose native dependencies need Debian headers or tools (catalogue: native). #}
# Headers and tools the native dependencies compile against (build stages only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.native_build_packages }} \
    && rm -rf /var/lib/apt/lists/*
