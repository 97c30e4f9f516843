{# Apps that open files by relative path at run time (runtime_files) and only read them. #}
# Files the app opens by relative path at run time, in its working directory (read-only for the app).
COPY {{ c.runtime_copy_args.split(' + ') | join('\nCOPY ') }}
WORKDIR /app
