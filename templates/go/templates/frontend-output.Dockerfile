{# Go projects that embed a frontend build (frontend_dist): the build stage holds the built output, for the dev stage. #}
# The built frontend, where the dev stage (FROM build) compiles from its copy of the sources.
COPY --from=frontend /frontend/{{ c.frontend_dist }} /app/{{ c.frontend_dist }}
