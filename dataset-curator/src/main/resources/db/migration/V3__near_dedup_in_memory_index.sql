-- Near-dedup candidates are now found in an in-memory index of the bucket keys, kept level by reading the rows of a
-- dataset version above the last id it holds (see NearDedupIndexes). The GIN index cost about a second per batch of
-- lookups and inserts at a million rows; what remains is the read by dataset version and id.
drop index near_dedup_buckets_idx;
create index near_dedup_dataset_id_idx on near_dedup (dataset_version, id);
