"""sigdoctor: turn Azure Compute Gallery error output into a diagnosis and a way out."""

__version__ = "0.1.0"
