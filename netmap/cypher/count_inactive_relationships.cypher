// How many memberships, seats and ties do not count on $as_of (ended before it or starting after it).
MATCH ()-[r:MEMBER_OF|REPRESENTS|TIE]->()
WHERE NOT ((coalesce(r.since, properties(r).x_since, '') = '' OR substring($as_of, 0, size(coalesce(r.since, properties(r).x_since))) >= coalesce(r.since, properties(r).x_since))
           AND (coalesce(r.until, properties(r).x_until, '') = '' OR substring($as_of, 0, size(coalesce(r.until, properties(r).x_until))) <= coalesce(r.until, properties(r).x_until)))
RETURN count(r) AS inactive
