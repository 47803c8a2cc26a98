// Organisations and people in no network, holding no seat in a body, with no tie of any kind.
MATCH (n:Actor)
WHERE (n:Organisation OR n:Person)
  AND NOT EXISTS { (n)-[:MEMBER_OF]->() }
  AND NOT EXISTS { MATCH (n)-[r:REPRESENTS]->() WHERE coalesce(r.body_id, '') <> '' }
  AND NOT EXISTS { (n)-[:TIE]-() }
RETURN n.id AS id
ORDER BY n.ord
