// The composition requirements, in load order.
MATCH (q:Requirement)
RETURN q.body_id AS body_id, q.perspective AS perspective, q.min_count AS min_count, q.note AS note
ORDER BY q.ord
