-- When each mention was linked to its post (the linking event's occurredAt): dedup splitting a
-- mention off publishes CREATED for the new post with the same item id, which must move the link,
-- while a redelivered older event must not move it back. Links kept before this column take their
-- post's last update, an upper bound of when they were made.
alter table post_call add column linked_at timestamptz;

update post_call c
   set linked_at = p.updated_at
  from board_post p
 where p.org_id = c.org_id and p.post_id = c.post_id;

update post_call set linked_at = '-infinity' where linked_at is null;

alter table post_call alter column linked_at set not null;
