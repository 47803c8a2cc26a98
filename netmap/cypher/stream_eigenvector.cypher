// Eigenvector centrality of the structure view $name, computed on $eigen (project_eigenvector_graph.cypher: the
// view rescaled, its eigenvector times sqrt(degree), plus the node $sink), at most $max_iter iterations, at
// concurrency 1 (the same sums in every run); only when GDS says it converged. Mutated into $eigen (which this
// analysis drops afterwards), since only mutate and stats say whether it converged. Divided by sqrt(degree) again,
// L2-normalised over the actors, values below 1e-15 zero (as the embedded engine: off the leading component).
// Actors with a positive value, highest first (ties by id); $n: only the $n highest, null: all.
CALL gds.eigenvector.mutate($eigen, {maxIterations: $max_iter, tolerance: $tol, concurrency: 1,
                                     relationshipWeightProperty: 'netmap_weight', mutateProperty: 'netmap_eigenvector'})
YIELD didConverge
CALL (didConverge) {
  INCLUDE _rescaled_eigenvector actor didConverge x
  RETURN sqrt(sum(x * x)) AS norm
}
CALL (didConverge, norm) {
  INCLUDE _rescaled_eigenvector actor didConverge x
  WITH actor, x / norm AS value WHERE value >= 1e-15
  RETURN gds.util.asNode(actor).id AS id, value
}
RETURN id, value
ORDER BY value DESC, id
LIMIT coalesce($n, 9223372036854775807)
