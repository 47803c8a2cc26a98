// Pairs of networks sharing at least $min_shared organisations (people count through their home
// organisation), with both sizes and whether a direct tie of $kinds joins them.
MATCH (net:Network)
CALL (net) {
  OPTIONAL MATCH (m:Actor)-[:MEMBER_OF]->(net) RETURN m
  UNION
  OPTIONAL MATCH (m:Actor)-[r:REPRESENTS]->() WHERE r.body_id = net.id RETURN m
}
OPTIONAL MATCH (m)-[:HOME_ORGANISATION]->(h:Actor)
WITH net.id AS net, [x IN collect(DISTINCT coalesce(h.id, m.id)) WHERE x IS NOT NULL] AS orgs
WITH collect({net: net, orgs: orgs}) AS rows
UNWIND rows AS row
UNWIND row.orgs AS org
WITH rows, org, collect(row.net) AS nets
UNWIND nets AS a
UNWIND nets AS b
WITH rows, org, a, b WHERE a < b
WITH rows, a, b, collect(org) AS shared
WHERE size(shared) >= $min_shared
WITH a, b, shared, [r IN rows WHERE r.net = a][0].orgs AS orgs_a, [r IN rows WHERE r.net = b][0].orgs AS orgs_b
RETURN a, b, shared, size(orgs_a) AS size_a, size(orgs_b) AS size_b,
       EXISTS { MATCH (:Actor {id: a})-[t:TIE]-(:Actor {id: b}) WHERE t.kind IN $kinds } AS tied
