// Pairs of networks sharing at least $min_shared organisations in the overlap view ($relations, the fragment
// _overlap_organisations), with both sizes and whether a direct tie of $kinds joins them. Each network's
// organisations are counted once (its size travels with it), then pairs are formed per shared organisation:
// memory grows with the pairs, not with the number of networks times the rows. Memberships, seats and ties
// count on $as_of (YYYY-MM-DD).
MATCH (net:Network)
INCLUDE _overlap_organisations net org
WITH net.id AS net, collect(DISTINCT org) AS orgs
WITH net, orgs, size(orgs) AS size
UNWIND orgs AS org
WITH org, collect({net: net, size: size}) AS nets
UNWIND nets AS a
UNWIND nets AS b
WITH org, a, b WHERE a.net < b.net
WITH a, b, collect(org) AS shared
WHERE size(shared) >= $min_shared
RETURN a.net AS a, b.net AS b, shared, a.size AS size_a, b.size AS size_b,
       EXISTS { MATCH (:Actor {id: a.net})-[t:TIE]-(:Actor {id: b.net}) WHERE t.kind IN $kinds AND INCLUDE _counts_on t
              } AS tied
