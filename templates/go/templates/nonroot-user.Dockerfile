{# Every Go final stage, after its files: the user it runs as. #}
# The nonroot user of distroless (uid 65532), numeric so that runAsNonRoot can check it.
USER 65532:65532
