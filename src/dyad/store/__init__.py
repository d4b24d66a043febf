"""The store: the DuckDB schema and its migrations (db), events merged from mentions (events),
read-only SQL (sql)."""
