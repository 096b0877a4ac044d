package dev.distill.trainer.service;

import dev.distill.model.Checkpoints;
import dev.distill.model.OptimizerState;
import dev.distill.model.Student;
import dev.distill.trainer.domain.CheckpointRecord;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Chooses what to resume from: the newest checkpoint that loads; each unreadable one is reported and passed over. */
final class CheckpointFallback {

    /** {@code optimizer} has no moments when the checkpoint was saved without them; it still gives the step. */
    record Resumed(CheckpointRecord checkpoint, Student student, OptimizerState optimizer) {
    }

    private CheckpointFallback() {
    }

    /** Empty when none loads (or there are none): training then starts from scratch. */
    static Optional<Resumed> newestReadable(List<CheckpointRecord> newestFirst,
            BiConsumer<CheckpointRecord, RuntimeException> unreadable) {
        for (CheckpointRecord checkpoint : newestFirst) {
            try {
                Path dir = Path.of(URI.create(checkpoint.uri));
                OptimizerState optimizer = Checkpoints.loadOptimizerState(dir)
                        .orElseGet(() -> OptimizerState.atStep(checkpoint.step, checkpoint.roundStartStep));
                return Optional.of(new Resumed(checkpoint, Checkpoints.load(dir), optimizer));
            } catch (RuntimeException e) {
                // a damaged or deleted directory, or a URI that is not a file: any of these leaves an older one to try
                unreadable.accept(checkpoint, e);
            }
        }
        return Optional.empty();
    }
}
