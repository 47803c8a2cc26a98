// Delete the actors and requirements an older load wrote and this one ($load) did not, in batches.
MATCH (n)
WHERE (n:Actor OR n:Requirement) AND n._load <> $load
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
