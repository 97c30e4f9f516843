"""Templates: where they come from (sources), how they render (render) and within which limits when
untrusted (limits), what they declare (meta, outputs), and the team image policy applied to what they render
(image_policy). Where the built-in ones live is scaffold/builtin_templates.py (the providers need it)."""
