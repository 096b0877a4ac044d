-- When the evaluator promoted a checkpoint to champion: the serving evaluator loads a champion from its directory, so
-- retention never deletes one that was promoted.
alter table checkpoint add column promoted_at timestamptz;
