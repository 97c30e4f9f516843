{# The header's note for a project whose final image is distroless python (runtime=distroless). #}
# Final image: distroless python (Debian 12's Python 3.11, no shell); the venv is built with that same interpreter.
