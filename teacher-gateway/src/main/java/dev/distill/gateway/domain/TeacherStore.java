package dev.distill.gateway.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The teacher registry's tables. Every instance reads them, so a change made through one is seen by all. */
@ApplicationScoped
public class TeacherStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource db;

    public TeacherStore(AgroalDataSource db) {
        this.db = db;
    }

    /** Creates the teacher, or updates its server, headers, key reference and limits (routing is left alone). */
    public void upsert(TeacherSpec teacher) {
        update("""
                insert into teacher_gateway.teachers (name, base_url, headers_json, api_key_ref, max_in_flight,
                    requests_per_minute, tokens_per_minute, timeout_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (name) do update set base_url = excluded.base_url, headers_json = excluded.headers_json,
                    api_key_ref = excluded.api_key_ref, max_in_flight = excluded.max_in_flight,
                    requests_per_minute = excluded.requests_per_minute, tokens_per_minute = excluded.tokens_per_minute,
                    timeout_ms = excluded.timeout_ms, updated_at = now()""",
                teacher.name(), teacher.baseUrl(), json(teacher.headers()), teacher.apiKey().ref(),
                teacher.limits().maxInFlight(), teacher.limits().requestsPerMinute(), teacher.limits().tokensPerMinute(),
                teacher.limits().timeout().toMillis());
    }

    /** True when the version is new; an existing version is left as it was. */
    public boolean addVersion(TeacherVersion version) {
        return update("""
                insert into teacher_gateway.teacher_versions (teacher_name, version, model, base_url, announced_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                version.teacher(), version.version(), version.model(), version.baseUrl(),
                Timestamp.from(version.announcedAt())) == 1;
    }

    public void setRoute(Route route) {
        update("""
                update teacher_gateway.teachers set active_version = ?, canary_version = ?, canary_percent = ?,
                    updated_at = now() where name = ?""",
                route.activeVersion(), route.canaryVersion(), route.canaryPercent(), route.teacher());
    }

    public RegistrySnapshot load() {
        Map<String, TeacherSpec> teachers = new LinkedHashMap<>();
        Map<String, Route> routes = new HashMap<>();
        Map<String, List<TeacherVersion>> versions = new HashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select name, base_url, headers_json, api_key_ref, max_in_flight, requests_per_minute,
                           tokens_per_minute, timeout_ms, active_version, canary_version, canary_percent
                    from teacher_gateway.teachers order by name"""); ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    teachers.put(name, new TeacherSpec(name, rows.getString(2), headers(rows.getString(3)),
                            new ApiKeySource(rows.getString(4)), new Limits(rows.getInt(5), rows.getInt(6), rows.getInt(7),
                                    Duration.ofMillis(rows.getLong(8)))));
                    if (rows.getString(9) != null) {
                        routes.put(name, new Route(name, rows.getString(9), rows.getString(10), rows.getInt(11)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select teacher_name, version, model, base_url, announced_at from teacher_gateway.teacher_versions
                    order by teacher_name, announced_at, version"""); ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    versions.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new TeacherVersion(
                            rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("teacher registry unavailable: " + e.getMessage(), e);
        }
        return new RegistrySnapshot(teachers, versions, routes);
    }

    private int update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("teacher registry unavailable: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable headers in the registry: " + e.getOriginalMessage(), e);
        }
    }
}
