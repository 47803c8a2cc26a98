"""netmap test suite."""
