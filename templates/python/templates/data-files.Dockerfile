{# Apps that ship a SQLite database they write (a sample chinook.db): data_file_paths. #}
# The SQLite databases the app ships and writes are its user's: a file copied as root could not be rewritten.
RUN chown 10001:10001 {{ c.data_file_paths }}
