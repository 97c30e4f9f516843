{# Apps that listen on a port below 1024 (bind_low_port): the binary may bind it as a non-root user. #}
RUN setcap cap_net_bind_service=+ep /out/bin/{{ c.entrypoint_binary }}
