{# Apps that create files where they run (a SQLite database, uploads): writable_paths. #}
# The app may create files where it runs (a SQLite database, uploads, a generated file): its group may write
# these directories, and the sticky bit keeps it from deleting or replacing the root-owned code in them.
RUN mkdir -p {{ c.writable_paths }} \
    && chgrp 10001 {{ c.writable_paths }} \
    && chmod 1775 {{ c.writable_paths }}
