"""Reports on a dyad: self-contained HTML or Markdown with charts (write)."""
