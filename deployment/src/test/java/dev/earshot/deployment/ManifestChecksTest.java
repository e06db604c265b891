package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each rule of {@link ManifestChecks} fails on a manifest that breaks it. */
class ManifestChecksTest {

  private static final String GOOD =
      """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: app}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: app}
      spec:
        maxUnavailable: 1
        selector: {matchLabels: {app: app}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app}
      spec:
        selector: {matchLabels: {app: app}}
        template:
          metadata: {labels: {app: app}}
          spec:
            serviceAccountName: app
            securityContext: {runAsNonRoot: true, runAsUser: 10001}
            containers:
              - name: app
                image: registry.example.com/app:1.2.3
                env:
                  - name: DB_PASSWORD
                    valueFrom: {secretKeyRef: {name: db, key: password}}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: "1", memory: 256Mi}
                securityContext: {allowPrivilegeEscalation: false}
                startupProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
                livenessProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
                readinessProbe: {httpGet: {path: /actuator/health/readiness, port: 8080}}
      """;

  @Test
  void aManifestKeepingEveryRuleHasNoViolation() {
    assertThat(ManifestChecks.violations(Manifests.parse(GOOD))).isEmpty();
  }

  @Test
  void aLatestOrMissingTagIsCaught() {
    assertThat(violations(GOOD.replace("app:1.2.3", "app:latest")))
        .anyMatch(v -> v.contains("latest tag"));
    assertThat(
            violations(
                GOOD.replace("registry.example.com/app:1.2.3", "registry.example.com:5000/app")))
        .anyMatch(v -> v.contains("has no tag"));
  }

  @Test
  void aMissingProbeIsCaught() {
    assertThat(violations(GOOD.replace("readinessProbe:", "# readinessProbe:")))
        .containsExactly("app/app: no readiness probe");
  }

  @Test
  void aMissingLimitIsCaught() {
    assertThat(
            violations(GOOD.replace("limits: {cpu: \"1\", memory: 256Mi}", "limits: {cpu: \"1\"}")))
        .containsExactly("app/app: no memory limit");
  }

  @Test
  void rootIsCaught() {
    assertThat(violations(GOOD.replace("runAsNonRoot: true, runAsUser: 10001", "runAsUser: 0")))
        .anyMatch(v -> v.contains("may run as root"));
    assertThat(
            violations(
                GOOD.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")))
        .anyMatch(v -> v.contains("allowPrivilegeEscalation"));
  }

  @Test
  void aSecretThatIsNotRenderedIsCaughtAndAnExternalSecretTargetCounts() {
    String missing = GOOD.replace("metadata: {name: db}", "metadata: {name: other}");
    assertThat(violations(missing)).anyMatch(v -> v.contains("reads secret db"));

    String external =
        missing
            + """
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: db-from-vault}
            spec:
              target: {name: db}
            """;
    assertThat(violations(external)).isEmpty();
  }

  @Test
  void aTypoInAFieldNameIsCaught() {
    assertThat(violations(GOOD.replace("readinessProbe:", "readinesProbe:")))
        .anyMatch(v -> v.contains("unknown container fields [readinesProbe]"));
  }

  @Test
  void aDeploymentWithoutADisruptionBudgetIsCaught() {
    String other =
        GOOD.replace(
            "maxUnavailable: 1\n  selector: {matchLabels: {app: app}}",
            "maxUnavailable: 1\n  selector: {matchLabels: {app: other}}");
    assertThat(other).isNotEqualTo(GOOD);
    assertThat(violations(other)).containsExactly("app: no PodDisruptionBudget selects its pods");
  }

  private static java.util.List<String> violations(String yaml) {
    return ManifestChecks.violations(Manifests.parse(yaml));
  }
}
