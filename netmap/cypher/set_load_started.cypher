// Mark a load as under way: readers refuse a database whose last load did not finish.
MERGE (m:NetmapMeta {key: 'netmap'})
SET m.status = 'loading', m.pending = $load, m.source = $source, m.started = datetime()
