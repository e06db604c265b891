-- The calls read model: what an org's users may look up about a call, from gong.calls.v1.
-- No transcript is kept (only each speaker's talk time); the latest record of a call wins.
create table held_call (
    org_id           text        not null,
    call_id          text        not null,
    started_at       timestamptz not null,
    title            text        not null,
    -- lower-case words of the title, the participants' names, titles and emails, and the company
    search_text      text        not null,
    -- the API's view of the call (HeldCall as JSON)
    detail           jsonb       not null,
    fetched_at       timestamptz not null,
    primary key (org_id, call_id)
);

create index held_call_started on held_call (org_id, started_at desc);
