"""Scoring the coder on gold files: codebook-style sets (gold) and real-news sets (news)."""
