// Per requirement of a network or body: how many of its actors (members and seat holders) meet it,
// and how many actors it has. An actor meets a requirement when it brings the required
// perspective(s) (any one, or all with `together`; no perspectives: any actor) and, when
// `represents` is a list, holds its seat in this body for one of those organisations. An actor's
// perspectives are its own, else its home organisation's. Memberships and seats count on $as_of
// (YYYY-MM-DD, the fragment _counts_on).
// $requirements = [{key, network, perspectives, together, represents}].
UNWIND $requirements AS req
MATCH (net:Network {id: req.network})
CALL (net) {
  OPTIONAL MATCH (m:Actor)-[r:MEMBER_OF]->(net) WHERE INCLUDE _counts_on r
  RETURN m
  UNION
  OPTIONAL MATCH (m:Actor)-[r:REPRESENTS]->() WHERE r.body_id = net.id AND INCLUDE _counts_on r
  RETURN m
}
INCLUDE _effective_perspectives m ps
WITH req, m,
     (size(req.perspectives) = 0
      OR CASE WHEN req.together THEN all(p IN req.perspectives WHERE p IN ps)
              ELSE any(p IN req.perspectives WHERE p IN ps) END)
     AND (req.represents IS NULL
          OR EXISTS { MATCH (m)-[s:REPRESENTS]->(c:Actor) WHERE s.body_id = net.id AND c.id IN req.represents
                      AND INCLUDE _counts_on s
                    })
     AS meets
RETURN req.key AS key, count(DISTINCT CASE WHEN meets THEN m END) AS count, count(DISTINCT m) AS actors
