// A fragment, not a query: the actors' eigenvector values in $eigen (stream_eigenvector.cypher), one row each with
// {actor} (GDS's node id) and {x}: the value GDS left, divided by sqrt(degree) again (the degree from $name, 1 for
// an actor without neighbours), not normalised yet; no row when {converged} is false, none for $sink.
// Put in a query by the line `INCLUDE _rescaled_eigenvector actor converged x`.
CALL gds.graph.nodeProperty.stream($eigen, 'netmap_eigenvector') YIELD nodeId AS {actor}, propertyValue AS rescaled_
WITH {actor}, rescaled_ WHERE {converged} AND {actor} <> $sink
WITH {actor}, rescaled_, gds.util.nodeProperty($name, {actor}, 'netmap_degree') AS degree_
WITH {actor}, rescaled_ / sqrt(CASE WHEN degree_ > 0 THEN degree_ ELSE 1 END) AS {x}
