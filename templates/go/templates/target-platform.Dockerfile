{# Cross-compiled builds (no cgo): the platform the binary is built for, read as GOOS/GOARCH. #}
ARG TARGETOS
ARG TARGETARCH
