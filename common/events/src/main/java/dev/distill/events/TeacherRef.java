package dev.distill.events;

/** Which teacher answered: its registry name, the served model, and the version. */
public record TeacherRef(String name, String model, String version) {
    public TeacherRef {
        Require.present(name, "teacher.name");
        Require.present(model, "teacher.model");
        Require.present(version, "teacher.version");
    }

    /** name@version, the form used in ids and checkpoint lineage. */
    public String qualifiedVersion() {
        return name + "@" + version;
    }
}
