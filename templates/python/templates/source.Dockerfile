{# Apps that run from their source tree (copy_source: most apps, all but installed packages). #}
COPY --from=build /app /app
