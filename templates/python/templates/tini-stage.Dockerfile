{# Apps that do not handle SIGTERM as PID 1 (a plain script, Streamlit, …): tini runs them (init). #}

# A plain Python program as PID 1 ignores docker stop's SIGTERM: tini (from Debian) forwards it.
FROM {{ c.build_image }} AS tini
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
