"""hello_c: a C extension and a libpq client library, both compiled at image build time."""
