-- Pairs of posts a language-model judge was asked about after a join
-- (earshot.dedup.judge.mode: suggest): a mention joined post_id and candidate_id lay within the
-- judge's band of it. Each pair is asked once this way: a pair recorded here is not put to the judge
-- again, whatever it answered (picked: it named candidate_id, and a merge suggestion was recorded).
create table judged_pair (
    org_id        text        not null,
    post_id       uuid        not null references post (id),
    candidate_id  uuid        not null references post (id),
    picked        boolean     not null,
    asked_at      timestamptz not null,
    check (post_id <> candidate_id)
);
create unique index judged_pair_pair
    on judged_pair (org_id, least(post_id, candidate_id), greatest(post_id, candidate_id));
