"""The printed documents as plain functions from plain data to PDF bytes (no database), so
they can be tested and benchmarked on their own."""
