{# Projects whose runtime_image is scratch: what an empty image lacks, copied from the build stage. #}
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/etc/ /etc/
