"""Reading files into raw tables and validating them into a :class:`~collabgraph.dataset.Dataset`."""

from collabgraph.io.loaders import from_frames, load
from collabgraph.io.read import RawDataset, RawTable, read_dataset
from collabgraph.io.rolemap import read_role_map
from collabgraph.io.validate import ValidationReport, validate

__all__ = ["RawDataset", "RawTable", "ValidationReport", "from_frames", "load", "read_dataset", "read_role_map",
           "validate"]
