// Organisations of a constituency type ($types) without a seat for them in one of $bodies (every
// representation counts when $bodies is null) that, when $count_membership, are members of no
// network either; in load order. Seats and memberships count on $as_of (YYYY-MM-DD).
MATCH (o:Organisation)
WHERE o.type IN $types
  AND NOT EXISTS { MATCH (:Actor)-[r:REPRESENTS]->(o) WHERE ($bodies IS NULL OR r.body_id IN $bodies)
                                                             AND INCLUDE _counts_on r
                  }
  AND NOT ($count_membership AND EXISTS { MATCH (o)-[r:MEMBER_OF]->() WHERE INCLUDE _counts_on r
                                        })
RETURN o.id AS id
ORDER BY o.ord
