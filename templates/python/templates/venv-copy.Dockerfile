{# Every project: the venv from the build stage, in the final stage's /app. #}
COPY --from=build /opt/venv /opt/venv
