-- extraction-service's own state (docs/adr/0007): what became of each call as a conversation
-- record, and one row per call for the call-volume series. No transcript or call content is kept.

-- One row per call of an org: mapped to a company (and published) or unmapped, with the reason.
create table conversation_outcome (
    org_id           text        not null,
    call_id          text        not null,
    status           text        not null check (status in ('mapped', 'unmapped')),
    -- unmapped: why (UnmappedReason: empty_directory, no_external_email, only_free_mail, ...)
    reason           text,
    -- mapped: how (crm_id, email_domain) and the account id or domain that matched
    matched_by       text,
    evidence         text,
    company_id       text,
    company_name     text,
    -- SHA-256 of the last Conversation record published for the call, and whether it held
    -- Gong's brief: an identical record is not published again, a summary never replaced by none
    published_hash   text,
    has_summary      boolean     not null default false,
    -- the gong.calls.v1 record that last published: seen again, its transaction may have rolled
    -- back, so it publishes again
    source_partition integer,
    source_offset    bigint,
    publications     integer     not null default 0,
    first_seen_at    timestamptz not null,
    updated_at       timestamptz not null,
    primary key (org_id, call_id)
);

-- One row per call of an org, counted once whatever the redeliveries or re-publications.
create table call_volume (
    org_id           text        not null,
    call_id          text        not null,
    -- the company the call mapped to when counted; null when it mapped to none
    company_id       text,
    started_at       timestamptz not null,
    duration_seconds bigint      not null check (duration_seconds >= 0),
    counted_at       timestamptz not null,
    primary key (org_id, call_id)
);

create index call_volume_by_start on call_volume (org_id, started_at);
create index call_volume_today on call_volume (started_at);
