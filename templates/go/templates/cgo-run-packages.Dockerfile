{# Every final stage on Debian slim (cgo_run_packages): the shared libraries, CA certificates, a nonroot home. #}
# The shared libraries the C code links (no headers, no compiler), and the CA certificates and home
# directory distroless would have given the nonroot user.
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.cgo_run_packages }} \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /home/nonroot \
    && chown 65532:65532 /home/nonroot
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
ENV HOME=/home/nonroot
WORKDIR /home/nonroot
