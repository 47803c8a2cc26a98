// Pairs of networks sharing at least $min_shared organisations in the overlap view ($relations:
// 'membership' = organisation members, 'seat' = organisations a seat holder represents in the body,
// 'home' = the home organisation of a member or seat holder), with both sizes and whether a
// direct tie of $kinds joins them.
MATCH (net:Network)
CALL (net) {
  OPTIONAL MATCH (o:Organisation)-[:MEMBER_OF]->(net) WHERE 'membership' IN $relations
  RETURN o.id AS org
  UNION
  OPTIONAL MATCH (:Actor)-[r:REPRESENTS]->(c:Organisation) WHERE 'seat' IN $relations AND r.body_id = net.id
  RETURN c.id AS org
  UNION
  OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(net) WHERE 'home' IN $relations
  OPTIONAL MATCH (p)-[:HOME_ORGANISATION]->(h:Actor)
  RETURN h.id AS org
  UNION
  OPTIONAL MATCH (p:Person)-[r:REPRESENTS]->() WHERE 'home' IN $relations AND r.body_id = net.id
  OPTIONAL MATCH (p)-[:HOME_ORGANISATION]->(h:Actor)
  RETURN h.id AS org
}
WITH net.id AS net, [x IN collect(DISTINCT org) WHERE x IS NOT NULL] AS orgs
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
