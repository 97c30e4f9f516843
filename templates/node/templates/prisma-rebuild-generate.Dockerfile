{# Projects that use Prisma from their own install script (postinstall: prisma generate), which the install skipped. #}
# Prisma's client is generated code: generate it here, where the prisma CLI (a devDependency) is.
# The install above skipped install scripts (the project's own hook needs the sources): they run here first.
RUN {% for n in c.prisma_env.split() %}{{ n }}=unused-by-prisma-generate {% endfor %}{{ c.rebuild_command }} \
    && {% for n in c.prisma_env.split() %}{{ n }}=unused-by-prisma-generate {% endfor %}node_modules/.bin/prisma generate
