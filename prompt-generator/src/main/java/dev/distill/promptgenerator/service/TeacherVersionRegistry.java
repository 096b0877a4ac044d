package dev.distill.promptgenerator.service;

import dev.distill.events.TeacherVersionEvent;
import dev.distill.promptgenerator.domain.TeacherVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Announced teacher versions, as received. */
@ApplicationScoped
public class TeacherVersionRegistry {

    private final EntityManager em;

    public TeacherVersionRegistry(EntityManager em) {
        this.em = em;
    }

    /** Idempotent: the event id is the primary key, so a redelivered announcement changes nothing. Returns true if new. */
    @Transactional
    public boolean record(TeacherVersionEvent event) {
        return em.createNativeQuery("""
                insert into {h-schema}teacher_version (id, teacher_name, model, version, announced_at, replay_policy, replay_fraction, received_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                .setParameter(1, event.eventId())
                .setParameter(2, event.teacherName())
                .setParameter(3, event.model())
                .setParameter(4, event.version())
                .setParameter(5, event.announcedAt())
                .setParameter(6, event.replayPolicy())
                .setParameter(7, event.replayFraction())
                .setParameter(8, Instant.now())
                .executeUpdate() == 1;
    }

    @Transactional
    public List<TeacherVersion> list() {
        return TeacherVersion.newestFirst();
    }
}
