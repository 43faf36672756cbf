"""Usage: the local event log, identity, settling searches, the central store and sync."""
