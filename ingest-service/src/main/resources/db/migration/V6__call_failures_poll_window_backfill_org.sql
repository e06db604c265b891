-- A call that cannot become a Call record (unreadable, too large, not encodable) is retried a bounded
-- number of times, then parked FAILED with the reason of its last attempt; its batch-mates go on.
alter table call add column failures integer not null default 0;
alter table call add column failure_reason text;
create index call_failed on call (connection_id, updated_at) where state = 'FAILED';

-- Polling lists from min(watermark, now - processing margin) - overlap, and re-lists a wider window
-- every reconcile interval; both are shown with the connection's ingestion state.
alter table poll_state add column listed_from timestamptz;
alter table poll_state add column reconciled_at timestamptz;

-- A backfill knows its org, so one whose org no longer has that live connection (disconnected, or
-- reconnected under a new id) is stopped, while one whose connection is held or paused waits.
alter table backfill add column org_id text;
update backfill b set org_id = c.org_id from connection c where c.id = b.connection_id;
