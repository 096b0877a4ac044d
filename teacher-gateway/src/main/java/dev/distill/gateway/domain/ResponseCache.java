package dev.distill.gateway.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Teacher answers by request key, in PostgreSQL so that every instance and every restart shares them. */
@ApplicationScoped
public class ResponseCache {

    private final AgroalDataSource db;

    public ResponseCache(AgroalDataSource db) {
        this.db = db;
    }

    public Optional<CachedAnswer> find(String key) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("select answer_json from teacher_gateway.response_cache where cache_key = ?")) {
            s.setString(1, key);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(read(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("response cache unavailable: " + e.getMessage(), e);
        }
    }

    /** Keeps the first answer stored under a key; a second one (a race between instances) is dropped. */
    public void store(String key, TeacherRef teacher, CachedAnswer answer) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        insert into teacher_gateway.response_cache (cache_key, teacher_name, teacher_version, answer_json)
                        values (?, ?, ?, ?) on conflict (cache_key) do nothing""")) {
            s.setString(1, key);
            s.setString(2, teacher.name());
            s.setString(3, teacher.version());
            s.setString(4, EventCodec.mapper().writeValueAsString(answer));
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store answer in the response cache: " + e.getMessage(), e);
        }
    }

    private static CachedAnswer read(String json) {
        try {
            return EventCodec.mapper().readValue(json, CachedAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cache entry: " + e.getOriginalMessage(), e);
        }
    }
}
