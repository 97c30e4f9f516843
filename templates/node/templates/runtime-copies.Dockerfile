{# Apps with files to run: the build output, Next.js's standalone server, the files read at run time (runtime_copies). #}
COPY {{ c.runtime_copies.split(' + ') | join('\nCOPY ') }}
