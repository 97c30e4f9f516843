{# A vendor/ out of step with go.mod or the imports (vendor_stale): the build downloads the modules instead. #}

# vendor/ is out of step with go.mod or the code's imports, so a build from it would stop ("inconsistent
# vendoring"): GOFLAGS=-mod=mod ignores vendor/ and the modules are downloaded, which needs the Go module proxy.
# Run `go mod vendor` and commit vendor/ to build without it (scaffold init then reads vendor/ alone).
# GOFLAGS is named again on the download so a failed download's log says why this build downloads at all.
COPY {{ c.go_mod_files }} ./
RUN {{ c.download_mounts.split() | join(' \\\n    ') }} \
    GOFLAGS=-mod=mod go mod download
