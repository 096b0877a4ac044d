-- A batch's outcomes are marked published together: one outcome_batch row is updated once the broker acknowledged
-- them all, instead of rewriting every outcome row (a new row version and an entry in each of its five indexes).
-- published_at on an outcome row remains for outcomes published one by one (again, after a redelivery) and for rows
-- stored before this migration. No foreign key: a batch's row is written in the transaction that stores its outcomes,
-- and a key check per inserted outcome would cost more than it guards.
create table outcome_batch (
    id           bigserial   primary key,
    published_at timestamptz
);
alter table curated_samples add column batch_id bigint;
alter table rejected_samples add column batch_id bigint;
