// Delete the relationships an older load wrote and this one ($load) did not, in batches of $batch.
// Runs as an auto-commit query (CALL ... IN TRANSACTIONS); a re-run finishes what an interrupted one left.
MATCH ()-[r]->()
WHERE r._load IS NOT NULL AND r._load <> $load
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
