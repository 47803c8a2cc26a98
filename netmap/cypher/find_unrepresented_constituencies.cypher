// Organisations of a constituency type ($types) that nobody represents in any body, in load order.
MATCH (o:Organisation)
WHERE o.type IN $types AND NOT EXISTS { (:Actor)-[:REPRESENTS]->(o) }
RETURN o.id AS id
ORDER BY o.ord
