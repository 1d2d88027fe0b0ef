package dev.slipway.desktop.domains;

import dev.slipway.core.domain.DomainRecord;
import dev.slipway.core.json.Json;
import dev.slipway.core.project.Slug;
import dev.slipway.core.storage.StorageLayout;
import dev.slipway.desktop.SlipwayException;
import dev.slipway.desktop.backend.Backend;
import dev.slipway.desktop.storage.BucketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Custom domains (contract sections 3 and 4): {@code domains/<host>.json} names the project whose
 * live deployment the proxy serves on that host. After a change, the project's slug is published on
 * {@code slipway:projects}.
 */
public final class DomainService implements Domains {

    private final Supplier<Backend> backends;

    public DomainService(Supplier<Backend> backends) {
        this.backends = backends;
    }

    @Override
    public List<DomainRecord> list(Slug project) {
        Backend backend = backends.get();
        requireProject(backend, project);
        List<DomainRecord> out = new ArrayList<>();
        for (BucketStore.StoredObject o : backend.bucket().list(StorageLayout.DOMAINS)) {
            if (StorageLayout.hostOfDomainKey(o.key()).isEmpty()) {
                continue;
            }
            read(backend, o.key())
                    .filter(d -> d.project().equals(project.value()))
                    .ifPresent(out::add);
        }
        out.sort((a, b) -> a.host().compareTo(b.host()));
        return out;
    }

    @Override
    public DomainRecord add(Slug project, String rawHost) {
        Backend backend = backends.get();
        String host = host(rawHost);
        requireProject(backend, project);
        String base = backend.config().baseDomain();
        if (host.equals(base) || host.endsWith("." + base)) {
            throw SlipwayException.badInput(
                    host
                            + " is under the base domain "
                            + base
                            + ", whose names are the projects' own; give a domain of yours, such as www.example.com.");
        }
        Optional<DomainRecord> existing = read(backend, StorageLayout.domain(host));
        if (existing.isPresent() && !existing.get().project().equals(project.value())) {
            throw SlipwayException.badInput(
                    host
                            + " belongs to project '"
                            + existing.get().project()
                            + "'; remove it there first with: slipway domains rm "
                            + existing.get().project()
                            + " "
                            + host);
        }
        DomainRecord record = new DomainRecord(host, project.value());
        backend.bucket()
                .putText(
                        StorageLayout.domain(host),
                        Json.documents().toJson(record),
                        "application/json");
        backend.streams().publishProject(project.value());
        return record;
    }

    @Override
    public boolean remove(Slug project, String rawHost) {
        Backend backend = backends.get();
        String host = host(rawHost);
        Optional<DomainRecord> existing = read(backend, StorageLayout.domain(host));
        if (existing.isEmpty() || !existing.get().project().equals(project.value())) {
            return false;
        }
        backend.bucket().delete(List.of(StorageLayout.domain(host)));
        backend.streams().publishProject(project.value());
        return true;
    }

    private static String host(String raw) {
        try {
            return DomainRecord.normalizeHost(raw);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.badInput(e.getMessage());
        }
    }

    private static Optional<DomainRecord> read(Backend backend, String key) {
        return backend.bucket()
                .text(key)
                .map(json -> Json.documents().fromJson(json, DomainRecord.class));
    }

    private static void requireProject(Backend backend, Slug project) {
        if (backend.bucket().project(project).isEmpty()) {
            throw SlipwayException.badInput(
                    "There is no project '"
                            + project
                            + "'; deploy it first, or see 'slipway list'.");
        }
    }
}
