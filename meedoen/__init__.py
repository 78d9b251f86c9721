"""Meedoen: participation meetings with residents, for Dutch neighbourhood teams."""
