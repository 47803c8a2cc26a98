// Organisations of a constituency type ($types) without a seat for them in one of $bodies (every
// representation counts when $bodies is null) that, when $count_membership, are members of no
// network either; in load order.
MATCH (o:Organisation)
WHERE o.type IN $types
  AND NOT EXISTS { MATCH (:Actor)-[r:REPRESENTS]->(o) WHERE $bodies IS NULL OR r.body_id IN $bodies }
  AND NOT ($count_membership AND EXISTS { (o)-[:MEMBER_OF]->() })
RETURN o.id AS id
ORDER BY o.ord
