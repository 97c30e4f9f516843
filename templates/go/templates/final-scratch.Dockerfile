{# The final stage of a Go project whose runtime_image is scratch: nothing but what is copied in. #}
# Final stage: an empty image with only the binary, CA certificates and a passwd entry.
FROM scratch{{ as_stage }}
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/etc/ /etc/
