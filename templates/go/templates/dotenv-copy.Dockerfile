{# Apps that load a .env with godotenv (dotenv_files), which exits when the file is missing. #}
# godotenv.Load fails when {{ c.dotenv_files }} is missing, and a .env never enters the image (a secret): an empty
# one stands in, so the settings come from the container's environment (docker run -e, --env-file .env).
COPY --from=build /out/dotenv/ {{ c.dotenv_dir }}/
