"""Metric families, one module each: structure, mixing, reach, brokerage, pollination,
communities, isolation, temporal. Each takes a Dataset, tie table or graph and returns tables."""
