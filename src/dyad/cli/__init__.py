"""The ``dyad`` command: a thin layer over the library. ``main`` builds the app; one module per
command group; ``common`` holds the shared options and output."""
