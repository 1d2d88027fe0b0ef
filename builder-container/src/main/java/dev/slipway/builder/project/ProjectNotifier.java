package dev.slipway.builder.project;

import dev.slipway.core.project.Slug;

/** Tells the proxies that a project's record changed, so they drop their cached pointer. */
public interface ProjectNotifier {

    /** Announces the change; returns false (and never throws) when nobody could be told. */
    boolean projectChanged(Slug project);
}
