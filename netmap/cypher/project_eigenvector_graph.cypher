// The structure view $name rescaled into $eigen so that GDS's eigenvector iteration neither overflows nor swings
// (netmap.neo4j.gds's docstring says why and how). With s(u) = sqrt(degree of u): each neighbour pair u, v becomes
// u -> v with weight s(v), and each actor u with neighbours one more relationship u -> $sink with the weight left
// up to margin * bound * s(u), where bound = the largest (sum of the neighbours' s) / s(u) over the actors, an upper
// bound of the largest eigenvalue. GDS divides a weight by its source's weight sum, so it iterates on
// S A S^-1 / (margin * bound), S = diag(s): the same eigenvector times s, largest eigenvalue below 1. The sink is
// an id no actor in $name has (their largest + 1) and sends nothing; actors without neighbours are projected
// alone. Mutates the degree into $name ('netmap_degree', read back by stream_eigenvector.cypher).
CALL gds.degree.mutate($name, {mutateProperty: 'netmap_degree'}) YIELD nodePropertiesWritten
CALL (nodePropertiesWritten) {
  CALL gds.graph.nodeProperty.stream($name, 'netmap_degree') YIELD nodeId
  RETURN max(nodeId) + 1 AS sink
}
CALL (nodePropertiesWritten) {
  CALL gds.graph.relationships.stream($name) YIELD sourceNodeId AS u, targetNodeId AS v
  WITH u, sum(sqrt(gds.util.nodeProperty($name, v, 'netmap_degree'))) AS total
  RETURN max(total / sqrt(gds.util.nodeProperty($name, u, 'netmap_degree'))) AS bound
}
CALL (sink, bound) {
  CALL gds.graph.relationships.stream($name) YIELD sourceNodeId AS u, targetNodeId AS v
  WITH u, v, sqrt(gds.util.nodeProperty($name, v, 'netmap_degree')) AS w
  WITH u, collect([v, w]) AS out, sum(w) AS total
  UNWIND out + [[sink, $margin * bound * sqrt(gds.util.nodeProperty($name, u, 'netmap_degree')) - total]] AS t
  RETURN u, t[0] AS v, t[1] AS w
  UNION ALL
  CALL gds.graph.nodeProperty.stream($name, 'netmap_degree') YIELD nodeId, propertyValue
  WITH nodeId WHERE propertyValue = 0
  RETURN nodeId AS u, null AS v, null AS w
}
WITH sink, bound, gds.graph.project($eigen, u, v, {relationshipProperties: {netmap_weight: w}}) AS g
RETURN sink, bound, g.nodeCount AS nodes, g.relationshipCount AS relationships
