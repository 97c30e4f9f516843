"""greet: say hello from a console script."""
