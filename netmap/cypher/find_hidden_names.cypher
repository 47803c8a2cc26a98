// Actors hidden from the reader (private ones; people too when $roles_only) whose name equals one of $names
// (the names a finding may show) or whose name or id (4 characters or more) occurs in one of $texts (the
// requirements' notes and the rules' labels): the findings' text is scrubbed of them
// (netmap.privacy.hidden_terms), so the domain graph reads them in full.
MATCH (n:Actor) WHERE (n.private = true OR ($roles_only AND n:Person))
  AND (n.name IN $names
       OR any(text IN $texts WHERE (size(n.id) >= 4 AND text CONTAINS n.id)
                                OR (size(coalesce(n.name, '')) >= 4 AND text CONTAINS n.name)))
RETURN n.id AS id
