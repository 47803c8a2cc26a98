// Actors hidden from the reader (private ones; people too when $roles_only) whose name, lower-cased, is one of
// $names or whose name or id (4 characters or more, lower-cased) occurs in one of $texts (all lower-cased by
// the caller: the names the findings show, the requirements' notes, the rules' labels, the themes). The
// findings' text is scrubbed of every hidden name and id in any case (netmap.privacy.scrub), so the domain
// graph reads these in full.
MATCH (n:Actor) WHERE (n.private = true OR ($roles_only AND n:Person))
  AND (toLower(coalesce(n.name, '')) IN $names
       OR any(text IN $texts WHERE (size(n.id) >= 4 AND text CONTAINS toLower(n.id))
                                OR (size(coalesce(n.name, '')) >= 4 AND text CONTAINS toLower(n.name))))
RETURN n.id AS id
