-- Merge suggestions: an item started post_id while candidate_id, an existing post, scored within the
-- embedding model's uncertain band below the join threshold. A person accepts (candidate_id absorbs
-- post_id through the merge path), dismisses, or the suggestion is closed when either post is merged.
create table merge_suggestion (
    id               uuid primary key,
    org_id           text             not null,
    post_id          uuid             not null references post (id),
    candidate_id     uuid             not null references post (id),
    score            double precision not null,
    item_quote       text,
    candidate_quote  text,
    status           text             not null,  -- open | accepted | dismissed | closed
    created_at       timestamptz      not null,
    decided_at       timestamptz,
    decided_by       text,
    check (post_id <> candidate_id)
);
-- A pair of posts is suggested once, whatever became of it: a dismissed pair is never suggested again.
create unique index merge_suggestion_pair
    on merge_suggestion (org_id, least(post_id, candidate_id), greatest(post_id, candidate_id));
create index merge_suggestion_open on merge_suggestion (org_id, score desc) where status = 'open';
create index merge_suggestion_by_post on merge_suggestion (post_id) where status = 'open';
create index merge_suggestion_by_candidate on merge_suggestion (candidate_id) where status = 'open';
