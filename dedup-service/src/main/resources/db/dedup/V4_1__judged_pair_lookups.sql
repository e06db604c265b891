-- A re-check reads the pairs a post is in, from either side, in judged_pair and merge_suggestion
-- (whatever the suggestion's status): without these it scans both tables on every judged join.
create index judged_pair_by_post on judged_pair (post_id);
create index judged_pair_by_candidate on judged_pair (candidate_id);
create index merge_suggestion_any_by_post on merge_suggestion (post_id);
create index merge_suggestion_any_by_candidate on merge_suggestion (candidate_id);
