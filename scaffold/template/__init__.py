"""Templates: where they come from (sources), how they render (render), what they declare (meta),
and the team image policy applied to what they render (image_policy)."""
