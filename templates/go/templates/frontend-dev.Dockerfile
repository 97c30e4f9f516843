{# Go projects that embed a frontend build (frontend_dist): the dev stage compiles with the built output too. #}
COPY --from=frontend /frontend/{{ c.frontend_dist }} /app/{{ c.frontend_dist }}
