"""A legacy setup.py project with a C extension of its own and psycopg2 built from source."""

from setuptools import Extension, setup

setup(
    name="hello-c",
    version="0.3.0",
    packages=["hello_c"],
    ext_modules=[Extension("hello_c._speed", ["hello_c/_speed.c"])],
    install_requires=["psycopg2==2.9.10"],
    python_requires=">=3.11",
)
