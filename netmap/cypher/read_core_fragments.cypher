// Per fragment of $fragments (project_core_fragments.cypher): what its actors hold together, as
// netmap.analysis.cuts.Describer counts it: size, networks, constituencies (organisations of $types, or
// represented on $as_of), KBL's bodies ($anchor_ids, or the networks of type 'body'), the load number of its
// first actor, and its most telling actors: the best score (body 2^41, network 2^40, plus the number of
// distinct neighbours in $name) and every actor with it (Python takes the one with the largest id).
CALL gds.graph.nodeProperty.stream($fragments, 'fragment') YIELD nodeId, propertyValue
WITH propertyValue AS fragment, nodeId, gds.util.asNode(nodeId) AS n
WITH fragment, n, n:Network AS net,
     CASE WHEN $anchor_ids IS NULL THEN n:Network AND coalesce(n.type, '') = 'body'
          ELSE n.id IN $anchor_ids END AS anchor,
     (n:Organisation AND n.type IN $types) OR EXISTS {
       MATCH (:Actor)-[r:REPRESENTS]->(n)
       WHERE r._load IS NOT NULL
         AND INCLUDE _counts_on r
     } AS cons,
     toInteger(gds.util.nodeProperty($name, nodeId, 'degree')) AS degree
WITH fragment, n, net, anchor, cons,
     CASE WHEN anchor THEN 2199023255552 ELSE 0 END + CASE WHEN net THEN 1099511627776 ELSE 0 END + degree AS score
WITH fragment, count(*) AS size, sum(CASE WHEN net THEN 1 ELSE 0 END) AS networks,
     sum(CASE WHEN cons THEN 1 ELSE 0 END) AS constituencies, sum(CASE WHEN anchor THEN 1 ELSE 0 END) AS anchors,
     min(n.ord) AS first, max(score) AS top, collect([score, n.id]) AS scored
RETURN fragment, size, networks, constituencies, anchors, first, top,
       [x IN scored WHERE x[0] = top | x[1]] AS best
