{# Apps that load a .env with godotenv (dotenv_files): the empty stand-ins the final image copies. #}
RUN mkdir -p /out/dotenv && touch {{ c.dotenv_stubs }}
