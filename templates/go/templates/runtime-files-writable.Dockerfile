{# Apps that open files by relative path at run time (runtime_files) and write files there (writable_workdir). #}
# Files the app opens by relative path at run time, in its working directory. The app writes files
# too, so its user owns that directory.
COPY {{ c.runtime_copy_args.split(' + ') | join('\nCOPY ') }}
WORKDIR /app
