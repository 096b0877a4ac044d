-- Lookups by prompt id (lineage) use the unique (prompt_id, teacher_name, teacher_version) indexes, whose first
-- column it is; these two only cost an index entry per stored outcome.
drop index curated_samples_prompt_idx;
drop index rejected_samples_prompt_idx;
