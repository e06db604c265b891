-- Shared rate-limit buckets (Bucket4j, one row per connection), so replicas share Gong's budget.
create table bucket (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);

-- Every call a connection has seen, once: the (connection, call) key drops webhook+poll duplicates
-- and redeliveries. The row then moves through fetching to published (or private, or given up).
create table call (
    connection_id    uuid        not null,
    call_id          text        not null,
    org_id           text        not null,
    source           text        not null,
    state            text        not null,
    started_at       timestamptz,
    first_seen_at    timestamptz not null,
    next_attempt_at  timestamptz not null,
    attempts         integer     not null default 0,
    extensive        text,
    updated_at       timestamptz not null,
    primary key (connection_id, call_id)
);
create index call_due on call (next_attempt_at) where state in ('NEW', 'AWAITING_TRANSCRIPT');
create index call_by_start on call (connection_id, started_at);

-- One poller per connection: the row is locked while polling; the watermark is the latest start seen.
create table poll_state (
    connection_id  uuid primary key,
    watermark      timestamptz not null,
    last_poll_at   timestamptz,
    last_found     integer     not null default 0,
    next_poll_at   timestamptz not null
);

-- Backfills are chunked and resumable: next_chunk_from advances as chunks complete; the chunk span
-- adapts to the workspace's call volume.
create table backfill (
    id               uuid primary key,
    connection_id    uuid        not null,
    days             integer     not null,
    from_time        timestamptz not null,
    to_time          timestamptz not null,
    next_chunk_from  timestamptz not null,
    chunk_seconds    bigint      not null,
    chunks_done      integer     not null default 0,
    calls_found      integer     not null default 0,
    last_error       text,
    state            text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index backfill_one_running on backfill (connection_id) where state = 'RUNNING';
