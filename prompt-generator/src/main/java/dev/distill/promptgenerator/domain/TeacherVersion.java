package dev.distill.promptgenerator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An announced teacher version; {@code id} is the event's deterministic id, so a redelivery is one row. */
@Entity
@Table(name = "teacher_version")
public class TeacherVersion extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "teacher_name")
    public String teacherName;
    public String model;
    public String version;
    @Column(name = "announced_at")
    public Instant announcedAt;
    @Column(name = "replay_policy")
    public String replayPolicy;
    @Column(name = "replay_fraction")
    public Double replayFraction;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static List<TeacherVersion> newestFirst() {
        return list("order by announcedAt desc, id");
    }
}
