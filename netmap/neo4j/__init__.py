"""The Neo4j backend: the only package that imports the neo4j driver.

Every function takes the driver as its first argument; queries live in ``netmap/cypher/``
one per file and use ``$parameters`` only. Driver errors become
:class:`netmap.errors.Neo4jError` with a one-line message.
"""
from netmap.neo4j.analyse import analyse_neo4j, analyse_neo4j_graph
from netmap.neo4j.connect import open_driver, translate_error
from netmap.neo4j.load import LoadResult, load_graph, load_graph_naive, load_status
from netmap.neo4j.queries import Traffic, cypher, traffic
from netmap.neo4j.read import read_graph

__all__ = ["LoadResult", "Traffic", "analyse_neo4j", "analyse_neo4j_graph", "cypher", "load_graph", "load_graph_naive",
           "load_status", "open_driver", "read_graph", "traffic", "translate_error"]
