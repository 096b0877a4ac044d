package dev.distill.promptgenerator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Difficulty by position in a campaign: stages in order, each covering a share of the requested count, e.g.
 * 30% at difficulty 1 then 70% at 3. Candidates past the count (when duplicates were skipped) stay at the last stage.
 */
public record Curriculum(List<Stage> stages) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Stage(int difficulty, double share) {
    }

    public Curriculum {
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("a curriculum needs at least one stage");
        }
        stages = List.copyOf(stages);
    }

    public static Curriculum fixed(int difficulty) {
        return new Curriculum(List.of(new Stage(difficulty, 1.0)));
    }

    public int difficultyAt(long index, long count) {
        double total = stages.stream().mapToDouble(Stage::share).sum();
        double position = (double) index / count * total;
        double end = 0;
        for (Stage stage : stages) {
            end += stage.share();
            if (position < end) {
                return stage.difficulty();
            }
        }
        return stages.get(stages.size() - 1).difficulty();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(stages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write curriculum " + stages, e);
        }
    }

    public static Curriculum fromJson(String json) {
        try {
            return new Curriculum(JSON.readValue(json, new TypeReference<List<Stage>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign curriculum column is not a list of stages: " + json, e);
        }
    }
}
