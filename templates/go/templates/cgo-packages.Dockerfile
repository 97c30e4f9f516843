{# The cgo build stage of a project whose C code links system libraries (catalogue/go.toml [c_libraries]). #}
# The headers and libraries the C code compiles and links against (build stage only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.cgo_build_packages }} \
    && rm -rf /var/lib/apt/lists/*
