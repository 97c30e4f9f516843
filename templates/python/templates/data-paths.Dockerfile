{# Apps that ship data folders they write (data/, instance/, uploads/): data_paths. #}
# The data folders the app writes (not code) are its user's: files copied as root could not be rewritten.
RUN mkdir -p {{ c.data_paths }} \
    && chown -R 10001:10001 {{ c.data_paths }}
