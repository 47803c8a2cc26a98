// Mark the load as finished and current.
MATCH (m:NetmapMeta {key: 'netmap'})
SET m.status = 'complete', m.current = $load, m.pending = null, m.finished = datetime(),
    m.fingerprint = $fingerprint, m.counts = $counts
