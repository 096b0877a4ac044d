package dev.distill.curator.domain;

import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;

/** What identifies a response to curate: one outcome per prompt and teacher version. */
public record ResponseKey(String promptId, String teacherName, String teacherVersion) {

    public static ResponseKey of(TeacherResponseEvent response) {
        return of(response.promptId(), response.teacher());
    }

    public static ResponseKey of(String promptId, TeacherRef teacher) {
        return new ResponseKey(promptId, teacher.name(), teacher.version());
    }
}
