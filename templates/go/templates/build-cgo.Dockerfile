{# The build stage of a Go project built with cgo (a C toolchain, glibc at run time). #}
# Build stage: the full Go toolchain and gcc. cgo needs a C compiler for the target platform,
# so this stage runs on the target platform (emulated by buildx for others) instead of cross-compiling.
FROM {{ c.build_image }} AS build
WORKDIR /src
# cgo: the binary links the C library dynamically, so the final image needs glibc.
ENV CGO_ENABLED=1{% if c.vendor %} GOFLAGS=-mod=vendor{% elif c.vendor_stale %} GOFLAGS=-mod=mod{% endif %}

