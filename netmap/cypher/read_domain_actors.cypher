// Every actor, in load order, for the domain graph (netmap.neo4j.domain), in one row of columns (one entry
// per actor unless said otherwise) of small numbers where it can:
// - `ords`: the load numbers, each as its difference from the one before (null unless $ords);
// - `shared`, `suffixes`: the ids, each as the length of the start it shares with the one before and the rest;
// - `flags`: kind (0 organisation, 1 network, 2 person) + 4 when the actor is read in full + 8 when it is
//   private (read in full only);
// - `homes`: the load numbers of its home organisations, in load order;
// - `levels`: its levels as codes ($codes: value -> code, read_domain_vocabulary.cypher);
// - `details`, for the actors read in full only: [type, perspectives, region, scope, themes] as codes;
// - `names`, for the networks and organisations only: [name, role].
// Read in full: every network and organisation, every person with a membership or seat or who is represented
// (active on $as_of), and the actors in $extra (ids); a person's name and role come in the second pass, for the
// people the findings name. Any other person: id, homes and levels only.
MATCH (n:Actor)
WITH n, NOT n:Person OR n.id IN $extra
   OR EXISTS { MATCH (n)-[r:MEMBER_OF|REPRESENTS]->() WHERE INCLUDE _counts_on r
     }
   OR EXISTS { MATCH ()-[r:REPRESENTS]->(n) WHERE INCLUDE _counts_on r
     }
   AS full
WITH n, full, COLLECT { MATCH (n)-[h:HOME_ORGANISATION]->(o:Actor) WHERE h._load IS NOT NULL
                        RETURN o.ord ORDER BY h.ord } AS homes,
     CASE WHEN n:Organisation THEN 0 WHEN n:Network THEN 1 ELSE 2 END AS kind
ORDER BY n.ord
WITH collect(n.ord) AS ords, collect(n.id) AS ids, collect(homes) AS homes,
     collect(kind + CASE WHEN full THEN 4 ELSE 0 END + CASE WHEN full AND n.private THEN 8 ELSE 0 END) AS flags,
     collect([x IN coalesce(n.levels, []) | $codes[x]]) AS levels,
     collect(CASE WHEN full THEN [$codes[coalesce(n.type, '')], [x IN coalesce(n.perspectives, []) | $codes[x]],
                                  $codes[coalesce(n.region, '')], $codes[coalesce(n.scope, '')],
                                  [x IN coalesce(n.themes, []) | $codes[x]]] END) AS details,
     collect(CASE WHEN kind < 2 THEN [coalesce(n.name, ''), coalesce(n.role, '')] END) AS names
WITH ords, ids, homes, flags, levels, details, names,
     [i IN range(0, size(ids) - 1) | CASE WHEN i = 0 THEN 0 ELSE
        reduce(k = 0, j IN range(0, CASE WHEN size(ids[i - 1]) < size(ids[i]) THEN size(ids[i - 1]) ELSE size(ids[i]) END - 1) |
               CASE WHEN k = j AND substring(ids[i - 1], j, 1) = substring(ids[i], j, 1) THEN k + 1 ELSE k END) END] AS shared
RETURN CASE WHEN $ords THEN [i IN range(0, size(ords) - 1) | ords[i] - CASE WHEN i = 0 THEN 0 ELSE ords[i - 1] END] END AS ords,
       shared, [i IN range(0, size(ids) - 1) | substring(ids[i], shared[i])] AS suffixes,
       flags, homes, levels, details, names
