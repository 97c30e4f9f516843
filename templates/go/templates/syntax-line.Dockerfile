{# Projects that asked for a syntax directive (syntax_line=yes): BuildKit pulls that frontend image first. #}
# syntax=docker/dockerfile:1
