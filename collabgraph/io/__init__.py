"""Reading files into raw tables and validating them into a :class:`~collabgraph.dataset.Dataset`."""

from collabgraph.io.read import RawDataset, RawTable, read_dataset
from collabgraph.io.validate import ValidationReport, load, validate

__all__ = ["RawDataset", "RawTable", "ValidationReport", "load", "read_dataset", "validate"]
