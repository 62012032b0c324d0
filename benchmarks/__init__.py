"""The performance suite: seeded data, the runner and the plain reference pipeline (see README.md)."""
