// Actors that may be hidden (people, private nodes) whose name or id (4 characters or more) occurs in one of
// $texts (the requirement notes and rule labels): the findings' free text is scrubbed of them.
MATCH (n:Actor) WHERE (n:Person OR n.private = true)
  AND any(text IN $texts WHERE (size(n.id) >= 4 AND text CONTAINS n.id)
                             OR (size(coalesce(n.name, '')) >= 4 AND text CONTAINS n.name))
RETURN n.id AS id
