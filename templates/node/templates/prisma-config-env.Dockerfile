{# Projects whose prisma.config reads variables with env(): they get placeholders for `prisma generate` only. #}
# prisma.config reads these variables and fails when they are unset; generating connects to no database.
