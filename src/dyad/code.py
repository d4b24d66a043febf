"""Compatibility: the coder lives in :mod:`dyad.coding`; this module re-exports its public
names for older imports."""

from .coding.coder import Coder, Document, code_documents, code_text, light_clean

__all__ = ["Coder", "Document", "code_documents", "code_text", "light_clean"]
