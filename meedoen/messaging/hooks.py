"""What the messaging room puts into the shared frames (periodic jobs, audit sentences)."""
