{# The build stage's interpreter when the final image is distroless python (runtime=distroless). #}
# Debian's python3 is the interpreter distroless runs; -dev packages and a compiler stay in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3-venv python3-pip{{ ' python3-dev ' ~ c.build_packages.split() | join(' ') if c.build_packages.split() else '' }} \
    && rm -rf /var/lib/apt/lists/*
