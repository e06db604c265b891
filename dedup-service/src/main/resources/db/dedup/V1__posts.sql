-- Feedback posts and their mentions (one per feedback item). Vectors are float32 little-endian:
-- a mention's embedding, and a post's sum of them (its centroid direction and mean length).
create table post (
    id                uuid primary key,
    org_id            text        not null,
    board             text        not null,
    category          text,
    kind              text        not null,
    title             text        not null,
    description       text        not null,
    tags              text[]      not null default '{}',
    status            text        not null,
    mention_count     integer     not null,
    first_seen        timestamptz not null,
    last_seen         timestamptz not null,
    highest_priority  text        not null,
    deal_amount       numeric(18, 2) not null default 0,
    negative          integer     not null default 0,
    neutral           integer     not null default 0,
    positive          integer     not null default 0,
    vector_sum        bytea       not null,
    embedding_model   text        not null,
    merged_into       uuid references post (id),
    indexed_at        timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index post_by_org on post (org_id, status, last_seen desc);
create index post_unindexed on post (updated_at) where indexed_at is null;

-- A feedback item on a post. An org's item ids are unique: a redelivered item adds nothing.
create table mention (
    id              uuid primary key,
    post_id         uuid        not null references post (id),
    org_id          text        not null,
    item_id         text        not null,
    call_id         text        not null,
    call_url        text        not null,
    call_started_at timestamptz not null,
    author_name     text,
    author_email    text,
    author_title    text,
    account_id      text,
    account_name    text,
    deal_amount     numeric(18, 2),
    deal_currency   text,
    kind            text        not null,
    priority        text        not null,
    sentiment       text        not null,
    board           text        not null,
    category        text,
    title           text        not null,
    description     text        not null,
    tags            text[]      not null default '{}',
    quotes          jsonb       not null,
    vector          bytea       not null,
    created_at      timestamptz not null,
    unique (org_id, item_id)
);
create index mention_by_post on mention (post_id);

-- What people did to posts: merges, splits, edits.
create table post_history (
    id       bigserial primary key,
    post_id  uuid        not null references post (id),
    action   text        not null,
    detail   jsonb       not null,
    actor    text        not null,
    at       timestamptz not null
);
create index post_history_by_post on post_history (post_id);

-- The outbox to feedback.posts.v1: written with the change, published in id order.
create table outbox (
    id            bigserial primary key,
    post_id       uuid        not null,
    event         bytea       not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);
create index outbox_pending on outbox (id) where published_at is null;
