"""The one version of dyad: the package, pyproject.toml and the exports read it from here."""

__version__ = "0.1.0"
