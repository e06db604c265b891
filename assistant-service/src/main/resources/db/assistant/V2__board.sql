-- The feedback board as feedback.posts.v1 tells it: each post's latest state, and which calls its
-- mentions come from (with their quotes), so answers about a customer's calls can name the posts.
create table board_post (
    org_id           text          not null,
    post_id          text          not null,
    title            text          not null,
    description      text          not null,
    status           text          not null,
    board            text          not null,
    category         text,
    mention_count    int           not null,
    deal_amount      numeric(18,2) not null,
    highest_priority text          not null,
    first_seen       timestamptz   not null,
    last_seen        timestamptz   not null,
    merged_into      text,
    updated_at       timestamptz   not null,
    primary key (org_id, post_id)
);

create table post_call (
    org_id       text  not null,
    post_id      text  not null,
    item_id      text  not null,
    call_id      text  not null,
    call_url     text  not null,
    account_name text,
    quotes       jsonb not null,
    primary key (org_id, item_id)
);

create index post_call_by_call on post_call (org_id, call_id);
create index post_call_by_post on post_call (org_id, post_id);
