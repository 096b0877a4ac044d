package dev.distill.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates a database on the machine's PostgreSQL when it is missing; schemas inside it are the services' own. */
public final class PostgresDatabases {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_USER = "postgres";

    private PostgresDatabases() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Connects to the {@code postgres} maintenance database and creates {@code name} if it does not exist. */
    public static void ensureExists(String name) {
        checkName(name);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created meanwhile by another process
            }
            throw unreachable(e);
        }
    }

    /** Drops {@code name} (with anything still connected to it) and creates it empty. */
    public static void recreate(String name) {
        checkName(name);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), password());
                Statement drop = connection.createStatement()) {
            drop.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw unreachable(e);
        }
        ensureExists(name);
    }

    private static void checkName(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + name);
        }
    }

    private static IllegalStateException unreachable(SQLException e) {
        return new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " is not reachable as user '"
                + user() + "' (" + e.getMessage() + "). Start it, e.g. with "
                + "'pg_ctlcluster --skip-systemctl-redirect 15 main start'.", e);
    }

    public static String host() {
        return System.getProperty("distill.postgres.host", System.getenv().getOrDefault("DISTILL_POSTGRES_HOST", DEFAULT_HOST));
    }

    public static int port() {
        return Integer.parseInt(System.getProperty("distill.postgres.port",
                System.getenv().getOrDefault("DISTILL_POSTGRES_PORT", Integer.toString(DEFAULT_PORT))));
    }

    public static String user() {
        return System.getProperty("distill.postgres.user", System.getenv().getOrDefault("DISTILL_POSTGRES_USER", DEFAULT_USER));
    }

    public static String password() {
        return System.getProperty("distill.postgres.password", System.getenv().getOrDefault("DISTILL_POSTGRES_PASSWORD", ""));
    }
}
