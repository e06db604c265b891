-- A post's title follows its clearest mention's title until a person edits it; from then on the
-- edited title stays. (Numbered 3.1 so it orders after any V3 written alongside it.)
alter table post
    add column title_edited boolean not null default false;

-- Titles people edited before this column existed stay theirs.
update post set title_edited = true
 where id in (select post_id from post_history where action = 'edited' and detail ? 'title');
