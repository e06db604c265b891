-- Merges as facts of their own, not a column of the merged post's row: feedback.posts.v1 is keyed
-- by post id, so a MERGED event (on the target's partition) may be read before the merged-away
-- post's own events (on its partition) — a late mention, even its CREATED. Mentions of a
-- merged-away post land on the post the chain of merges ends at.
create table post_merge (
    org_id      text        not null,
    post_id     text        not null,
    merged_into text        not null,
    merged_at   timestamptz not null,
    primary key (org_id, post_id)
);

insert into post_merge (org_id, post_id, merged_into, merged_at)
select org_id, post_id, merged_into, updated_at from board_post where merged_into is not null;

alter table board_post drop column merged_into;
