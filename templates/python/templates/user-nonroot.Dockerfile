{# The user of a distroless final image (runtime=distroless). #}
# The :nonroot tag already runs as uid 65532; said again so it is visible here.
USER 65532:65532
