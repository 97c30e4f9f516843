{# Python web apps whose assets the assets stage builds: the sources come from there. #}

# The sources with the assets the assets stage built (its node_modules left behind).
COPY --from=assets /app ./
