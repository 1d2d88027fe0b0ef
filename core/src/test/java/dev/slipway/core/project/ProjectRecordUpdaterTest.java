package dev.slipway.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.core.deployment.DeploymentId;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.ProjectRecordUpdater.Change;
import dev.slipway.core.storage.ConditionalStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProjectRecordUpdaterTest {

    /** A store with the semantics of S3's conditional writes, in memory. */
    static final class MemoryStore implements ConditionalStore {
        final Map<String, Versioned> objects = new HashMap<>();
        final AtomicInteger versions = new AtomicInteger();
        Runnable beforeWrite = () -> {};

        @Override
        public synchronized Optional<Versioned> read(String key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public boolean write(String key, byte[] bytes, @Nullable String expectedEtag) {
            beforeWrite.run();
            synchronized (this) {
                Versioned now = objects.get(key);
                boolean ok =
                        expectedEtag == null
                                ? now == null
                                : now != null && now.etag().equals(expectedEtag);
                if (ok) {
                    objects.put(key, new Versioned(bytes, "v" + versions.incrementAndGet()));
                }
                return ok;
            }
        }

        @Override
        public synchronized boolean delete(String key, String expectedEtag) {
            Versioned now = objects.get(key);
            if (now == null || !now.etag().equals(expectedEtag)) {
                return false;
            }
            objects.remove(key);
            return true;
        }
    }

    final Slug demo = Slug.of("demo");
    final MemoryStore store = new MemoryStore();
    final ProjectRecordUpdater updater = new ProjectRecordUpdater(store);

    ProjectRecord record(@Nullable DeploymentId live) {
        return new ProjectRecord(
                "demo", "https://h/o/r", null, live == null ? null : live.value(), Instant.EPOCH);
    }

    @Test
    void changeIsReappliedToTheFreshRecordWhenAnotherWriterWinsTheRace() throws Exception {
        DeploymentId older = DeploymentId.newId();
        DeploymentId newer = DeploymentId.newId();
        updater.update(demo, current -> Change.put(record(older)));
        // Between this writer's read and write, another writer makes the newer build live.
        store.beforeWrite =
                () -> {
                    store.beforeWrite = () -> {};
                    try {
                        updater.update(demo, current -> Change.put(record(newer)));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                };
        DeploymentId candidate = DeploymentId.of(older.value());
        Optional<ProjectRecord> after =
                updater.update(
                        demo,
                        current ->
                                current.flatMap(ProjectRecord::live)
                                                .filter(live -> live.isNewerThan(candidate))
                                                .isPresent()
                                        ? Change.keep()
                                        : Change.put(record(candidate)));
        assertThat(after.flatMap(ProjectRecord::live)).contains(newer);
        assertThat(updater.read(demo).flatMap(ProjectRecord::live)).contains(newer);
    }

    @Test
    void createFailsOverAnExistingRecordAndRetriesAsAnUpdate() throws Exception {
        DeploymentId first = DeploymentId.newId();
        store.beforeWrite =
                () -> {
                    store.beforeWrite = () -> {};
                    store.write(
                            "projects/demo.json",
                            Json.documents().toJson(record(first)).getBytes(StandardCharsets.UTF_8),
                            null);
                };
        AtomicInteger calls = new AtomicInteger();
        updater.update(
                demo,
                current -> {
                    calls.incrementAndGet();
                    return current.isPresent() ? Change.keep() : Change.put(record(null));
                });
        assertThat(calls).hasValue(2);
        assertThat(updater.read(demo).flatMap(ProjectRecord::live)).contains(first);
    }

    @Test
    void givesUpWithASentenceWhenTheRecordNeverStopsChanging() {
        store.beforeWrite =
                () ->
                        store.objects.put(
                                "projects/demo.json",
                                new ConditionalStore.Versioned(
                                        "{\"project\":\"demo\"}".getBytes(),
                                        "v" + store.versions.incrementAndGet()));
        store.objects.put(
                "projects/demo.json",
                new ConditionalStore.Versioned("{\"project\":\"demo\"}".getBytes(), "v0"));
        assertThatThrownBy(() -> updater.update(demo, current -> Change.put(record(null))))
                .isInstanceOf(ProjectRecordUpdater.ConflictException.class)
                .hasMessageContaining("try again");
    }
}
