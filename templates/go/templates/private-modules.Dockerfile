{# Projects with private modules (go_private: GOPRIVATE patterns, fetched with a .netrc build secret). #}
# Private modules bypass the public proxy and checksum database; git reads credentials from a
# .netrc passed as a build secret (the Makefile's SECRET_FLAGS), never from an ARG or a copied file.
