// Project the connectivity view (netmap.analysis.structure.connectivity_graph) into the GDS catalog as
// $name: every actor, and one undirected relationship per pair of actors joined on $as_of by a relation of
// $types (the relations' Neo4j types), a tie of $tie_kinds (when $tie) or a seat (when $seat: a seat holder
// and the body named by the REPRESENTS relationship's body_id). Self-loops and repeated pairs are left out,
// so a node's degree is its number of distinct neighbours, as in the compiled view.
CALL () {
  MATCH (a:Actor) RETURN a, null AS b
  UNION
  MATCH (x:Actor)-[r]->(y:Actor)
  WHERE x <> y AND r._load IS NOT NULL
    AND ((type(r) = 'TIE' AND $tie AND r.kind IN $tie_kinds) OR type(r) IN $types)
    AND INCLUDE _counts_on r
  RETURN CASE WHEN x.ord < y.ord THEN x ELSE y END AS a, CASE WHEN x.ord < y.ord THEN y ELSE x END AS b
  UNION
  MATCH (x:Actor)-[r:REPRESENTS]->(:Actor)
  WHERE $seat AND r._load IS NOT NULL AND r.body_id IS NOT NULL
    AND INCLUDE _counts_on r
  MATCH (y:Actor {id: r.body_id}) WHERE y <> x
  RETURN CASE WHEN x.ord < y.ord THEN x ELSE y END AS a, CASE WHEN x.ord < y.ord THEN y ELSE x END AS b
}
WITH a, b ORDER BY a.ord, b.ord
WITH gds.graph.project($name, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
