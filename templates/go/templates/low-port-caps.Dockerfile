{# Apps that listen on a port below 1024 as a non-root user (bind_low_port). #}

# The app listens on port {{ c.port }}, below 1024, as a non-root user: setcap (libcap2-bin) gives its binary the
# cap_net_bind_service file capability after the build, so the bind works under host networking and in pods
# too, where the host's 1024 floor applies. COPY keeps the capability (an xattr); the user stays non-root.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcap2-bin \
    && rm -rf /var/lib/apt/lists/*
