{# Every module with a go.mod that is not vendored (most projects): dependencies in their own layer. #}

# Dependencies first, from go.mod and go.sum alone, so this step is reused until they change.
# go.sum* lets a module without dependencies (and so without go.sum) build too. The module cache
# is a cache mount: kept between builds, never part of an image.
COPY {{ c.go_mod_files }} ./
RUN {{ c.download_mounts.split() | join(' \\\n    ') }} \
    go mod download

