package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlExpressionsTest {

    @Test
    void selectorsAreTheSeriesNamedWithoutFunctionsOperatorsOrLabelLists() {
        String expr = """
                sum by (teacher, version) (rate(distill_teacher_requests_total{outcome!="ok", x=~"a{b}"}[5m]))
                  / on (teacher) group_left(model) sum without (le) (rate(distill_teacher_requests_total[5m])) > 0.1
                  and max_over_time(distill_evaluator_accuracy{skill="overall"}[6h] offset 1h) == bool 2""";
        assertThat(PromQlExpressions.selectors(expr)).containsExactly(
                "distill_teacher_requests_total{outcome!=\"ok\", x=~\"a{b}\"}",
                "distill_teacher_requests_total",
                "distill_evaluator_accuracy{skill=\"overall\"}");
    }

    @Test
    void stringsAndDurationsAreNotSeries() {
        assertThat(PromQlExpressions.selectors(
                "label_replace(histogram_quantile(0.95, rate(up[1m30s])), \"to\", \"$1\", \"job\", \"(.*)\")"))
                .containsExactly("up");
    }
}
