-- Custom suites registered through REST (the built-in suite comes from configuration), each stored whole: its prompts
-- with their references and verifiers as a JSON array, in file order.
create table custom_suite (
    name       text primary key,
    prompts    int         not null,
    items_json text        not null,
    created_at timestamptz not null
);

-- The teacher's score on a suite, once per teacher version and suite: ready (with its answers, for agreement) or
-- failed (with the reason; tried again later). digest fingerprints the suite's prompts, so a suite that changed (the
-- built-in one through configuration, a custom one deleted and registered again) is scored again.
create table teacher_baseline (
    baseline_id     text primary key, -- <teacher version>|<suite>
    teacher_version text             not null,
    suite           text             not null,
    digest          text             not null,
    status          text             not null,
    prompts         int              not null,
    accuracy        double precision,
    per_skill_json  text,
    answers_json    text,
    reason          text,
    attempts        int              not null,
    duration_ms     bigint,
    updated_at      timestamptz      not null
);
create index teacher_baseline_suite on teacher_baseline (suite);

-- The teacher's figures beside each result (also in event_json); null when there was no baseline.
alter table benchmark_result add column teacher_baseline double precision;
alter table benchmark_result add column agreement double precision;
create index benchmark_result_suite on benchmark_result (suite, accuracy desc, created_at);
