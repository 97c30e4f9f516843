{# The build's last step in every project without Django static files to collect. #}
# Compile the app's bytecode now: the final image runs as a user who cannot write next to the sources.
RUN python -m compileall -q .
