// Eigenvector centrality in $name (at most $max_iter iterations, L2-normalised), only when GDS says it converged:
// on a bipartite view (only memberships, say) its power iteration swings between two vectors and stops at
// $max_iter with values that are not the eigenvector. Mutated into the projection (which this analysis drops
// afterwards), since only mutate and stats say whether it converged. Actors with a positive value, highest first
// (ties by id); $n: only the $n highest, null: all.
CALL gds.eigenvector.mutate($name, {maxIterations: $max_iter, tolerance: $tol, mutateProperty: 'netmap_eigenvector'})
YIELD didConverge
CALL (didConverge) {
  CALL gds.graph.nodeProperty.stream($name, 'netmap_eigenvector')
  YIELD nodeId, propertyValue
  WITH nodeId, propertyValue WHERE didConverge AND propertyValue > 0
  RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS value
}
RETURN id, value
ORDER BY value DESC, id
LIMIT coalesce($n, 9223372036854775807)
