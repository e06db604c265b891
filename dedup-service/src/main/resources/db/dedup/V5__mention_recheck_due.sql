-- A mention that joined a post is re-checked after the join commits (the post against its nearest
-- posts, for merge suggestions). recheck_score holds the join's score from the join's transaction
-- until that re-check is made, so an item whose re-check did not happen (the vector index or the
-- database failed after the join committed) is re-checked when Kafka delivers it again, instead of
-- being found on the board and skipped. Null: made, or never due (rows from before this migration).
alter table mention add column recheck_score double precision;
