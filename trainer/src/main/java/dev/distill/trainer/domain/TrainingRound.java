package dev.distill.trainer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A teacher version announced on {@code distill.teacher-versions}: the trainer starts a round for the newest one. */
@Entity
@Table(name = "training_round")
public class TrainingRound extends PanacheEntityBase {

    /** Qualified, as samples carry it: {@code name@version}. */
    @Id
    @Column(name = "teacher_version")
    public String teacherVersion;

    @Column(name = "announced_at", nullable = false)
    public Instant announcedAt;

    /** Records an announcement; a redelivered one changes nothing. */
    public static void announced(String teacherVersion, Instant at) {
        if (findById(teacherVersion) == null) {
            TrainingRound round = new TrainingRound();
            round.teacherVersion = teacherVersion;
            round.announcedAt = at;
            round.persist();
        }
    }

    /** The most recently announced version, which training should be in a round for. */
    public static Optional<TrainingRound> latest() {
        return find("order by announcedAt desc, teacherVersion desc").firstResultOptional();
    }
}
