"""Reading and cleaning text: inputs of every format (ingest), web noise removed with offsets kept
(clean), names made printable (escapes)."""
