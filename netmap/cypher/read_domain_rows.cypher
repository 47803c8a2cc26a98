// Every actor, in load order, for the domain graph (netmap.neo4j.domain) of a map whose ids or coded fields are not all text (read_domain_vocabulary.cypher: else read_domain_actors.cypher), as one list per actor. Each row
// starts [ord, id, homes] (without the ord unless $ords: netmap.neo4j.domain) (homes: the ords of its home organisations, in load order). Every network and
// organisation, every person with a membership or seat or who is represented (active on $as_of), and the
// actors in $extra (ids) follow with [kind, type, levels, perspectives, region, private, scope, themes]
// (kind as 'o', 'n' or 'p'), and networks and organisations with [name, role] too: a person's name and role
// come in the second pass, for the people the findings name. Any other person: [ord, id, homes, levels].
MATCH (n:Actor)
WITH n, NOT n:Person OR n.id IN $extra
   OR EXISTS { MATCH (n)-[r:MEMBER_OF|REPRESENTS]->() WHERE INCLUDE _counts_on r
     }
   OR EXISTS { MATCH ()-[r:REPRESENTS]->(n) WHERE INCLUDE _counts_on r
     }
   AS full
WITH n, full, COLLECT { MATCH (n)-[h:HOME_ORGANISATION]->(o:Actor) WHERE h._load IS NOT NULL
                        RETURN o.ord ORDER BY h.ord } AS homes
RETURN CASE WHEN $ords THEN [n.ord] ELSE [] END +
       CASE WHEN NOT full THEN [n.id, homes, n.levels]
            WHEN n:Person THEN [n.id, homes, 'p', n.type, n.levels, n.perspectives, n.region, n.private,
                                n.scope, n.themes]
            ELSE [n.id, homes, CASE WHEN n:Organisation THEN 'o' ELSE 'n' END, n.type, n.levels,
                  n.perspectives, n.region, n.private, n.scope, n.themes, n.name, n.role] END AS row
ORDER BY n.ord
