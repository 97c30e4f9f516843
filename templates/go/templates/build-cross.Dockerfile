{# The build stage of a Go project without cgo (most): included by ../{{cookiecutter.project_dir}}/Dockerfile. #}
# Build stage: the full Go toolchain. It runs on the builder's own platform and cross-compiles
# for TARGETOS/TARGETARCH, so `make buildx` builds other platforms without emulation.
FROM --platform=$BUILDPLATFORM {{ c.build_image }} AS build
WORKDIR /src
# No cgo: a static binary that needs no libc, so the final image can be distroless/static or scratch.
ENV CGO_ENABLED=0{% if c.vendor %} GOFLAGS=-mod=vendor{% elif c.vendor_stale %} GOFLAGS=-mod=mod{% endif %}

