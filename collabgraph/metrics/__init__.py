"""Metric families, one module each: structure, mixing, reach, brokerage, pollination,
communities, isolation; over time: windows, timeline, evolution, durability, periods. Each takes a
Dataset, tie table or graph and returns tables."""
