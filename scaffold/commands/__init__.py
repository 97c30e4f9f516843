"""One module per command (init, detect, update, check, templates); each builds its request and calls the pipeline."""
