"""`python -m hello_c`: prove both native parts load in the final image."""

import psycopg2.extensions

from hello_c._speed import triangle

print(f"Hello from C! triangle(100)={triangle(100)} libpq={psycopg2.extensions.libpq_version()}")
