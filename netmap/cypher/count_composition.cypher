// Per requirement of a network or body: how many of its actors (members and seat holders) bring
// the required perspective(s), and how many actors it has. An actor's perspectives are its own,
// else its home organisation's. $requirements = [{key, network, perspectives, together}].
UNWIND $requirements AS req
MATCH (net:Network {id: req.network})
CALL (net) {
  OPTIONAL MATCH (m:Actor)-[:MEMBER_OF]->(net) RETURN m
  UNION
  OPTIONAL MATCH (m:Actor)-[r:REPRESENTS]->() WHERE r.body_id = net.id RETURN m
}
OPTIONAL MATCH (m)-[:HOME_ORGANISATION]->(h:Actor)
WITH req, m,
     CASE WHEN size(coalesce(m.perspectives, [])) > 0 THEN m.perspectives ELSE coalesce(h.perspectives, []) END AS ps
WITH req, m,
     CASE WHEN req.together THEN all(p IN req.perspectives WHERE p IN ps)
          ELSE any(p IN req.perspectives WHERE p IN ps) END AS meets
RETURN req.key AS key, count(DISTINCT CASE WHEN meets THEN m END) AS count, count(DISTINCT m) AS actors
