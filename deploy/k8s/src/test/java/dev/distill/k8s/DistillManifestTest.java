package dev.distill.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.distill.events.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each Kustomize overlay with {@code kubectl kustomize} and checks the objects it would apply against the
 * services' own configuration: probes, resources and non-root pods; a KafkaTopic for every topic; every reference
 * resolving; only the services' images; env variables the services read; KEDA triggers on the right group and topic.
 */
class DistillManifestTest {

    private static final Path ROOT = Path.of(System.getProperty("distill.root", "../..")).toAbsolutePath().normalize();
    private static final Map<String, RenderedManifests> RENDERS = new HashMap<>();
    /** Keys that only a @ConfigMapping declares (no line in application.properties), per service. */
    private static final Map<String, Set<String>> MAPPING_ONLY_ENV = Map.of(
            "teacher-gateway", Set.of("DISTILL_TEACHER_API_KEY_FILE")); // TeacherConfig.apiKeyFile()

    private static synchronized RenderedManifests render(String overlay) {
        return RENDERS.computeIfAbsent(overlay, o -> RenderedManifests.render(ROOT, o));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasProbesResourcesAndRunsAsNonRoot(String overlay) {
        RenderedManifests render = render(overlay);
        assertThat(render.ofKind("Deployment")).extracting(RenderedManifests::name)
                .contains("prompt-generator", "teacher-gateway", "dataset-curator", "trainer", "evaluator");
        for (JsonNode deployment : render.ofKind("Deployment")) {
            String name = RenderedManifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String where = overlay + " " + name + "/" + container.path("name").asText();
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(where + " liveness").isEqualTo("/q/health/live");
                assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(where + " readiness").isEqualTo("/q/health/ready");
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.path("resources").path(bound).path(resource).isMissingNode())
                                .as(where + " resources." + bound + "." + resource).isFalse();
                    }
                }
                boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(false)
                        || pod.at("/securityContext/runAsNonRoot").asBoolean(false)
                        && !container.at("/securityContext/runAsNonRoot").isBoolean();
                assertThat(nonRoot).as(where + " runAsNonRoot").isTrue();
                assertThat(container.at("/securityContext/runAsUser").asInt(pod.at("/securityContext/runAsUser").asInt(185)))
                        .as(where + " runAsUser").isNotZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicTheServicesUseHasAKafkaTopic(String overlay) throws IllegalAccessException {
        RenderedManifests render = render(overlay);
        Set<String> used = new TreeSet<>();
        for (String service : ServiceConfig.MODULES.keySet()) {
            used.addAll(ServiceConfig.load(ROOT, service).topics());
        }
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DLQ_SUFFIX")) {
                used.add((String) field.get(null));
            }
        }
        assertThat(used).contains(Topics.PROMPTS, Topics.SUITE_PROMPTS, Topics.dlq(Topics.PROMPTS));

        List<JsonNode> kafkas = render.ofKind("Kafka");
        assertThat(kafkas).as("one Strimzi Kafka").hasSize(1);
        String cluster = RenderedManifests.name(kafkas.get(0));
        assertThat(kafkas.get(0).at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true))
                .as("topics come only from KafkaTopics").isFalse();
        assertThat(render.ofKind("KafkaNodePool")).allSatisfy(pool ->
                assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster));
        Map<String, JsonNode> declared = new HashMap<>();
        for (JsonNode topic : render.ofKind("KafkaTopic")) {
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as(RenderedManifests.name(topic))
                    .isEqualTo(cluster);
            assertThat(topic.at("/spec/partitions").asInt()).as(RenderedManifests.name(topic)).isPositive();
            declared.put(topic.at("/spec/topicName").asText(RenderedManifests.name(topic)), topic);
        }
        assertThat(declared.keySet()).as("KafkaTopics of " + overlay).containsAll(used);
        // compacted: the latest value per key is what a new reader needs (Topics' javadoc, DESIGN.md)
        for (String compacted : List.of(Topics.SUITE_PROMPTS, Topics.TEACHER_VERSIONS)) {
            assertThat(declared.get(compacted).at("/spec/config/cleanup.policy").asText()).as(compacted).isEqualTo("compact");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyConfigMapSecretAndClaimReferencedExists(String overlay) {
        RenderedManifests render = render(overlay);
        List<String> missing = new ArrayList<>();
        for (JsonNode deployment : render.ofKind("Deployment")) {
            String owner = RenderedManifests.name(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode from : container.path("envFrom")) {
                    require(render, "ConfigMap", from.at("/configMapRef/name"), null, owner, missing);
                    require(render, "Secret", from.at("/secretRef/name"), null, owner, missing);
                }
                for (JsonNode env : container.path("env")) {
                    JsonNode cm = env.at("/valueFrom/configMapKeyRef");
                    require(render, "ConfigMap", cm.path("name"), cm.path("key").asText(null), owner, missing);
                    JsonNode secret = env.at("/valueFrom/secretKeyRef");
                    require(render, "Secret", secret.path("name"), secret.path("key").asText(null), owner, missing);
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                require(render, "ConfigMap", volume.at("/configMap/name"), null, owner, missing);
                require(render, "Secret", volume.at("/secret/secretName"), null, owner, missing);
                for (JsonNode item : volume.at("/secret/items")) {
                    require(render, "Secret", volume.at("/secret/secretName"), item.path("key").asText(), owner, missing);
                }
                require(render, "PersistentVolumeClaim", volume.at("/persistentVolumeClaim/claimName"), null, owner, missing);
            }
        }
        for (JsonNode cluster : render.ofKind("Cluster")) {
            JsonNode secret = cluster.at("/spec/bootstrap/initdb/secret/name");
            require(render, "Secret", secret, "username", "Cluster " + RenderedManifests.name(cluster), missing);
            require(render, "Secret", secret, "password", "Cluster " + RenderedManifests.name(cluster), missing);
        }
        for (JsonNode scaled : render.ofKind("ScaledObject")) {
            require(render, "Deployment", scaled.at("/spec/scaleTargetRef/name"), null,
                    "ScaledObject " + RenderedManifests.name(scaled), missing);
        }
        assertThat(missing).as("references in " + overlay + " that resolve to nothing").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyImageIsOneOfTheServicesImages(String overlay) {
        for (JsonNode deployment : render(overlay).ofKind("Deployment")) {
            String name = RenderedManifests.name(deployment);
            assertThat(ServiceConfig.MODULES).as("a Deployment of a service").containsKey(name);
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                assertThat(container.path("image").asText()).as(overlay + " " + name)
                        .matches("distill/" + name + ":[A-Za-z0-9][A-Za-z0-9._-]*");
            }
            assertThat(deployment.at("/spec/template/spec/initContainers")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableForTheApplicationIsOneItReads(String overlay) {
        RenderedManifests render = render(overlay);
        List<String> unread = new ArrayList<>();
        for (JsonNode deployment : render.ofKind("Deployment")) {
            String service = RenderedManifests.name(deployment);
            ServiceConfig config = ServiceConfig.load(ROOT, service);
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                List<String> names = new ArrayList<>();
                container.path("env").forEach(env -> names.add(env.path("name").asText()));
                for (JsonNode from : container.path("envFrom")) {
                    render.find("ConfigMap", from.at("/configMapRef/name").asText())
                            .ifPresent(cm -> cm.path("data").fieldNames().forEachRemaining(names::add));
                }
                for (String name : names) {
                    boolean applicationConfig = name.startsWith("DISTILL_") || name.startsWith("KAFKA_")
                            || name.startsWith("QUARKUS_");
                    if (applicationConfig && !config.reads(name)
                            && !MAPPING_ONLY_ENV.getOrDefault(service, Set.of()).contains(name)) {
                        unread.add(service + " " + name);
                    }
                }
            }
        }
        assertThat(unread).as("variables no application.properties key or placeholder reads (" + overlay + ")").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kedaScalesTheGatewayAndTheCuratorOnTheirOwnGroupsLag(String overlay) {
        RenderedManifests render = render(overlay);
        String bootstrap = render.ofKind("ConfigMap").stream()
                .filter(cm -> cm.at("/data/KAFKA_BOOTSTRAP_SERVERS").isTextual()).findFirst().orElseThrow()
                .at("/data/KAFKA_BOOTSTRAP_SERVERS").asText();
        assertThat(render.ofKind("ScaledObject")).extracting(o -> o.at("/spec/scaleTargetRef/name").asText())
                .containsExactlyInAnyOrder("teacher-gateway", "dataset-curator");
        for (JsonNode scaled : render.ofKind("ScaledObject")) {
            String service = scaled.at("/spec/scaleTargetRef/name").asText();
            Map<String, String> groups = ServiceConfig.load(ROOT, service).groupsByTopic();
            assertThat(scaled.at("/spec/triggers")).isNotEmpty();
            for (JsonNode trigger : scaled.at("/spec/triggers")) {
                assertThat(trigger.path("type").asText()).isEqualTo("kafka");
                String topic = trigger.at("/metadata/topic").asText();
                assertThat(groups).as(service + " consumes " + topic).containsEntry(topic, trigger.at("/metadata/consumerGroup").asText());
                assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
                int partitions = render.ofKind("KafkaTopic").stream()
                        .filter(t -> t.at("/spec/topicName").asText().equals(topic)).findFirst().orElseThrow()
                        .at("/spec/partitions").asInt();
                assertThat(scaled.at("/spec/maxReplicaCount").asInt()).as("replicas beyond partitions idle")
                        .isBetween(2, partitions);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesEveryServiceAndGrafanaGetsTheDashboards(String overlay) throws IOException {
        RenderedManifests render = render(overlay);
        JsonNode monitor = render.ofKind("ServiceMonitor").get(0);
        List<JsonNode> scraped = render.ofKind("Service").stream().filter(service -> {
            Map<String, String> labels = new HashMap<>();
            service.at("/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<Boolean> matches = new ArrayList<>();
            monitor.at("/spec/selector/matchLabels").fields()
                    .forEachRemaining(e -> matches.add(e.getValue().asText().equals(labels.get(e.getKey()))));
            return !matches.contains(false);
        }).toList();
        assertThat(scraped).extracting(RenderedManifests::name)
                .contains("prompt-generator", "teacher-gateway", "dataset-curator", "trainer", "evaluator");
        String port = monitor.at("/spec/endpoints/0/port").asText();
        assertThat(scraped).allSatisfy(service -> assertThat(service.at("/spec/ports").findValuesAsText("name")).contains(port));

        // the PrometheusRule applied is the file the local Prometheus loads
        JsonNode source = new YAMLMapper().readTree(ROOT.resolve("deploy/prometheus/distill-rules.yaml").toFile());
        JsonNode rule = render.find("PrometheusRule", "distill-alerts").orElseThrow();
        assertThat(rule.path("spec")).isEqualTo(source.path("spec"));
        assertThat(rule.at("/spec/groups").findValuesAsText("alert")).containsExactlyInAnyOrder("DistillConsumerLagHigh",
                "DistillDeadLettersGrowing", "DistillTeacherErrorRate", "DistillTeacherCircuitOpen",
                "DistillTrainerStalled", "DistillAccuracyRegression");

        JsonNode dashboards = render.find("ConfigMap", "distill-grafana-dashboards").orElseThrow();
        assertThat(dashboards.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        List<String> files = new ArrayList<>();
        dashboards.path("data").fieldNames().forEachRemaining(files::add);
        assertThat(files).containsExactlyInAnyOrder("overview.json", "teacher.json", "curation.json", "training.json",
                "evaluation.json");
        for (String file : files) {
            JsonNode dashboard = new ObjectMapper().readTree(dashboards.path("data").path(file).asText());
            assertThat(dashboard.path("panels").findValuesAsText("expr")).as(file).isNotEmpty();
        }
    }

    @Test
    void devRunsTheReferenceTeacherOnOneNodeAndProdTheTrainerOnAGpu() {
        RenderedManifests dev = render("dev");
        JsonNode devTeacher = dev.ofKind("Secret").stream().filter(s -> s.at("/data/base-url").isTextual()).findFirst().orElseThrow();
        assertThat(decoded(devTeacher, "base-url")).isEqualTo("http://reference-teacher:8090");
        assertThat(dev.find("Service", "reference-teacher")).isPresent();
        assertThat(dev.ofKind("KafkaNodePool")).singleElement().satisfies(pool -> {
            assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(1);
            assertThat(pool.at("/spec/storage/type").asText()).isEqualTo("ephemeral");
        });
        assertThat(trainer(dev).at("/resources/limits/nvidia.com~1gpu").isMissingNode()).isTrue();

        RenderedManifests prod = render("prod");
        assertThat(prod.find("Deployment", "reference-teacher")).isEmpty();
        assertThat(trainer(prod).at("/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
        assertThat(prod.ofKind("KafkaNodePool")).singleElement().satisfies(pool ->
                assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3));
        assertThat(prod.find("PersistentVolumeClaim", "distill-checkpoints").orElseThrow().at("/spec/accessModes/0").asText())
                .isEqualTo("ReadWriteMany");
        Consumer<JsonNode> mountsCheckpoints = d -> assertThat(d.at("/spec/template/spec/volumes")
                .findValuesAsText("claimName")).contains("distill-checkpoints");
        mountsCheckpoints.accept(prod.find("Deployment", "trainer").orElseThrow());
        mountsCheckpoints.accept(prod.find("Deployment", "evaluator").orElseThrow());
    }

    private static JsonNode trainer(RenderedManifests render) {
        return render.find("Deployment", "trainer").orElseThrow().at("/spec/template/spec/containers/0");
    }

    private static String decoded(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.at("/data/" + key).asText()), StandardCharsets.UTF_8);
    }

    /** Records in {@code missing} a reference (name, and key when given) that no object of the render satisfies. */
    private static void require(RenderedManifests render, String kind, JsonNode name, String key, String owner,
            List<String> missing) {
        if (name.isMissingNode() || name.isNull()) {
            return;
        }
        var target = render.find(kind, name.asText());
        if (target.isEmpty()) {
            missing.add(owner + " -> " + kind + " " + name.asText());
        } else if (key != null && !target.get().path("data").has(key) && !target.get().path("stringData").has(key)) {
            missing.add(owner + " -> " + kind + " " + name.asText() + " key " + key);
        }
    }
}
