"""The map's vis-network options are pyvis's, though the report does not import pyvis (it imports IPython)."""

from __future__ import annotations

import json

import pytest
from pyvis.network import Network

from collabgraph.report.netmap import _pyvis_options


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("frozen", [False, True])
def test_written_out_options_equal_what_pyvis_hands_over(directed, frozen):
    net = Network(directed=directed)
    if frozen:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.barnes_hut(gravity=-4000, central_gravity=0.25, spring_length=110, spring_strength=0.03,
                       damping=0.25, overlap=0)
        net.toggle_stabilization(True)
    pyvis = net.get_network_data()[5]
    ours = _pyvis_options(frozen)
    assert json.dumps(ours) == json.dumps(json.loads(pyvis))  # equal, keys in the same order
